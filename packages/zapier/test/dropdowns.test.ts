/**
 * Dynamic dropdowns (Zapier check D004): every ID field core can list the values of is fed by a hidden
 * trigger over core's picker, paged the way Zapier asks ("Load more": bundle.meta.page, the cursor kept with
 * z.cursor), against the sandbox.
 */
import type { ProviderId } from '@links/core';
import { providers } from '@links/core';
import { type Sandbox, SEED } from '@links/sandbox';
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import * as zapier from 'zapier-platform-core';
import { findFields } from '../src/index.js';
import { admin, APP_IDS, rejectionOf, sandboxAuthData, sourceApp, withSandbox, zapierErrorDetails } from './helpers.js';

const { onetrust: OT, yandexTracker: YT } = SEED;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await withSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => admin.reset(sandbox));

interface Choice {
  id: string;
  name: string;
  description: string;
}

/**
 * Zapier running a dropdown's trigger page after page as "Load more" does. Zapier keeps the cursor per dropdown
 * (z.cursor, over its RPC store); the app tester's stand-in for that store cannot hold a value, so a Map stands in
 * for it here, and everything else is the app tester's own z.
 */
async function dropdown(id: ProviderId, key: string, inputData: Record<string, unknown>, pages = 1): Promise<Choice[][]> {
  const app = sourceApp(id);
  const appTester = zapier.createAppTester(app);
  let authData: Record<string, string> = sandboxAuthData(id, sandbox);
  if (app.authentication.sessionConfig) authData = { ...authData, ...(await appTester(app.authentication.sessionConfig.perform, { authData })) };
  const store = new Map<string, string>();
  const cursor = { get: async () => store.get('cursor') ?? null, set: async (value: string) => void store.set('cursor', value) };
  const perform = app.triggers[key]!.operation.perform;
  const results: Choice[][] = [];
  for (let page = 0; page < pages; page++) {
    results.push(await appTester((z: ZObject, bundle: Bundle) => perform({ ...z, cursor } as unknown as ZObject, bundle), { authData, inputData, meta: { page } } as never));
  }
  return results;
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

describe('"Find <record>" searches linked from the dropdowns (D014)', () => {
  const SEARCHES: Record<ProviderId, { key: string; inputData: Record<string, unknown>; expected: string; fields: string[] }> = {
    devrev: { key: 'find_work_item', inputData: { search: 'ISS-2' }, expected: SEED.devrev.objects['ISS-2'].id, fields: ['source', 'target', 'object', 'otherObject'] },
    'yandex-tracker': { key: 'find_entity', inputData: { search: YT.entities.websiteRedesign.summary, entityType: 'project' }, expected: YT.entities.websiteRedesign.id, fields: ['entityId'] },
    onetrust: { key: 'find_entity', inputData: { search: OT.entities.supportAssistant.name, entityType: 'aisystems' }, expected: OT.entities.supportAssistant.id, fields: ['entity1Id', 'entity2Id', 'entityId'] },
  };

  test.each(APP_IDS)('%s: the record ID fields link the search, which finds the record by its text in the sandbox', async (id) => {
    const { key, inputData, expected, fields } = SEARCHES[id];
    const app = sourceApp(id);
    const search = app.searches[key]!;
    expect(search.display.description).toMatch(/^Finds .*\.$/);
    const zapierFields = [app.creates.create_link.operation.inputFields, app.searches.find_link.operation.inputFields]
      .flat()
      .filter((f): f is PlainInputField => typeof f !== 'function');
    for (const field of fields) expect(zapierFields.find((f) => f.key === field)).toMatchObject({ search: `${key}.id`, dynamic: expect.any(String) });
    const appTester = zapier.createAppTester(app);
    let authData: Record<string, string> = sandboxAuthData(id, sandbox);
    if (app.authentication.sessionConfig) authData = { ...authData, ...(await appTester(app.authentication.sessionConfig.perform, { authData })) };
    const found = (await appTester(search.operation.perform as never, { authData, inputData })) as Choice[];
    expect(found.map((c) => c.id)).toContain(expected);
    for (const choice of found) expect(Object.keys(choice).sort()).toEqual(Object.keys(search.operation.sample).sort());
    await expect(appTester(search.operation.perform as never, { authData, inputData: { ...inputData, search: 'zzzz-no-such-record-zzzz' } })).resolves.toEqual([]);
  });
});
