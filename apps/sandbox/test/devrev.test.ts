import { DEVREV_CUSTOM_LINK_TYPES, DEVREV_LINK_TYPES, SEED } from '../src/index.js';
import { call, devrevHeaders, jsonInit, useSandbox } from './helpers.js';

const { objects, customLinkTypes, devUser } = SEED.devrev;
const ctx = useSandbox();

const url = (method: string) => `${ctx.sandbox.url}/${method}`;
const create = (body: unknown) => call(url('links.create'), jsonInit('POST', body, devrevHeaders));

describe('DevRev links.create', () => {
  it('answers 201 with the link', async () => {
    const reply = await create({ source: 'ISS-1', target: objects['ISS-2'].id, link_type: 'is_related_to' });
    expect(reply.status).toBe(201);
    const date = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
    expect(reply.json).toEqual({
      link: {
        id: 'don:core:dvrv-us-1:devo/demo:link/1',
        display_id: 'LNK-1',
        link_type: 'is_related_to',
        source: { type: 'issue', id: 'don:core:dvrv-us-1:devo/demo:issue/1', display_id: 'ISS-1', title: objects['ISS-1'].name, owned_by: [devUser] },
        target: { type: 'issue', id: 'don:core:dvrv-us-1:devo/demo:issue/2', display_id: 'ISS-2', title: objects['ISS-2'].name, owned_by: [devUser] },
        created_date: date,
        created_by: devUser,
        modified_date: date,
        modified_by: devUser,
        object_version: 1,
      },
    });
    expect(reply.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
    expect(reply.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    expect(Number(reply.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('creates a custom link with a seeded custom link type', async () => {
    const reply = await create({ source: 'ISS-3', target: 'ENH-1', link_type: 'custom_link', custom_link_type: customLinkTypes.implements.id });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({ link: { custom_link_type: { id: customLinkTypes.implements.id } } });
  });

  it.each([
    ['missing source', { target: 'ISS-2', link_type: 'is_related_to' }, 400, { type: 'missing_required_field', field_name: 'source' }],
    ['missing link_type', { source: 'ISS-1', target: 'ISS-2' }, 400, { type: 'missing_required_field', field_name: 'link_type' }],
    [
      'an unknown link_type',
      { source: 'ISS-1', target: 'ISS-2', link_type: 'blocks' },
      400,
      { type: 'invalid_enum_value', field_name: 'link_type', value: 'blocks', allowed_values: [...DEVREV_LINK_TYPES] },
    ],
    ['custom_link without a type', { source: 'ISS-1', target: 'ISS-2', link_type: 'custom_link' }, 400, { type: 'missing_required_field', field_name: 'custom_link_type' }],
    [
      'custom_link_type with another link_type',
      { source: 'ISS-1', target: 'ISS-2', link_type: 'is_related_to', custom_link_type: customLinkTypes.blocks.id },
      400,
      { type: 'value_not_permitted' },
    ],
    [
      'an unknown custom link type',
      { source: 'ISS-1', target: 'ISS-2', link_type: 'custom_link', custom_link_type: 'don:core:dvrv-us-1:devo/demo:custom_link_type/99' },
      404,
      { type: 'not_found' },
    ],
    ['a custom type on a disallowed target', { source: 'ISS-1', target: 'PROD-1', link_type: 'custom_link', custom_link_type: customLinkTypes.implements.id }, 400, { type: 'bad_request' }],
    ['an unknown object', { source: 'ISS-99', target: 'ISS-2', link_type: 'is_related_to' }, 404, { type: 'not_found' }],
    ['a malformed id', { source: 'issue one', target: 'ISS-2', link_type: 'is_related_to' }, 400, { type: 'invalid_field', field_name: 'source' }],
    ['a non-string target', { source: 'ISS-1', target: 2, link_type: 'is_related_to' }, 400, { type: 'invalid_field', field_name: 'target' }],
    ['an unknown field', { source: 'ISS-1', target: 'ISS-2', link_type: 'is_related_to', note: 'x' }, 400, { type: 'invalid_field', field_name: 'note' }],
    ['a self link', { source: 'ISS-1', target: objects['ISS-1'].id, link_type: 'is_related_to' }, 400, { type: 'bad_request' }],
    ['an issue depending on a ticket', { source: 'ISS-1', target: 'TKT-1', link_type: 'is_dependent_on' }, 400, { type: 'bad_request' }],
  ])('rejects %s', async (_name, body, status, expected) => {
    const reply = await create(body);
    expect(reply.status).toBe(status);
    expect(reply.json).toMatchObject({ message: expect.any(String), ...expected });
    expect(ctx.sandbox.state.links.devrev).toHaveLength(0);
  });

  it('allows a ticket to depend on an issue', async () => {
    expect((await create({ source: 'TKT-1', target: 'ISS-1', link_type: 'is_dependent_on' })).status).toBe(201);
  });

  it('enforces one parent per target, no cycles and a depth of 2', async () => {
    expect((await create({ source: 'ENH-1', target: 'ISS-1', link_type: 'is_parent_of' })).status).toBe(201);
    const again = await create({ source: 'ENH-1', target: 'ISS-1', link_type: 'is_parent_of' });
    expect(again.json).toEqual(
      expect.objectContaining({ type: 'artifact_already_attached_to_a_parent', existing_parent: objects['ENH-1'].id, is_same: true }),
    );
    const other = await create({ source: 'ISS-2', target: 'ISS-1', link_type: 'is_parent_of' });
    expect(other.json).toMatchObject({ type: 'artifact_already_attached_to_a_parent', is_same: false });

    expect((await create({ source: 'ISS-1', target: 'ISS-2', link_type: 'is_parent_of' })).status).toBe(201);
    const cycle = await create({ source: 'ISS-2', target: 'ENH-1', link_type: 'is_parent_of' });
    expect(cycle.status).toBe(400);
    expect(cycle.json).toMatchObject({ type: 'bad_request', message: expect.stringContaining('cycle') });
    const deep = await create({ source: 'ISS-2', target: 'ISS-3', link_type: 'is_parent_of' });
    expect(deep.json).toMatchObject({ type: 'bad_request', message: expect.stringContaining('depth') });
    const deepAbove = await create({ source: 'PROD-1', target: 'ENH-1', link_type: 'is_parent_of' });
    expect(deepAbove.status).toBe(400);
    expect(ctx.sandbox.state.links.devrev).toHaveLength(2);
  });

  it('allows one is_merged_into per source', async () => {
    expect((await create({ source: 'TKT-2', target: 'TKT-3', link_type: 'is_merged_into' })).status).toBe(201);
    expect((await create({ source: 'TKT-2', target: 'TKT-1', link_type: 'is_merged_into' })).status).toBe(400);
  });

  it('answers 401 unauthenticated without a valid token', async () => {
    const body = { source: 'ISS-1', target: 'ISS-2', link_type: 'is_related_to' };
    const none = await call(url('links.create'), jsonInit('POST', body));
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ type: 'unauthenticated' });
    const bad = await call(url('links.create'), jsonInit('POST', body, { authorization: 'Bearer nope' }));
    expect(bad.status).toBe(401);
    expect(bad.headers.get('x-ratelimit-limit')).not.toBeNull();
  });

  it('answers parse_error for malformed JSON, bad_request for another content type, 413 for a huge body', async () => {
    const malformed = await call(url('links.create'), { method: 'POST', headers: { ...devrevHeaders, 'content-type': 'application/json' }, body: '{"source":' });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ type: 'parse_error' });
    const text = await call(url('links.create'), { method: 'POST', headers: { ...devrevHeaders, 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(400);
    expect(text.json).toMatchObject({ type: 'bad_request' });
    const huge = await create({ source: 'ISS-1', target: 'ISS-2', link_type: 'is_related_to', pad: 'x'.repeat(1024 * 1024 + 10) });
    expect(huge.status).toBe(413);
    expect(huge.json).toMatchObject({ type: 'request_entity_too_large', max_bytes: 1024 * 1024 });
  });
});

describe('DevRev read endpoints', () => {
  it('answers dev-users.self and link-types.custom.list by GET and POST', async () => {
    for (const init of [{ headers: devrevHeaders }, { method: 'POST', headers: devrevHeaders }]) {
      const self = await call(url('dev-users.self'), init);
      expect(self.status).toBe(200);
      expect(self.json).toEqual({ dev_user: devUser });
      const types = (await call(url('link-types.custom.list'), init)).json as { result: unknown[] };
      expect(types.result).toHaveLength(DEVREV_CUSTOM_LINK_TYPES.length);
      expect(types.result.slice(0, 2)).toEqual([
        expect.objectContaining({ id: customLinkTypes.blocks.id, name: 'blocks', forward_name: 'blocks', backward_name: 'is blocked by' }),
        expect.objectContaining({ id: customLinkTypes.implements.id, source_types: [{ leaf_type: 'issue' }] }),
      ]);
    }
  });

  it('lists with direction, link_type and cursor; gets and deletes', async () => {
    await create({ source: 'ISS-1', target: 'ISS-2', link_type: 'is_related_to' });
    await create({ source: 'ISS-3', target: 'ISS-1', link_type: 'is_duplicate_of' });
    await create({ source: 'ISS-1', target: 'ISS-4', link_type: 'is_follow_up_of' });

    const all = await call(url('links.list'), jsonInit('POST', { object: 'ISS-1', limit: 2 }, devrevHeaders));
    const page1 = all.json as { links: { id: string }[]; next_cursor?: string };
    expect(page1.links).toHaveLength(2);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = await call(`${url('links.list')}?object=ISS-1&limit=2&cursor=${page1.next_cursor}`, { headers: devrevHeaders });
    expect(page2.json).toEqual({ links: [expect.objectContaining({ link_type: 'is_follow_up_of' })], prev_cursor: expect.any(String) });

    const targets = await call(url('links.list'), jsonInit('POST', { object: objects['ISS-1'].id, direction: 'is_target' }, devrevHeaders));
    expect((targets.json as { links: unknown[] }).links).toHaveLength(1);
    const typed = await call(`${url('links.list')}?object=ISS-1&link_type=is_related_to&link_type=is_follow_up_of`, { headers: devrevHeaders });
    expect((typed.json as { links: unknown[] }).links).toHaveLength(2);
    const missing = await call(url('links.list'), jsonInit('POST', {}, devrevHeaders));
    expect(missing.json).toMatchObject({ type: 'missing_required_field', field_name: 'object' });

    const id = page1.links[0]!.id;
    const got = await call(url('links.get'), jsonInit('POST', { id }, devrevHeaders));
    expect(got.json).toMatchObject({ link: { id } });
    const deleted = await call(url('links.delete'), jsonInit('POST', { id }, devrevHeaders));
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({});
    expect((await call(`${url('links.get')}?id=${encodeURIComponent(id)}`, { headers: devrevHeaders })).status).toBe(404);
  });
});

describe('DevRev rate limit', () => {
  it('answers 429 too_many_requests with retry_after and the X-Ratelimit headers', async () => {
    ctx.sandbox.state.setRateLimits({ devrev: { limit: 2, windowMs: 5_000 } });
    const first = await call(url('dev-users.self'), { headers: devrevHeaders });
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    await call(url('dev-users.self'), { headers: devrevHeaders });
    const limited = await call(url('dev-users.self'), { headers: devrevHeaders });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.json).toMatchObject({ type: 'too_many_requests', retry_after: retryAfter });
  });
});
