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
    for (const [id, nodes] of Object.entries(WORKFLOWS)) await n8n.importWorkflow(id, nodes);
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
