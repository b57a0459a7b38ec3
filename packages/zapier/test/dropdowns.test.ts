/**
 * Dynamic dropdowns (Zapier check D004): every ID field core can list the values of is fed by a hidden
 * trigger over core's picker, paged the way Zapier asks ("Load more": bundle.meta.page, the cursor kept with
 * z.cursor), against the sandbox.
 */
import type { ProviderId } from '@links/core';
import { providers } from '@links/core';
import { ONETRUST_SEED_LINKS, type Sandbox, SEED } from '@links/sandbox';
import type { PlainInputField } from 'zapier-platform-core';
import * as zapier from 'zapier-platform-core';
import { findFields } from '../src/index.js';
import { admin, APP_IDS, createAppHandler, type CursorStore, rejectionOf, sandboxAuthData, sourceApp, startCursorStore, withSandbox, zapierErrorDetails } from './helpers.js';

const { onetrust: OT, yandexTracker: YT } = SEED;

let sandbox: Sandbox;
let cursors: CursorStore;
beforeAll(async () => {
  sandbox = await withSandbox();
  cursors = await startCursorStore();
});
afterAll(async () => {
  await sandbox.close();
  await cursors.close();
});
beforeEach(() => admin.reset(sandbox));

interface Choice {
  id: string;
  name: string;
  description: string;
}

/** One call of a dropdown's trigger: its choices, the cursor Zapier holds after it, and the API requests it sent. */
interface Page {
  choices: Choice[];
  cursor: string | null;
  requests: { path: string; route: string | null }[];
  /** The calls of z.cursor this page made to Zapier's cursor store. */
  rpc: string[];
}

let dropdownsOpened = 0;

/**
 * Zapier running a dropdown's trigger page after page as "Load more" does: one Lambda invocation each, with
 * `bundle.meta.page` 0, 1, ..., the dropdown's `storeKey`, and `rpc_base`/`token` pointing z.cursor at the cursor store.
 */
async function dropdownPages(id: ProviderId, key: string, inputData: Record<string, unknown>, pages = 1): Promise<Page[]> {
  const app = sourceApp(id);
  const appTester = zapier.createAppTester(app);
  let authData: Record<string, string> = sandboxAuthData(id, sandbox);
  if (app.authentication.sessionConfig) authData = { ...authData, ...(await appTester(app.authentication.sessionConfig.perform, { authData })) };
  const handler = createAppHandler(app);
  const storeKey = `dropdown-${key}-${++dropdownsOpened}`;
  const results: Page[] = [];
  for (let page = 0; page < pages; page++) {
    const before = (await admin.state(sandbox)).requestLog.length;
    const rpcBefore = cursors.calls.length;
    const event = { command: 'execute', method: `triggers.${key}.operation.perform`, bundle: { authData, inputData, meta: { page } }, ...cursors.event(storeKey) };
    const choices = (await handler(event)).results as Choice[];
    const requests = (await admin.state(sandbox)).requestLog.slice(before).map(({ path, route }) => ({ path, route }));
    const rpc = cursors.calls.slice(rpcBefore).filter((call) => call.storeKey === storeKey).map((call) => [call.method, ...call.params.map((p) => JSON.stringify(p))].join(' '));
    results.push({ choices, cursor: cursors.cursor(storeKey) ?? null, requests, rpc });
  }
  return results;
}

async function dropdown(id: ProviderId, key: string, inputData: Record<string, unknown>, pages = 1): Promise<Choice[][]> {
  return (await dropdownPages(id, key, inputData, pages)).map((page) => page.choices);
}

const sent = async () => (await admin.state(sandbox)).requests.total;

describe.each(APP_IDS)('%s: every field with a picker is a dynamic dropdown', (id) => {
  test('in Create Link and Find Link, each naming a hidden trigger the app has', () => {
    const app = sourceApp(id);
    const provider = providers[id];
    const withPicker = [...provider.fields, ...findFields(provider).fields].filter((field) => field.picker);
    expect(withPicker.length).toBeGreaterThan(0);
    const zapierFields = [app.creates.create_link.operation.inputFields, app.searches.find_link.operation.inputFields]
      .flat()
      .filter((f): f is PlainInputField => typeof f !== 'function');
    for (const field of withPicker.filter((f) => !f.showWhen)) {
      const zapierField = zapierFields.find((f) => f.key === field.key)!;
      expect(zapierField.dynamic).toMatch(/^\w+\.id\.name$/);
      const trigger = app.triggers[zapierField.dynamic!.split('.')[0]!]!;
      expect(trigger).toMatchObject({ display: { hidden: true }, operation: { canPaginate: true } });
      expect(zapierField.choices).toBeUndefined();
    }
  });
});

describe('dropdowns against the sandbox', () => {
  test('DevRev work items: 50 a page, every page by its cursor, then an empty page', async () => {
    const pages = await dropdown('devrev', 'devrev_works', {}, 4);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 30, 0]);
    const ids = pages.flat().map((c) => c.id);
    expect(new Set(ids).size).toBe(130);
    expect(pages[0]![0]).toEqual({ id: expect.stringMatching(/^don:core:/), name: expect.any(String), description: expect.any(String) });
  });

  test('DevRev custom link types', async () => {
    const [choices] = await dropdown('devrev', 'devrev_customLinkTypes', {});
    expect(choices!.map((c) => c.id)).toContain(SEED.devrev.customLinkTypes.blocks.id);
  });

  test('Yandex Tracker entities of the chosen type; without it, an error naming Entity Type and nothing sent', async () => {
    const [projects] = await dropdown('yandex-tracker', 'yandex_tracker_entities_entityType', { entityType: 'project' });
    expect(projects!.map((c) => c.id)).toContain(YT.entities.websiteRedesign.id);
    const before = await sent();
    const error = await rejectionOf(dropdown('yandex-tracker', 'yandex_tracker_entities_entityType', {}));
    expect(zapierErrorDetails(error)).toMatchObject({ code: 'invalid_input:entityType', message: expect.stringMatching(/^Choose Entity Type \(entityType\) first/) });
    expect(await sent()).toBe(before);
  });

  test('OneTrust entities of Entity 2 Type, entity types, and link types learned from entity 1\'s links', async () => {
    const [models] = await dropdown('onetrust', 'onetrust_entities_entity2Type', { entity2Type: 'models' });
    expect(models!.map((c) => c.id)).toContain(OT.entities.intentClassifier.id);
    const [types] = await dropdown('onetrust', 'onetrust_entityTypes', {});
    expect(types!.map((c) => c.id)).toEqual(expect.arrayContaining(['models', 'aisystems']));
    const [linkTypes] = await dropdown('onetrust', 'onetrust_linkTypes_entity1Type_entity1Id', { entity1Type: 'aisystems', entity1Id: OT.entities.enterpriseKnowledgeAssistant.id });
    expect(linkTypes!.map((c) => c.id)).toContain(OT.linkTypes.aiSystemComposition.id);
    const error = await rejectionOf(dropdown('onetrust', 'onetrust_linkTypes_entity1Type_entity1Id', { entity1Type: 'aisystems' }));
    expect(zapierErrorDetails(error)).toMatchObject({ code: 'invalid_input:entity1Id' });
  });

  test('OneTrust entities: after the last page, "Load more" is an empty page and sends nothing', async () => {
    const first = (await dropdown('onetrust', 'onetrust_entities_entityType', { entityType: 'aisystems' }))[0]!;
    const searches = (await admin.state(sandbox)).requests.byRoute['onetrust.entitiesSearch'];
    const pages = await dropdown('onetrust', 'onetrust_entities_entityType', { entityType: 'aisystems' }, 2);
    expect(pages).toEqual([first, []]);
    expect(first.map((c) => c.id)).toContain(OT.entities.enterpriseKnowledgeAssistant.id);
    expect((await admin.state(sandbox)).requests.byRoute['onetrust.entitiesSearch']).toBe(2 * searches!);
  });
});

/**
 * Every dropdown, page 1 and the next through Zapier's paging. `pages` is how many choices each "Load more" shows until
 * the empty one; `cursors` what Zapier holds after each (null: nothing stored, for a first page that is also the last).
 * A page sends one request to `route`, the empty page after the last sends nothing.
 */
const EKA = OT.entities.enterpriseKnowledgeAssistant.id;
const PAGING: Record<string, { id: ProviderId; inputData: Record<string, unknown>; route: string; pages: number[]; cursors: (string | RegExp | null)[] }> = {
  devrev_works: { id: 'devrev', inputData: {}, route: 'devrev.worksList', pages: [50, 50, 30, 0], cursors: [/^\S+$/, /^\S+$/, '', ''] },
  devrev_customLinkTypes: { id: 'devrev', inputData: {}, route: 'devrev.customLinkTypes', pages: [12, 0], cursors: [null, null] },
  yandex_tracker_entities_entityType: { id: 'yandex-tracker', inputData: { entityType: 'goal' }, route: 'tracker.search', pages: [20, 0], cursors: [null, null] },
  // Every type one after the other, with typed cursors: the projects, then `portfolio:1`, then `goal:1`.
  yandex_tracker_anyEntities: { id: 'yandex-tracker', inputData: {}, route: 'tracker.search', pages: [33, 10, 20, 0], cursors: ['portfolio:1', 'goal:1', '', ''] },
  onetrust_entityTypes: { id: 'onetrust', inputData: {}, route: 'onetrust.entityTypesSearch', pages: [4, 0], cursors: [null, null] },
  onetrust_entityTypeIds: { id: 'onetrust', inputData: {}, route: 'onetrust.entityTypesSearch', pages: [4, 0], cursors: [null, null] },
  onetrust_entities_entity1Type: { id: 'onetrust', inputData: { entity1Type: 'aisystems' }, route: 'onetrust.entitiesSearch', pages: [12, 0], cursors: [null, null] },
  onetrust_entities_entity2Type: { id: 'onetrust', inputData: { entity2Type: 'models' }, route: 'onetrust.entitiesSearch', pages: [25, 0], cursors: [null, null] },
  onetrust_entities_entityType: { id: 'onetrust', inputData: { entityType: 'aisystems' }, route: 'onetrust.entitiesSearch', pages: [12, 0], cursors: [null, null] },
  // The knowledge assistant has 53 links: two pages of them.
  onetrust_linkTypes_entity1Type_entity1Id: { id: 'onetrust', inputData: { entity1Type: 'aisystems', entity1Id: EKA }, route: 'onetrust.list', pages: [2, 2, 0], cursors: ['1', '', ''] },
  onetrust_linkTypes_entityType_entityId: { id: 'onetrust', inputData: { entityType: 'aisystems', entityId: EKA }, route: 'onetrust.list', pages: [2, 2, 0], cursors: ['1', '', ''] },
  onetrust_linkedEntities_entityType_entityId: { id: 'onetrust', inputData: { entityType: 'aisystems', entityId: EKA }, route: 'onetrust.list', pages: [50, 3, 0], cursors: ['1', '', ''] },
};

describe('dropdown paging: page 1 and the next, for every dropdown', () => {
  test('the table covers every hidden trigger of the three apps', () => {
    expect(APP_IDS.flatMap((id) => Object.keys(sourceApp(id).triggers)).sort()).toEqual(Object.keys(PAGING).sort());
  });

  test.each(Object.entries(PAGING))('%s', async (key, { id, inputData, route, pages, cursors }) => {
    const seen = await dropdownPages(id, key, inputData, pages.length);
    expect(seen.map((page) => page.choices.length)).toEqual(pages);
    seen.forEach((page, i) => {
      const expected = cursors[i];
      if (expected instanceof RegExp) expect(page.cursor).toMatch(expected);
      else expect(page.cursor).toBe(expected);
      // One request a page, to the picker's route; none for the empty page after the last.
      expect(page.requests.map((r) => r.route)).toEqual(page.choices.length > 0 ? [route] : []);
    });
    const sample = sourceApp(id).triggers[key]!.operation.sample;
    for (const choice of seen.flatMap((page) => page.choices)) expect(Object.keys(choice).sort()).toEqual(Object.keys(sample).sort());
    // Each page is new choices, not the first again (link types repeat: each page of links shows the types it uses).
    if (!key.startsWith('onetrust_linkTypes')) {
      const ids = seen.flatMap((page) => page.choices.map((c) => c.id));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('Tracker\'s linked entity of any type: the typed cursor portfolio:1 reads the portfolios\' first page, goal:1 the goals\'', async () => {
    const [projects, portfolios, goals, after] = await dropdownPages('yandex-tracker', 'yandex_tracker_anyEntities', {}, 4);
    // What z.cursor asked of Zapier's store on each page.
    expect([projects, portfolios, goals, after].map((page) => page!.rpc)).toEqual([
      ['set_cursor "portfolio:1"'],
      ['get_cursor', 'set_cursor "goal:1"'],
      ['get_cursor', 'set_cursor ""'],
      ['get_cursor'],
    ]);
    expect(projects!.requests.map((r) => r.path)).toEqual(['/v2/entities/project/_search']);
    expect(portfolios!.requests.map((r) => r.path)).toEqual(['/v2/entities/portfolio/_search']);
    expect(goals!.requests.map((r) => r.path)).toEqual(['/v2/entities/goal/_search']);
    expect(projects!.choices.map((c) => c.id)).toContain(YT.entities.websiteRedesign.id);
    expect(portfolios!.choices.map((c) => c.id)).toContain(YT.entities.platformModernization.id);
    expect(goals!.choices.map((c) => c.id)).toContain(YT.entities.launchEu.id);
    expect(portfolios!.choices.every((c) => c.description.endsWith('· portfolio'))).toBe(true);
  });

  test('OneTrust\'s other entity: the entities at the other end of the entity\'s links, page 1 and page 2', async () => {
    const [first, second] = await dropdownPages('onetrust', 'onetrust_linkedEntities_entityType_entityId', { entityType: 'aisystems', entityId: EKA }, 2);
    const ids = [...first!.choices, ...second!.choices].map((c) => c.id);
    // The seed's links of the knowledge assistant, read from the other end (each entity once).
    const entities = OT.entities as Record<string, { id: string }>;
    const linked = ONETRUST_SEED_LINKS.filter(([, a, b]) => a === 'enterpriseKnowledgeAssistant' || b === 'enterpriseKnowledgeAssistant').map(([, a, b]) =>
      entities[a === 'enterpriseKnowledgeAssistant' ? b : a]!.id,
    );
    expect(linked).toHaveLength(53);
    expect([...ids].sort()).toEqual([...new Set(linked)].sort());
    expect(ids).not.toContain(EKA);
    // Without the entity, the dropdown names the field to fill first, and reads no links (only the session's token).
    const lists = async () => (await admin.state(sandbox)).requests.byRoute['onetrust.list'];
    const before = await lists();
    const error = await rejectionOf(dropdown('onetrust', 'onetrust_linkedEntities_entityType_entityId', { entityType: 'aisystems' }));
    expect(zapierErrorDetails(error)).toMatchObject({ code: 'invalid_input:entityId', message: expect.stringMatching(/^Choose Entity ID \(entityId\) first/) });
    expect(await lists()).toBe(before);
  });

  test('a cursor Zapier hands back that the picker did not make is refused, naming it, and nothing is sent', async () => {
    const app = sourceApp('yandex-tracker');
    const authData = sandboxAuthData('yandex-tracker', sandbox);
    cursors.put('forged', '../issue:1');
    const event = { command: 'execute', method: 'triggers.yandex_tracker_anyEntities.operation.perform', bundle: { authData, inputData: {}, meta: { page: 1 } }, ...cursors.event('forged') };
    const before = await sent();
    const error = await rejectionOf(createAppHandler(app)(event));
    expect(zapierErrorDetails(error)).toMatchObject({ code: 'invalid_input:cursor', message: expect.stringMatching(/^Cursor \(cursor\) must be an entity type and a page/) });
    expect(await sent()).toBe(before);
  });
});

describe('"Find <record>" searches linked from the dropdowns (D014)', () => {
  const SEARCHES: Record<ProviderId, { key: string; inputData: Record<string, unknown>; expected: string; fields: string[] }> = {
    devrev: { key: 'find_work_item', inputData: { search: 'ISS-2' }, expected: SEED.devrev.objects['ISS-2'].id, fields: ['source', 'target', 'object', 'otherObject'] },
    'yandex-tracker': { key: 'find_entity', inputData: { search: YT.entities.websiteRedesign.summary, entityType: 'project' }, expected: YT.entities.websiteRedesign.id, fields: ['entityId', 'linkedEntityId', 'links[].entity'] },
    onetrust: { key: 'find_entity', inputData: { search: OT.entities.supportAssistant.name, entityType: 'aisystems' }, expected: OT.entities.supportAssistant.id, fields: ['entity1Id', 'entity2Id', 'entityId', 'otherEntityId'] },
  };

  test.each(APP_IDS)('%s: the record ID fields link the search, which finds the record by its text in the sandbox', async (id) => {
    const { key, inputData, expected, fields } = SEARCHES[id];
    const app = sourceApp(id);
    const search = app.searches[key]!;
    expect(search.display.description).toMatch(/^Finds .*\.$/);
    const appTester = zapier.createAppTester(app);
    // The fields as the Zap editor gets them before anything is filled in (dynamic-field functions run by Zapier's own code).
    const shown = async (inputFields: unknown[]) => (await appTester(inputFields as never, { inputData: {} })) as PlainInputField[];
    const zapierFields = [await shown(app.creates.create_link.operation.inputFields), await shown(app.searches.find_link.operation.inputFields)]
      .flat()
      // A line item's fields as `links[].entity`.
      .flatMap((f) => [f, ...(f.children ?? []).map((child) => ({ ...child, key: `${f.key}[].${child.key}` }))]);
    for (const field of fields) expect(zapierFields.find((f) => f.key === field)).toMatchObject({ search: `${key}.id`, dynamic: expect.any(String) });
    let authData: Record<string, string> = sandboxAuthData(id, sandbox);
    if (app.authentication.sessionConfig) authData = { ...authData, ...(await appTester(app.authentication.sessionConfig.perform, { authData })) };
    const found = (await appTester(search.operation.perform as never, { authData, inputData })) as Choice[];
    expect(found.map((c) => c.id)).toContain(expected);
    for (const choice of found) expect(Object.keys(choice).sort()).toEqual(Object.keys(search.operation.sample).sort());
    await expect(appTester(search.operation.perform as never, { authData, inputData: { ...inputData, search: 'zzzz-no-such-record-zzzz' } })).resolves.toEqual([]);
  });
});

describe('"Find <record>" searches: bad input names the search\'s own field, before any request', () => {
  test.each([
    ['yandex-tracker', { search: 'eu' }, 'entityType', /^Entity Type \(entityType\) is required$/],
    ['yandex-tracker', { search: 'eu', entityType: 'issue' }, 'entityType', /^Entity Type \(entityType\) must be one of /],
    ['onetrust', { search: 'model', entityType: 'vendors' }, 'entityType', /^Entity Type \(entityType\) must be one of /],
    ['devrev', { search: 'x'.repeat(201) }, 'search', /^Search \(search\) must be at most 200 characters$/],
    ['devrev', { search: ['ISS-1'] }, 'search', /^Search \(search\) must be text/],
  ] as const)('%s %j', async (id, inputData, field, message) => {
    const app = sourceApp(id);
    const key = Object.keys(app.searches).find((k) => k !== 'find_link')!;
    const authData = sandboxAuthData(id, sandbox);
    const before = await sent();
    const error = await rejectionOf(zapier.createAppTester(app)(app.searches[key]!.operation.perform as never, { authData: id === 'onetrust' ? { ...authData, accessToken: 'a-token' } : authData, inputData }));
    expect(zapierErrorDetails(error)).toMatchObject({ name: 'AppError', code: `invalid_input:${field}`, status: 400, message: expect.stringMatching(message) });
    expect(await sent()).toBe(before);
  });
});
