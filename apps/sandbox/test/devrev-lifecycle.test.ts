// DevRev: links.list paging and filters, works.list / works.get (pickers) and link-types.custom.list paging.
import { DEVREV_CUSTOM_LINK_TYPES, DEVREV_WORK_DETAILS, DEVREV_WORKS, SEED } from '../src/index.js';
import { call, devrevHeaders, jsonInit, useSandbox, type Reply } from './helpers.js';

const { objects, devUsers } = SEED.devrev;
const ctx = useSandbox();

const get = (method: string, query: string, headers: Record<string, string> = devrevHeaders) => call(`${ctx.sandbox.url}/${method}?${query}`, { headers });
const post = (method: string, body: unknown, headers: Record<string, string> = devrevHeaders) => call(`${ctx.sandbox.url}/${method}`, jsonInit('POST', body, headers));

interface CursorPage {
  next_cursor?: string;
  prev_cursor?: string;
  [list: string]: unknown;
}

/** Follows `next_cursor` until a page has none; answers every item and the page sizes. */
async function follow<T>(send: (cursor?: string) => Promise<Reply>, list: string): Promise<{ items: T[]; sizes: number[] }> {
  const items: T[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const reply = await send(cursor);
    expect(reply.status).toBe(200);
    const body = reply.json as CursorPage;
    const page = body[list] as T[];
    items.push(...page);
    sizes.push(page.length);
    expect(body.prev_cursor === undefined).toBe(i === 0);
    if (body.next_cursor === undefined) return { items, sizes };
    cursor = body.next_cursor;
  }
  throw new Error('no last page after 20 pages');
}

const expectError = (reply: Reply, status: number, type: string, extra: object = {}) => {
  expect(reply.status).toBe(status);
  expect(reply.json).toMatchObject({ type, message: expect.any(String), ...extra });
};

describe('DevRev links.list', () => {
  it('pages the 121 links of ISS-80 with limit 100 and with the default 50, stopping at the last page', async () => {
    const hundred = await follow<{ id: string }>((cursor) => post('links.list', { object: 'ISS-80', limit: 100, ...(cursor ? { cursor } : {}) }), 'links');
    expect(hundred.sizes).toEqual([100, 21]);
    expect(new Set(hundred.items.map((l) => l.id)).size).toBe(121);
    const fifty = await follow<{ id: string }>((cursor) => get('links.list', `object=ISS-80${cursor ? `&cursor=${cursor}` : ''}`), 'links');
    expect(fifty.sizes).toEqual([50, 50, 21]);
    expect(fifty.items.map((l) => l.id)).toEqual(hundred.items.map((l) => l.id));
  });

  it('goes back with mode=before: from the end without a cursor, and to the previous page with prev_cursor', async () => {
    const last = (await post('links.list', { object: 'ISS-80', limit: 50, mode: 'before' })).json as { links: { id: string }[]; prev_cursor?: string; next_cursor?: string };
    expect(last.links).toHaveLength(50);
    expect(last.next_cursor).toBeUndefined();
    const all = (await follow<{ id: string }>((cursor) => post('links.list', { object: 'ISS-80', limit: 100, ...(cursor ? { cursor } : {}) }), 'links')).items.map((l) => l.id);
    expect(last.links.map((l) => l.id)).toEqual(all.slice(-50));
    const before = (await post('links.list', { object: 'ISS-80', limit: 50, mode: 'before', cursor: last.prev_cursor })).json as { links: { id: string }[] };
    expect(before.links.map((l) => l.id)).toEqual(all.slice(-100, -50));
  });

  it('filters by object_types (the other end), link_type as a comma list or repeated, and the deprecated types', async () => {
    const tickets = (await post('links.list', { object: 'ISS-80', object_types: ['ticket'], limit: 100 })).json as { links: { target: { type: string } }[] };
    expect(tickets.links).toHaveLength(DEVREV_WORKS.filter((w) => w.type === 'ticket' && Number(w.display_id.split('-')[1]) > 3).length);
    expect(tickets.links.every((l) => l.target.type === 'ticket')).toBe(true);
    const getTickets = (await get('links.list', 'object=ISS-80&object_types=ticket&limit=100')).json as { links: unknown[] };
    expect(getTickets.links).toHaveLength(tickets.links.length);

    const byComma = (await get('links.list', 'object=ISS-9&link_type=custom_link,is_related_to')).json as { links: { link_type: string }[] };
    const byRepeat = (await get('links.list', 'object=ISS-9&link_type=custom_link&link_type=is_related_to')).json as { links: unknown[] };
    expect(byComma.links.map((l) => l.link_type).sort()).toEqual(['custom_link', 'is_related_to']);
    expect(byRepeat.links).toEqual(byComma.links);
    const deprecated = (await post('links.list', { object: 'ISS-9', types: ['custom_link'] })).json as { links: { custom_link_type?: { id: string } }[] };
    expect(deprecated.links.map((l) => l.custom_link_type?.id)).toEqual([SEED.devrev.customLinkTypes.blocks.id]);
  });

  it.each([
    ['limit 0', { object: 'ISS-80', limit: 0 }, 'invalid_field', 'limit'],
    ['limit 101', { object: 'ISS-80', limit: 101 }, 'invalid_field', 'limit'],
    ['a string limit in a POST body', { object: 'ISS-80', limit: '5' }, 'invalid_field', 'limit'],
    ['an unknown mode', { object: 'ISS-80', mode: 'around' }, 'invalid_enum_value', 'mode'],
    ['an unknown object type', { object: 'ISS-80', object_types: ['epic'] }, 'invalid_enum_value', 'object_types'],
    ['link_type not an array', { object: 'ISS-80', link_type: 'is_related_to' }, 'invalid_field', 'link_type'],
    ['an unknown field', { object: 'ISS-80', query: 'x' }, 'invalid_field', 'query'],
    ['a cursor from another list', { object: 'ISS-80', cursor: Buffer.from(JSON.stringify({ o: 1, s: 'works.list' })).toString('base64url') }, 'invalid_field', 'cursor'],
  ])('refuses %s', async (_name, body, type, field) => {
    expectError(await post('links.list', body), 400, type, { field_name: field });
  });

  it('refuses a malformed GET limit and a repeated scalar, and answers 401 without a token', async () => {
    expectError(await get('links.list', 'object=ISS-80&limit=ten'), 400, 'invalid_field', { field_name: 'limit' });
    expectError(await get('links.list', 'object=ISS-80&direction=is_source&direction=is_target'), 400, 'invalid_field', { field_name: 'direction' });
    expectError(await get('links.list', 'object=ISS-80', {}), 401, 'unauthenticated');
  });

  it('deletes a pre-existing link (gone from the list) and reset brings it back', async () => {
    const { links } = (await post('links.list', { object: 'TKT-4', direction: 'is_source' })).json as { links: { id: string; target: { display_id: string } }[] };
    expect(links.map((l) => l.target.display_id)).toEqual(['ISS-6']);
    expect((await post('links.delete', { id: links[0]!.id })).json).toEqual({});
    expect((await post('links.list', { object: 'TKT-4', direction: 'is_source' })).json).toEqual({ links: [] });
    expectError(await post('links.get', { id: links[0]!.id }), 404, 'not_found');
    ctx.sandbox.state.reset();
    expect((await post('links.get', { id: links[0]!.id })).json).toMatchObject({ link: { id: links[0]!.id, display_id: 'LNK-900122' } });
  });
});

describe('DevRev works.list', () => {
  const newestFirst = [...DEVREV_WORKS].sort((a, b) => DEVREV_WORK_DETAILS[b.id]!.created_date.localeCompare(DEVREV_WORK_DETAILS[a.id]!.created_date));

  it('pages every issue and ticket, newest first, to the last page and stops there (GET and POST)', async () => {
    const byPost = await follow<{ display_id: string }>((cursor) => post('works.list', { ...(cursor ? { cursor } : {}) }), 'works');
    expect(byPost.sizes).toEqual([50, 50, DEVREV_WORKS.length - 100]);
    expect(byPost.items.map((w) => w.display_id)).toEqual(newestFirst.map((w) => w.display_id));
    const byGet = await follow<{ display_id: string }>((cursor) => get('works.list', `limit=100${cursor ? `&cursor=${cursor}` : ''}`), 'works');
    expect(byGet.sizes).toEqual([100, DEVREV_WORKS.length - 100]);
    expect(byGet.items).toEqual(byPost.items);
  });

  it('answers the published work shape: title, owners, stage, part, priority or severity', async () => {
    const { works } = (await post('works.list', { type: ['issue'], sort_by: ['display_id:asc'], limit: 1 })).json as { works: unknown[] };
    expect(works).toEqual([
      {
        type: 'issue',
        id: objects['ISS-1'].id,
        display_id: 'ISS-1',
        title: objects['ISS-1'].name,
        body: expect.any(String),
        owned_by: [SEED.devrev.devUser],
        reported_by: [SEED.devrev.devUser],
        applies_to_part: { type: expect.any(String), id: expect.any(String), display_id: expect.any(String), name: expect.any(String), owned_by: [SEED.devrev.devUser] },
        stage: { name: DEVREV_WORK_DETAILS[objects['ISS-1'].id]!.stage },
        tags: [],
        priority: DEVREV_WORK_DETAILS[objects['ISS-1'].id]!.priority,
        created_by: SEED.devrev.devUser,
        created_date: DEVREV_WORK_DETAILS[objects['ISS-1'].id]!.created_date,
        modified_by: SEED.devrev.devUser,
        modified_date: DEVREV_WORK_DETAILS[objects['ISS-1'].id]!.modified_date,
      },
    ]);
  });

  it('filters by type, owner, part, stage, priority (issues only) and severity (tickets only)', async () => {
    const count = async (body: object) => (await follow<{ id: string; type: string }>((cursor) => post('works.list', { ...body, limit: 100, ...(cursor ? { cursor } : {}) }), 'works')).items;
    expect(await count({ type: ['issue'] })).toHaveLength(DEVREV_WORKS.filter((w) => w.type === 'issue').length);
    expect((await get('works.list', 'type=issue,ticket&limit=1')).json).toMatchObject({ next_cursor: expect.any(String) });
    const alex = devUsers[1];
    const owned = await count({ owned_by: [alex.display_id] });
    expect(owned.length).toBe(DEVREV_WORKS.filter((w) => DEVREV_WORK_DETAILS[w.id]!.owner === alex.display_id).length);
    expect(await count({ owned_by: [alex.id] })).toEqual(owned);
    expect(await count({ applies_to_part: ['CAPL-1'] })).toHaveLength(DEVREV_WORKS.filter((w) => DEVREV_WORK_DETAILS[w.id]!.part === 'CAPL-1').length);
    expect(await count({ stage: { name: ['triage'] } })).toHaveLength(DEVREV_WORKS.filter((w) => DEVREV_WORK_DETAILS[w.id]!.stage === 'triage').length);
    const p0 = await count({ issue: { priority: ['p0'] } });
    const p0Issues = DEVREV_WORKS.filter((w) => DEVREV_WORK_DETAILS[w.id]!.priority === 'p0').length;
    expect(p0).toHaveLength(p0Issues + DEVREV_WORKS.filter((w) => w.type === 'ticket').length);
    expect(await count({ type: ['issue'], issue: { priority: ['p0'] } })).toHaveLength(p0Issues);
    const getP0 = await follow((cursor) => get('works.list', `type=issue&issue.priority=p0&limit=100${cursor ? `&cursor=${cursor}` : ''}`), 'works');
    expect(getP0.items).toHaveLength(p0Issues);
    expect(await count({ type: ['ticket'], ticket: { severity: ['blocker', 'high'] } })).toHaveLength(
      DEVREV_WORKS.filter((w) => ['blocker', 'high'].includes(DEVREV_WORK_DETAILS[w.id]!.severity ?? '')).length,
    );
    expect(await count({ tags: ['TAG-1'] })).toHaveLength(0);
  });

  it('sorts by sort_by and goes back with mode=before', async () => {
    const { works } = (await post('works.list', { sort_by: ['title:asc'], limit: 100 })).json as { works: { title: string }[] };
    expect(works.map((w) => w.title)).toEqual([...works.map((w) => w.title)].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    const last = (await post('works.list', { mode: 'before', limit: 10 })).json as { works: { display_id: string }[]; next_cursor?: string; prev_cursor?: string };
    expect(last.works.map((w) => w.display_id)).toEqual(newestFirst.slice(-10).map((w) => w.display_id));
    expect(last.next_cursor).toBeUndefined();
    expect(last.prev_cursor).toEqual(expect.any(String));
  });

  it.each([
    ['another work type', { type: ['task'] }, 400, 'invalid_enum_value', { field_name: 'type', allowed_values: ['issue', 'ticket'] }],
    ['limit 101', { limit: 101 }, 400, 'invalid_field', { field_name: 'limit' }],
    ['a malformed sort_by', { sort_by: ['title'] }, 400, 'invalid_field', { field_name: 'sort_by' }],
    ['an unsortable field', { sort_by: ['priority:asc'] }, 400, 'invalid_field', { field_name: 'sort_by' }],
    ['a title search (DevRev documents none)', { title: 'Checkout' }, 400, 'invalid_field', { field_name: 'title' }],
    ['an owner that is not an id', { owned_by: ['alex kim'] }, 400, 'invalid_field', { field_name: 'owned_by' }],
    ['issue not an object', { issue: 'p0' }, 400, 'invalid_field', { field_name: 'issue' }],
    ['an unknown issue filter', { issue: { colour: ['red'] } }, 400, 'invalid_field', { field_name: 'issue.colour' }],
    ['a documented filter the sandbox does not model', { state: ['open'] }, 400, 'bad_request', { field_name: 'state' }],
    ['a documented nested filter the sandbox does not model', { issue: { sprint: ['SPR-1'] } }, 400, 'bad_request', { field_name: 'issue.sprint' }],
  ])('refuses %s', async (_name, body, status, type, extra) => {
    expectError(await post('works.list', body), status, type, extra);
  });

  it('refuses unknown and unmodeled GET fields, answers 401 without a token and 405 for DELETE', async () => {
    expectError(await get('works.list', 'search=checkout'), 400, 'invalid_field', { field_name: 'search' });
    expectError(await get('works.list', 'ticket.is_spam=true'), 400, 'bad_request', { field_name: 'ticket.is_spam' });
    expectError(await get('works.list', 'limit=5', { authorization: 'Bearer nope' }), 401, 'unauthenticated');
    const del = await call(`${ctx.sandbox.url}/works.list`, { method: 'DELETE', headers: devrevHeaders });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, POST');
  });
});

describe('DevRev works.get', () => {
  it('gets a work by display id or DON, by GET or POST', async () => {
    const work = objects['ISS-12']!;
    const byDisplay = await post('works.get', { id: 'ISS-12' });
    expect(byDisplay.status).toBe(200);
    expect(byDisplay.json).toMatchObject({ work: { id: work.id, display_id: 'ISS-12', title: work.name, type: 'issue' } });
    expect((await get('works.get', `id=${encodeURIComponent(work.id)}`)).json).toEqual(byDisplay.json);
    expect((await get('works.get', 'id=TKT-2')).json).toMatchObject({ work: { type: 'ticket', severity: expect.any(String) } });
  });

  it.each([
    ['no id', {}, 400, 'missing_required_field'],
    ['a malformed id', { id: 'issue twelve' }, 400, 'invalid_field'],
    ['an unknown work', { id: 'ISS-999' }, 404, 'not_found'],
    ['a part (not a work)', { id: 'PROD-1' }, 404, 'not_found'],
  ])('answers %s with %i', async (_name, body, status, type) => {
    expectError(await post('works.get', body), status, type);
  });
});

describe('DevRev link-types.custom.list', () => {
  it('pages the twelve custom link types five at a time to the last page and stops there', async () => {
    const { items, sizes } = await follow<{ id: string }>((cursor) => post('link-types.custom.list', { limit: 5, ...(cursor ? { cursor } : {}) }), 'result');
    expect(sizes).toEqual([5, 5, 2]);
    expect(items.map((t) => t.id)).toEqual(DEVREV_CUSTOM_LINK_TYPES.map((t) => t.id));
    const byGet = await follow<{ id: string }>((cursor) => get('link-types.custom.list', `limit=5${cursor ? `&cursor=${cursor}` : ''}`), 'result');
    expect(byGet.items).toEqual(items);
  });

  it('filters by name, deprecation and source or target types (POST descriptors or GET dotted keys)', async () => {
    const names = (r: Reply) => ((r.json as { result: { name: string }[] }).result).map((t) => t.name);
    expect(names(await post('link-types.custom.list', { name: ['blocks', 'tests'] }))).toEqual(['blocks', 'tests']);
    expect(names(await get('link-types.custom.list', 'name=blocks,tests'))).toEqual(['blocks', 'tests']);
    expect(names(await post('link-types.custom.list', { is_deprecated: true }))).toEqual(['replaces', 'mirrors']);
    expect(names(await get('link-types.custom.list', 'is_deprecated=false'))).toHaveLength(10);
    expect(names(await post('link-types.custom.list', { deprecated: true }))).toEqual(['replaces', 'mirrors']);
    const fromTickets = DEVREV_CUSTOM_LINK_TYPES.filter((t) => t.source_types.some((s) => s.leaf_type === 'ticket')).map((t) => t.name);
    expect(names(await post('link-types.custom.list', { source_types_v2: [{ leaf_type: 'ticket' }] }))).toEqual(fromTickets);
    expect(names(await get('link-types.custom.list', 'source_types_v2.leaf_type=ticket'))).toEqual(fromTickets);
    const toProducts = DEVREV_CUSTOM_LINK_TYPES.filter((t) => t.target_types.some((s) => s.leaf_type === 'product')).map((t) => t.name);
    expect(names(await post('link-types.custom.list', { target_types_v2: [{ leaf_type: 'product', is_custom_leaf_type: false }] }))).toEqual(toProducts);
    expect(names(await post('link-types.custom.list', { sort_by: ['name:desc'], limit: 3 }))).toEqual(
      DEVREV_CUSTOM_LINK_TYPES.map((t) => t.name).sort().reverse().slice(0, 3),
    );
  });

  it('answers each type with is_deprecated and its audit fields', async () => {
    const { result } = (await post('link-types.custom.list', { name: ['replaces'] })).json as { result: unknown[] };
    expect(result).toEqual([
      {
        id: SEED.devrev.customLinkTypes.replaces.id,
        display_id: SEED.devrev.customLinkTypes.replaces.display_id,
        name: 'replaces',
        forward_name: 'replaces',
        backward_name: 'is replaced by',
        source_types: [{ leaf_type: 'issue' }],
        target_types: [{ leaf_type: 'issue' }],
        is_deprecated: true,
        tooltip: expect.any(String),
        created_by: SEED.devrev.devUser,
        created_date: expect.any(String),
        modified_by: SEED.devrev.devUser,
        modified_date: expect.any(String),
      },
    ]);
  });

  it.each([
    ['limit 0', { limit: 0 }, 'invalid_field', 'limit'],
    ['a non-boolean is_deprecated', { is_deprecated: 'yes' }, 'invalid_field', 'is_deprecated'],
    ['source_types_v2 not an array', { source_types_v2: { leaf_type: 'issue' } }, 'invalid_field', 'source_types_v2'],
    ['an unknown descriptor key', { source_types_v2: [{ type: 'issue' }] }, 'invalid_field', 'source_types_v2[0].type'],
    ['a GET-only dotted key in a POST body', { 'source_types_v2.leaf_type': 'issue' }, 'invalid_field', 'source_types_v2.leaf_type'],
    ['an unknown sort field', { sort_by: ['id:asc'] }, 'invalid_field', 'sort_by'],
    ['an unknown field', { type: 'custom' }, 'invalid_field', 'type'],
  ])('refuses %s', async (_name, body, type, field) => {
    expectError(await post('link-types.custom.list', body), 400, type, { field_name: field });
  });
});
