// Pickers in the pure part: the request on the wire, every documented response, search, paging, URLs, fields.
import { type AnyProvider, checkOptionQuery, trackerRelationshipsFor, collectOptions, devrev, type Field, idFromUrl, onetrust, pickerOf, providers, sendOptionSearch, yandexTracker } from '@links/core';
import { inTurn, ok } from '../operations/support.js';

const ALL = Object.values(providers) as AnyProvider[];
const BASE = 'https://api.example.com';

describe.each(ALL.map((p) => [p.id, p] as const))('%s pickers', (_id, provider) => {
  it.each(Object.keys(provider.examples.pickers))('%s: the documented response parses into labelled options', async (source) => {
    const example = provider.examples.pickers[source]!;
    const picker = pickerOf(provider, source);
    const page = await sendOptionSearch(provider, picker, checkOptionQuery(provider, picker, example.query), { ...inTurn(example.response), baseUrl: BASE });
    expect(page.options.map((o) => o.label)).toEqual(example.labels);
    for (const option of page.options) {
      expect(option.value).not.toBe('');
      expect(option.description).not.toBe('');
    }
  });

  it('every picker a field names exists, and what it depends on is a field beside it and a parameter of the source', () => {
    const operations = provider.operations as unknown as Record<string, { fields?: readonly Field[] }>;
    const fieldLists: [string, readonly Field[]][] = [['create', provider.fields], ...Object.entries(operations).flatMap(([name, op]) => (op.fields ? [[name, op.fields] as [string, readonly Field[]]] : []))];
    let pickers = 0;
    for (const [, fields] of fieldLists) {
      for (const field of fields) {
        if (!field.picker) continue;
        pickers++;
        const picker = pickerOf(provider, field.picker.source);
        for (const [param, fieldKey] of Object.entries(field.picker.dependsOn ?? {})) {
          expect(picker.params.map((p) => p.key)).toContain(param);
          expect(fields.map((f) => f.key)).toContain(fieldKey);
        }
        for (const param of picker.params.filter((p) => p.required)) expect(Object.keys(field.picker.dependsOn ?? {})).toContain(param.key);
      }
    }
    expect(pickers).toBeGreaterThan(0);
  });

  it('an unknown source is an input error naming it', () => {
    expect(() => pickerOf(provider, 'nope')).toThrow(expect.objectContaining({ kind: 'input', field: 'source' }));
    expect(() => pickerOf(provider, 'constructor')).toThrow(expect.objectContaining({ kind: 'input', field: 'source' }));
  });
});

describe('DevRev work items', () => {
  const picker = pickerOf(devrev, 'devrev.works');

  it('lists issues and tickets with works.list, 50 a page, following the cursor', async () => {
    const { transport, requests } = inTurn(ok({ works: [{ id: 'don:w/1', display_id: 'ISS-1', title: 'A', type: 'issue' }], next_cursor: 'c2' }));
    const page = await sendOptionSearch(devrev, picker, checkOptionQuery(devrev, picker, { cursor: 'c1' }), { transport, baseUrl: BASE });
    expect(requests).toEqual([{ method: 'POST', url: `${BASE}/works.list`, headers: { Accept: 'application/json' }, json: { type: ['issue', 'ticket'], limit: 50, cursor: 'c1' } }]);
    expect(page).toEqual({ options: [{ value: 'don:w/1', label: 'A', description: 'ISS-1 · issue' }], nextCursor: 'c2' });
  });

  it('filters a page by title, since works.list has no text filter', async () => {
    const works = [
      { id: 'don:w/1', display_id: 'ISS-1', title: 'Checkout fails', type: 'issue' },
      { id: 'don:w/2', display_id: 'ISS-2', title: 'Slow search', type: 'issue' },
    ];
    const page = await sendOptionSearch(devrev, picker, checkOptionQuery(devrev, picker, { search: 'CHECKOUT' }), { ...inTurn(ok({ works, next_cursor: 'n' })), baseUrl: BASE });
    expect(page).toEqual({ options: [{ value: 'don:w/1', label: 'Checkout fails', description: 'ISS-1 · issue' }], nextCursor: 'n' });
  });

  it.each([
    ['ISS-12', 'ISS-12'],
    ['tkt-3', 'TKT-3'],
    ['https://app.devrev.ai/acme/works/ISS-12', 'ISS-12'],
    ['https://app.devrev.ai/acme/works/TKT-9?tab=activity', 'TKT-9'],
    ['don:core:dvrv-us-1:devo/demo:issue/12', 'don:core:dvrv-us-1:devo/demo:issue/12'],
  ])('looks %s up with works.get', async (search, id) => {
    const { transport, requests } = inTurn(ok({ work: { id: 'don:w/12', display_id: id, title: 'Found', type: 'issue' } }));
    const page = await sendOptionSearch(devrev, picker, checkOptionQuery(devrev, picker, { search }), { transport, baseUrl: BASE });
    expect(requests).toEqual([{ method: 'POST', url: `${BASE}/works.get`, headers: { Accept: 'application/json' }, json: { id } }]);
    expect(page.options).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    ['https://app.devrev.ai/acme/works/ISS-12', 'ISS-12'],
    ['https://app.devrev.ai/ISS-7', 'ISS-7'],
    ['  https://app.devrev.ai/acme/works/TKT-9#x  ', 'TKT-9'],
    ['https://evil.example/acme/works/ISS-12', null],
    ['https://app.devrev.ai.evil.example/works/ISS-12', null],
    ['ISS-12', null],
  ])('reads the id in %s as %s', (url, id) => {
    expect(idFromUrl(picker, url)).toBe(id);
    if (id) expect(new RegExp(picker.url!.pattern).exec(url.trim())![1]).toBe(id);
  });

  it('the example address matches its own rule', () => {
    for (const provider of ALL) for (const p of Object.values(provider.pickers)) if (p.url) expect(idFromUrl(p, p.url.example)).not.toBeNull();
  });
});

describe('DevRev custom link types', () => {
  const picker = pickerOf(devrev, 'devrev.customLinkTypes');

  it('collects every page, each type once', async () => {
    const type = (n: number) => ({ id: `don:t/${n}`, name: `type ${n}`, forward_name: `f${n}`, backward_name: `b${n}` });
    const { transport, requests } = inTurn(ok({ result: [type(1), type(2)], next_cursor: 'p2' }), ok({ result: [type(2), type(3)] }));
    const options = await collectOptions(devrev, picker, checkOptionQuery(devrev, picker), { transport, baseUrl: BASE });
    expect(options.map((o) => o.label)).toEqual(['type 1', 'type 2', 'type 3']);
    expect(requests.map((r) => r.url)).toEqual([`${BASE}/link-types.custom.list`, `${BASE}/link-types.custom.list?cursor=p2`]);
  });

  it('the dropdown the platforms show today is still the first page, unchanged', () => {
    const source = devrev.optionSources!['devrev.customLinkTypes']!;
    expect(source.buildRequest(BASE)).toEqual({ method: 'GET', url: `${BASE}/link-types.custom.list`, headers: { Accept: 'application/json' } });
    expect(source.parse(devrev.examples.pickers['devrev.customLinkTypes']!.response)).toEqual([
      { value: 'don:core:dvrv-us-1:devo/demo:custom_link_type/1', label: 'blocks', description: 'blocks / is blocked by' },
    ]);
  });
});

describe('Yandex Tracker entities', () => {
  const picker = pickerOf(yandexTracker, 'yandex-tracker.entities');

  it('searches by name with _search, 50 a page, pages numbered from 1', async () => {
    const { transport, requests } = inTurn(ok({ hits: 120, pages: 3, values: [{ id: 'a', shortId: 7, entityType: 'goal', fields: { summary: 'Grow' } }] }));
    const page = await sendOptionSearch(yandexTracker, picker, checkOptionQuery(yandexTracker, picker, { search: ' grow ', cursor: '2', params: { entityType: 'goal' } }), { transport, baseUrl: BASE });
    expect(requests).toEqual([
      { method: 'POST', url: `${BASE}/v2/entities/goal/_search?perPage=50&page=2&fields=summary`, headers: { Accept: 'application/json' }, json: { input: 'grow' } },
    ]);
    expect(page).toEqual({ options: [{ value: 'a', label: 'Grow', description: '#7 · goal' }], nextCursor: '3' });
  });

  it('stops at the last page', async () => {
    const page = await sendOptionSearch(yandexTracker, picker, checkOptionQuery(yandexTracker, picker, { cursor: '3', params: { entityType: 'goal' } }), {
      ...inTurn(ok({ hits: 101, pages: 3, values: [{ id: 'z', shortId: 1 }] })),
      baseUrl: BASE,
    });
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    ['https://tracker.yandex.ru/pages/projects/42', '42'],
    ['https://tracker.yandex.com/pages/portfolios/7?tab=about', '7'],
    ['https://tracker.yandex.com/goals/19', '19'],
    ['https://tracker.yandex.com.evil.example/pages/projects/42', null],
    ['https://tracker.yandex.ru/pages/projects/abc', null],
  ])('reads the short id in %s as %s', (url, id) => expect(idFromUrl(picker, url)).toBe(id));

  it('needs the entity type, and takes page numbers only as cursors', () => {
    expect(() => checkOptionQuery(yandexTracker, picker, {})).toThrow(expect.objectContaining({ field: 'params.entityType', rule: 'required' }));
    expect(() => checkOptionQuery(yandexTracker, picker, { params: { entityType: 'issue' } })).toThrow(expect.objectContaining({ field: 'params.entityType', rule: 'enum' }));
    expect(() => checkOptionQuery(yandexTracker, picker, { cursor: '../2', params: { entityType: 'goal' } })).toThrow(expect.objectContaining({ field: 'cursor', rule: 'format' }));
  });
});

describe('Yandex Tracker entities of every type', () => {
  const picker = pickerOf(yandexTracker, 'yandex-tracker.anyEntities');
  const search = (cursor: string | undefined, body: unknown) => {
    const { transport, requests } = inTurn(ok(body));
    return sendOptionSearch(yandexTracker, picker, checkOptionQuery(yandexTracker, picker, { search: 'q', cursor }), { transport, baseUrl: BASE }).then((page) => ({ page, requests }));
  };

  it('pages through projects, then portfolios, then goals, each type to its last page', async () => {
    const first = await search(undefined, { pages: 2, values: [{ id: 'p1', shortId: 1, entityType: 'project', fields: { summary: 'P' } }] });
    expect(first.requests[0]!.url).toBe(`${BASE}/v2/entities/project/_search?perPage=50&page=1&fields=summary`);
    expect(first.page).toEqual({ options: [{ value: 'p1', label: 'P', description: '#1 · project' }], nextCursor: 'project:2' });
    const lastProjects = await search('project:2', { pages: 2, values: [{ id: 'p2', shortId: 2 }] });
    expect(lastProjects.requests[0]!.url).toBe(`${BASE}/v2/entities/project/_search?perPage=50&page=2&fields=summary`);
    expect(lastProjects.page.nextCursor).toBe('portfolio:1');
    const noPortfolios = await search('portfolio:1', { pages: 0, values: [] });
    expect(noPortfolios.page).toEqual({ options: [], nextCursor: 'goal:1' });
    const goals = await search('goal:1', { pages: 1, values: [{ id: 'g1', shortId: 4 }] });
    expect(goals.requests[0]!.json).toEqual({ input: 'q' });
    expect(goals.page).toEqual({ options: [{ value: 'g1', label: '#4', description: '#4 · goal' }], nextCursor: null });
  });

  it.each(['2', 'issue:1', 'goal:', '../goal:1'])('refuses the cursor %s before sending', async (cursor) => {
    const { transport, requests } = inTurn(ok({ pages: 1, values: [] }));
    await expect(sendOptionSearch(yandexTracker, picker, checkOptionQuery(yandexTracker, picker, { cursor }), { transport, baseUrl: BASE })).rejects.toMatchObject({ field: 'cursor', rule: 'format' });
    expect(requests).toEqual([]);
  });
});

describe('Yandex Tracker relationships', () => {
  it.each([
    ['project', ['relates', 'depends on', 'is dependent by', 'works towards']],
    ['portfolio', ['relates', 'depends on', 'is dependent by']],
    ['goal', ['relates', 'depends on', 'is dependent by', 'parent entity', 'child entity', 'is supported by']],
  ])('a %s is offered the relationships documented for it', (type, values) => {
    expect(trackerRelationshipsFor(type).map((o) => o.value)).toEqual(values);
  });

  it('a goal-only relationship is still accepted for a project: the list is open', () => {
    expect(() => yandexTracker.validateInput({ entityType: 'project', entityId: 'p', links: [{ relationship: 'parent entity', entity: 'g' }] })).not.toThrow();
  });
});

describe('OneTrust', () => {
  it('entities of a type by name, 50 a page, with their display label', async () => {
    const picker = pickerOf(onetrust, 'onetrust.entities');
    const { transport, requests } = inTurn(onetrust.examples.pickers['onetrust.entities']!.response);
    const page = await sendOptionSearch(onetrust, picker, checkOptionQuery(onetrust, picker, { search: 'model', params: { entityType: 'models' } }), { transport, baseUrl: BASE });
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${BASE}/api/ai-governance/v1/entities/search?entityTypeName=models&page=0&size=50&sort=name%2Casc`,
        headers: { Accept: 'application/json' },
        json: { queryRequest: { criteria: { fullText: 'model', filters: [] } } },
      },
    ]);
    expect(page).toEqual({ options: [{ value: '296c0a2d-b5f6-450d-8b13-3c2327775042', label: '7 | Model Test', description: 'models 296c0a2d-b5f6-450d-8b13-3c2327775042' }], nextCursor: null });
  });

  it('a basic-details item\'s displayLabel is used as it is', () => {
    const picker = pickerOf(onetrust, 'onetrust.entities');
    const body = { content: [{ id: 'e1', name: 'Test Dataset1', number: 9, displayLabel: '9 | Test Dataset1' }], number: 0, totalPages: 2 };
    expect(picker.parseResponse(ok(body), { search: '', cursor: null, params: { entityType: 'datasets' } })).toEqual({
      options: [{ value: 'e1', label: '9 | Test Dataset1', description: 'datasets e1' }],
      nextCursor: '1',
    });
  });

  it('link types come from the entity\'s links pages, each once', async () => {
    const picker = pickerOf(onetrust, 'onetrust.linkTypes');
    const { transport, requests } = inTurn(onetrust.examples.pickers['onetrust.linkTypes']!.response);
    const entityId = '0f79003f-b177-4f02-aa83-9bf11deec7c7';
    const page = await sendOptionSearch(onetrust, picker, checkOptionQuery(onetrust, picker, { search: 'dataset', params: { entityType: 'aisystems', entityId } }), { transport, baseUrl: BASE });
    expect(requests[0]!.url).toBe(`${BASE}/api/ai-governance/v1/linked-entity-types/entity-types/names/aisystems/entities/${entityId}/links/pages?page=0&size=50&sort=id%2Casc`);
    expect(page.options).toEqual([{ value: '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7', label: 'ai-system-dataset', description: 'uses / is used by' }]);
  });

  it('linked entities are the other ends of the entity\'s links, of any type, each once', async () => {
    const picker = pickerOf(onetrust, 'onetrust.linkedEntities');
    const entityId = '0f79003f-b177-4f02-aa83-9bf11deec7c7';
    const end = (id: string, name: string) => ({ id, number: 1, name, entityType: { name: 'models' } });
    const link = (id: string, source: unknown, target: unknown) => ({ id, relationshipTypeDetail: { id: 't' }, source, target });
    const body = { content: [link('l1', end(entityId, 'Me'), end('m1', 'One')), link('l2', end('m1', 'One'), end(entityId, 'Me')), link('l3', end('m2', 'Two'), end(entityId, 'Me'))], number: 0, totalPages: 2 };
    const { transport, requests } = inTurn(ok(body));
    const page = await sendOptionSearch(onetrust, picker, checkOptionQuery(onetrust, picker, { search: 'two', params: { entityType: 'aisystems', entityId } }), { transport, baseUrl: BASE });
    expect(requests[0]!.url).toBe(`${BASE}/api/ai-governance/v1/linked-entity-types/entity-types/names/aisystems/entities/${entityId}/links/pages?page=0&size=50&sort=id%2Casc`);
    expect(page).toEqual({ options: [{ value: 'm2', label: '1 | Two', description: 'models m2' }], nextCursor: '1' });
  });

  it('entity type ids: the same search, each option the type\'s UUID', async () => {
    const picker = pickerOf(onetrust, 'onetrust.entityTypeIds');
    const { transport, requests } = inTurn(onetrust.examples.pickers['onetrust.entityTypeIds']!.response);
    const page = await sendOptionSearch(onetrust, picker, checkOptionQuery(onetrust, picker, { search: 'ai' }), { transport, baseUrl: BASE });
    expect(requests[0]).toMatchObject({ url: `${BASE}/api/ai-governance/v1/entity-types/search?page=0&size=50&sort=name%2Casc`, json: { fullText: 'ai', filters: [] } });
    expect(page.options).toEqual([{ value: '8a0b318a-d206-4ff9-b1db-00c8c8611d37', label: 'AI System', description: 'aisystems' }]);
  });

  it('entity types by name', async () => {
    const picker = pickerOf(onetrust, 'onetrust.entityTypes');
    const { transport, requests } = inTurn(onetrust.examples.pickers['onetrust.entityTypes']!.response);
    await sendOptionSearch(onetrust, picker, checkOptionQuery(onetrust, picker, { search: 'ai' }), { transport, baseUrl: BASE });
    expect(requests[0]).toMatchObject({ url: `${BASE}/api/ai-governance/v1/entity-types/search?page=0&size=50&sort=name%2Casc`, json: { fullText: 'ai', filters: [] } });
  });
});

describe('option queries are checked before sending', () => {
  const picker = pickerOf(onetrust, 'onetrust.linkTypes');
  it.each([
    [{ search: 42 }, 'search', 'type'],
    [{ search: 'x'.repeat(201) }, 'search', 'format'],
    [{ search: 'a\uD800' }, 'search', 'format'],
    [{ cursor: {} }, 'cursor', 'type'],
    [{ cursor: 'abc', params: { entityType: 'models', entityId: '0f79003f-b177-4f02-aa83-9bf11deec7c7' } }, 'cursor', 'format'],
    [{ params: { entityType: 'models' } }, 'params.entityId', 'required'],
    [{ params: { entityType: 'models', entityId: 'x' } }, 'params.entityId', 'uuid'],
    [{ params: 'x' }, 'params', 'type'],
  ])('%j fails on %s', (query, field, rule) => {
    expect(() => checkOptionQuery(onetrust, picker, query)).toThrow(expect.objectContaining({ kind: 'input', field, rule, message: expect.stringContaining(`(${field})`) }));
  });
});
