// Yandex Tracker: the entity search pickers use, and the links of the pre-existing records.
import { SANDBOX_CREDENTIALS, SEED, TRACKER_ENTITIES, TRACKER_ENTITY_DETAILS } from '../src/index.js';
import { call, jsonInit, trackerHeaders, useSandbox, type Reply } from './helpers.js';

const { entities } = SEED.yandexTracker;
const ctx = useSandbox();

const search = (type: string, query = '', body: unknown = {}, version = 'v2', headers: Record<string, string> = trackerHeaders) =>
  call(`${ctx.sandbox.url}/${version}/entities/${type}/_search${query}`, jsonInit('POST', body, headers));

interface Result {
  hits: number;
  pages: number;
  values: { id: string; shortId: number; entityType: string; fields: Record<string, unknown> }[];
}

describe('Yandex Tracker entity search', () => {
  it('answers { hits, pages, values } with the fixed keys and the asked-for fields', async () => {
    const reply = await search('project', '?perPage=1&fields=summary,entityStatus,lead,unknownKey', { input: 'website' });
    expect(reply.status).toBe(200);
    const detail = TRACKER_ENTITY_DETAILS[entities.websiteRedesign.id]!;
    const lead = SEED.yandexTracker.users.find((u) => u.login === detail.lead)!;
    expect(reply.json).toEqual({
      hits: 1,
      pages: 1,
      values: [
        {
          self: `${ctx.sandbox.url}/v2/entities/project/${entities.websiteRedesign.id}`,
          id: entities.websiteRedesign.id,
          version: 1,
          shortId: 1,
          entityType: 'project',
          createdBy: { self: `${ctx.sandbox.url}/v2/users/${SEED.yandexTracker.user.uid}`, id: String(SEED.yandexTracker.user.uid), display: 'Sandbox User' },
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
          updatedAt: expect.stringMatching(/\+0000$/),
          fields: {
            summary: 'Website redesign',
            entityStatus: detail.entityStatus,
            lead: { self: `${ctx.sandbox.url}/v2/users/${lead.uid}`, id: String(lead.uid), display: lead.display },
          },
        },
      ],
    });
    // Without `fields`, `fields` is empty.
    const bare = (await search('goal', '?perPage=1')).json as Result;
    expect(bare.values[0]!.fields).toEqual({});
  });

  it.each(['project', 'portfolio', 'goal'])('pages every %s (perPage 7) to the last page and stops there, under /v2/ and /v3/', async (type) => {
    const all = TRACKER_ENTITIES.filter((e) => e.entityType === type);
    for (const version of ['v2', 'v3']) {
      const seen: string[] = [];
      let pages = 0;
      for (let page = 1; ; page++) {
        const reply = await search(type, `?perPage=7&page=${page}&fields=summary`, {}, version);
        expect(reply.status).toBe(200);
        const body = reply.json as Result;
        expect(body).toMatchObject({ hits: all.length, pages: Math.ceil(all.length / 7) });
        seen.push(...body.values.map((v) => v.id));
        pages = body.pages;
        if (page >= body.pages) break;
        expect(body.values).toHaveLength(7);
      }
      expect(seen).toEqual([...all].sort((a, b) => a.shortId - b.shortId).map((e) => e.id));
      const beyond = (await search(type, `?perPage=7&page=${pages + 1}`, {}, version)).json as Result;
      expect(beyond).toEqual({ hits: all.length, pages, values: [] });
    }
  });

  it('defaults to 50 per page and page 1', async () => {
    const projects = TRACKER_ENTITIES.filter((e) => e.entityType === 'project');
    const body = (await search('project')).json as Result;
    expect(body.values).toHaveLength(Math.min(50, projects.length));
    expect(body.pages).toBe(Math.ceil(projects.length / 50));
  });

  it('matches input in the summary (any case), filters by field and orders by a key', async () => {
    const input = (await search('project', '?fields=summary', { input: 'MIGRATION' })).json as Result;
    expect(input.values.map((v) => v.fields.summary).sort()).toEqual(['Data warehouse migration', 'Payments provider migration']);

    const status = TRACKER_ENTITY_DETAILS[entities.reduceChurn.id]!.entityStatus;
    const byStatus = (await search('goal', '?perPage=100', { filter: { entityStatus: status } })).json as Result;
    expect(byStatus.values.map((v) => v.id)).toEqual(TRACKER_ENTITIES.filter((e) => e.entityType === 'goal' && TRACKER_ENTITY_DETAILS[e.id]!.entityStatus === status).map((e) => e.id));
    const lead = (await search('project', '?perPage=100', { filter: { lead: ['anna.petrova', String(SEED.yandexTracker.users[2].uid)] } })).json as Result;
    expect(lead.hits).toBe(TRACKER_ENTITIES.filter((e) => e.entityType === 'project' && TRACKER_ENTITY_DETAILS[e.id]!.lead !== 'sandbox.user').length);

    const ordered = (await search('portfolio', '?fields=summary', { orderBy: 'summary', orderAsc: false })).json as Result;
    const summaries = ordered.values.map((v) => String(v.fields.summary));
    expect(summaries).toEqual([...summaries].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())));
    expect((await search('portfolio', '', { rootOnly: true })).status).toBe(200);
  });

  it.each([
    ['perPage 0', '?perPage=0', {}, 400, 'perPage'],
    ['a non-numeric page', '?page=two', {}, 400, 'page'],
    ['page 0', '?page=0', {}, 400, 'page'],
    ['a repeated perPage', '?perPage=5&perPage=6', {}, 400, 'perPage'],
    ['perPage over 1000', '?perPage=1001', {}, 400, 'perPage'],
    ['an unknown body field', '', { query: 'x' }, 422, 'query'],
    ['a non-string input', '', { input: 5 }, 422, 'input'],
    ['a filter that is not an object', '', { filter: 'open' }, 422, 'filter'],
    ['an unknown filter key', '', { filter: { queue: 'X' } }, 422, 'filter.queue'],
    ['a filter value that is not text', '', { filter: { entityStatus: 3 } }, 422, 'filter.entityStatus'],
    ['an unknown orderBy', '', { orderBy: 'priority' }, 422, 'orderBy'],
    ['a non-boolean orderAsc', '', { orderAsc: 'yes' }, 422, 'orderAsc'],
    ['a non-boolean rootOnly', '', { rootOnly: 1 }, 422, 'rootOnly'],
    ['an array body', '', [], 422, 'body'],
  ])('answers %s with %i naming the field', async (_name, query, body, status, field) => {
    const reply = await search('project', query, body);
    expect(reply.status).toBe(status);
    expect(reply.json).toMatchObject({ statusCode: status, errors: { [field]: expect.any(String) }, errorMessages: [expect.any(String)] });
  });

  it('answers 400 for another entity type, 401/403 for bad auth, 405 for GET, 415 for another content type', async () => {
    expect((await search('issue')).status).toBe(400);
    expect((await search('project', '', {}, 'v2', { authorization: 'OAuth wrong', 'x-org-id': SANDBOX_CREDENTIALS.yandexTracker.orgId })).status).toBe(401);
    expect((await search('project', '', {}, 'v2', { authorization: trackerHeaders.authorization, 'x-org-id': 'other' })).status).toBe(403);
    const get = await call(`${ctx.sandbox.url}/v2/entities/project/_search`, { headers: trackerHeaders });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const text = await call(`${ctx.sandbox.url}/v2/entities/project/_search`, { method: 'POST', headers: { ...trackerHeaders, 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    expect((await call(`${ctx.sandbox.url}/v2/entities/project/_search`, { method: 'POST', headers: trackerHeaders })).status).toBe(200);
  });
});

describe('Yandex Tracker pre-existing links', () => {
  const links = (entity: { entityType: string; id: string }, fields = 'id,summary'): Promise<Reply> =>
    call(`${ctx.sandbox.url}/v2/entities/${entity.entityType}/${entity.id}/links?fields=${fields}`, { headers: trackerHeaders });

  it('lists them from both ends, with the other fields on request, and deletes them until reset', async () => {
    const goal = entities.p95ApiLatencyUnder300Ms;
    const fromGoal = (await links(goal)).json as { type: string }[];
    expect(fromGoal).toHaveLength(6);
    expect(new Set(fromGoal.map((l) => l.type))).toEqual(new Set(['is supported by']));
    const fromProject = await links(entities.partnerApiV3, 'summary,entityStatus,lead');
    expect(fromProject.json).toEqual([
      {
        type: 'works towards',
        linkFieldValues: { summary: goal.summary, entityStatus: TRACKER_ENTITY_DETAILS[goal.id]!.entityStatus, lead: expect.objectContaining({ display: expect.any(String) }) },
      },
    ]);

    const del = await call(`${ctx.sandbox.url}/v2/entities/project/${entities.partnerApiV3.id}/links?right=${goal.shortId}`, { method: 'DELETE', headers: trackerHeaders });
    expect(del.status).toBe(200);
    expect((await links(goal)).json).toHaveLength(5);
    expect(ctx.sandbox.state.links.yandexTracker).toHaveLength(0);
    ctx.sandbox.state.reset();
    expect((await links(goal)).json).toHaveLength(6);
  });
});
