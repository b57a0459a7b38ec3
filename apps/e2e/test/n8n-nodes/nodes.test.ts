import { devrev, onetrust, yandexTracker } from '@links/core';
import { DEVREV_CUSTOM_LINK_TYPES, SANDBOX_CREDENTIALS as C, SEED, type Sandbox, startSandbox } from '@links/sandbox';
import type { IExecuteFunctions, ILoadOptionsFunctions, INodeExecutionData } from 'n8n-workflow';
import { fakeContext, type FakeOptions, loadCredential, loadNode } from '../../src/n8n/fake-context.js';

// The built nodes and credentials (dist), as n8n loads them.
const DevRev = class { constructor() { return loadNode('DevRev'); } } as unknown as new () => ReturnType<typeof loadNode>;
const OneTrust = class { constructor() { return loadNode('OneTrust'); } } as unknown as new () => ReturnType<typeof loadNode>;
const YandexTracker = class { constructor() { return loadNode('YandexTracker'); } } as unknown as new () => ReturnType<typeof loadNode>;
const DevRevApi = class { constructor() { return loadCredential('DevRevApi'); } } as unknown as new () => ReturnType<typeof loadCredential>;
const YandexTrackerApi = class { constructor() { return loadCredential('YandexTrackerApi'); } } as unknown as new () => ReturnType<typeof loadCredential>;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.state.reset());
afterAll(() => sandbox.close());

const T = SEED.yandexTracker.entities;
const OT = SEED.onetrust;
const devrevCredentials = () => ({ token: C.devrev.token, baseUrl: sandbox.url });
const trackerCredentials = () => ({ tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url });
const onetrustCredentials = () => ({ ...C.onetrust, baseUrl: sandbox.url });
const base = { resource: 'link', operation: 'create' };
const trackerItem = (entityId: string, targets: string[], relationship = 'relates') => ({
  ...base,
  entityType: 'project',
  entityId,
  links: { values: targets.map((entity) => ({ relationship, entity })) },
});
const onetrustItem = { ...base, linkTypeId: OT.linkTypes.aiSystemComposition.id, entity1Type: 'aisystems', entity1Id: OT.entities.supportAssistant.id, entity2Type: 'models', entity2Id: OT.entities.intentClassifier.id };

type NodeClass = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> };
type NodeFailure = Error & { httpCode?: string; description?: string; context?: { itemIndex?: number } };
async function run(node: NodeClass, options: FakeOptions) {
  const fake = fakeContext(options);
  const outcome: { output?: INodeExecutionData[]; error?: NodeFailure } = await node.execute.call(fake.context as unknown as IExecuteFunctions).then(
    (output) => ({ output: output[0]! }),
    (error: unknown) => ({ error: error as NodeFailure }),
  );
  return { ...fake, ...outcome };
}
const stored = (api: 'devrev' | 'yandexTracker' | 'onetrust') => sandbox.state.snapshot().links[api].length;

describe('the request handed to n8n', () => {
  it('DevRev: POST links.create through the devRevApi credential', async () => {
    const link = { id: 'don:l/1', link_type: 'is_related_to', source: { id: 'don:a' }, target: { id: 'don:b' } };
    const { calls, output } = await run(new DevRev(), {
      items: [{ ...base, source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' }],
      credentialType: 'devRevApi',
      credentials: { token: 'secret-token' },
      respond: () => ({ statusCode: 201, body: { link } }),
    });
    expect(calls).toEqual([
      {
        credentialType: 'devRevApi',
        options: expect.objectContaining({
          method: 'POST',
          url: 'https://api.devrev.ai/links.create',
          body: { source: 'ISS-1', target: 'ISS-2', link_type: 'is_related_to' },
          json: true,
          returnFullResponse: true,
        }),
      },
    ]);
    expect(output).toEqual([{ json: expect.objectContaining({ provider: 'devrev', id: 'don:l/1', linkTypeLabel: 'is related to' }), pairedItem: { item: 0 } }]);
  });

  it('Yandex Tracker: items from one entity as ONE array POST through the yandexTrackerApi credential, results per item', async () => {
    const { calls, output } = await run(new YandexTracker(), {
      items: [trackerItem(T.websiteRedesign.id, [T.paymentsMigration.id]), trackerItem(T.websiteRedesign.id, [T.reduceChurn.id, T.launchEu.id], 'depends on')],
      credentialType: 'yandexTrackerApi',
      credentials: { tokenKind: 'oauth', token: 'secret-token', orgKind: 'yandex360', orgId: 'org-1' },
      respond: () => ({ statusCode: 200, body: '' }),
    });
    expect(calls).toEqual([
      {
        credentialType: 'yandexTrackerApi',
        options: expect.objectContaining({
          method: 'POST',
          url: `https://api.tracker.yandex.net/v2/entities/project/${T.websiteRedesign.id}/links`,
          body: [
            { relationship: 'relates', entity: T.paymentsMigration.id },
            { relationship: 'depends on', entity: T.reduceChurn.id },
            { relationship: 'depends on', entity: T.launchEu.id },
          ],
          json: true,
          returnFullResponse: true,
          ignoreHttpStatusErrors: true,
        }),
      },
    ]);
    expect(output!.map((item) => [item.pairedItem, item.json.linkType, (item.json.target as { id: string }).id])).toEqual([
      [{ item: 0 }, 'relates', T.paymentsMigration.id],
      [{ item: 1 }, 'depends on', T.reduceChurn.id],
      [{ item: 1 }, 'depends on', T.launchEu.id],
    ]);
  });

  it('OneTrust: the link type in the query, advanced fields from Additional Fields', async () => {
    const { calls } = await run(new OneTrust(), {
      items: [{ ...onetrustItem, additionalFields: { entity1TypeId: OT.entityTypes.aisystems.id, attributes: '{"notes":[{"value":"x"}]}' } }],
      credentialType: 'oneTrustApi',
      credentials: { ...C.onetrust },
      respond: () => ({ statusCode: 200, body: { id: 'l1', linkType: { name: 'x' }, entity1: { id: OT.entities.supportAssistant.id }, entity2: { id: OT.entities.intentClassifier.id } } }),
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.credentialType).toBe('oneTrustApi');
    expect(calls[0]!.options).toMatchObject({
      method: 'POST',
      url: `https://sandbox.onetrust.test/api/ai-governance/v1/links?linkTypeId=${OT.linkTypes.aiSystemComposition.id}`,
      json: true,
      body: {
        entity1: { id: OT.entities.supportAssistant.id, entityType: { id: OT.entityTypes.aisystems.id, name: 'aisystems' } },
        entity2: { id: OT.entities.intentClassifier.id, entityType: { name: 'models' } },
        attributes: { notes: [{ value: 'x' }] },
      },
    });
  });
});

describe('against the sandbox', () => {
  it('creates DevRev links, one output item per input item, paired', async () => {
    const { output } = await run(new DevRev(), {
      items: [
        { ...base, source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' },
        { ...base, source: 'TKT-1', linkType: 'is_dependent_on', target: 'ISS-3' },
      ],
      credentialType: 'devRevApi',
      credentials: devrevCredentials(),
    });
    expect(output!.map((item) => [item.pairedItem, item.json.linkType, (item.json.target as { displayId: string }).displayId])).toEqual([
      [{ item: 0 }, 'is_related_to', 'ISS-2'],
      [{ item: 1 }, 'is_dependent_on', 'ISS-3'],
    ]);
    expect(stored('devrev')).toBe(2);
  });

  it('sends Tracker items that start from the same entity as one array request, results per item', async () => {
    const { calls, output } = await run(new YandexTracker(), {
      items: [
        trackerItem(T.websiteRedesign.id, [T.paymentsMigration.id]),
        trackerItem(T.mobileOffline.id, [T.paymentsMigration.id]),
        trackerItem(T.websiteRedesign.id, [T.reduceChurn.id, T.launchEu.id], 'depends on'),
      ],
      credentialType: 'yandexTrackerApi',
      credentials: trackerCredentials(),
    });
    expect(calls.map((c) => c.options.url)).toEqual([
      `${sandbox.url}/v2/entities/project/${T.websiteRedesign.id}/links`,
      `${sandbox.url}/v2/entities/project/${T.mobileOffline.id}/links`,
    ]);
    expect(calls[0]!.options.body).toHaveLength(3);
    expect(output!.map((item) => [item.pairedItem, (item.json.target as { id: string }).id])).toEqual([
      [{ item: 0 }, T.paymentsMigration.id],
      [{ item: 1 }, T.paymentsMigration.id],
      [{ item: 2 }, T.reduceChurn.id],
      [{ item: 2 }, T.launchEu.id],
    ]);
    expect(stored('yandexTracker')).toBe(4);
  });

  it('creates a OneTrust link with a client-credentials token, and fetches a new token once on 401', async () => {
    const fake = fakeContext({ items: [onetrustItem], credentialType: 'oneTrustApi', credentials: onetrustCredentials() });
    const execute = () => new OneTrust().execute.call(fake.context as unknown as IExecuteFunctions);
    expect((await execute())[0]![0]!.json).toMatchObject({ provider: 'onetrust', linkTypeLabel: 'is composed of' });
    sandbox.state.expireTokens();
    expect((await execute())[0]![0]!.json).toMatchObject({ provider: 'onetrust' });
    expect(fake.tokenCalls.count).toBe(2);
    expect(stored('onetrust')).toBe(2);
  });

  it('loads DevRev custom link types for the dropdown', async () => {
    const fake = fakeContext({ items: [], credentialType: 'devRevApi', credentials: devrevCredentials() });
    const options = await new DevRev().methods!.loadOptions!.devrev_customLinkTypes!.call(fake.context as unknown as ILoadOptionsFunctions);
    expect(options.map((o) => o.name)).toEqual(DEVREV_CUSTOM_LINK_TYPES.map((type) => type.name));
    expect(options[0]!.value).toBe(SEED.devrev.customLinkTypes.blocks.id);
  });
});

describe('errors', () => {
  const devrevRun = (items: Record<string, unknown>[], extra: Partial<FakeOptions> = {}) =>
    run(new DevRev(), { items, credentialType: 'devRevApi', credentials: devrevCredentials(), ...extra });
  const item = (target = 'ISS-2') => ({ ...base, source: 'ISS-1', linkType: 'is_related_to', target });

  it('invalid input: NodeOperationError naming the field, with the item index, nothing sent', async () => {
    const { error, calls } = await devrevRun([item(), { ...base, linkType: 'is_related_to', target: 'ISS-2' }]);
    expect(error!.name).toBe('NodeOperationError');
    expect(error!.message).toBe('Source ID (source) is required');
    expect(error!.context?.itemIndex).toBe(1);
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['401', { credentials: { token: 'wrong-canary-token', baseUrl: '' } }, '401', /DevRev returned HTTP 401: /, /did not accept the credential/],
    ['404', {}, '404', /DevRev returned HTTP 404: .*NOPE-9/, /does not exist/],
  ])('%s: NodeApiError with the API message, HTTP code and what to do', async (_name, extra, httpCode, message, description) => {
    const credentials = 'credentials' in extra ? { ...extra.credentials, baseUrl: sandbox.url } : devrevCredentials();
    const { error } = await devrevRun([item(httpCode === '404' ? 'NOPE-9' : 'ISS-2')], { credentials });
    expect(error!.name).toBe('NodeApiError');
    expect(error!.httpCode).toBe(httpCode);
    expect(error!.message).toMatch(message);
    expect(error!.description).toMatch(description);
    expect(JSON.stringify(error)).not.toContain('wrong-canary-token');
  });

  it('400 from the API (a DevRev constraint)', async () => {
    await devrevRun([{ ...base, source: 'ISS-1', linkType: 'is_parent_of', target: 'ISS-3' }]);
    const { error } = await devrevRun([{ ...base, source: 'ISS-2', linkType: 'is_parent_of', target: 'ISS-3' }]);
    expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
    expect(error!.description).toMatch(/rejected the values/);
  });

  it('422 from Tracker', async () => {
    const { error } = await run(new YandexTracker(), {
      items: [trackerItem(T.websiteRedesign.id, [T.paymentsMigration.id], 'no such relationship')],
      credentialType: 'yandexTrackerApi',
      credentials: trackerCredentials(),
    });
    expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
  });

  it('429 is re-sent after Retry-After and the link is stored once', async () => {
    sandbox.state.addFaults({ route: 'devrev.create', status: 429, retryAfter: 0 });
    const { output, calls } = await devrevRun([item()]);
    expect(output).toHaveLength(1);
    expect(calls).toHaveLength(2);
    expect(stored('devrev')).toBe(1);
  });

  it('429 that persists reaches n8n as NodeApiError 429 (the signal for Retry On Fail)', async () => {
    sandbox.state.addFaults({ route: 'devrev.create', status: 429, retryAfter: 0, times: 5 });
    const { error } = await devrevRun([item()]);
    expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '429' });
    expect(error!.description).toMatch(/Retry On Fail/);
    expect(stored('devrev')).toBe(0);
  });

  it.each([
    ['stored, then 500', { storeThen500: true }, /HTTP 500/, 1],
    ['connection reset', { reset: true }, /may or may not have been created/, 0],
  ])('%s: NodeApiError, no second POST', async (_name, fault, message, links) => {
    sandbox.state.addFaults({ route: 'devrev.create', ...fault });
    const { error, calls } = await devrevRun([item()]);
    expect(error!.name).toBe('NodeApiError');
    expect(`${error!.message} ${error!.description}`).toMatch(message);
    expect(calls).toHaveLength(1);
    expect(stored('devrev')).toBe(links);
  });

  it('continueOnFail: errors become items and the rest goes on', async () => {
    const { output } = await devrevRun([item('ISS-2'), { ...base, source: 'ISS-1', linkType: 'nope', target: 'ISS-3' }, item('NOPE-1'), item('ISS-4')], { continueOnFail: true });
    expect(output!.map((o) => [o.pairedItem, o.json.error ?? o.json.linkType])).toEqual([
      [{ item: 0 }, 'is_related_to'],
      [{ item: 1 }, expect.stringMatching(/^Link Type \(linkType\) must be one of/)],
      [{ item: 2 }, expect.stringMatching(/^DevRev returned HTTP 404/)],
      [{ item: 3 }, 'is_related_to'],
    ]);
    expect(stored('devrev')).toBe(2);
  });

  it('a hostile OneTrust host name is refused before any request (no client secret sent anywhere)', async () => {
    const { error, calls, tokenCalls } = await run(new OneTrust(), {
      items: [onetrustItem],
      credentialType: 'oneTrustApi',
      credentials: { ...C.onetrust, hostname: 'evil.example/' },
    });
    expect(error!.message).toMatch(/Host Name \(hostname\) must be a bare host name/);
    expect(calls).toHaveLength(0);
    expect(tokenCalls.count).toBe(0);
  });
});

describe('credentials', () => {
  it.each([
    ['oauth', 'yandex360'],
    ['oauth', 'cloud'],
    ['iam', 'yandex360'],
    ['iam', 'cloud'],
  ])('Tracker %s / %s: n8n authenticates exactly as core does', async (tokenKind, orgKind) => {
    const data = { tokenKind, token: 't0k', orgKind, orgId: 'org-1' };
    const signed = await (new YandexTrackerApi().authenticate as (c: object, o: object) => Promise<{ headers: object }>)(data, { headers: { Accept: 'x' } });
    const expected = yandexTracker.auth.type === 'headers' && yandexTracker.auth.headers(yandexTracker.validateCredentials(data));
    expect(signed.headers).toEqual({ Accept: 'x', ...expected });
  });

  it('DevRev authenticates as core does', async () => {
    const credential = new DevRevApi();
    const signed = await (credential.authenticate as (c: object, o: object) => Promise<{ headers: object }>)({ token: 'abc' }, {});
    expect(signed.headers).toEqual(devrev.auth.type === 'headers' && devrev.auth.headers({ token: 'abc' }));
  });

  it('credential fields come from core, secrets as passwords', () => {
    const names = new YandexTrackerApi().properties.map((p) => [p.name, p.typeOptions?.password ?? false]);
    expect(names).toEqual([...yandexTracker.credentialFields.map((f) => [f.key, f.secret ?? false]), ['baseUrl', false]]);
    expect(onetrust.credentialFields.map((f) => f.key)).toContain('hostname');
  });
});
