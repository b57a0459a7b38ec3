// Every DevRev answer the sandbox gives on a success path has exactly the shape DevRev publishes.
import { SEED } from '../src/index.js';
import { call, devrevHeaders, jsonInit, useSandbox } from './helpers.js';
import { loadDevRevSpecs } from './openapi.js';

const { objects, customLinkTypes } = SEED.devrev;
const ctx = useSandbox();
const specs = loadDevRevSpecs();

async function expectDocumented(path: string, method: 'GET' | 'POST', body?: unknown, status = 200): Promise<any> {
  const init = method === 'POST' ? jsonInit('POST', body ?? {}, devrevHeaders) : { headers: devrevHeaders };
  const reply = await call(`${ctx.sandbox.url}${path}`, init);
  expect(reply.status).toBe(status);
  const validate = specs.response(path.split('?')[0]!, method, status);
  expect(validate(reply.json) ? [] : validate.errors).toEqual([]);
  return reply.json;
}

const create = (source: string, target: string, extra: object = {}) =>
  expectDocumented('/links.create', 'POST', { source, target, link_type: 'is_related_to', ...extra }, 201);

describe('DevRev answers match the published schemas', () => {
  // One object of each type (the hand-written ones and a generated issue and ticket).
  const oneOfEach = ['ISS-1', 'ISS-5', 'TKT-1', 'TKT-3', 'ENH-1', 'PROD-1', 'CAPL-1', 'FEAT-1', 'ISS-42', 'TKT-42'];
  it.each(oneOfEach)('links.create with a %s source, and its name under the key of its type', async (key) => {
    const other = key === 'ISS-1' ? 'ISS-2' : 'ISS-1';
    const { link } = await create(key, other);
    const object = objects[key]!;
    const nameKey = ['issue', 'ticket'].includes(object.type) ? 'title' : 'name';
    expect(link.source).toMatchObject({ type: object.type, id: object.id, display_id: key, [nameKey]: object.name });
    expect(link.source).not.toHaveProperty('display_name');
  });

  it('a custom link', async () => {
    const { link } = await create('ISS-3', 'ENH-1', { link_type: 'custom_link', custom_link_type: customLinkTypes.implements.id });
    expect(link.custom_link_type).toMatchObject({ id: customLinkTypes.implements.id });
  });

  it('links.list (POST and GET), links.get and links.delete', async () => {
    const { link } = await create('ISS-1', 'TKT-1');
    await create('ISS-1', 'PROD-1');
    const page = await expectDocumented('/links.list', 'POST', { object: 'ISS-1', limit: 1 });
    expect(page.links).toHaveLength(1);
    expect(page.next_cursor).toEqual(expect.any(String));
    await expectDocumented(`/links.list`, 'POST', { object: 'ISS-1', cursor: page.next_cursor });
    const got = await expectDocumented('/links.get', 'POST', { id: link.id });
    expect(got.link).toEqual(link);
    await expectDocumented('/links.delete', 'POST', { id: link.id });
  });

  it('dev-users.self', async () => {
    await expectDocumented('/dev-users.self', 'GET');
  });

  it('link-types.custom.list lists every seeded custom link type under "result" (all twelve fit the default page)', async () => {
    const body = await expectDocumented('/link-types.custom.list', 'GET');
    expect(body.result.map((t: { id: string }) => t.id)).toEqual(Object.values(customLinkTypes).map((t) => t.id));
  });

  it('links.list pages (next_cursor and prev_cursor), both ways, with filters', async () => {
    const first = await expectDocumented('/links.list', 'POST', { object: 'ISS-80', limit: 100, object_types: ['issue', 'ticket'] });
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await expectDocumented('/links.list', 'POST', { object: 'ISS-80', limit: 100, cursor: first.next_cursor });
    expect(second.prev_cursor).toEqual(expect.any(String));
    await expectDocumented('/links.list?object=ISS-80&mode=before&link_type=is_related_to', 'GET');
  });

  it('works.list (GET and POST, every page) and works.get (GET and POST)', async () => {
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await expectDocumented('/works.list', 'POST', { limit: 50, ...(cursor ? { cursor } : {}) });
      expect(page.works.length).toBeGreaterThan(0);
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    await expectDocumented('/works.list?type=ticket&limit=100', 'GET');
    const issue = await expectDocumented('/works.get', 'POST', { id: 'ISS-12' });
    expect(issue.work).toMatchObject({ type: 'issue', display_id: 'ISS-12' });
    await expectDocumented(`/works.get?id=${encodeURIComponent(objects['TKT-40']!.id)}`, 'GET');
  });

  it('link-types.custom.list pages with next_cursor and prev_cursor', async () => {
    const first = await expectDocumented('/link-types.custom.list', 'POST', { limit: 5 });
    const second = await expectDocumented('/link-types.custom.list', 'POST', { limit: 5, cursor: first.next_cursor });
    expect(second).toMatchObject({ next_cursor: expect.any(String), prev_cursor: expect.any(String) });
    await expectDocumented('/link-types.custom.list?is_deprecated=true', 'GET');
  });

  it('the check itself fails on an answer of the old shape', () => {
    const validate = specs.response('/links.create', 'POST', 201);
    const old = { link: { id: 'x', link_type: 'is_related_to', source: { type: 'issue', id: 'a', display_name: 'A' }, target: { type: 'issue', id: 'b', display_name: 'B' } } };
    expect(validate(old)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('title');
  });
});
