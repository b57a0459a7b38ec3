// The built n8n package in each pinned real n8n (1.123 on the machine's Node.js 20, 2.41 on Node.js 24), one
// after the other, against the sandbox: each node's success and API error, the fault matrix and Retry On Fail,
// as n8n prints them and as the sandbox stored them.
import { SANDBOX_CREDENTIALS as C, SEED, type Sandbox, startSandbox } from '@links/sandbox';
import { CREATE_ROUTE, cellsFor, type ProviderKey } from '../src/fault-cells.js';
import { ensureN8n, N8N_MAJORS, type N8nMajor, n8nVersion } from '../src/n8n/install.js';
import { type N8nExecution, N8nInstance, type N8nNode } from '../src/n8n/instance.js';

const T = SEED.yandexTracker.entities;
const OT = SEED.onetrust;
const SECRETS = [C.devrev.token, C.yandexTracker.oauthToken, C.onetrust.clientSecret];

const credentials = {
  devRevApi: { id: 'cred-devrev', name: 'DevRev (sandbox)' },
  yandexTrackerApi: { id: 'cred-tracker', name: 'Yandex Tracker (sandbox)' },
  oneTrustApi: { id: 'cred-onetrust', name: 'OneTrust (sandbox)' },
};
const link = { resource: 'link', operation: 'create' };

const WORKFLOWS_BASE = { items: { name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: 'return [{ json: {} }];' } } };

/** Workflows: trigger -> a Code node making items -> our node. */
function workflow(type: string, credential: keyof typeof credentials, parameters: Record<string, unknown>, items: unknown[] = [{}]): N8nNode[] {
  return [
    { name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` } },
    { name: 'Link', type: `n8n-nodes-links.${type}`, parameters: { ...link, ...parameters }, credentials: { [credential]: credentials[credential] } },
  ];
}

// For the fault matrix: each node with a 1 s timeout (Options), so that a hung request fails fast.
const FAULT_WORKFLOWS: Record<ProviderKey, N8nNode[]> = {
  devrev: workflow('devRev', 'devRevApi', { source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2', options: { timeout: 1000 } }),
  'yandex-tracker': workflow('yandexTracker', 'yandexTrackerApi', {
    entityType: 'project',
    entityId: T.websiteRedesign.id,
    links: { values: [{ relationship: 'relates', entity: T.paymentsMigration.id }] },
    options: { timeout: 1000 },
  }),
  onetrust: workflow('oneTrust', 'oneTrustApi', {
    linkTypeId: OT.linkTypes.aiSystemComposition.id,
    entity1Type: 'aisystems',
    entity1Id: OT.entities.supportAssistant.id,
    entity2Type: 'models',
    entity2Id: OT.entities.intentClassifier.id,
    options: { timeout: 1000 },
  }),
};

// The sandbox's first seeded DevRev link (ISS-80 is related to ISS-6), and one that does not exist.
const SEEDED_LINK = 'don:core:dvrv-us-1:devo/demo:link/900001';
const MISSING_LINK = 'don:core:dvrv-us-1:devo/demo:link/999999';

const WORKFLOWS: Record<string, N8nNode[]> = {
  ...Object.fromEntries(Object.entries(FAULT_WORKFLOWS).map(([provider, nodes]) => [`fault-${provider}`, nodes])),
  // Retry On Fail, n8n's own retry: what it does with the node's 429 error.
  devrevRetryOnFail: [
    WORKFLOWS_BASE.items,
    { ...workflow('devRev', 'devRevApi', { source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' })[1]!, retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
  ],
  devrevOk: workflow('devRev', 'devRevApi', { source: '={{$json.source}}', linkType: 'is_related_to', target: 'ISS-2' }, [{ source: 'ISS-1' }, { source: 'ISS-3' }]),
  devrevOne: workflow('devRev', 'devRevApi', { source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' }),
  devrev404: workflow('devRev', 'devRevApi', { source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-404' }),
  trackerOk: workflow(
    'yandexTracker',
    'yandexTrackerApi',
    { entityType: 'project', entityId: T.websiteRedesign.id, links: { values: [{ relationship: 'depends on', entity: '={{$json.target}}' }] } },
    [{ target: T.paymentsMigration.id }, { target: T.reduceChurn.id }, { target: T.launchEu.id }],
  ),
  tracker404: workflow('yandexTracker', 'yandexTrackerApi', { entityType: 'goal', entityId: '000000000000000000000000', links: { values: [{ relationship: 'relates', entity: T.launchEu.id }] } }),
  onetrustOk: workflow('oneTrust', 'oneTrustApi', {
    linkTypeId: OT.linkTypes.aiSystemComposition.id,
    entity1Type: 'aisystems',
    entity1Id: OT.entities.supportAssistant.id,
    entity2Type: 'models',
    entity2Id: OT.entities.intentClassifier.id,
  }),
  // The lifecycle operations (DevRev: its seed has a record with more links than a page holds).
  devrevCreateSkip: workflow('devRev', 'devRevApi', { source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2', ifExists: 'skip' }),
  devrevGet: workflow('devRev', 'devRevApi', { operation: 'get', id: SEEDED_LINK }),
  devrevGet404: workflow('devRev', 'devRevApi', { operation: 'get', id: MISSING_LINK }),
  devrevGetAll: workflow('devRev', 'devRevApi', { operation: 'getAll', object: 'ISS-80', direction: 'is_source', returnAll: true }),
  devrevGetAllLimit: workflow('devRev', 'devRevApi', { operation: 'getAll', object: 'ISS-80', direction: 'is_source', returnAll: false, limit: 60 }),
  devrevDelete: workflow('devRev', 'devRevApi', { operation: 'delete', id: SEEDED_LINK }),
  devrevDeleteMissingOk: workflow('devRev', 'devRevApi', { operation: 'delete', id: MISSING_LINK, ifMissing: 'succeed' }),
  devrevDelete404: workflow('devRev', 'devRevApi', { operation: 'delete', id: SEEDED_LINK }),
  onetrust404: workflow('oneTrust', 'oneTrustApi', {
    linkTypeId: OT.linkTypes.aiSystemComposition.id,
    entity1Type: 'aisystems',
    entity1Id: OT.entities.supportAssistant.id,
    entity2Type: 'models',
    entity2Id: '00000000-0000-4000-8000-000000000000',
  }),
};

/** One Link node of a lifecycle chain: runs once whatever came before; with `continueOnFail` its error is its output. */
function step(name: string, type: string, credential: keyof typeof credentials, parameters: Record<string, unknown>, continueOnFail = false): N8nNode {
  return {
    name,
    type: `n8n-nodes-links.${type}`,
    parameters: { resource: 'link', ...parameters },
    credentials: { [credential]: credentials[credential] },
    executeOnce: true,
    ...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
  };
}

// Yandex Tracker: the goal with six seeded links ("is supported by" six projects), one of them, and one it lacks.
const TRACKER_GOAL = { entityType: 'goal', entityId: T.p95ApiLatencyUnder300Ms.id };
const TRACKER_LINKED = T.partnerApiV3.id;
// OneTrust: the AI system with 53 seeded links (a page holds 50).
const OT_BUSY = { entityType: 'aisystems', entityId: OT.entities.enterpriseKnowledgeAssistant.id };
const OT_MISSING_ID = '00000000-0000-4000-8000-000000000001';

/** The Yandex Tracker and OneTrust lifecycle workflows (OneTrust's need a seeded link's id, read from the sandbox). */
function lifecycleWorkflows(sandbox: Sandbox): Record<string, N8nNode[]> {
  const seeded = sandbox.state.allLinks('onetrust').find((l) => l.entity1.id === OT.entities.claimsTriageSystem.id && l.entity2.id === OT.entities.claimsSeverityRegressor.id)!;
  const otRef = { linkId: seeded.id, linkTypeId: seeded.linkTypeId };
  const trackerCreate = (ifExists: string) =>
    workflow(
      'yandexTracker',
      'yandexTrackerApi',
      { entityType: 'project', entityId: T.websiteRedesign.id, links: { values: [{ relationship: 'depends on', entity: '={{$json.target}}' }] }, ifExists },
      [{ target: T.paymentsMigration.id }, { target: T.launchEu.id }],
    );
  const otCreate = (ifExists: string) => workflow('oneTrust', 'oneTrustApi', { ...FAULT_WORKFLOWS.onetrust[1]!.parameters, options: {}, ifExists });
  const tr = (name: string, parameters: Record<string, unknown>, continueOnFail = false) => step(name, 'yandexTracker', 'yandexTrackerApi', parameters, continueOnFail);
  const ot = (name: string, parameters: Record<string, unknown>, continueOnFail = false) => step(name, 'oneTrust', 'oneTrustApi', parameters, continueOnFail);
  return {
    trackerCreateSkip: trackerCreate('skip'),
    trackerCreateFail: trackerCreate('fail'),
    // Reads, then the read errors (and a Delete the API fails with 500) as output items, in one run.
    trackerRead: [
      tr('Get', { operation: 'get', ...TRACKER_GOAL, linkedEntityId: TRACKER_LINKED }),
      tr('Get Many', { operation: 'getAll', ...TRACKER_GOAL, returnAll: true }),
      tr('Get Many 2', { operation: 'getAll', ...TRACKER_GOAL, returnAll: false, limit: 2 }),
      tr('Get Missing', { operation: 'get', ...TRACKER_GOAL, linkedEntityId: T.launchEu.id }, true),
      tr('Get Many Unknown', { operation: 'getAll', entityType: 'goal', entityId: '000000000000000000000000', returnAll: true }, true),
      tr('Delete 500', { operation: 'delete', ...TRACKER_GOAL, linkedEntityId: TRACKER_LINKED }, true),
    ],
    trackerDelete: [
      tr('Delete', { operation: 'delete', ...TRACKER_GOAL, linkedEntityId: TRACKER_LINKED }),
      tr('Delete Again', { operation: 'delete', ...TRACKER_GOAL, linkedEntityId: TRACKER_LINKED, ifMissing: 'succeed' }),
    ],
    onetrustCreateSkip: otCreate('skip'),
    onetrustCreateFail: otCreate('fail'),
    onetrustRead: [
      ot('Get', { operation: 'get', ...otRef }),
      ot('Get Many', { operation: 'getAll', ...OT_BUSY, returnAll: true }),
      ot('Get Many 10', { operation: 'getAll', ...OT_BUSY, returnAll: false, limit: 10 }),
      ot('Get Missing', { operation: 'get', linkId: OT_MISSING_ID, linkTypeId: otRef.linkTypeId }, true),
      ot('Get Many Unknown', { operation: 'getAll', entityType: 'aisystems', entityId: OT_MISSING_ID, returnAll: true }, true),
      ot('Delete 500', { operation: 'delete', ...otRef }, true),
    ],
    onetrustDelete: [ot('Delete', { operation: 'delete', ...otRef }), ot('Delete Again', { operation: 'delete', ...otRef, ifMissing: 'succeed' })],
  };
}

function expectNoSecrets(run: N8nExecution) {
  for (const secret of SECRETS) expect(run.stdout + run.stderr).not.toContain(secret);
}

const STORE = { onetrust: 'onetrust', 'yandex-tracker': 'yandexTracker', devrev: 'devrev' } as const;

describe.each(N8N_MAJORS.map((major) => [n8nVersion(major), major] as const))('real n8n %s', (_version, major: N8nMajor) => {
  let sandbox: Sandbox;
  let n8n: N8nInstance;

  let label = `n8n ${n8nVersion(major)}`;
  let started = 0;

  beforeAll(async () => {
    const install = ensureN8n((line) => process.stderr.write(`${line}\n`), major);
    label = install.label;
    started = Date.now();
    process.stderr.write(`running the end-to-end tests in ${label}\n`);
    sandbox = await startSandbox();
    n8n = new N8nInstance(install);
    await n8n.importCredentials([
      { ...credentials.devRevApi, type: 'devRevApi', data: { token: C.devrev.token, baseUrl: sandbox.url } },
      {
        ...credentials.yandexTrackerApi,
        type: 'yandexTrackerApi',
        data: { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url },
      },
      { ...credentials.oneTrustApi, type: 'oneTrustApi', data: { ...C.onetrust, baseUrl: sandbox.url } },
    ]);
    await n8n.importWorkflows({ ...WORKFLOWS, ...lifecycleWorkflows(sandbox) });
  });

  afterAll(async () => {
    n8n?.dispose();
    await sandbox?.close();
    if (started) process.stderr.write(`end-to-end tests in ${label}: ${Math.round((Date.now() - started) / 1000)} s (install excluded)\n`);
  });

  beforeEach(() => sandbox.state.reset());

  const stored = () => sandbox.state.snapshot().links;

  describe('nodes', () => {
    it('DevRev node: one link per item', async () => {
      const run = await n8n.execute('devrevOk');
      expect(run.status).toBe('success');
      expect(run.output('Link').map((o) => `${o.source.displayId} ${o.linkTypeLabel} ${o.target.displayId}`)).toEqual(['ISS-1 is related to ISS-2', 'ISS-3 is related to ISS-2']);
      // Sent in parallel: stored in any order, output in input order.
      expect(stored().devrev.map((l) => l.source.display_id).sort()).toEqual(['ISS-1', 'ISS-3']);
      expectNoSecrets(run);
    });

    it('DevRev node: an API error is the run error, with the API message and HTTP code', async () => {
      const run = await n8n.execute('devrev404');
      expect(run.status).toBe('error');
      expect(run.nodeError('Link')).toMatchObject({ name: 'NodeApiError', httpCode: '404', message: expect.stringMatching(/^DevRev returned HTTP 404: .*ISS-404/) });
      expect(run.nodeError('Link')!.description).toMatch(/does not exist/);
      expect(stored().devrev).toHaveLength(0);
      expectNoSecrets(run);
    });

    it('Yandex Tracker node: three items from one entity are one array request', async () => {
      const run = await n8n.execute('trackerOk');
      expect(run.status).toBe('success');
      expect(run.output('Link').map((o) => o.target.id)).toEqual([T.paymentsMigration.id, T.reduceChurn.id, T.launchEu.id]);
      expect(stored().yandexTracker).toHaveLength(3);
      expect(sandbox.state.snapshot().requests.byRoute['tracker.create']).toBe(1);
      expectNoSecrets(run);
    });

    it('Yandex Tracker node: an unknown entity is a 404 NodeApiError', async () => {
      const run = await n8n.execute('tracker404');
      expect(run.status).toBe('error');
      expect(run.nodeError('Link')).toMatchObject({ httpCode: '404', message: expect.stringMatching(/^Yandex Tracker returned HTTP 404/) });
      expect(stored().yandexTracker).toHaveLength(0);
    });

    it('OneTrust node: n8n fetches the client-credentials token, and a new one after it expires', async () => {
      const first = await n8n.execute('onetrustOk');
      expect(first.status).toBe('success');
      expect(first.output('Link')[0]).toMatchObject({ provider: 'onetrust', linkTypeLabel: 'is composed of', source: { name: 'Customer Support Assistant' } });
      sandbox.state.expireTokens();
      const second = await n8n.execute('onetrustOk');
      expect(second.status).toBe('success');
      expect(stored().onetrust).toHaveLength(2);
      expect(sandbox.state.snapshot().requests.byRoute['onetrust.token']).toBeGreaterThanOrEqual(2);
      expectNoSecrets(first);
      expectNoSecrets(second);
    });

    it('OneTrust node: an unknown entity is a 404 NodeApiError', async () => {
      const run = await n8n.execute('onetrust404');
      expect(run.status).toBe('error');
      expect(run.nodeError('Link')).toMatchObject({ httpCode: '404', message: expect.stringMatching(/^OneTrust returned HTTP 404/) });
      expect(stored().onetrust).toHaveLength(0);
    });
  });

  describe('link lifecycle (DevRev)', () => {
    const sent = (route: string) => (sandbox.state.snapshot().requests.byRoute as Record<string, number>)[route] ?? 0;

    it('Create with If Already Linked "Skip", run twice: the second run sends no create and outputs the link with created = false', async () => {
      const first = await n8n.execute('devrevCreateSkip');
      const second = await n8n.execute('devrevCreateSkip');
      expect([first.status, second.status]).toEqual(['success', 'success']);
      expect(first.output('Link')).toEqual([expect.objectContaining({ created: true })]);
      expect(second.output('Link')).toEqual([expect.objectContaining({ created: false, ref: first.output('Link')[0]!.ref })]);
      expect(sent('devrev.create')).toBe(1);
      expect(stored().devrev.filter((l) => l.source.display_id === 'ISS-1')).toHaveLength(1);
      expectNoSecrets(second);
    });

    it('Get: the seeded link; a link that does not exist is a 404 NodeApiError', async () => {
      const run = await n8n.execute('devrevGet');
      expect(run.status).toBe('success');
      expect(run.output('Link')).toEqual([expect.objectContaining({ ref: { id: SEEDED_LINK }, linkTypeLabel: 'is related to', source: expect.objectContaining({ displayId: 'ISS-80' }) })]);
      const missing = await n8n.execute('devrevGet404');
      expect(missing.status).toBe('error');
      expect(missing.nodeError('Link')).toMatchObject({ name: 'NodeApiError', httpCode: '404', message: expect.stringMatching(/^DevRev returned HTTP 404/) });
    });

    it('Get Many, Return All: every page (121 links, three requests); Limit 60 stops after two', async () => {
      const all = await n8n.execute('devrevGetAll');
      expect(all.status).toBe('success');
      expect(all.output('Link')).toHaveLength(121);
      expect(sent('devrev.list')).toBe(3);
      const limited = await n8n.execute('devrevGetAllLimit');
      expect(limited.output('Link')).toHaveLength(60);
      expect(sent('devrev.list')).toBe(5);
    });

    it('Get Many: an API error (500) says reading changed nothing', async () => {
      sandbox.state.addFaults({ route: 'devrev.list', status: 500 });
      const run = await n8n.execute('devrevGetAll');
      expect(run.status).toBe('error');
      expect(run.nodeError('Link')).toMatchObject({ httpCode: '500', description: expect.stringMatching(/Reading changes nothing/) });
    });

    it('Delete: the seeded link is gone (deleting it again is a 404); deleted = false with If Link Is Missing "Count as Success"', async () => {
      const run = await n8n.execute('devrevDelete');
      expect(run.status).toBe('success');
      expect(run.output('Link')).toEqual([{ deleted: true, ref: { id: SEEDED_LINK } }]);
      const missing = await n8n.execute('devrevDelete404'); // the same link, now gone
      expect(missing.status).toBe('error');
      expect(missing.nodeError('Link')).toMatchObject({ httpCode: '404', description: expect.stringMatching(/If Link Is Missing/) });
      const tolerated = await n8n.execute('devrevDeleteMissingOk');
      expect(tolerated.status).toBe('success');
      expect(tolerated.output('Link')).toEqual([{ deleted: false, ref: { id: MISSING_LINK } }]);
    });
  });

  describe.each([
    {
      api: 'Yandex Tracker',
      key: 'tracker',
      store: 'yandexTracker' as const,
      route: 'tracker',
      // Tracker answers an entity's links in one response: Get Many reads them with one request, Limit cuts it.
      pages: { all: 6, requestsAll: 1, limit: 2, requestsLimit: 1 },
      // Tracker has no route for one link: Get reads the entity's links and picks it.
      getReadsList: true,
      got: { provider: 'yandex-tracker', ref: { ...TRACKER_GOAL, linkedEntityId: TRACKER_LINKED }, target: { id: TRACKER_LINKED, name: 'Partner API v3' } },
      created: () => stored().yandexTracker.filter((l) => l.source.id === T.websiteRedesign.id).map((l) => l.target.id).sort(),
      expectedCreated: [T.paymentsMigration.id, T.launchEu.id].sort(),
      createRequests: 1, // both items start from one entity: one array request
      getMissing: /^Yandex Tracker has no such link/,
      getAllUnknown: /^Yandex Tracker returned HTTP 404: Entity goal '0+' not found/,
      stillThere: () => sandbox.state.allLinks('yandexTracker').some((l) => l.source.id === TRACKER_GOAL.entityId && l.target.id === TRACKER_LINKED),
    },
    {
      api: 'OneTrust',
      key: 'onetrust',
      store: 'onetrust' as const,
      route: 'onetrust',
      // 53 links, 50 a page: Return All reads two pages; Limit 10 stops after the first.
      pages: { all: 53, requestsAll: 2, limit: 10, requestsLimit: 1 },
      getReadsList: false,
      got: { provider: 'onetrust', source: { name: 'Claims Triage System' }, target: { name: 'Claims Severity Regressor' }, linkTypeLabel: 'is composed of' },
      created: () => stored().onetrust.map((l) => `${l.entity1.id} ${l.entity2.id}`),
      expectedCreated: [`${OT.entities.supportAssistant.id} ${OT.entities.intentClassifier.id}`],
      createRequests: 1,
      getMissing: /^OneTrust returned HTTP 404: Link 0+-0+-4000-8000-0+1 not found/,
      getAllUnknown: /^OneTrust returned HTTP 404: Entity 0+-0+-4000-8000-0+1 of type aisystems not found/,
      stillThere: () => sandbox.state.allLinks('onetrust').some((l) => l.entity1.id === OT.entities.claimsTriageSystem.id && l.entity2.id === OT.entities.claimsSeverityRegressor.id),
    },
  ])('link lifecycle ($api)', (c) => {
    // Requests the API answered, without those refused with 401: each test's sandbox reset forgets the OneTrust token
    // n8n keeps in the credential, so n8n's first request of a test is refused, and sent again with a new token.
    const sent = (route: string) => sandbox.state.snapshot().requestLog.filter((entry) => entry.route === `${c.route}.${route}` && entry.outcome !== 401).length;

    it('Create with If Already Linked "Skip", run twice over the same items: the second run creates nothing; "Fail" then fails naming the link', async () => {
      const first = await n8n.execute(`${c.key}CreateSkip`);
      expect(first.status).toBe('success');
      expect(first.output('Link').every((o) => o.created === true)).toBe(true);
      expect(c.created()).toEqual(c.expectedCreated);
      expect(sent('create')).toBe(c.createRequests);

      const second = await n8n.execute(`${c.key}CreateSkip`);
      expect(second.status).toBe('success');
      expect(second.output('Link').map((o) => [o.created, o.ref])).toEqual(first.output('Link').map((o) => [false, o.ref]));
      expect(sent('create')).toBe(c.createRequests);
      expect(c.created()).toEqual(c.expectedCreated);

      const failed = await n8n.execute(`${c.key}CreateFail`);
      expect(failed.status).toBe('error');
      expect(failed.nodeError('Link')!.message).toMatch(new RegExp(`^${c.api} already has this link: .*nothing was sent for this input`));
      expect(failed.nodeError('Link')!.description).toMatch(/If Already Linked is "Fail"/);
      expect(sent('create')).toBe(c.createRequests);
      for (const run of [first, second, failed]) expectNoSecrets(run);
    });

    it('Get, Get Many (Return All to the last page, and Limit stopping early), and the read errors and a Delete 500 as n8n shows them', async () => {
      sandbox.state.addFaults({ route: `${c.route}.delete` as never, status: 500 });
      const run = await n8n.execute(`${c.key}Read`);
      expect(run.status).toBe('success');
      expect(run.output('Get')).toHaveLength(1);
      expect(run.output('Get')[0]).toMatchObject(c.got);
      const all = run.output('Get Many');
      expect(all).toHaveLength(c.pages.all);
      expect(new Set(all.map((o) => JSON.stringify(o.ref))).size).toBe(c.pages.all);
      const limited = run.output(c.key === 'tracker' ? 'Get Many 2' : 'Get Many 10');
      expect(limited.map((o) => o.ref)).toEqual(all.slice(0, c.pages.limit).map((o) => o.ref));
      // Return All, Limit, the unknown record's one, and the two Gets where a Get reads the links (Tracker).
      expect(sent('list')).toBe(c.pages.requestsAll + c.pages.requestsLimit + 1 + (c.getReadsList ? 2 : 0));
      expect(run.output('Get Missing')).toEqual([{ error: expect.stringMatching(c.getMissing), description: expect.stringMatching(/does not exist/) }]);
      expect(run.output('Get Many Unknown')).toEqual([{ error: expect.stringMatching(c.getAllUnknown), description: expect.stringMatching(/does not exist/) }]);
      expect(run.output('Delete 500')).toEqual([{ error: expect.stringMatching(new RegExp(`^${c.api} returned HTTP 500`)), description: expect.stringMatching(/may or may not have been deleted/) }]);
      expect(c.stillThere()).toBe(true);
      expectNoSecrets(run);
    });

    it('Delete: the link is gone; again with If Link Is Missing "Count as Success": deleted = false; a run with "Error" then fails with the 404', async () => {
      const first = await n8n.execute(`${c.key}Delete`);
      expect(first.status).toBe('success');
      expect(first.output('Delete')).toEqual([{ deleted: true, ref: expect.any(Object) }]);
      expect(first.output('Delete Again')).toEqual([{ deleted: false, ref: first.output('Delete')[0]!.ref }]);
      expect(c.stillThere()).toBe(false);
      const again = await n8n.execute(`${c.key}Delete`);
      expect(again.status).toBe('error');
      expect(again.nodeError('Delete')).toMatchObject({ name: 'NodeApiError', httpCode: '404', description: expect.stringMatching(/If Link Is Missing to "Count as Success"/) });
      expect(again.output('Delete Again')).toEqual([]);
      expect(sent('delete')).toBe(3);
      for (const run of [first, again]) expectNoSecrets(run);
    });
  });

  describe.each(['devrev', 'yandex-tracker', 'onetrust'] as ProviderKey[])('fault matrix, %s', (provider) => {
    it.each(cellsFor(provider).map((cell) => [cell.name, cell] as const))('%s', async (_name, cell) => {
      await n8n.execute(`fault-${provider}`); // warm-up: n8n holds a OneTrust token, one link is stored
      const before = sandbox.state.snapshot();
      await cell.arrange(sandbox, provider);
      const run = await n8n.execute(`fault-${provider}`);
      const after = sandbox.state.snapshot();
      const added = after.links[STORE[provider]].length - before.links[STORE[provider]].length;
      const sent = after.requests.byRoute[CREATE_ROUTE[provider]] - before.requests.byRoute[CREATE_ROUTE[provider]];
      if (cell.refused) {
        // Refused: the node waited as told and sent again (or n8n fetched a new token); the link exists once.
        expect(run.status).toBe('success');
        expect(run.output('Link')).toHaveLength(1);
        expect(added).toBe(1);
      } else {
        // Unknown outcome: a clear NodeApiError, no second POST, nothing duplicated.
        expect(run.status).toBe('error');
        expect(run.nodeError('Link')).toMatchObject({ name: 'NodeApiError' });
        expect(`${run.nodeError('Link')!.message} ${run.nodeError('Link')!.description}`).toMatch(/may or may not|HTTP 500/);
        expect(sent).toBe(1);
        expect(added).toBe(cell.storedWithoutRetry);
      }
      expectNoSecrets(run);
    });
  });

  describe('Retry On Fail', () => {
    it('a 429 that outlasts the node\'s own retries reaches n8n as HTTP 429, and n8n\'s retry then creates the link once', async () => {
      sandbox.state.addFaults({ route: 'devrev.create', status: 429, retryAfter: 0, times: 3 });
      const run = await n8n.execute('devrevRetryOnFail');
      expect(run.status).toBe('success');
      expect(sandbox.state.snapshot().requests.byRoute['devrev.create']).toBe(4);
      expect(stored().devrev).toHaveLength(1);
    });

    it('without Retry On Fail the run fails with the 429 and its advice', async () => {
      sandbox.state.addFaults({ route: 'devrev.create', status: 429, retryAfter: 0, times: 3 });
      const run = await n8n.execute('fault-devrev');
      expect(run.status).toBe('error');
      expect(run.nodeError('Link')).toMatchObject({ httpCode: '429', description: expect.stringMatching(/Retry On Fail/) });
      expect(stored().devrev).toHaveLength(0);
    });
  });

  // n8n 2.x can refuse requests to private addresses (off by default); 1.123 has no such setting.
  if (major >= 2) {
    describe('SSRF protection', () => {
      it('with N8N_SSRF_PROTECTION_ENABLED and no allowance, n8n blocks a DevRev create to the loopback sandbox: the run fails, nothing reaches the sandbox', async () => {
        const run = await n8n.execute('devrevOne', { env: { N8N_SSRF_PROTECTION_ENABLED: 'true' } });
        expect(run.status).toBe('error');
        const error = run.nodeError('Link');
        expect(error).toBeDefined();
        // The truth: n8n itself refused, nothing was sent, and which setting allows the host.
        expect(error!.message).toMatch(/^n8n blocked the request to 127\.0\.0\.1.*nothing was sent/);
        expect(error!.message).not.toMatch(/may or may not/);
        expect(error!.description).toContain('N8N_SSRF_ALLOWED_IP_RANGES');
        expect(sandbox.state.snapshot().requests.total).toBe(0);
        expect(stored().devrev).toHaveLength(0);
        expectNoSecrets(run);
      });

      it('with the loopback range allowed (N8N_SSRF_ALLOWED_IP_RANGES), the same create reaches the sandbox and succeeds', async () => {
        const run = await n8n.execute('devrevOne', { env: { N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.0/8' } });
        expect(run.status).toBe('success');
        expect(stored().devrev).toHaveLength(1);
      });
    });
  }
});
