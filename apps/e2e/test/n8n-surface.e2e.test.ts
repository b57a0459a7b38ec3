// What only a real n8n shows about the nodes' surface: the OneTrust token request as n8n sends it (the
// credential's preAuthentication, core's request) and how n8n keeps and renews the token, the message when
// OneTrust refuses the client, a parameter given as an expression where another field depends on it, credential
// errors, the credential tests n8n runs (`testedBy`) through its REST API, as the editor's Test button does, and
// the dynamic parameters the editor asks n8n for (From List pages by paginationToken, a loaded dropdown).
import { DEVREV_CUSTOM_LINK_TYPES, DEVREV_WORKS, SANDBOX_CREDENTIALS as C, SEED, type Sandbox, startSandbox, TRACKER_ENTITIES } from '@links/sandbox';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureN8n, N8N_MAJORS, type N8nMajor, n8nVersion } from '../src/n8n/install.js';
import { type N8nExecution, N8nInstance, type N8nNode } from '../src/n8n/instance.js';
import { type ListSearchPage, N8nRestError, N8nServer } from '../src/n8n/server.js';

let sandbox: Sandbox;
let n8n: N8nInstance;
let proxy: Server;
let proxyUrl: string;
/** Token request bodies as they reached the proxy in front of the sandbox. */
const tokenBodies: string[] = [];

const OT = SEED.onetrust;
/** A Tracker entity the Delete operation's Linked Entity ID search sits beside. */
const TRACKER_SIBLINGS = { entityType: 'project', entityId: { __rl: true, mode: 'id', value: SEED.yandexTracker.entities.websiteRedesign.id } };
const SECRETS = [C.devrev.token, C.yandexTracker.oauthToken, C.onetrust.clientSecret];
const link = { resource: 'link', operation: 'create' };
const onetrustParameters = {
  linkTypeId: OT.linkTypes.aiSystemComposition.id,
  entity1Type: 'aisystems',
  entity1Id: OT.entities.supportAssistant.id,
  entity2Type: 'models',
  entity2Id: OT.entities.intentClassifier.id,
};

const CREDENTIALS = {
  // Client ID and secret pasted with surrounding white space, as from a password manager.
  onetrust: { id: 'cred-onetrust', name: 'OneTrust', type: 'oneTrustApi', data: () => ({ ...C.onetrust, clientId: ` ${C.onetrust.clientId}\n`, clientSecret: `${C.onetrust.clientSecret}\n`, baseUrl: proxyUrl }) },
  onetrustRefused: { id: 'cred-onetrust-refused', name: 'OneTrust (wrong secret)', type: 'oneTrustApi', data: () => ({ ...C.onetrust, clientSecret: 'not-the-secret', baseUrl: sandbox.url }) },
  devrev: { id: 'cred-devrev', name: 'DevRev', type: 'devRevApi', data: () => ({ token: C.devrev.token, baseUrl: sandbox.url }) },
  // Plain http to 0.0.0.0, which reaches the sandbox on this machine but is not a loopback address core accepts.
  devrevPlainHttp: { id: 'cred-devrev-http', name: 'DevRev (plain http)', type: 'devRevApi', data: () => ({ token: C.devrev.token, baseUrl: unspecifiedAddressUrl() }) },
  tracker: {
    id: 'cred-tracker',
    name: 'Yandex Tracker',
    type: 'yandexTrackerApi',
    data: () => ({ tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url }),
  },
};
type CredentialKey = keyof typeof CREDENTIALS;
const unspecifiedAddressUrl = () => sandbox.url.replace('127.0.0.1', '0.0.0.0');

function workflow(type: string, credential: CredentialKey, parameters: Record<string, unknown>): N8nNode[] {
  const { id, name, type: credentialType } = CREDENTIALS[credential];
  return [
    { name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: 'return [{ json: {} }];' } },
    { name: 'Link', type: `n8n-nodes-links.${type}`, parameters: { ...link, ...parameters }, credentials: { [credentialType]: { id, name } } },
  ];
}

const WORKFLOWS: Record<string, N8nNode[]> = {
  onetrust: workflow('oneTrust', 'onetrust', onetrustParameters),
  onetrustRefused: workflow('oneTrust', 'onetrustRefused', onetrustParameters),
  // Link Type as an expression: n8n cannot know whether Custom Link Type is shown.
  devrevLinkTypeExpression: workflow('devRev', 'devrev', { source: 'ISS-1', linkType: '={{ "is_related_to" }}', target: 'ISS-2' }),
  devrevPlainHttp: workflow('devRev', 'devrevPlainHttp', { source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' }),
};

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A loopback proxy in front of the sandbox that records what the token requests carried. */
async function startProxy(target: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const payload = await body(request);
    if (request.url?.startsWith('/api/access/v1/oauth/token')) tokenBodies.push(payload.toString('utf8'));
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
    const answer = await fetch(`${target}${request.url}`, { method: request.method, headers, body: payload.length ? new Uint8Array(payload) : undefined });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe.each(N8N_MAJORS.map((major) => [n8nVersion(major), major] as const))('real n8n %s', (_version, major: N8nMajor) => {
  beforeAll(async () => {
    const install = ensureN8n((line) => process.stderr.write(`${line}\n`), major);
    sandbox = await startSandbox();
    proxy = await startProxy(sandbox.url);
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    n8n = new N8nInstance(install);
    await n8n.importCredentials(Object.values(CREDENTIALS).map(({ data, ...credential }) => ({ ...credential, data: data() })));
    await n8n.importWorkflows(WORKFLOWS);
  });

  afterAll(async () => {
    n8n?.dispose();
    await new Promise((resolve) => proxy?.close(resolve));
    await sandbox?.close();
  });

  beforeEach(() => {
    sandbox.state.reset();
    tokenBodies.length = 0;
  });

  function expectNoSecrets(run: N8nExecution) {
    for (const secret of SECRETS) expect(run.stdout + run.stderr).not.toContain(secret);
  }
  const requests = () => sandbox.state.snapshot().requests.byRoute;

  describe('OneTrust credential', () => {
    it('the token request is core\'s: grant_type, client_id, client_secret (no scope), trimmed; the token is kept between runs and renewed on 401', async () => {
      const first = await n8n.execute('onetrust');
      expect(first.status).toBe('success');
      expect(first.output('Link')[0]).toMatchObject({ provider: 'onetrust', linkTypeLabel: 'is composed of' });
      expect(tokenBodies.map((b) => [...new URLSearchParams(b)])).toEqual([
        [
          ['grant_type', 'client_credentials'],
          ['client_id', C.onetrust.clientId],
          ['client_secret', C.onetrust.clientSecret],
        ],
      ]);

      // n8n stored the token in the credential: the next run sends none.
      const second = await n8n.execute('onetrust');
      expect(second.status).toBe('success');
      expect(requests()['onetrust.token']).toBe(1);

      // OneTrust refuses the expired token with 401: n8n runs preAuthentication again and repeats the request.
      sandbox.state.expireTokens();
      const third = await n8n.execute('onetrust');
      expect(third.status).toBe('success');
      expect(requests()['onetrust.token']).toBe(2);
      expect(sandbox.state.snapshot().links.onetrust).toHaveLength(3);
      for (const run of [first, second, third]) expectNoSecrets(run);
    });

    it('a refused client secret: OneTrust refused the client ID or secret, no link request was sent, check the credential', async () => {
      const run = await n8n.execute('onetrustRefused');
      expect(run.status).toBe('error');
      expect(run.nodeError('Link')).toMatchObject({
        name: 'NodeApiError',
        httpCode: '401',
        message: 'OneTrust refused the client ID or secret: Bad client credentials (HTTP 401, invalid_client); no link request was sent',
        description: expect.stringMatching(/^Check Client ID and Client Secret in the OneTrust API credential/),
      });
      expect(requests()['onetrust.create']).toBe(0);
      expectNoSecrets(run);
    });
  });

  describe('DevRev node', () => {
    it('Link Type as an expression: n8n runs the workflow (Custom Link Type is not required by n8n, core checks it per item)', async () => {
      const run = await n8n.execute('devrevLinkTypeExpression');
      expect(run.stdout + run.stderr).not.toMatch(/is required/);
      expect(run.status).toBe('success');
      expect(run.output('Link')[0]).toMatchObject({ linkType: 'is_related_to' });
    });

    it('a credential field core refuses is reported as the credential\'s, before any request', async () => {
      const run = await n8n.execute('devrevPlainHttp');
      expect(run.status).toBe('error');
      expect(run.nodeError('Link')).toMatchObject({
        message: expect.stringMatching(/^DevRev API credential: Base URL \(baseUrl\) must use https:\/\//),
        description: 'Fix that field in the DevRev API credential selected on this node. Nothing was sent.',
      });
      expect(sandbox.state.snapshot().requests.total).toBe(0);
    });
  });

  describe('through n8n\'s REST API, as the editor calls it', () => {
    const server = new N8nServer();
    /** The editor's Test button for one of CREDENTIALS (with other data when given). */
    const testCredential = (key: CredentialKey, data?: Record<string, unknown>) => {
      const { id, name, type } = CREDENTIALS[key];
      return server.testCredential({ id, name, type, data: data ?? CREDENTIALS[key].data() });
    };
    beforeAll(() => server.start(n8n), 180_000);
    afterAll(() => server.stop());

    it.each([
      ['DevRev', 'devrev'],
      ['Yandex Tracker', 'tracker'],
      ['OneTrust (the token exchange)', 'onetrust'],
    ] as const)('%s: a working credential tests OK', async (_name, key) => {
      expect(await testCredential(key)).toMatchObject({ status: 'OK' });
      // OneTrust's test is core's token request.
      if (key === 'onetrust') expect(tokenBodies.map((b) => new URLSearchParams(b).get('client_secret'))).toEqual([C.onetrust.clientSecret]);
    });

    it('DevRev: a Base URL core refuses (plain http to 0.0.0.0) fails the test with core\'s message', async () => {
      expect(await testCredential('devrevPlainHttp')).toEqual({
        status: 'Error',
        message: `Base URL (baseUrl) must use https:// (http:// is allowed only for localhost); got "${unspecifiedAddressUrl()}"`,
      });
      expect(sandbox.state.snapshot().requests.total).toBe(0);
    });

    it('OneTrust: a refused secret fails the test: OneTrust refused the client ID or secret', async () => {
      expect(await testCredential('onetrustRefused')).toEqual({
        status: 'Error',
        message: 'OneTrust refused the client ID or secret: Bad client credentials (HTTP 401, invalid_client)',
      });
    });

    describe('dynamic parameters (From List and dropdowns): n8n calls the node\'s listSearch and loadOptions methods', () => {
      const saved: Record<string, { id: string; name: string }> = {};
      beforeAll(async () => {
        saved.devRevApi = await server.createCredential('DevRev (editor)', 'devRevApi', CREDENTIALS.devrev.data());
        saved.yandexTrackerApi = await server.createCredential('Yandex Tracker (editor)', 'yandexTrackerApi', CREDENTIALS.tracker.data());
        saved.oneTrustApi = await server.createCredential('OneTrust (editor)', 'oneTrustApi', { ...C.onetrust, baseUrl: sandbox.url });
      });

      const request = (node: string, credentialType: string, path: string, methodName: string, parameters: Record<string, unknown>) => ({
        nodeType: `n8n-nodes-links.${node}`,
        path: `parameters.${path}`,
        methodName,
        parameters: { resource: 'link', ...parameters },
        credentials: { [credentialType]: saved[credentialType]! },
      });
      /** Every page of a search, following n8n's paginationToken; the pages' sizes. */
      async function allPages(search: ReturnType<typeof request>, filter?: string) {
        const pages: ListSearchPage[] = [await server.listSearch(search, filter)];
        while (pages.at(-1)!.paginationToken) pages.push(await server.listSearch(search, filter, pages.at(-1)!.paginationToken));
        return { pages, values: pages.flatMap((page) => page.results.map((r) => r.value)) };
      }
      const sent = (route: string) => (sandbox.state.snapshot().requests.byRoute as Record<string, number>)[route] ?? 0;

      it('DevRev Source ID: 50 works a page with a paginationToken; the token gives the next page, to the last: every work item in the sandbox', async () => {
        const search = request('devRev', 'devRevApi', 'source', 'devrev_works_source', { operation: 'create' });
        const { pages, values } = await allPages(search);
        expect(pages.map((page) => page.results.length)).toEqual([50, 50, 30]);
        // Each work item once, by the value the node sends (its display id or id) and named by its title.
        expect(new Set(values).size).toBe(DEVREV_WORKS.length);
        const byValue = new Map(pages.flatMap((page) => page.results.map((r) => [r.value, r.name] as const)));
        for (const work of DEVREV_WORKS) expect(byValue.get(work.display_id) ?? byValue.get(work.id)).toBe(work.name);
        expect(sent('devrev.worksList')).toBe(3);
      });

      it('DevRev Custom Link Type dropdown: the sandbox\'s custom link types, every page', async () => {
        const options = await server.loadOptions(request('devRev', 'devRevApi', 'customLinkType', 'devrev_customLinkTypes', { operation: 'create', linkType: 'custom_link' }));
        expect(options.map((o) => o.value).sort()).toEqual(DEVREV_CUSTOM_LINK_TYPES.map((t) => t.id).sort());
        expect(options[0]).toMatchObject({ name: expect.any(String), description: expect.stringMatching(/ \/ /) });
      });

      it('Yandex Tracker Linked Entity ID (any type): projects, then by the token portfolios, then goals: every entity in the sandbox', async () => {
        const search = request('yandexTracker', 'yandexTrackerApi', 'linkedEntityId', 'yandex_tracker_anyEntities_linkedEntityId', { operation: 'delete', ...TRACKER_SIBLINGS });
        const { pages, values } = await allPages(search);
        expect(pages.length).toBeGreaterThanOrEqual(3);
        expect(pages[0]!.paginationToken).toEqual(expect.any(String));
        expect(values.sort()).toEqual(TRACKER_ENTITIES.map((e) => e.id).sort());
      });

      it('Yandex Tracker Entity ID: the text typed filters, in the type chosen', async () => {
        const page = await server.listSearch(request('yandexTracker', 'yandexTrackerApi', 'entityId', 'yandex_tracker_entities_entityId', { operation: 'getAll', entityType: 'goal' }), 'churn');
        expect(page.results).toEqual([expect.objectContaining({ name: 'Reduce churn by 10% in 2025', value: SEED.yandexTracker.entities.reduceChurn.id })]);
      });

      it('OneTrust Entity 2 ID searches the type chosen in Entity 2 Type (n8n fetches the token for it)', async () => {
        const page = await server.listSearch(request('oneTrust', 'oneTrustApi', 'entity2Id', 'onetrust_entities_entity2Id', { operation: 'create', entity2Type: 'models' }), 'Intent');
        expect(page.results.map((r) => r.value)).toContain(OT.entities.intentClassifier.id);
        expect(sent('onetrust.token')).toBe(1);
      });

      it('a search without the parameter it depends on fails naming it, and sends nothing', async () => {
        const failure = await server.listSearch(request('oneTrust', 'oneTrustApi', 'entity1Id', 'onetrust_entities_entity1Id', { operation: 'create' })).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(N8nRestError);
        expect((failure as N8nRestError).message).toMatch(/entityType/);
        expect(sent('onetrust.entitiesSearch')).toBe(0);
        expect(server.output).not.toContain(C.onetrust.clientSecret);
      });
    });
  });
});
