// OneTrust: the links list, get and delete as the reference documents them, and the entity routes pickers use.
import { ONETRUST_ENTITIES, ONETRUST_LINK_TYPES, SANDBOX_EXTRA_CREDENTIALS, SEED } from '../src/index.js';
import { call, jsonInit, onetrustToken, useSandbox, type Reply } from './helpers.js';

const { entities, linkTypes, entityTypes } = SEED.onetrust;
const ctx = useSandbox();
const V1 = () => `${ctx.sandbox.url}/api/ai-governance/v1`;

type Client = 'full' | 'read' | 'write';
async function bearer(client: Client = 'full'): Promise<Record<string, string>> {
  const extra = client === 'read' ? SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly : client === 'write' ? SANDBOX_EXTRA_CREDENTIALS.onetrustWriteOnly : undefined;
  const token = extra ? await onetrustToken(ctx.sandbox, extra.clientId, extra.clientSecret) : await onetrustToken(ctx.sandbox);
  return { authorization: `Bearer ${token}` };
}

const hub = entities.enterpriseKnowledgeAssistant;
const linksPath = (type: string, id: string) => `${V1()}/linked-entity-types/entity-types/names/${type}/entities/${id}/links/pages`;
const NO_BODY = Symbol('no body');
async function listLinks(type: string, id: string, query = '', body: unknown = { fullText: '', filters: [] }, client: Client = 'full'): Promise<Reply> {
  const auth = await bearer(client);
  const init = body === NO_BODY ? { method: 'POST', headers: auth } : jsonInit('POST', body, auth);
  return call(`${linksPath(type, id)}${query}`, init);
}
const post = async (path: string, body: unknown, client: Client = 'full') => call(`${V1()}${path}`, jsonInit('POST', body, await bearer(client)));

interface Page<T> {
  content: T[];
  number: number;
  size: number;
  totalElements: number;
  totalPages: number;
  first: boolean;
  last: boolean;
  numberOfElements: number;
}

/** Follows `page` until a page says `last`, checking the counters on the way; answers every item. */
async function allPages<T>(fetchPage: (page: number) => Promise<Reply>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  for (let page = 0; ; page++) {
    const reply = await fetchPage(page);
    expect(reply.status).toBe(200);
    const body = reply.json as Page<T>;
    expect(body.number).toBe(page);
    expect(body.first).toBe(page === 0);
    expect(body.numberOfElements).toBe(body.content.length);
    items.push(...body.content);
    if (body.last) {
      expect(items).toHaveLength(body.totalElements);
      expect(page + 1).toBe(body.totalPages);
      return { items, pages: page + 1 };
    }
    expect(body.content).toHaveLength(body.size);
  }
}

describe('OneTrust links list', () => {
  it('answers the documented page with relationshipTypeDetail, source (entity1) and target (entity2)', async () => {
    const auth = await bearer();
    const created = await call(
      `${V1()}/links?linkTypeId=${linkTypes.aiSystemComposition.id}`,
      jsonInit('POST', { entity1: { id: entities.supportAssistant.id, entityType: { name: 'aisystems' } }, entity2: { id: entities.intentClassifier.id, entityType: { name: 'models' } } }, auth),
    );
    const link = created.json as { id: string; auditFields: { createdDate: string } };
    const reply = await listLinks('models', entities.intentClassifier.id);
    expect(reply.status).toBe(200);
    const entity = (e: { id: string; name: string; number: number }, type: keyof typeof entityTypes) => ({
      linkEntityDetail: { extendedBaseAttributes: {}, displayLabel: e.name },
      id: e.id,
      number: e.number,
      name: e.name,
      entityType: entityTypes[type],
      deleted: false,
    });
    expect(reply.json).toEqual({
      content: [
        {
          createdDate: link.auditFields.createdDate,
          id: link.id,
          lastUpdatedDate: link.auditFields.createdDate,
          relationshipTypeDetail: {
            id: linkTypes.aiSystemComposition.id,
            name: 'ai-system-composition',
            nameKey: 'CE.Link.AISystemComposition.Name',
            schemaName: 'ai-system-composition',
            seeded: true,
            moduleName: 'CustomEntityManagement',
            description: linkTypes.aiSystemComposition.description,
            descriptionKey: 'CE.Link.AISystemComposition.Description',
            entityType1ToEntityType2EntityLinkName: 'is composed of',
            entityType1ToEntityType2EntityLinkNameKey: 'CE.Link.AISystemComposition.ForwardLabel',
            entityType2ToEntityType1EntityLinkName: 'is a component of',
            entityType2ToEntityType1EntityLinkNameKey: 'CE.Link.AISystemComposition.BackwardLabel',
            enableAudit: true,
            allowNewCustomLinkAssociation: true,
            auditFields: { createdDate: expect.any(String), lastUpdatedDate: expect.any(String) },
          },
          source: entity(entities.supportAssistant, 'aisystems'),
          target: entity(entities.intentClassifier, 'models'),
        },
      ],
      number: 0,
      size: 10,
      totalElements: 1,
      first: true,
      last: true,
      hasContent: true,
      numberOfElements: 1,
      totalPages: 1,
    });
  });

  it('pages the 53 seeded links of the knowledge assistant to the last page and stops there (size 50)', async () => {
    const { items, pages } = await allPages<{ id: string }>((page) => listLinks('aisystems', hub.id, `?page=${page}&size=50`));
    expect(pages).toBe(2);
    expect(items).toHaveLength(53);
    expect(new Set(items.map((l) => l.id)).size).toBe(53);
    // The default sort is id,desc.
    expect(items.map((l) => l.id)).toEqual([...items.map((l) => l.id)].sort().reverse());
    const beyond = await listLinks('aisystems', hub.id, '?page=2&size=50');
    expect(beyond.json).toMatchObject({ content: [], number: 2, last: true, hasContent: false, numberOfElements: 0, totalElements: 53 });
  });

  it('defaults to 10 per page, sorts by id ascending on request, and filters on the other entity’s name', async () => {
    const first = (await listLinks('aisystems', hub.id)).json as Page<{ id: string }>;
    expect(first).toMatchObject({ size: 10, totalPages: 6, numberOfElements: 10 });
    const ascending = (await listLinks('aisystems', hub.id, '?sort=id,asc&size=50')).json as Page<{ id: string }>;
    expect(ascending.content.map((l) => l.id)).toEqual([...ascending.content.map((l) => l.id)].sort());
    const filtered = (await listLinks('aisystems', hub.id, '', { fullText: 'AGENT' })).json as Page<{ target: { name: string } }>;
    expect(filtered.totalElements).toBe(10);
    expect(filtered.content.every((l) => /agent/i.test(l.target.name))).toBe(true);
  });

  it('shows every link type in some existing link, so link type ids can be learned from links', async () => {
    const seen = new Set<string>();
    for (const [type, entity] of [
      ['aisystems', hub],
      ['models', entities.claimsSeverityRegressor],
      ['models', entities.speechToTextEu],
    ] as const) {
      const { items } = await allPages<{ relationshipTypeDetail: { id: string } }>((page) => listLinks(type, entity.id, `?page=${page}&size=50`));
      for (const item of items) seen.add(item.relationshipTypeDetail.id);
    }
    expect([...seen].sort()).toEqual(ONETRUST_LINK_TYPES.map((t) => t.id).sort());
  });

  it.each([
    ['page below 0', '?page=-1', undefined],
    ['a non-numeric page', '?page=x', undefined],
    ['size 0', '?size=0', undefined],
    ['size 51', '?size=51', undefined],
    ['a repeated size', '?size=5&size=6', undefined],
    ['another sort property', '?sort=name,asc', undefined],
    ['a sort without direction', '?sort=id', undefined],
    ['no body', '', 'none'],
    ['an array body', '', []],
    ['an unknown body property', '', { fullText: '', page: 1 }],
    ['a non-string fullText', '', { fullText: 3 }],
    ['a fullText over 500 characters', '', { fullText: 'x'.repeat(501) }],
    ['filters that are not an array', '', { filters: {} }],
    ['a filter without field', '', { filters: [{ operator: 'EQUAL_TO', value: 'x' }] }],
    ['a filter with an unknown operator', '', { filters: [{ field: 'type', operator: 'LIKE', value: 'x' }] }],
    ['a repeated filter', '', { filters: [{ field: 'type', value: 'a' }, { field: 'type', value: 'a' }] }],
  ])('answers 400 (a JSON string) for %s', async (_name, query, body) => {
    const reply = await listLinks('aisystems', hub.id, query, body === 'none' ? NO_BODY : (body ?? {}));
    expect(reply.status).toBe(400);
    expect(typeof reply.json).toBe('string');
  });

  it('checks the path: an AI Governance type (400 for vendors), a UUID (400), an existing entity (404)', async () => {
    expect((await listLinks('vendors', entities.northwindVendor.id)).status).toBe(400);
    expect((await listLinks('widgets', hub.id)).status).toBe(400);
    expect((await listLinks('aisystems', 'not-a-uuid')).status).toBe(400);
    expect((await listLinks('models', hub.id)).status).toBe(404);
    expect((await listLinks('aisystems', '00000000-0000-4000-8000-000000000000')).json).toMatchObject({ status: 404, error: 'Not Found' });
  });

  it('accepts AI_GOVERNANCE and AI_GOVERNANCE_READ, refuses AI_GOVERNANCE_WRITE (403) and no token (401)', async () => {
    expect((await listLinks('aisystems', hub.id, '', {}, 'read')).status).toBe(200);
    const write = await listLinks('aisystems', hub.id, '', {}, 'write');
    expect(write.status).toBe(403);
    expect(write.json).toEqual(expect.stringContaining('AI_GOVERNANCE, AI_GOVERNANCE_READ'));
    expect((await call(linksPath('aisystems', hub.id), jsonInit('POST', {}))).status).toBe(401);
  });
});

describe('OneTrust get and delete', () => {
  const seededLinkId = async () => ((await listLinks('models', entities.claimsSeverityRegressor.id, '?size=50')).json as Page<{ id: string; relationshipTypeDetail: { id: string } }>).content;
  const one = (linkId: string, linkTypeId?: string) => `${V1()}/links/${linkId}${linkTypeId === undefined ? '' : `?linkTypeId=${linkTypeId}`}`;

  it('gets a seeded link with the link type id read from the list, as LinkInformation', async () => {
    const [first] = await seededLinkId();
    const reply = await call(one(first!.id, first!.relationshipTypeDetail.id), { headers: await bearer('read') });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ id: first!.id, linkType: { id: first!.relationshipTypeDetail.id }, entity1: { id: expect.any(String) }, entity2: { id: expect.any(String) } });
    expect((await call(one(first!.id, first!.relationshipTypeDetail.id), { headers: await bearer('write') })).status).toBe(200);
  });

  it.each([
    ['no linkTypeId', undefined, 400],
    ['a linkTypeId that is not a UUID', 'abc', 400],
    ['a repeated linkTypeId', `${linkTypes.related.id}&linkTypeId=${linkTypes.related.id}`, 400],
    ['another link type', linkTypes.related.id, 404],
  ])('answers get and delete with %s: %i', async (_name, linkTypeId, status) => {
    const [first] = await seededLinkId();
    for (const method of ['GET', 'DELETE']) {
      const reply = await call(one(first!.id, linkTypeId), { method, headers: await bearer() });
      expect(reply.status).toBe(status);
    }
    expect((await call(one('not-a-uuid', linkTypes.related.id), { headers: await bearer() })).status).toBe(400);
  });

  it('deletes only with AI_GOVERNANCE (403 for the write and read scopes); deleted links are gone until reset', async () => {
    const links = await seededLinkId();
    const target = links.find((l) => l.relationshipTypeDetail.id === linkTypes.modelTrainingData.id)!;
    const url = one(target.id, target.relationshipTypeDetail.id);
    for (const client of ['write', 'read'] as const) {
      const refused = await call(url, { method: 'DELETE', headers: await bearer(client) });
      expect(refused.status).toBe(403);
      expect(refused.json).toEqual(expect.stringContaining('scopes AI_GOVERNANCE;'));
    }
    const deleted = await call(url, { method: 'DELETE', headers: await bearer() });
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect((await call(url, { headers: await bearer() })).status).toBe(404);
    expect((await call(url, { method: 'DELETE', headers: await bearer() })).status).toBe(404);
    expect(await seededLinkId()).toHaveLength(links.length - 1);
    expect(ctx.sandbox.state.links.onetrust).toHaveLength(0);

    ctx.sandbox.state.reset();
    expect((await call(url, { headers: await bearer() })).status).toBe(200);
  });
});

describe('OneTrust entity search (full details)', () => {
  const search = (query: string, body: unknown = { queryRequest: { criteria: { fullText: '', filters: [] } } }, client: Client = 'full') =>
    post(`/entities/search${query}`, body, client);
  const models = ONETRUST_ENTITIES.filter((e) => e.entityType === 'models');

  it('pages every model by name to the last page and stops there', async () => {
    const { items, pages } = await allPages<{ name: string; id: string }>((page) => search(`?entityTypeName=models&size=7&page=${page}`));
    expect(items).toHaveLength(models.length);
    expect(pages).toBe(Math.ceil(models.length / 7));
    expect(items.map((e) => e.name)).toEqual(models.map((e) => e.name).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const beyond = (await search(`?entityTypeName=models&size=7&page=${pages}`)).json as Page<unknown>;
    expect(beyond).toMatchObject({ content: [], last: true, empty: true, totalElements: models.length });
  });

  it('answers EntityInformation in a Spring page, sorted name,desc on request', async () => {
    const reply = await search('?entityTypeName=models&sort=name,desc&size=1');
    const last = [...models].sort((a, b) => b.name.localeCompare(a.name, 'en', { sensitivity: 'base' }))[0]!;
    expect(reply.json).toEqual({
      content: [
        {
          id: last.id,
          number: last.number,
          name: last.name,
          orgGroupId: SEED.onetrust.orgGroupId,
          schemaId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          entityType: entityTypes.models,
          workflowAndStage: null,
          entityDetail: { description: [{ id: null, value: expect.any(String), disabled: false }] },
          attributes: {},
          auditFields: { createdDate: expect.any(String), lastUpdatedDate: expect.any(String), createdBy: expect.any(Object), lastModifiedBy: expect.any(Object) },
        },
      ],
      pageable: { pageNumber: 0, pageSize: 1, sort: { empty: false, sorted: true, unsorted: false }, offset: 0, paged: true, unpaged: false },
      last: false,
      totalElements: models.length,
      totalPages: models.length,
      size: 1,
      number: 0,
      sort: { empty: false, sorted: true, unsorted: false },
      first: true,
      numberOfElements: 1,
      empty: false,
    });
  });

  it('matches fullText in the name (any case) or as the entity number; no type searches the four AI types', async () => {
    const credit = (await search('?entityTypeName=models', { queryRequest: { criteria: { fullText: 'CREDIT' } } })).json as Page<{ id: string }>;
    expect(credit.content.map((e) => e.id)).toEqual([entities.creditRiskModel.id]);
    const byNumber = (await search('?entityTypeName=datasets', { queryRequest: { criteria: { fullText: String(entities.loanApplications.number) } } })).json as Page<{ id: string }>;
    expect(byNumber.content.map((e) => e.id)).toContain(entities.loanApplications.id);
    const all = (await search('?size=50', {})).json as Page<{ entityType: { name: string } }>;
    expect(all.totalElements).toBe(ONETRUST_ENTITIES.filter((e) => e.entityType !== 'vendors').length);
    expect((await post('/entities/search', undefined as unknown as object)).status).toBe(200);
  });

  it('accepts all three scopes', async () => {
    for (const client of ['full', 'read', 'write'] as const) expect((await search('?entityTypeName=aiagents', {}, client)).status).toBe(200);
  });

  it.each([
    ['vendors (not an AI Governance type)', '?entityTypeName=vendors', {}],
    ['an unknown type', '?entityTypeName=widgets', {}],
    ['size 51', '?size=51', {}],
    ['sort by id', '?sort=id,asc', {}],
    ['an unknown body property', '', { criteria: {} }],
    ['queryRequest not an object', '', { queryRequest: 'x' }],
    ['an unknown queryRequest property', '', { queryRequest: { search: 'x' } }],
    ['a non-string fullText', '', { queryRequest: { criteria: { fullText: true } } }],
    ['an unknown traversal strategy', '', { queryRequest: { organizationTraversalStrategy: 'up' } }],
    ['a requestedOrganizationId that is not a UUID', '', { queryRequest: { requestedOrganizationId: 'org' } }],
    ['requestedFields not an object', '', { requestedFields: ['name'] }],
  ])('answers 400 for %s', async (_name, query, body) => {
    const reply = await search(query, body);
    expect(reply.status).toBe(400);
    expect(typeof reply.json).toBe('string');
  });
});

describe('OneTrust basic-details search, entity type search, entity get', () => {
  it('pages basic details with "<number> | <name>" labels to the last page', async () => {
    const datasets = ONETRUST_ENTITIES.filter((e) => e.entityType === 'datasets');
    const { items } = await allPages<{ displayLabel: string; number: number; name: string }>((page) =>
      post(`/entity-basic-details/search?entityTypeName=datasets&size=5&page=${page}`, { criteria: { fullText: '', filters: [] } }),
    );
    expect(items).toHaveLength(datasets.length);
    for (const item of items) expect(item.displayLabel).toBe(`${item.number} | ${item.name}`);
    expect(items[0]).toEqual({
      displayLabel: expect.any(String),
      entityType: entityTypes.datasets,
      id: expect.any(String),
      name: expect.any(String),
      number: expect.any(Number),
      orgGroupId: SEED.onetrust.orgGroupId,
      schemaId: expect.any(String),
    });
    const filtered = (await post('/entity-basic-details/search', { criteria: { fullText: 'invoice' }, organizationTraversalStrategy: 'ANCESTORS_AND_DESCENDANTS' })).json as Page<{ name: string }>;
    expect(filtered.content.map((e) => e.name).sort()).toEqual(ONETRUST_ENTITIES.filter((e) => e.entityType !== 'vendors' && /invoice/i.test(e.name)).map((e) => e.name).sort());
    expect((await post('/entity-basic-details/search', { criteria: { fullText: 1 } })).status).toBe(400);
    expect((await post('/entity-basic-details/search', { queryRequest: {} })).status).toBe(400);
    expect((await post('/entity-basic-details/search?size=0', {})).status).toBe(400);
  });

  it('lists the four AI Governance entity types', async () => {
    const reply = await post('/entity-types/search', { fullText: '', filters: [] }, 'read');
    const page = reply.json as Page<{ name: string; settings: object; enabled: boolean }>;
    expect(page.content.map((t) => t.name)).toEqual(['aiagents', 'aisystems', 'datasets', 'models']);
    expect(page.content[2]).toEqual({
      ...entityTypes.datasets,
      description: expect.any(String),
      descriptionKey: 'CE.Datasets.Description',
      workflowType: null,
      enabled: true,
      moduleScopes: ['AIG'],
      settings: expect.objectContaining({ enableWorkflow: false, assessable: true }),
      auditFields: { createdDate: expect.any(String), lastUpdatedDate: expect.any(String) },
    });
    expect(((await post('/entity-types/search', { fullText: 'DATA' })).json as Page<{ name: string }>).content.map((t) => t.name)).toEqual(['datasets']);
    expect((await post('/entity-types/search', { fullText: '', extra: 1 })).status).toBe(400);
    expect((await post('/entity-types/search?sort=name,up', {})).status).toBe(400);
  });

  it('gets one entity by id, with or without its type', async () => {
    const auth = await bearer('write');
    const url = (id: string, query = '') => `${V1()}/entities/${id}${query}`;
    const plain = await call(url(entities.refundAgent.id), { headers: auth });
    expect(plain.status).toBe(200);
    expect(plain.json).toMatchObject({ id: entities.refundAgent.id, name: 'Refund Approval Agent', number: entities.refundAgent.number, entityType: entityTypes.aiagents });
    expect((await call(url(entities.refundAgent.id, '?entityTypeName=aiagents'), { headers: auth })).status).toBe(200);
    expect((await call(url(entities.refundAgent.id, `?entityTypeId=${entityTypes.aiagents.id}`), { headers: auth })).status).toBe(200);
    expect((await call(url(entities.refundAgent.id, '?entityTypeName=models'), { headers: auth })).status).toBe(404);
    expect((await call(url(entities.refundAgent.id, `?entityTypeId=${entityTypes.models.id}`), { headers: auth })).status).toBe(404);
    expect((await call(url(entities.refundAgent.id, `?entityTypeName=aiagents&entityTypeId=${entityTypes.models.id}`), { headers: auth })).status).toBe(400);
    expect((await call(url(entities.northwindVendor.id), { headers: auth })).status).toBe(404);
    expect((await call(url(entities.northwindVendor.id, '?entityTypeName=vendors'), { headers: auth })).status).toBe(400);
    expect((await call(url('not-a-uuid'), { headers: auth })).status).toBe(400);
    expect((await call(url('00000000-0000-4000-8000-000000000000'), { headers: auth })).status).toBe(404);
    expect((await call(url(entities.refundAgent.id))).status).toBe(401);
    expect((await call(url(entities.refundAgent.id), { method: 'POST', headers: auth })).status).toBe(405);
  });
});
