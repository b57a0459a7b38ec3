// The generic lifecycle over any provider: paging, "if already linked", find, delete, and truthful errors.
import {
  devrev,
  type HttpRequest,
  type HttpResponse,
  LinkExistsError,
  NetworkError,
  onetrust,
  sendCreateLinks,
  sendDeleteLink,
  sendFindLinks,
  sendListPages,
  TimeoutError,
  yandexTracker,
} from '@links/core';
import { collect, failure, inTurn, ok, recording } from './support.js';

const BASE = 'https://api.example.com';
const DEVO = 'don:core:dvrv-us-1:devo/demo';

/** A small DevRev: links.list pages of `pageSize` and links.create, over an in-memory list. */
function fakeDevRev(initial: { source: string; target: string; type: string }[] = [], pageSize = 2) {
  const links = initial.map((l, i) => ({ id: `${DEVO}:link/${i + 1}`, link_type: l.type, source: end(l.source), target: end(l.target) }));
  const fake = recording((request) => {
    const body = request.json as Record<string, unknown>;
    if (request.url.endsWith('/links.list')) {
      const mine = links.filter((l) => l.source.display_id === body.object || l.source.id === body.object);
      const offset = Number(body.cursor ?? 0);
      const next = offset + pageSize < mine.length ? { next_cursor: String(offset + pageSize) } : {};
      return ok({ links: mine.slice(offset, offset + pageSize), ...next });
    }
    if (request.url.endsWith('/links.create')) {
      const link = { id: `${DEVO}:link/${links.length + 1}`, link_type: body.link_type as string, source: end(body.source as string), target: end(body.target as string) };
      links.push(link);
      return ok({ link }, 201);
    }
    return ok({ type: 'not_found' }, 404);
  });
  return { ...fake, links, creates: () => fake.requests.filter((r) => r.url.endsWith('/links.create')).length, lists: () => fake.requests.filter((r) => r.url.endsWith('/links.list')).length };
}
function end(displayId: string) {
  const [prefix, n] = displayId.split('-');
  return { type: prefix === 'TKT' ? 'ticket' : 'issue', id: `${DEVO}:${prefix === 'TKT' ? 'ticket' : 'issue'}/${n}`, display_id: displayId, title: `Work ${displayId}` };
}
const dr = (source: string, target: string, linkType = 'is_related_to') => ({ source, target, linkType });

describe('paging', () => {
  const query = devrev.operations.list.validate({ object: 'ISS-1' });
  const page = (ids: number[], next?: string): HttpResponse => ok({ links: ids.map((n) => ({ id: `${DEVO}:link/${n}`, link_type: 'imports', source: end('ISS-1'), target: end(`ISS-${n + 1}`) })), ...(next ? { next_cursor: next } : {}) });

  it('follows the cursor to the last page and stops there', async () => {
    const { transport, requests } = inTurn(page([1, 2], 'c1'), page([3, 4], 'c2'), page([5]));
    const pages = await collect(sendListPages(devrev, query, { transport, baseUrl: BASE }));
    expect(pages.map((p) => p.map((l) => l.id!.split('/').pop()))).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(requests).toHaveLength(3);
  });

  it('fetches a page only when the caller asks for it, and not after the caller stops', async () => {
    const { transport, requests } = inTurn(page([1, 2], 'c1'), page([3, 4], 'c2'), page([5]));
    for await (const links of sendListPages(devrev, query, { transport, baseUrl: BASE })) {
      expect(links).toHaveLength(2);
      expect(requests).toHaveLength(1);
      break;
    }
    expect(requests).toHaveLength(1);
  });

  it('stops at the limit without asking for another page', async () => {
    const { transport, requests } = inTurn(page([1, 2], 'c1'), page([3, 4], 'c2'), page([5]));
    const pages = await collect(sendListPages(devrev, query, { transport, baseUrl: BASE, limit: 3 }));
    expect(pages.flat()).toHaveLength(3);
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => (r.json as { limit: number }).limit)).toEqual([3, 3]);
  });

  it('stops on an empty page or a cursor it was already given, whatever the API says next', async () => {
    const looping = inTurn(page([1], 'same'), page([2], 'same'), page([3], 'other'));
    expect((await collect(sendListPages(devrev, query, { transport: looping.transport, baseUrl: BASE }))).flat()).toHaveLength(2);
    expect(looping.requests).toHaveLength(2);
    const empty = inTurn(page([], 'more'), page([9]));
    expect(await collect(sendListPages(devrev, query, { transport: empty.transport, baseUrl: BASE }))).toEqual([]);
    expect(empty.requests).toHaveLength(1);
  });

  it.each([0, -1, 1.5, '10', Number.NaN])('refuses the limit %p before sending', async (limit) => {
    const { transport, requests } = inTurn(page([1]));
    const error = await failure(collect(sendListPages(devrev, query, { transport, baseUrl: BASE, limit: limit as number })));
    expect(error).toMatchObject({ kind: 'input', field: 'limit' });
    expect(requests).toHaveLength(0);
  });
});

describe('if already linked (DevRev)', () => {
  it('create: sends every create and looks at nothing', async () => {
    const api = fakeDevRev([{ source: 'ISS-1', target: 'ISS-2', type: 'is_related_to' }]);
    const results = await sendCreateLinks(devrev, [dr('ISS-1', 'ISS-2')], { transport: api.transport, baseUrl: BASE, concurrency: 2 });
    expect(results).toEqual([{ status: 'fulfilled', value: [expect.objectContaining({ created: true, ref: { id: `${DEVO}:link/2` } })] }]);
    expect([api.lists(), api.creates()]).toEqual([0, 1]);
  });

  it('skip: returns the existing link with created = false and sends no create for it', async () => {
    const api = fakeDevRev([{ source: 'ISS-1', target: 'ISS-2', type: 'is_related_to' }]);
    const results = await sendCreateLinks(devrev, [dr('ISS-1', 'ISS-2'), dr('ISS-1', 'ISS-3')], { transport: api.transport, baseUrl: BASE, concurrency: 2, ifExists: 'skip' });
    expect(results.map((r) => r.status === 'fulfilled' && r.value.map((l) => [l.target.displayId, l.created, l.id]))).toEqual([
      [['ISS-2', false, `${DEVO}:link/1`]],
      [['ISS-3', true, `${DEVO}:link/2`]],
    ]);
    expect([api.lists(), api.creates()]).toEqual([1, 1]);
  });

  it('skip: one list (every page) per source record, however many inputs; a display id and a DON are the same object', async () => {
    const existing = ['ISS-2', 'ISS-3', 'ISS-4', 'ISS-5', 'ISS-6'].map((target) => ({ source: 'ISS-1', target, type: 'imports' }));
    const api = fakeDevRev(existing, 2);
    const inputs = [...['ISS-2', 'ISS-3', 'ISS-4', `${DEVO}:issue/5`, 'ISS-6', 'ISS-7', 'ISS-8'].map((t) => dr('ISS-1', t, 'imports')), dr('TKT-1', 'ISS-2')];
    const results = await sendCreateLinks(devrev, inputs, { transport: api.transport, baseUrl: BASE, concurrency: 3, ifExists: 'skip' });
    expect(results.map((r) => r.status === 'fulfilled' && r.value[0]!.created)).toEqual([false, false, false, false, false, true, true, true]);
    expect(api.lists()).toBe(3 + 1); // ISS-1: 3 pages of 2; TKT-1: 1
    expect(api.creates()).toBe(3);
  });

  it('skip: the same type to the same target only; another type or direction is another link', async () => {
    const api = fakeDevRev([{ source: 'ISS-1', target: 'ISS-2', type: 'imports' }, { source: 'ISS-2', target: 'ISS-1', type: 'is_related_to' }]);
    const results = await sendCreateLinks(devrev, [dr('ISS-1', 'ISS-2', 'is_related_to'), dr('ISS-1', 'ISS-2', 'imports')], { transport: api.transport, baseUrl: BASE, concurrency: 1, ifExists: 'skip' });
    expect(results.map((r) => r.status === 'fulfilled' && r.value[0]!.created)).toEqual([true, false]);
  });

  it('two identical inputs in one batch: one create, one skip', async () => {
    const api = fakeDevRev();
    const results = await sendCreateLinks(devrev, [dr('ISS-1', 'ISS-2'), dr('ISS-1', 'ISS-2')], { transport: api.transport, baseUrl: BASE, concurrency: 4, ifExists: 'skip' });
    expect(results.map((r) => r.status === 'fulfilled' && [r.value[0]!.id, r.value[0]!.created])).toEqual([
      [`${DEVO}:link/1`, true],
      [`${DEVO}:link/1`, false],
    ]);
    expect(api.creates()).toBe(1);
    expect(api.links).toHaveLength(1);
  });

  it('a duplicate shares the failure of the create it repeats', async () => {
    const { transport } = recording((request) => (request.url.endsWith('/links.list') ? ok({ links: [] }) : ok({ type: 'internal_error', message: 'Oops' }, 500)));
    const results = await sendCreateLinks(devrev, [dr('ISS-1', 'ISS-2'), dr('ISS-1', 'ISS-2')], { transport, baseUrl: BASE, concurrency: 4, ifExists: 'skip' });
    expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).name)).toEqual(['ServerError', 'ServerError']);
  });

  it('fail: an existing link is a conflict that names it, and nothing is sent for that input', async () => {
    const api = fakeDevRev([{ source: 'ISS-1', target: 'ISS-2', type: 'is_related_to' }]);
    const [existing, fresh] = await sendCreateLinks(devrev, [dr('ISS-1', 'ISS-2'), dr('ISS-1', 'ISS-3')], { transport: api.transport, baseUrl: BASE, concurrency: 2, ifExists: 'fail' });
    expect(existing!.status).toBe('rejected');
    const error = (existing as PromiseRejectedResult).reason as LinkExistsError;
    expect(error).toBeInstanceOf(LinkExistsError);
    expect(error).toMatchObject({ kind: 'conflict', isRetryable: false, existing: { id: `${DEVO}:link/1` } });
    expect(error.message).toBe(`DevRev already has this link: ISS-1 is related to ISS-2 (link ${DEVO}:link/1); nothing was sent for this input (If Already Linked is "fail")`);
    expect(fresh).toMatchObject({ status: 'fulfilled', value: [{ created: true }] });
    expect(api.creates()).toBe(1);
  });

  it('fail: the second of two identical inputs is a conflict naming the first', async () => {
    const api = fakeDevRev();
    const results = await sendCreateLinks(devrev, [dr('ISS-1', 'ISS-2'), dr('ISS-1', 'ISS-2')], { transport: api.transport, baseUrl: BASE, concurrency: 2, ifExists: 'fail' });
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: [{ created: true }] });
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ kind: 'conflict', duplicateOf: 0, existing: null });
    expect(api.creates()).toBe(1);
  });

  it('a failed list fails the inputs of that source only, and nothing is created for them', async () => {
    const { transport, requests } = recording((request) => {
      const body = request.json as { object?: string };
      if (request.url.endsWith('/links.list')) return body.object === 'ISS-1' ? ok({ type: 'internal_error' }, 500) : ok({ links: [] });
      return ok({ link: { id: `${DEVO}:link/9`, link_type: 'imports', source: end('TKT-1'), target: end('ISS-2') } }, 201);
    });
    const results = await sendCreateLinks(devrev, [dr('ISS-1', 'ISS-2'), dr('TKT-1', 'ISS-2'), dr('ISS-1', 'ISS-3')], { transport, baseUrl: BASE, concurrency: 2, ifExists: 'skip' });
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected']);
    expect(requests.filter((r) => r.url.endsWith('/links.create')).map((r) => (r.json as { source: string }).source)).toEqual(['TKT-1']);
  });

  it('invalid input and an invalid ifExists send nothing', async () => {
    const api = fakeDevRev();
    const results = await sendCreateLinks(devrev, [dr('ISS-1', 'not an id'), { source: 'ISS-1' }], { transport: api.transport, baseUrl: BASE, concurrency: 2, ifExists: 'skip' });
    expect(results.map((r) => r.status === 'rejected' && (r.reason as { field: string }).field)).toEqual(['target', 'linkType']);
    const error = await failure(sendCreateLinks(devrev, [dr('ISS-1', 'ISS-2')], { transport: api.transport, baseUrl: BASE, concurrency: 2, ifExists: 'sometimes' as never }));
    expect(error).toMatchObject({ kind: 'input', field: 'ifExists', rule: 'enum' });
    expect(api.requests).toHaveLength(0);
  });
});

describe('if already linked (Yandex Tracker)', () => {
  /** The links of entity p1 (to e1 'depends on'), and a create that records what it was sent. */
  function fakeTracker() {
    return recording((request) => {
      if (request.method === 'GET') {
        return request.url.includes('/p1/')
          ? ok([{ type: 'depends on', linkFieldValues: { id: 'e1full', shortId: 1, summary: 'E1', entityType: 'project' } }])
          : ok([]);
      }
      return ok(undefined);
    });
  }
  const tr = (entityId: string, links: [string, string][]) => ({ entityType: 'project', entityId, links: links.map(([relationship, entity]) => ({ relationship, entity })) });

  it('one GET per source entity for any number of its links, one POST with only the missing links', async () => {
    const api = fakeTracker();
    const inputs = [tr('p1', [['depends on', '1']]), tr('p1', [['relates', 'e2']]), tr('p1', [['depends on', 'e1full'], ['relates', 'e3']]), tr('p2', [['relates', 'e1full']])];
    const results = await sendCreateLinks(yandexTracker, inputs, { transport: api.transport, baseUrl: BASE, concurrency: 4, ifExists: 'skip' });
    expect(api.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /v2/entities/project/p1/links',
      'GET /v2/entities/project/p2/links',
      'POST /v2/entities/project/p1/links',
      'POST /v2/entities/project/p2/links',
    ]);
    expect(api.requests[2]!.json).toEqual([
      { relationship: 'relates', entity: 'e2' },
      { relationship: 'relates', entity: 'e3' },
    ]);
    expect(results.map((r) => r.status === 'fulfilled' && r.value.map((l) => `${l.target.id}:${l.created}`))).toEqual([
      ['e1full:false'],
      ['e2:true'],
      ['e1full:false', 'e3:true'],
      ['e1full:true'],
    ]);
    expect((results[1] as PromiseFulfilledResult<{ ref: unknown }[]>).value[0]!.ref).toEqual({ entityType: 'project', entityId: 'p1', linkedEntityId: 'e2' });
  });

  it('an input that repeats a link within itself creates it once', async () => {
    const api = fakeTracker();
    const [result] = await sendCreateLinks(yandexTracker, [tr('p2', [['relates', 'x'], ['relates', 'x']])], { transport: api.transport, baseUrl: BASE, concurrency: 1, ifExists: 'skip' });
    expect(api.requests[1]!.json).toEqual({ relationship: 'relates', entity: 'x' });
    expect((result as PromiseFulfilledResult<{ created: boolean }[]>).value.map((l) => l.created)).toEqual([true, false]);
  });

  it('fail: an input with any existing link fails whole and sends nothing', async () => {
    const api = fakeTracker();
    const [result] = await sendCreateLinks(yandexTracker, [tr('p1', [['relates', 'e9'], ['depends on', 'e1full']])], { transport: api.transport, baseUrl: BASE, concurrency: 1, ifExists: 'fail' });
    expect((result as PromiseRejectedResult).reason).toMatchObject({ kind: 'conflict', existing: { target: { id: 'e1full' } } });
    expect(api.requests.map((r) => r.method)).toEqual(['GET']);
  });
});

describe('if already linked (OneTrust)', () => {
  const E1 = '0f79003f-b177-4f02-aa83-9bf11deec7c7';
  const E2 = '296c0a2d-b5f6-450d-8b13-3c2327775042';
  const TYPE = '8857005c-662f-4f90-9e4e-481b225a666a';
  const input = { linkTypeId: TYPE, entity1Type: 'aisystems', entity1Id: E1, entity2Type: 'models', entity2Id: E2 };

  it('lists entity 1\'s links and skips a link of the same type to entity 2, whatever the case of the ids', async () => {
    const api = recording(() => onetrust.examples.list.pages[0]!);
    const [result] = await sendCreateLinks(onetrust, [{ ...input, entity2Id: E2.toUpperCase() }], { transport: api.transport, baseUrl: BASE, concurrency: 1, ifExists: 'skip' });
    expect(result).toMatchObject({ status: 'fulfilled', value: [{ created: false, id: 'c0f18be7-1205-4417-874c-e5b8d292ac9f', ref: { linkTypeId: TYPE } }] });
    expect(api.requests.map((r) => r.method)).toEqual(['POST', 'POST']); // two pages of the example
    expect(api.requests.every((r) => r.url.includes('/links/pages'))).toBe(true);
  });

  it('lists entity 2\'s links when entity 1 is of a type OneTrust does not list (vendors)', async () => {
    const api = recording(() => ok({ content: [], last: true }));
    await sendCreateLinks(onetrust, [{ ...input, entity1Type: 'vendors' }], { transport: api.transport, baseUrl: BASE, concurrency: 1, ifExists: 'skip' });
    expect(api.requests[0]!.url).toContain(`/names/models/entities/${E2}/links/pages`);
  });

  it('refuses to check when neither entity can be listed, before sending', async () => {
    const api = recording(() => ok({}));
    const [result] = await sendCreateLinks(onetrust, [{ ...input, entity1Type: 'vendors', entity2Type: 'vendors' }], { transport: api.transport, baseUrl: BASE, concurrency: 1, ifExists: 'fail' });
    expect((result as PromiseRejectedResult).reason).toMatchObject({ kind: 'input', field: 'entity1Type', rule: 'notAllowed' });
    expect(api.requests).toHaveLength(0);
  });
});

describe('find', () => {
  it('returns the links between two records, either direction, of one type where given', async () => {
    const links = [
      { id: `${DEVO}:link/1`, link_type: 'imports', source: end('ISS-1'), target: end('ISS-2') },
      { id: `${DEVO}:link/2`, link_type: 'is_related_to', source: end('ISS-2'), target: end('ISS-1') },
      { id: `${DEVO}:link/3`, link_type: 'imports', source: end('ISS-1'), target: end('ISS-3') },
    ];
    const api = inTurn(ok({ links: links.slice(0, 2), next_cursor: 'n' }), ok({ links: links.slice(2) }));
    const found = await sendFindLinks(devrev, devrev.operations.find.validate({ object: 'ISS-1', otherObject: 'ISS-2' }), { transport: api.transport, baseUrl: BASE });
    expect(found.map((l) => l.id)).toEqual([`${DEVO}:link/1`, `${DEVO}:link/2`]);
    expect(api.requests).toHaveLength(2);

    const typed = inTurn(ok({ links: links.filter((l) => l.link_type === 'imports') }));
    const only = await sendFindLinks(devrev, devrev.operations.find.validate({ object: 'ISS-1', otherObject: `${DEVO}:issue/2`, linkType: 'imports' }), { transport: typed.transport, baseUrl: BASE });
    expect(only.map((l) => l.id)).toEqual([`${DEVO}:link/1`]);
    expect(typed.requests[0]!.json).toEqual({ object: 'ISS-1', link_type: ['imports'], limit: 50 });
  });

  it('Tracker: by id or short id, and by relationship', async () => {
    const body = [
      { type: 'depends on', linkFieldValues: { id: 'a', shortId: 5 } },
      { type: 'relates', linkFieldValues: { id: 'a', shortId: 5 } },
      { type: 'relates', linkFieldValues: { id: 'b', shortId: 6 } },
    ];
    const find = async (input: Record<string, unknown>) =>
      (await sendFindLinks(yandexTracker, yandexTracker.operations.find.validate({ entityType: 'goal', entityId: 'g', ...input }), { ...inTurn(ok(body)), baseUrl: BASE })).map((l) => `${l.linkType}>${l.target.id}`);
    expect(await find({ linkedEntityId: '5' })).toEqual(['depends on>a', 'relates>a']);
    expect(await find({ linkedEntityId: 'a', relationship: 'relates' })).toEqual(['relates>a']);
    expect(await find({ linkedEntityId: 'zzz' })).toEqual([]);
  });
});

describe('delete', () => {
  const ref = devrev.operations.delete.validate({ id: `${DEVO}:link/1` });
  it('a link already gone is a clear not-found error', async () => {
    const error = await failure(sendDeleteLink(devrev, ref, { ...inTurn(ok({ type: 'not_found', message: 'Link not found' }, 404)), baseUrl: BASE }));
    expect(error).toMatchObject({ name: 'NotFoundError', kind: 'not_found', status: 404, message: 'DevRev returned HTTP 404: Link not found' });
  });

  it('missingOk counts it as success, deleted = false', async () => {
    await expect(sendDeleteLink(devrev, ref, { ...inTurn(ok({ type: 'not_found' }, 404)), baseUrl: BASE, missingOk: true })).resolves.toEqual({ deleted: false, ref });
  });

  it('missingOk does not hide any other error', async () => {
    await expect(sendDeleteLink(devrev, ref, { ...inTurn(ok({ type: 'forbidden' }, 403)), baseUrl: BASE, missingOk: true })).rejects.toMatchObject({ kind: 'permission' });
  });
});

describe('errors without a response say what the request did', () => {
  const reset = async (): Promise<HttpResponse> => {
    throw new NetworkError('devrev', 'Network error (ECONNRESET): the connection failed after the request was sent; the link may or may not have been created', { requestSent: true, code: 'ECONNRESET' });
  };
  const hang = async (): Promise<HttpResponse> => {
    throw new TimeoutError('devrev', 500);
  };

  it('a list that lost its connection does not speak of creating', async () => {
    const error = await failure(collect(sendListPages(devrev, devrev.operations.list.validate({ object: 'ISS-1' }), { transport: reset, baseUrl: BASE })));
    expect(error).toMatchObject({ kind: 'network', requestSent: true, code: 'ECONNRESET' });
    expect(error.message).toBe('Network error (ECONNRESET): the connection failed after the request was sent; no answer came (reading changes nothing)');
  });

  it('a delete that timed out says the link may or may not have been deleted', async () => {
    const error = await failure(sendDeleteLink(devrev, devrev.operations.delete.validate({ id: `${DEVO}:link/1` }), { transport: hang, baseUrl: BASE }));
    expect(error.message).toBe('No response within 500 ms; the link may or may not have been deleted');
  });

  it('a create keeps saying the link may or may not have been created', async () => {
    const [result] = await sendCreateLinks(devrev, [dr('ISS-1', 'ISS-2')], { transport: hang, baseUrl: BASE, concurrency: 1 });
    expect(((result as PromiseRejectedResult).reason as Error).message).toBe('No response within 500 ms; the link may or may not have been created');
  });

  it('a request refused before it was sent says nothing was sent, whatever it does', async () => {
    const refused = async (): Promise<HttpResponse> => {
      throw new NetworkError('devrev', 'x', { requestSent: false, code: 'ECONNREFUSED' });
    };
    const error = await failure(sendDeleteLink(devrev, devrev.operations.delete.validate({ id: `${DEVO}:link/1` }), { transport: refused, baseUrl: BASE }));
    expect(error).toMatchObject({ requestSent: false, isRetryable: true, message: 'Network error (ECONNREFUSED): the server could not be reached; nothing was sent' });
  });
});

describe('validation of the new operations names the field', () => {
  const ops = {
    'devrev list': devrev.operations.list,
    'devrev get': devrev.operations.get,
    'devrev delete': devrev.operations.delete,
    'devrev find': devrev.operations.find,
    'tracker list': yandexTracker.operations.list,
    'tracker get': yandexTracker.operations.get,
    'tracker delete': yandexTracker.operations.delete,
    'onetrust list': onetrust.operations.list,
    'onetrust get': onetrust.operations.get,
    'onetrust find': onetrust.operations.find,
  } as const;
  it.each([
    ['devrev list', { object: 'no spaces allowed' }, 'object', 'format'],
    ['devrev list', { object: 'ISS-1', direction: 'sideways' }, 'direction', 'enum'],
    ['devrev list', { object: 'ISS-1', linkTypes: ['imports', 'nope'] }, 'linkTypes[1]', 'enum'],
    ['devrev list', { object: 'ISS-1', linkTypes: [{}] }, 'linkTypes[0]', 'type'],
    ['devrev get', { id: '' }, 'id', 'required'],
    ['devrev delete', { id: 'a b' }, 'id', 'format'],
    ['devrev find', { object: 'ISS-1' }, 'otherObject', 'required'],
    ['tracker list', { entityType: 'issue', entityId: 'x' }, 'entityType', 'enum'],
    ['tracker list', { entityType: 'goal', entityId: '..' }, 'entityId', 'format'],
    ['tracker delete', { entityType: 'goal', entityId: 'g', linkedEntityId: '.' }, 'linkedEntityId', 'format'],
    ['tracker get', { entityType: 'goal', entityId: 'g', linkedEntityId: 'a\uD800' }, 'linkedEntityId', 'format'],
    ['onetrust list', { entityType: 'vendors', entityId: '0f79003f-b177-4f02-aa83-9bf11deec7c7' }, 'entityType', 'enum'],
    ['onetrust list', { entityType: 'models', entityId: 'nope' }, 'entityId', 'uuid'],
    ['onetrust get', { linkId: '0f79003f-b177-4f02-aa83-9bf11deec7c7' }, 'linkTypeId', 'required'],
    ['onetrust find', { entityType: 'models', entityId: '0f79003f-b177-4f02-aa83-9bf11deec7c7', otherEntityId: 'x' }, 'otherEntityId', 'uuid'],
  ] as const)('%s: %j fails on %s', (name, input, field, rule) => {
    expect(() => ops[name].validate(input)).toThrow(expect.objectContaining({ kind: 'input', field, rule, message: expect.stringContaining(`(${field})`) }));
  });

  it('a multiple-choice field takes one value as a list of one, and an empty list as none', () => {
    expect(devrev.operations.list.validate({ object: 'ISS-1', linkTypes: 'imports' })).toEqual({ object: 'ISS-1', linkTypes: ['imports'] });
    expect(devrev.operations.list.validate({ object: 'ISS-1', linkTypes: [] })).toEqual({ object: 'ISS-1' });
  });
});

describe('requests are what the wire gets', () => {
  it('nothing but what the operation built', async () => {
    const seen: HttpRequest[] = [];
    const transport = async (request: HttpRequest) => {
      seen.push(request);
      return ok({ links: [] });
    };
    await collect(sendListPages(devrev, devrev.operations.list.validate({ object: 'ISS-1' }), { transport, baseUrl: BASE, authHeaders: { Authorization: 'Bearer t' } }));
    expect(seen).toEqual([{ method: 'POST', url: `${BASE}/links.list`, headers: { Accept: 'application/json', Authorization: 'Bearer t' }, json: { object: 'ISS-1', limit: 50 } }]);
  });
});
