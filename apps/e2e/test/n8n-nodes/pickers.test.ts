// ID fields with a picker as n8n resource locators (From List over core's option search, By ID, By URL), the
// list searches against the strict sandbox (paging by paginationToken, parameters from sibling fields), and
// what a locator value sends.
import { devrev, onetrust, yandexTracker } from '@links/core';
import { SANDBOX_LINK_CREDENTIALS, SEED, type Sandbox, startSandbox } from '@links/sandbox';
import type { IExecuteFunctions, ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';
import { fakeContext, loadNode } from '../../src/n8n/fake-context.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.state.reset());
afterAll(() => sandbox.close());

const OT = SEED.onetrust;
const T = SEED.yandexTracker.entities;
const trackerContext = (items: Record<string, unknown>[] = [{}]) =>
  fakeContext({ items, credentialType: 'yandexTrackerApi', credentials: { ...SANDBOX_LINK_CREDENTIALS['yandex-tracker'], baseUrl: sandbox.url } });
const linksEntry = () => (property('YandexTracker', 'links').options as { values: INodeProperties[] }[])[0]!.values;
const devrevContext = (items: Record<string, unknown>[] = [{}]) =>
  fakeContext({ items, credentialType: 'devRevApi', credentials: { ...SANDBOX_LINK_CREDENTIALS.devrev, baseUrl: sandbox.url } });
const onetrustContext = (items: Record<string, unknown>[]) =>
  fakeContext({ items, credentialType: 'oneTrustApi', credentials: { ...SANDBOX_LINK_CREDENTIALS.onetrust, baseUrl: sandbox.url } });
const property = (node: string, name: string, operation = 'create') =>
  loadNode(node).description.properties.find((p) => p.name === name && p.displayOptions?.show?.operation?.includes(operation)) as INodeProperties;
type Search = (this: ILoadOptionsFunctions, filter?: string, token?: string) => Promise<INodeListSearchResult>;
const search = (node: string, method: string) => loadNode(node).methods!.listSearch![method] as Search;

describe('resource locators', () => {
  it('DevRev Source ID: From List (searchable, over devrev.works), By ID, and By URL with core\'s URL rule', () => {
    const source = property('DevRev', 'source');
    expect(source).toMatchObject({ type: 'resourceLocator', required: true, default: { mode: 'list', value: '' } });
    expect(source.modes!.map((m) => m.name)).toEqual(['list', 'id', 'url']);
    expect(source.modes![0]).toMatchObject({ type: 'list', typeOptions: { searchListMethod: 'devrev_works_source', searchable: true } });
    expect(source.modes![2]).toMatchObject({ extractValue: { type: 'regex', regex: devrev.pickers['devrev.works']!.url!.pattern } });
  });

  it('OneTrust: UUID fields validate By ID as UUIDs; no By URL (core knows no OneTrust address)', () => {
    const entity = property('OneTrust', 'entity1Id');
    expect(entity.modes!.map((m) => m.name)).toEqual(['list', 'id']);
    expect(JSON.stringify(entity.modes![1]!.validation)).toContain('[0-9a-fA-F]{8}');
    expect(property('OneTrust', 'linkTypeId').type).toBe('resourceLocator');
    expect(onetrust.pickers['onetrust.linkTypes']).toBeDefined();
  });
});

describe('list searches', () => {
  it('DevRev works: a page of 50 with a paginationToken; the token gives the next page', async () => {
    const fake = devrevContext();
    const first = await search('DevRev', 'devrev_works_source').call(fake.context as unknown as ILoadOptionsFunctions);
    expect(first.results).toHaveLength(50);
    expect(first.paginationToken).toEqual(expect.any(String));
    const second = await search('DevRev', 'devrev_works_source').call(fake.context as unknown as ILoadOptionsFunctions, '', first.paginationToken as string);
    expect(second.results.length).toBeGreaterThan(0);
    expect(second.results.map((r) => r.value)).not.toContain(first.results[0]!.value);
    const works = fake.wire.filter((request) => request.url.endsWith('/works.list'));
    expect(JSON.parse(works[1]!.body!)).toMatchObject({ cursor: first.paginationToken });
  });

  it('DevRev works: a pasted address is looked up by its display id', async () => {
    const fake = devrevContext();
    const found = await search('DevRev', 'devrev_works_target').call(fake.context as unknown as ILoadOptionsFunctions, 'https://app.devrev.ai/acme/works/ISS-12');
    expect(found.results.map((r) => r.value)).toEqual([expect.stringMatching(/ISS-12|issue\/12/)]);
  });

  it('OneTrust Entity 2 ID searches the type chosen in Entity 2 Type', async () => {
    const fake = onetrustContext([{ entity2Type: 'models' }]);
    const found = await search('OneTrust', 'onetrust_entities_entity2Id').call(fake.context as unknown as ILoadOptionsFunctions, 'Intent');
    expect(found.results.map((r) => r.value)).toContain(OT.entities.intentClassifier.id);
    expect(fake.wire.some((request) => request.url.includes('models'))).toBe(true);
  });

  it('OneTrust Link Type ID is learned from entity 1\'s links, given as a locator', async () => {
    const fake = onetrustContext([{ entity1Type: 'aisystems', entity1Id: { __rl: true, mode: 'id', value: OT.entities.enterpriseKnowledgeAssistant.id } }]);
    const found = await search('OneTrust', 'onetrust_linkTypes_linkTypeId').call(fake.context as unknown as ILoadOptionsFunctions);
    expect(found.results.map((r) => r.value)).toContain(OT.linkTypes.aiSystemComposition.id);
  });

  it('a search without its parameter is an error naming it, and sends nothing', async () => {
    const fake = onetrustContext([{}]);
    await expect(search('OneTrust', 'onetrust_entities_entity1Id').call(fake.context as unknown as ILoadOptionsFunctions)).rejects.toThrow(/entityType/);
    expect(fake.wire).toHaveLength(0);
  });
});

describe('what a locator value sends', () => {
  it('By URL, By ID and From List values, and a plain string (an expression), all send the id', async () => {
    const fake = devrevContext([
      {
        resource: 'link',
        operation: 'create',
        source: { __rl: true, mode: 'url', value: 'https://app.devrev.ai/acme/works/ISS-1' },
        linkType: 'is_related_to',
        target: { __rl: true, mode: 'list', value: 'ISS-2' },
      },
      { resource: 'link', operation: 'create', source: { __rl: true, mode: 'id', value: 'ISS-3' }, linkType: 'is_related_to', target: 'ISS-2' },
    ]);
    const output = await loadNode('DevRev').execute.call(fake.context as unknown as IExecuteFunctions);
    expect(output[0]).toHaveLength(2);
    const bodies = fake.wire.filter((request) => request.url.endsWith('/links.create')).map((request) => JSON.parse(request.body!));
    expect(bodies.map((body) => [body.source, body.target]).sort()).toEqual([
      ['ISS-1', 'ISS-2'],
      ['ISS-3', 'ISS-2'],
    ]);
  });

  it('a By URL value that is no DevRev address fails on the field before anything is sent', async () => {
    const fake = devrevContext([{ resource: 'link', operation: 'create', source: { __rl: true, mode: 'url', value: 'https://example.com/x' }, linkType: 'is_related_to', target: 'ISS-2' }]);
    await expect(loadNode('DevRev').execute.call(fake.context as unknown as IExecuteFunctions)).rejects.toThrow(/Source ID \(source\)/);
    expect(fake.wire).toHaveLength(0);
  });
});

describe('Yandex Tracker linked entities (yandex-tracker.anyEntities)', () => {
  const anyEntities = yandexTracker.pickers['yandex-tracker.anyEntities']!;
  it.each(['get', 'delete'])('%s: Linked Entity ID is a resource locator: From List, By ID, By URL', (operation) => {
    const linked = property('YandexTracker', 'linkedEntityId', operation);
    expect(linked).toMatchObject({ type: 'resourceLocator', required: true, default: { mode: 'list', value: '' } });
    expect(linked.modes!.map((m) => m.name)).toEqual(['list', 'id', 'url']);
    expect(linked.modes![0]).toMatchObject({ placeholder: 'Select an Entity...', typeOptions: { searchListMethod: 'yandex_tracker_anyEntities_linkedEntityId', searchable: true } });
    expect(linked.modes![2]).toMatchObject({ extractValue: { type: 'regex', regex: anyEntities.url!.pattern } });
  });

  it('Create: each Links entry\'s Linked Entity ID is a resource locator too, and the first entry starts in From List', () => {
    const entity = linksEntry().find((p) => p.name === 'entity')!;
    expect(entity).toMatchObject({ type: 'resourceLocator', default: { mode: 'list', value: '' } });
    expect(entity.modes!.map((m) => m.name)).toEqual(['list', 'id', 'url']);
    expect(entity.modes![0]).toMatchObject({ typeOptions: { searchListMethod: 'yandex_tracker_anyEntities_entity' } });
    expect(property('YandexTracker', 'links').default).toEqual({ values: [{ relationship: 'relates', entity: { __rl: true, mode: 'list', value: '' } }] });
  });

  it('From List pages with paginationToken through projects, then portfolios, then goals', async () => {
    const fake = trackerContext();
    const list = search('YandexTracker', 'yandex_tracker_anyEntities_entity');
    const pages: INodeListSearchResult[] = [];
    let token: string | undefined;
    do {
      const page = await list.call(fake.context as unknown as ILoadOptionsFunctions, '', token);
      pages.push(page);
      token = page.paginationToken as string | undefined;
    } while (token && pages.length < 10);
    const values = pages.flatMap((page) => page.results.map((r) => r.value));
    expect(values).toEqual(expect.arrayContaining([T.websiteRedesign.id, T.platformModernization.id, T.reduceChurn.id]));
    expect(values.indexOf(T.websiteRedesign.id)).toBeLessThan(values.indexOf(T.platformModernization.id));
    expect(values.indexOf(T.platformModernization.id)).toBeLessThan(values.indexOf(T.reduceChurn.id));
    expect(pages.at(-1)!.paginationToken).toBeUndefined();
    expect(fake.wire.map((request) => new URL(request.url).pathname)).toEqual(['/v2/entities/project/_search', '/v2/entities/portfolio/_search', '/v2/entities/goal/_search']);
    expect(pages[0]!.paginationToken).toBe('portfolio:1');
  });

  it('a search text goes to the API; the Get search reads the same source', async () => {
    const fake = trackerContext();
    const found = await search('YandexTracker', 'yandex_tracker_anyEntities_linkedEntityId').call(fake.context as unknown as ILoadOptionsFunctions, 'churn');
    expect(JSON.parse(fake.wire[0]!.body!)).toEqual({ input: 'churn' });
    expect(found.results.length).toBeGreaterThanOrEqual(0);
  });

  it('Create sends the id of each entry\'s locator (From List, By URL as the short id, By ID without __rl as n8n may keep it)', async () => {
    const fake = trackerContext([
      {
        resource: 'link',
        operation: 'create',
        entityType: 'project',
        entityId: { __rl: true, mode: 'id', value: T.websiteRedesign.id },
        links: {
          values: [
            { relationship: 'relates', entity: { __rl: true, mode: 'list', value: T.paymentsMigration.id } },
            { relationship: 'depends on', entity: { __rl: true, mode: 'url', value: `https://tracker.yandex.com/pages/goals/${T.reduceChurn.shortId}` } },
            { relationship: 'depends on', entity: { mode: 'id', value: T.launchEu.id } },
          ],
        },
      },
    ]);
    const output = await loadNode('YandexTracker').execute.call(fake.context as unknown as IExecuteFunctions);
    expect(output[0]).toHaveLength(3);
    const create = fake.wire.find((request) => request.method === 'POST' && request.url.endsWith('/links'))!;
    expect(JSON.parse(create.body!)).toEqual([
      { relationship: 'relates', entity: T.paymentsMigration.id },
      { relationship: 'depends on', entity: String(T.reduceChurn.shortId) },
      { relationship: 'depends on', entity: T.launchEu.id },
    ]);
  });

  it('only a field with a picker reads a { mode, value } object as a locator; any other field gets it as it is', async () => {
    const fake = trackerContext([
      { resource: 'link', operation: 'getAll', entityType: { mode: 'id', value: 'project' }, entityId: { mode: 'id', value: T.websiteRedesign.id }, returnAll: true },
    ]);
    await expect(loadNode('YandexTracker').execute.call(fake.context as unknown as IExecuteFunctions)).rejects.toThrow(/Entity Type \(entityType\) must be text/);
    expect(fake.wire).toHaveLength(0);
  });

  it('a Links entry By URL that is no Tracker address fails on the field before anything is sent', async () => {
    const fake = trackerContext([
      { resource: 'link', operation: 'create', entityType: 'project', entityId: T.websiteRedesign.id, links: { values: [{ relationship: 'relates', entity: { __rl: true, mode: 'url', value: 'https://example.com/x' } }] } },
    ]);
    await expect(loadNode('YandexTracker').execute.call(fake.context as unknown as IExecuteFunctions)).rejects.toThrow(
      'Linked Entity ID (links[0].entity) must be an Entity address such as https://tracker.yandex.com/pages/projects/42, or an ID given By ID; got "https://example.com/x"',
    );
    expect(fake.wire).toHaveLength(0);
  });
});
