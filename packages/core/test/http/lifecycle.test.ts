// The client's lifecycle methods against the strict sandbox: what is sent, what is stored, what the caller gets.
import type { CreatedLink, StoredLink } from '@links/core';
import { DEVREV_SEED_LINKS, SEED } from '@links/sandbox';
import { CREATE_ROUTE, failure, inputs, PROVIDERS, type ProviderKey, sandboxClient, sent, stored, useSandbox } from './sandbox-fixture.js';

const ctx = useSandbox();
const T = SEED.yandexTracker.entities;
const OT = SEED.onetrust;

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The list query that shows the create input's link, per provider. */
const LIST_OF_SOURCE = {
  devrev: { object: 'ISS-1', direction: 'is_source' },
  'yandex-tracker': { entityType: 'project', entityId: T.websiteRedesign.id },
  onetrust: { entityType: 'aisystems', entityId: OT.entities.supportAssistant.id },
} as const;
const FIND = {
  devrev: { object: 'ISS-2', otherObject: 'ISS-1' },
  'yandex-tracker': { entityType: 'project', entityId: T.websiteRedesign.id, linkedEntityId: String(T.paymentsMigration.shortId) },
  onetrust: { entityType: 'models', entityId: OT.entities.intentClassifier.id, otherEntityId: OT.entities.supportAssistant.id },
} as const;
const ROUTE = (provider: ProviderKey, op: 'list' | 'get' | 'delete') => `${CREATE_ROUTE[provider].split('.')[0]}.${op}`;

describe.each(PROVIDERS)('%s lifecycle', (provider) => {
  it('create, list, get, find, delete, and the link is gone', async () => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    const [created] = await client.createLink(inputs[provider]);
    expect(created).toMatchObject({ created: true, ref: expect.any(Object) });

    const listed = await all(client.listLinks(LIST_OF_SOURCE[provider]));
    const mine = listed.filter((link) => JSON.stringify(link.ref) === JSON.stringify(created!.ref));
    expect(mine).toHaveLength(1);

    const got = await client.getLink(created!.ref);
    expect(got).toMatchObject({ linkType: mine[0]!.linkType, ref: created!.ref });

    const found = await client.findLinks(FIND[provider]);
    expect(found.map((link) => link.ref)).toContainEqual(created!.ref);

    await expect(client.deleteLink(created!.ref)).resolves.toEqual({ deleted: true, ref: created!.ref });
    expect(stored(ctx.sandbox, provider)).toBe(0);
    expect(await failure(client.getLink(created!.ref))).toMatchObject({ kind: 'not_found', isRetryable: false });
    const again = await failure(client.deleteLink(created!.ref));
    expect(again).toMatchObject({ kind: 'not_found' });
    await expect(client.deleteLink(created!.ref, { missingOk: true })).resolves.toEqual({ deleted: false, ref: created!.ref });
  });

  it('skip: the second run sends no create and returns the existing link', async () => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    const [first] = await client.createLink(inputs[provider], { ifExists: 'skip' });
    const [second] = await client.createLink(inputs[provider], { ifExists: 'skip' });
    expect([first!.created, second!.created]).toEqual([true, false]);
    expect(second!.ref).toEqual(first!.ref);
    expect(sent(ctx.sandbox, CREATE_ROUTE[provider])).toBe(1);
    expect(stored(ctx.sandbox, provider)).toBe(1);
  });

  it('two identical inputs in one batch: one create, one skip', async () => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    const results = await client.createLinks([inputs[provider], inputs[provider]], { ifExists: 'skip' });
    const links = results.map((r) => (r as PromiseFulfilledResult<CreatedLink[]>).value[0]!);
    expect(links.map((l) => l.created)).toEqual([true, false]);
    expect(links[1]!.ref).toEqual(links[0]!.ref);
    expect(stored(ctx.sandbox, provider)).toBe(1);
    expect(sent(ctx.sandbox, ROUTE(provider, 'list'))).toBe(1);
  });

  it('skip finds a link someone else made meanwhile', async () => {
    const other = sandboxClient(ctx.sandbox, provider).client;
    const [theirs] = await other.createLink(inputs[provider]);
    const { client } = sandboxClient(ctx.sandbox, provider);
    const [mine] = await client.createLink(inputs[provider], { ifExists: 'skip' });
    expect(mine).toMatchObject({ created: false, ref: theirs!.ref });
    expect(stored(ctx.sandbox, provider)).toBe(1);
  });

  it('"stored, then 500", then a re-run with skip: no duplicate', async () => {
    ctx.sandbox.state.addFaults({ route: CREATE_ROUTE[provider], storeThen500: true });
    const { client } = sandboxClient(ctx.sandbox, provider);
    const error = await failure(client.createLink(inputs[provider], { ifExists: 'skip' }));
    expect(error).toMatchObject({ kind: 'server', status: 500, isRetryable: false });
    expect(stored(ctx.sandbox, provider)).toBe(1);
    const [rerun] = await client.createLink(inputs[provider], { ifExists: 'skip' });
    expect(rerun!.created).toBe(false);
    expect(stored(ctx.sandbox, provider)).toBe(1);
    expect(sent(ctx.sandbox, CREATE_ROUTE[provider])).toBe(1);
  });

  it('fail: an existing link is a conflict naming it, and nothing is sent', async () => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    const [link] = await client.createLink(inputs[provider]);
    const error = await failure(client.createLink(inputs[provider], { ifExists: 'fail' }));
    expect(error).toMatchObject({ name: 'LinkExistsError', kind: 'conflict', existing: { ref: link!.ref } });
    expect(error.message).toContain('nothing was sent for this input');
    expect(sent(ctx.sandbox, CREATE_ROUTE[provider])).toBe(1);
  });

  it('a list is re-sent after a 429 and the retried page is read once', async () => {
    ctx.sandbox.state.addFaults({ route: ROUTE(provider, 'list') as never, status: 429, retryAfter: 1 });
    const { client, waits } = sandboxClient(ctx.sandbox, provider);
    await client.createLink(inputs[provider]);
    const listed = await all(client.listLinks(LIST_OF_SOURCE[provider]));
    expect(listed.filter((link) => link.ref && stored(ctx.sandbox, provider) === 1).length).toBeGreaterThan(0);
    expect(waits).toEqual([1000]);
  });
});

describe('paging against the sandbox', () => {
  it('DevRev: every page of ISS-80\'s links, 50 a page, and no request after the last', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'devrev');
    const links = await all(client.listLinks({ object: 'ISS-80' }));
    const expected = DEVREV_SEED_LINKS.filter(([, source, target]) => source === 'ISS-80' || target === 'ISS-80').length;
    expect(expected).toBeGreaterThan(100);
    expect(links).toHaveLength(expected);
    expect(new Set(links.map((l) => l.id)).size).toBe(expected);
    expect(sent(ctx.sandbox, 'devrev.list')).toBe(Math.ceil(expected / 50));
  });

  it('DevRev: limit stops early', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'devrev');
    const pages = await all(client.listLinks({ object: 'ISS-80' }, { limit: 60 }).pages());
    expect(pages.map((p) => p.length)).toEqual([50, 10]);
    expect(sent(ctx.sandbox, 'devrev.list')).toBe(2);
  });

  it('OneTrust: the links pages of an entity with more than 50 links', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'onetrust');
    const entity = OT.entities.enterpriseKnowledgeAssistant;
    const links = await all(client.listLinks({ entityType: 'aisystems', entityId: entity.id }));
    expect(links.length).toBeGreaterThan(50);
    expect(new Set(links.map((l) => l.id)).size).toBe(links.length);
    expect(links.every((l) => l.source.id === entity.id && l.ref!.linkTypeId)).toBe(true);
    expect(sent(ctx.sandbox, 'onetrust.list')).toBe(Math.ceil(links.length / 50));
  });

  it('Tracker: the entity\'s links in one request, both directions, each read from the entity', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker');
    await client.createLink({ entityType: 'project', entityId: T.paymentsMigration.id, links: [{ relationship: 'depends on', entity: T.websiteRedesign.id }] });
    const links = await all(client.listLinks({ entityType: 'project', entityId: T.websiteRedesign.id }));
    expect(links.map((l) => [l.linkType, l.target.id, l.target.displayId])).toEqual([['is dependent by', T.paymentsMigration.id, String(T.paymentsMigration.shortId)]]);
    expect(sent(ctx.sandbox, 'tracker.list')).toBe(1);
  });
});

describe('skip in bulk', () => {
  it('Yandex Tracker: one GET per source entity for any number of its links, one POST with the missing ones', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker');
    const targets = [T.paymentsMigration, T.mobileOffline, T.reduceChurn, T.launchEu, T.uptime];
    await client.createLink({ entityType: 'project', entityId: T.websiteRedesign.id, links: [{ relationship: 'relates', entity: targets[0]!.id }, { relationship: 'relates', entity: targets[1]!.id }] });
    const before = sent(ctx.sandbox, 'tracker.create');
    const results = await client.createLinks(
      targets.map((t) => ({ entityType: 'project', entityId: T.websiteRedesign.id, links: [{ relationship: 'relates', entity: String(t.shortId) }] })),
      { ifExists: 'skip' },
    );
    expect(results.map((r) => (r as PromiseFulfilledResult<CreatedLink[]>).value[0]!.created)).toEqual([false, false, true, true, true]);
    expect(sent(ctx.sandbox, 'tracker.list')).toBe(1);
    expect(sent(ctx.sandbox, 'tracker.create') - before).toBe(1);
    expect(stored(ctx.sandbox, 'yandex-tracker')).toBe(5);
  });

  it('DevRev: one list of each source (all its pages) for many inputs', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'devrev', { concurrency: 4 });
    const targets = ['ISS-6', 'ISS-12', 'TKT-9', 'TKT-40', 'ISS-79'];
    for (const target of targets) expect(DEVREV_SEED_LINKS).toContainEqual(['is_related_to', 'ISS-80', target]);
    const results = await client.createLinks(
      [...targets.map((t) => ({ source: 'ISS-80', linkType: 'is_related_to', target: t })), { source: 'ISS-80', linkType: 'imports', target: 'ISS-2' }],
      { ifExists: 'skip' },
    );
    expect(results.map((r) => (r as PromiseFulfilledResult<CreatedLink[]>).value[0]!.created)).toEqual([false, false, false, false, false, true]);
    expect(sent(ctx.sandbox, 'devrev.list')).toBe(3);
    expect(sent(ctx.sandbox, 'devrev.create')).toBe(1);
  });
});

describe('invalid input sends nothing', () => {
  it.each([
    ['devrev', (c: ReturnType<typeof sandboxClient>['client']) => c.getLink({ id: 'x y' }), 'id'],
    ['devrev', (c: ReturnType<typeof sandboxClient>['client']) => c.deleteLink({}), 'id'],
    ['devrev', (c: ReturnType<typeof sandboxClient>['client']) => c.findLinks({ object: 'ISS-1', otherObject: '' }), 'otherObject'],
    ['onetrust', (c: ReturnType<typeof sandboxClient>['client']) => c.getLink({ linkId: 'nope', linkTypeId: 'x' }), 'linkId'],
    ['yandex-tracker', (c: ReturnType<typeof sandboxClient>['client']) => c.deleteLink({ entityType: 'project', entityId: 'a', linkedEntityId: '..' }), 'linkedEntityId'],
    ['devrev', (c: ReturnType<typeof sandboxClient>['client']) => c.createLink(inputs.devrev, { ifExists: 'maybe' as never }), 'ifExists'],
  ] as const)('%s %#', async (provider, call, field) => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    expect(await failure(call(client))).toMatchObject({ kind: 'input', field });
    expect(ctx.sandbox.state.snapshot().requests.total).toBe(0);
  });

  it('listLinks refuses bad input and a bad limit at once, before any request', () => {
    const { client } = sandboxClient(ctx.sandbox, 'devrev');
    expect(() => client.listLinks({ object: '' })).toThrow(expect.objectContaining({ kind: 'input', field: 'object' }));
    expect(() => client.listLinks({ object: 'ISS-1' }, { limit: 0 })).toThrow(expect.objectContaining({ kind: 'input', field: 'limit' }));
    expect(ctx.sandbox.state.snapshot().requests.total).toBe(0);
  });
});

describe('StoredLink refs are what get and delete take', () => {
  it.each(PROVIDERS)('%s: a listed link can be fetched and deleted by its ref', async (provider) => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    await client.createLink(inputs[provider]);
    const [link] = (await all(client.listLinks(LIST_OF_SOURCE[provider]))) as StoredLink[];
    await expect(client.getLink(link!.ref)).resolves.toMatchObject({ ref: link!.ref });
    await client.deleteLink(link!.ref);
    expect(sent(ctx.sandbox, ROUTE(provider, 'delete'))).toBe(1);
  });
});
