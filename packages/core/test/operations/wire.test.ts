// Per provider and operation: the request on the wire, and what core makes of every documented response.
import { devrev, onetrust, sendDeleteLink, sendGetLink, sendListPages, yandexTracker } from '@links/core';
import { collect, inTurn } from './support.js';

const DEVREV = 'https://api.devrev.ai';
const TRACKER = 'https://api.tracker.yandex.net';
const ONETRUST = 'https://app.onetrust.com';

describe('DevRev', () => {
  const { list, get } = devrev.examples;

  it('lists with links.list: object, direction, types, limit, then the cursor of each next page', async () => {
    const { transport, requests } = inTurn(...list.pages);
    const query = devrev.operations.list.validate({ ...list.input, linkTypes: ['is_dependent_on', 'is_related_to'] });
    const pages = await collect(sendListPages(devrev, query, { transport, baseUrl: DEVREV }));
    expect(requests).toEqual([
      { method: 'POST', url: `${DEVREV}/links.list`, headers: { Accept: 'application/json' }, json: { object: 'TKT-1', direction: 'is_source', link_type: ['is_dependent_on', 'is_related_to'], limit: 50 } },
      { method: 'POST', url: `${DEVREV}/links.list`, headers: { Accept: 'application/json' }, json: { object: 'TKT-1', direction: 'is_source', link_type: ['is_dependent_on', 'is_related_to'], limit: 50, cursor: 'eyJvZmZzZXQiOjF9' } },
    ]);
    expect(pages.map((page) => page.map((link) => `${link.source.displayId} ${link.linkTypeLabel} ${link.target.name}`))).toEqual([
      ['TKT-1 is dependent on Checkout fails on Safari 17'],
      ['TKT-1 is related to Saved Cards'],
    ]);
  });

  it('reads a listed link whole: ends with title (work items) or name (parts), the type, the ref', async () => {
    const { transport } = inTurn(list.pages[1]!);
    const link = (await collect(sendListPages(devrev, devrev.operations.list.validate({ object: "TKT-1" }), { transport, baseUrl: DEVREV })))[0]![0];
    expect(link).toEqual({
      provider: 'devrev',
      id: 'don:core:dvrv-us-1:devo/demo:link/43',
      linkType: 'is_related_to',
      linkTypeLabel: 'is related to',
      source: { id: 'don:core:dvrv-us-1:devo/demo:ticket/1', type: 'ticket', name: 'Customer cannot pay with a saved card', displayId: 'TKT-1' },
      target: { id: 'don:core:dvrv-us-1:devo/demo:feature/1', type: 'feature', name: 'Saved Cards', displayId: 'FEAT-1' },
      createdAt: '2026-02-10T13:10:23.267Z',
      raw: (list.pages[1]!.body as { links: unknown[] }).links[0],
      ref: { id: 'don:core:dvrv-us-1:devo/demo:link/43' },
    });
  });

  it('gets with links.get {id} and deletes with links.delete {id}', async () => {
    const got = inTurn(get.response);
    const link = await sendGetLink(devrev, devrev.operations.get.validate(get.input), { transport: got.transport, baseUrl: DEVREV });
    expect(got.requests).toEqual([{ method: 'POST', url: `${DEVREV}/links.get`, headers: { Accept: 'application/json' }, json: { id: 'don:core:dvrv-us-1:devo/demo:link/42' } }]);
    expect(link).toMatchObject({ id: 'don:core:dvrv-us-1:devo/demo:link/42', linkType: 'is_dependent_on', ref: { id: 'don:core:dvrv-us-1:devo/demo:link/42' } });

    const deleted = inTurn(devrev.examples.delete.response);
    const result = await sendDeleteLink(devrev, devrev.operations.delete.validate(devrev.examples.delete.input), { transport: deleted.transport, baseUrl: DEVREV });
    expect(deleted.requests).toEqual([{ method: 'POST', url: `${DEVREV}/links.delete`, headers: { Accept: 'application/json' }, json: { id: 'don:core:dvrv-us-1:devo/demo:link/42' } }]);
    expect(result).toEqual({ deleted: true, ref: { id: 'don:core:dvrv-us-1:devo/demo:link/42' } });
  });

  it('asks for fewer links than a page when the limit is smaller', async () => {
    const { transport, requests } = inTurn(list.pages[0]!);
    const pages = await collect(sendListPages(devrev, devrev.operations.list.validate({ object: 'TKT-1' }), { transport, baseUrl: DEVREV, limit: 1 }));
    expect(requests.map((r) => r.json)).toEqual([{ object: 'TKT-1', limit: 1 }]);
    expect(pages.flat()).toHaveLength(1);
  });
});

describe('Yandex Tracker', () => {
  const { list, get } = yandexTracker.examples;

  it('lists with one GET of the entity\'s links, asking for the linked entities\' id, short id, summary and type', async () => {
    const { transport, requests } = inTurn(...list.pages);
    const pages = await collect(sendListPages(yandexTracker, yandexTracker.operations.list.validate(list.input), { transport, baseUrl: TRACKER }));
    expect(requests).toEqual([
      { method: 'GET', url: `${TRACKER}/v2/entities/project/6582874de6db7f5f12345678/links?fields=id%2CshortId%2Csummary%2CentityType`, headers: { Accept: 'application/json' } },
    ]);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toEqual([
      {
        provider: 'yandex-tracker',
        id: null,
        linkType: 'depends on',
        linkTypeLabel: 'depends on',
        source: { id: '6582874de6db7f5f12345678', type: 'project', name: null, displayId: null },
        target: { id: '65868f3fe2b9ef7412345678', type: 'project', name: 'Payments provider migration', displayId: '2' },
        createdAt: null,
        raw: (list.pages[0]!.body as unknown[])[0],
        ref: { entityType: 'project', entityId: '6582874de6db7f5f12345678', linkedEntityId: '65868f3fe2b9ef7412345678' },
      },
      expect.objectContaining({ linkType: 'is supported by', linkTypeLabel: 'is supported by', target: { id: '65c02337b553e25112345678', type: 'goal', name: 'Reduce churn by 10%', displayId: '20' } }),
    ]);
  });

  it('gets the link between two entities from the first one\'s links, by id or short id', async () => {
    for (const linkedEntityId of ['65868f3fe2b9ef7412345678', '2']) {
      const { transport, requests } = inTurn(get.response);
      const link = await sendGetLink(yandexTracker, yandexTracker.operations.get.validate({ ...get.input, linkedEntityId }), { transport, baseUrl: TRACKER });
      expect(requests).toHaveLength(1);
      expect(requests[0]!.method).toBe('GET');
      expect(link).toMatchObject({ linkType: 'depends on', target: { id: '65868f3fe2b9ef7412345678' } });
    }
  });

  it('says clearly that there is no link when the entity has none to the other', async () => {
    const { transport } = inTurn({ status: 200, headers: {}, body: [] });
    const error = await sendGetLink(yandexTracker, yandexTracker.operations.get.validate(get.input), { transport, baseUrl: TRACKER }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'LinkNotFoundError', kind: 'not_found', isRetryable: false });
    expect((error as Error).message).toBe(
      'Yandex Tracker has no such link (entityType "project", entityId "6582874de6db7f5f12345678", linkedEntityId "65868f3fe2b9ef7412345678")',
    );
  });

  it('deletes with DELETE ?right=, each id encoded', async () => {
    const { transport, requests } = inTurn(yandexTracker.examples.delete.response);
    await sendDeleteLink(yandexTracker, yandexTracker.operations.delete.validate({ entityType: 'goal', entityId: 'a/b', linkedEntityId: 'x&y=z' }), { transport, baseUrl: TRACKER });
    expect(requests).toEqual([{ method: 'DELETE', url: `${TRACKER}/v2/entities/goal/a%2Fb/links?right=x%26y%3Dz`, headers: { Accept: 'application/json' } }]);
  });
});

describe('OneTrust', () => {
  const { list, get } = onetrust.examples;
  const E = '0f79003f-b177-4f02-aa83-9bf11deec7c7';

  it('lists the links pages of an entity, 50 a page, sorted by id, until the last page', async () => {
    const { transport, requests } = inTurn(...list.pages);
    const pages = await collect(sendListPages(onetrust, onetrust.operations.list.validate(list.input), { transport, baseUrl: ONETRUST }));
    const path = `${ONETRUST}/api/ai-governance/v1/linked-entity-types/entity-types/names/aisystems/entities/${E}/links/pages`;
    expect(requests).toEqual([
      { method: 'POST', url: `${path}?page=0&size=50&sort=id%2Casc`, headers: { Accept: 'application/json' }, json: { fullText: '', filters: [] } },
      { method: 'POST', url: `${path}?page=1&size=50&sort=id%2Casc`, headers: { Accept: 'application/json' }, json: { fullText: '', filters: [] } },
    ]);
    expect(pages.flat().map((link) => `${link.source.displayId} ${link.linkTypeLabel} ${link.target.displayId}`)).toEqual([
      '3 | AISystem 1 is composed of 7 | Model Test',
      '3 | AISystem 1 uses 9 | Test Dataset1',
    ]);
    expect(pages[0]![0]).toMatchObject({
      id: 'c0f18be7-1205-4417-874c-e5b8d292ac9f',
      linkType: 'ai-system-composition',
      source: { id: E, type: 'aisystems', name: 'AISystem 1' },
      target: { id: '296c0a2d-b5f6-450d-8b13-3c2327775042', type: 'models', name: 'Model Test' },
      createdAt: '2026-02-10T13:10:23.267Z',
      ref: { linkId: 'c0f18be7-1205-4417-874c-e5b8d292ac9f', linkTypeId: '8857005c-662f-4f90-9e4e-481b225a666a' },
    });
  });

  it('gets and deletes by link id with the link type id in the query', async () => {
    const got = inTurn(get.response);
    const link = await sendGetLink(onetrust, onetrust.operations.get.validate(get.input), { transport: got.transport, baseUrl: ONETRUST });
    const url = `${ONETRUST}/api/ai-governance/v1/links/c0f18be7-1205-4417-874c-e5b8d292ac9f?linkTypeId=8857005c-662f-4f90-9e4e-481b225a666a`;
    expect(got.requests).toEqual([{ method: 'GET', url, headers: { Accept: 'application/json' } }]);
    expect(link).toMatchObject({ linkType: 'ai-system-composition', linkTypeLabel: 'is composed of', source: { name: 'AISystem 1' }, target: { name: 'Model Test' } });
    const deleted = inTurn(onetrust.examples.delete.response);
    await sendDeleteLink(onetrust, onetrust.operations.delete.validate(onetrust.examples.delete.input), { transport: deleted.transport, baseUrl: ONETRUST });
    expect(deleted.requests).toEqual([{ method: 'DELETE', url, headers: { Accept: 'application/json' } }]);
  });

  it.each([
    [{ content: [], number: 0, last: true }, null],
    [{ content: [{}], number: 0, last: false }, '1'],
    [{ content: [{}], number: 2, totalPages: 3 }, null],
    [{ content: [{}], number: 1, totalPages: 3 }, '2'],
    [{ content: [{}] }, null],
  ])('reads the next page of %j as %s', (body, next) => {
    expect(onetrust.operations.list.parseResponse({ status: 200, headers: {}, body }, { entityType: 'models', entityId: E }, { cursor: null, size: 50 }).nextCursor).toBe(next);
  });

  it('reads a page item in the LinkInformation shape too', () => {
    const page = onetrust.operations.list.parseResponse({ status: 200, headers: {}, body: { content: [get.response.body], last: true } }, { entityType: 'aisystems', entityId: E }, { cursor: null, size: 50 });
    expect(page.links).toEqual([expect.objectContaining({ linkTypeLabel: 'is composed of', ref: { linkId: 'c0f18be7-1205-4417-874c-e5b8d292ac9f', linkTypeId: '8857005c-662f-4f90-9e4e-481b225a666a' } })]);
  });
});

describe.each([devrev, yandexTracker, onetrust].map((p) => [p.id, p] as const))('%s: every documented response parses', (_id, provider) => {
  it('list pages, get and delete', async () => {
    const { list, get } = provider.examples;
    const listed = await collect(sendListPages(provider, provider.operations.list.validate(list.input), { ...inTurn(...list.pages), baseUrl: 'https://example.com' }));
    expect(listed.flat()).toHaveLength(list.pages.flatMap((p) => (Array.isArray(p.body) ? p.body : (p.body as { links?: unknown[]; content?: unknown[] }).links ?? (p.body as { content: unknown[] }).content)).length);
    for (const link of listed.flat()) {
      expect(link.ref).not.toBeNull();
      expect(link.source.id).not.toBe('');
      expect(link.target.id).not.toBe('');
    }
    await expect(sendGetLink(provider, provider.operations.get.validate(get.input), { ...inTurn(get.response), baseUrl: 'https://example.com' })).resolves.toMatchObject({ provider: provider.id });
  });
});
