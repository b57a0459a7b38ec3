// Create (If Already Linked), Get, Get Many and Delete of the built nodes against the strict sandbox: the
// request on the wire, the output items, paging and Limit, missing links, and API errors as n8n shows them.
import { SANDBOX_LINK_CREDENTIALS, SANDBOX_LINK_INPUTS, SEED, type Sandbox, startSandbox } from '@links/sandbox';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { fakeContext, loadNode } from '../../src/n8n/fake-context.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.state.reset());
afterAll(() => sandbox.close());

const T = SEED.yandexTracker.entities;
const OT = SEED.onetrust.entities;

const CASES = [
  {
    name: 'DevRev',
    credentialType: 'devRevApi',
    credentials: SANDBOX_LINK_CREDENTIALS.devrev,
    store: 'devrev',
    route: 'devrev',
    create: SANDBOX_LINK_INPUTS.devrev,
    list: { object: 'ISS-1' },
    missing: { id: 'don:core:dvrv-us-1:devo/demo:link/999999' },
  },
  {
    name: 'YandexTracker',
    credentialType: 'yandexTrackerApi',
    credentials: SANDBOX_LINK_CREDENTIALS['yandex-tracker'],
    store: 'yandexTracker',
    route: 'tracker',
    create: { ...SANDBOX_LINK_INPUTS['yandex-tracker'], links: { values: SANDBOX_LINK_INPUTS['yandex-tracker'].links } },
    list: { entityType: 'project', entityId: T.websiteRedesign.id },
    missing: { entityType: 'project', entityId: T.websiteRedesign.id, linkedEntityId: T.reduceChurn.id },
  },
  {
    name: 'OneTrust',
    credentialType: 'oneTrustApi',
    credentials: SANDBOX_LINK_CREDENTIALS.onetrust,
    store: 'onetrust',
    route: 'onetrust',
    create: SANDBOX_LINK_INPUTS.onetrust,
    list: { entityType: 'aisystems', entityId: OT.supportAssistant.id },
    missing: { linkId: '00000000-0000-4000-8000-000000000001', linkTypeId: SEED.onetrust.linkTypes.aiSystemComposition.id },
  },
] as const;

type Failure = Error & { description?: string; httpCode?: string; context?: { itemIndex?: number } };

async function run(c: (typeof CASES)[number], operation: string, items: Record<string, unknown>[], continueOnFail = false) {
  const fake = fakeContext({
    items: items.map((item) => ({ resource: 'link', operation, ...item })),
    credentialType: c.credentialType,
    credentials: { ...c.credentials, baseUrl: sandbox.url },
    continueOnFail,
  });
  const node = loadNode(c.name);
  const outcome: { output?: INodeExecutionData[]; error?: Failure } = await node.execute.call(fake.context as unknown as IExecuteFunctions).then(
    (output) => ({ output: output[0]! }),
    (error: unknown) => ({ error: error as Failure }),
  );
  return { ...fake, ...outcome, json: (outcome.output ?? []).map((item) => item.json) };
}

const snapshot = () => sandbox.state.snapshot();
const sent = (route: string) => (snapshot().requests.byRoute as Record<string, number>)[route] ?? 0;

describe.each(CASES.map((c) => [c.name, c] as const))('%s operations', (_name, c) => {
  const stored = () => snapshot().links[c.store].length;

  it('Create with If Already Linked "Skip", run twice: the second run creates nothing and outputs the existing link with created = false', async () => {
    const first = await run(c, 'create', [{ ...c.create, ifExists: 'skip' }]);
    expect(first.error).toBeUndefined();
    expect(first.json).toEqual([expect.objectContaining({ created: true, ref: expect.any(Object) })]);
    const second = await run(c, 'create', [{ ...c.create, ifExists: 'skip' }]);
    expect(second.output).toEqual([{ json: expect.objectContaining({ created: false, ref: first.json[0]!.ref }), pairedItem: { item: 0 } }]);
    expect(sent(`${c.route}.create`)).toBe(1);
    expect(stored()).toBe(1);
  });

  it('Create with "Fail" on an existing link: the error names it, and no second create is sent', async () => {
    await run(c, 'create', [c.create]);
    const { error } = await run(c, 'create', [{ ...c.create, ifExists: 'fail' }]);
    expect(error!.message).toMatch(/already has this link: .*nothing was sent for this input/);
    expect(error!.description).toMatch(/If Already Linked is "Fail"/);
    expect(sent(`${c.route}.create`)).toBe(1);
  });

  it('Get: the link by what a create output as its ref', async () => {
    const created = await run(c, 'create', [c.create]);
    const ref = created.json[0]!.ref as IDataObject;
    const { json, error } = await run(c, 'get', [ref]);
    expect(error).toBeUndefined();
    expect(json).toEqual([expect.objectContaining({ ref, linkType: created.json[0]!.linkType })]);
  });

  it('Get of a link that does not exist: a not-found error on the item', async () => {
    const { error, json } = await run(c, 'get', [c.missing, c.missing], true);
    expect(error).toBeUndefined();
    expect(json).toHaveLength(2);
    expect(json[0]).toEqual({ error: expect.stringMatching(/not found|no such link|has no link/i), description: expect.stringMatching(/does not exist/) });
  });

  it('Get Many: the created link among the record\'s links; Limit 1 outputs one item', async () => {
    const created = await run(c, 'create', [c.create]);
    const all = await run(c, 'getAll', [{ ...c.list, returnAll: true }]);
    expect(all.error).toBeUndefined();
    expect(all.json.map((link) => link.ref)).toContainEqual(created.json[0]!.ref);
    expect(all.output!.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
    const one = await run(c, 'getAll', [{ ...c.list, returnAll: false, limit: 1 }]);
    expect(one.json).toHaveLength(1);
  });

  it('Delete: deleted = true; again: the not-found error, or deleted = false with If Link Is Missing "Count as Success"', async () => {
    const created = await run(c, 'create', [c.create]);
    const ref = created.json[0]!.ref as IDataObject;
    const deleted = await run(c, 'delete', [ref]);
    expect(deleted.json).toEqual([{ deleted: true, ref }]);
    expect(stored()).toBe(0);
    const again = await run(c, 'delete', [ref]);
    expect(again.error!.description).toMatch(/If Link Is Missing to "Count as Success"/);
    const tolerated = await run(c, 'delete', [{ ...ref, ifMissing: 'succeed' }]);
    expect(tolerated.json).toEqual([{ deleted: false, ref }]);
  });

  it('an API error (500) on Get Many and on Delete says what the request may have done', async () => {
    sandbox.state.addFaults({ route: `${c.route}.list` as never, status: 500 });
    const list = await run(c, 'getAll', [{ ...c.list, returnAll: true }]);
    expect(list.error!.httpCode).toBe('500');
    expect(list.error!.description).toMatch(/Reading changes nothing/);
    const created = await run(c, 'create', [c.create]);
    sandbox.state.addFaults({ route: `${c.route}.delete` as never, status: 500 });
    const removed = await run(c, 'delete', [created.json[0]!.ref as IDataObject]);
    expect(removed.error!.httpCode).toBe('500');
    expect(removed.error!.description).toMatch(/may or may not have been deleted/);
  });

  it('bad input on one item sends nothing for any item', async () => {
    const { error } = await run(c, 'get', [c.missing, Object.fromEntries(Object.keys(c.missing).map((key) => [key, '']))]);
    expect(error!.context?.itemIndex).toBe(1);
    expect(snapshot().requests.total).toBe(0);
  });
});

describe('DevRev Get Many paging', () => {
  const c = CASES[0];
  const bulk = { object: 'ISS-80', direction: 'is_source' };

  it('Return All reads every page (121 links, 50 a page): three links.list requests, one item per link', async () => {
    const { json, wire } = await run(c, 'getAll', [{ ...bulk, returnAll: true }]);
    expect(json).toHaveLength(121);
    expect(new Set(json.map((link) => (link.ref as IDataObject).id)).size).toBe(121);
    const lists = wire.filter((request) => request.url.endsWith('/links.list'));
    expect(lists).toHaveLength(3);
    expect(JSON.parse(lists[1]!.body!)).toMatchObject({ object: 'ISS-80', cursor: expect.any(String) });
  });

  it('Limit stops early: 60 links from two pages, and no third request', async () => {
    const { json, wire } = await run(c, 'getAll', [{ ...bulk, returnAll: false, limit: 60 }]);
    expect(json).toHaveLength(60);
    expect(wire.filter((request) => request.url.endsWith('/links.list'))).toHaveLength(2);
  });

  it('a Limit of 0 is an error naming Limit, before any request', async () => {
    const { error, wire } = await run(c, 'getAll', [{ ...bulk, returnAll: false, limit: 0 }]);
    expect(error!.message).toMatch(/Limit/);
    expect(wire).toHaveLength(0);
  });
});
