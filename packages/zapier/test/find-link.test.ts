/**
 * Find Link, Find or Create Link and Create Link's "If Already Linked", run by Zapier's app tester against the
 * sandbox: the results, every page read, errors, and Find or Create run twice creating once.
 */
import type { ProviderId } from '@links/core';
import { DEVREV_SEED_LINKS, type RouteName, type Sandbox, SEED } from '@links/sandbox';
import * as zapier from 'zapier-platform-core';
import { admin, APP_IDS, expectNoSecret, rejectionOf, sandboxAuthData, sourceApp, withSandbox, zapierErrorDetails } from './helpers.js';

const { onetrust: OT, yandexTracker: YT } = SEED;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await withSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => admin.reset(sandbox));

async function connect(id: ProviderId) {
  const app = sourceApp(id);
  const appTester = zapier.createAppTester(app);
  let authData = sandboxAuthData(id, sandbox);
  if (app.authentication.sessionConfig) authData = { ...authData, ...(await appTester(app.authentication.sessionConfig.perform, { authData })) };
  return {
    app,
    find: (inputData: Record<string, unknown>) => appTester(app.searches.find_link.operation.perform, { authData, inputData }),
    create: (inputData: Record<string, unknown>) => appTester(app.creates.create_link.operation.perform, { authData, inputData }),
  };
}

const sent = async (route: RouteName) => (await admin.state(sandbox)).requests.byRoute[route] ?? 0;

/** Per API: a create, the Find Link input that finds it, the same without the other record, and a type it is not. */
const CASES: Record<ProviderId, { create: Record<string, unknown>; find: Record<string, unknown>; other: string; wrongType: Record<string, unknown>; routes: { list: RouteName; create: RouteName } }> = {
  devrev: {
    create: { source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' },
    find: { object: 'ISS-2', otherObject: 'ISS-1', linkType: 'is_related_to' },
    other: 'otherObject',
    wrongType: { linkType: 'is_parent_of' },
    routes: { list: 'devrev.list', create: 'devrev.create' },
  },
  'yandex-tracker': {
    create: { entityType: 'project', entityId: YT.entities.websiteRedesign.id, links: [{ relationship: 'depends on', entity: YT.entities.paymentsMigration.id }] },
    find: { entityType: 'project', entityId: YT.entities.websiteRedesign.id, linkedEntityId: YT.entities.paymentsMigration.id, relationship: 'depends on' },
    other: 'linkedEntityId',
    wrongType: { relationship: 'relates' },
    routes: { list: 'tracker.list', create: 'tracker.create' },
  },
  onetrust: {
    create: {
      linkTypeId: OT.linkTypes.aiSystemComposition.id,
      entity1Type: 'aisystems',
      entity1Id: OT.entities.supportAssistant.id,
      entity2Type: 'models',
      entity2Id: OT.entities.intentClassifier.id,
    },
    find: { entityType: 'aisystems', entityId: OT.entities.supportAssistant.id, otherEntityId: OT.entities.intentClassifier.id, linkTypeId: OT.linkTypes.aiSystemComposition.id },
    other: 'otherEntityId',
    wrongType: { linkTypeId: OT.linkTypes.modelTrainingData.id },
    routes: { list: 'onetrust.list', create: 'onetrust.create' },
  },
};

describe.each(APP_IDS)('%s Find Link', (id) => {
  const c = CASES[id];

  test('nothing found is an empty array, not an error', async () => {
    const { find } = await connect(id);
    await expect(find(c.find)).resolves.toEqual([]);
  });

  test('finds the created link with the declared output; the other record or the type left out widens the search', async () => {
    const { app, find, create } = await connect(id);
    const created = await create(c.create);
    const found = await find(c.find);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ sourceId: created.sourceId, targetId: created.targetId, linkType: created.linkType });
    expect(Object.keys(found[0]!).sort()).toEqual(app.searches.find_link.operation.outputFields.map((f) => f.key).sort());
    expectNoSecret(found);
    // Without the other record: every link of the record (of that type), here the same one.
    const { [c.other]: _, ...oneRecord } = c.find;
    expect((await find(oneRecord)).map((l) => l.summary)).toEqual([found[0]!.summary]);
    expect(await find({ ...oneRecord, [c.other]: '' })).toHaveLength(1);
    // Another type: nothing.
    await expect(find({ ...c.find, ...c.wrongType })).resolves.toEqual([]);
    await expect(find({ ...oneRecord, ...c.wrongType })).resolves.toEqual([]);
  });

  test('bad input names the field and sends nothing', async () => {
    const { find } = await connect(id);
    const before = (await admin.state(sandbox)).requests.total;
    const error = await rejectionOf(find({ ...c.find, [c.other]: '..' }));
    expect(zapierErrorDetails(error)).toMatchObject({ name: 'AppError', code: `invalid_input:${c.other}` });
    expect((await admin.state(sandbox)).requests.total).toBe(before);
  });

  test('a server error on the list is an error that does not speak of creating', async () => {
    const { find } = await connect(id);
    await admin.fault(sandbox, { route: c.routes.list, status: 500 });
    const error = await rejectionOf(find(c.find));
    const details = zapierErrorDetails(error);
    expect(details.status).toBe(500);
    expect(details.message).not.toMatch(/created/i);
  });

  test('Find or Create run twice creates once; Create Link with "skip" creates nothing the second time', async () => {
    const { app, find, create } = await connect(id);
    expect(app.searchOrCreates.find_link).toMatchObject({ search: 'find_link', create: 'create_link' });
    // What Zapier does for a Find or Create step: the search, then the create only when it found nothing.
    const findOrCreate = async () => {
      const found = await find(c.find);
      return found.length > 0 ? found[0]! : create(c.create);
    };
    const first = await findOrCreate();
    const second = await findOrCreate();
    expect([second.sourceId, second.targetId, second.linkType]).toEqual([first.sourceId, first.targetId, first.linkType]);
    expect(await sent(c.routes.create)).toBe(1);

    const skipped = await create({ ...c.create, ifExists: 'skip' });
    expect(skipped).toMatchObject({ created: false, targetId: first.targetId, linkType: first.linkType, linkCount: 1 });
    expect(await sent(c.routes.create)).toBe(1);
    const failed = await rejectionOf(create({ ...c.create, ifExists: 'fail' }));
    expect(zapierErrorDetails(failed).message).toMatch(/already has this link.*nothing was sent/);
    expect(await sent(c.routes.create)).toBe(1);
  });

  test('"skip" whose list fails creates nothing and does not say the link may have been created', async () => {
    const { create } = await connect(id);
    await admin.fault(sandbox, { route: c.routes.list, status: 500 });
    const error = await rejectionOf(create({ ...c.create, ifExists: 'skip' }));
    expect(zapierErrorDetails(error).message).not.toMatch(/may have been created/);
    expect(await sent(c.routes.create)).toBe(0);
  });
});

describe('Find Link reads every page', () => {
  test('DevRev: the links of ISS-80, 50 a page', async () => {
    const { find } = await connect('devrev');
    const expected = DEVREV_SEED_LINKS.filter(([, source, target]) => source === 'ISS-80' || target === 'ISS-80').length;
    expect(expected).toBeGreaterThan(100);
    const found = await find({ object: 'ISS-80' });
    expect(found).toHaveLength(expected);
    expect(await sent('devrev.list')).toBe(Math.ceil(expected / 50));
    // Between two records: the one link, found on whichever page holds it.
    const [, source, target] = DEVREV_SEED_LINKS.filter(([, s, t]) => s === 'ISS-80' || t === 'ISS-80').at(-1)!;
    const other = source === 'ISS-80' ? target : source;
    expect(await find({ object: 'ISS-80', otherObject: other })).toHaveLength(1);
  });

  test('OneTrust: the links pages of an AI system with more than 50 links', async () => {
    const { find } = await connect('onetrust');
    const found = await find({ entityType: 'aisystems', entityId: OT.entities.enterpriseKnowledgeAssistant.id });
    expect(found.length).toBeGreaterThan(50);
    expect(new Set(found.map((l) => l.id)).size).toBe(found.length);
    expect(await sent('onetrust.list')).toBe(Math.ceil(found.length / 50));
  });
});
