// What only a real n8n shows about the nodes' surface: the OneTrust token request as n8n sends it (the
// credential's preAuthentication, core's request) and how n8n keeps and renews the token, the message when
// OneTrust refuses the client, a parameter given as an expression where another field depends on it, credential
// errors, and the credential tests n8n runs (`testedBy`) through its REST API, as the editor's Test button does.
import { SANDBOX_CREDENTIALS as C, SEED, type Sandbox, startSandbox } from '@links/sandbox';
import type { ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureN8n, N8N_MAJORS, type N8nMajor, n8nVersion } from '../src/n8n/install.js';
import { type N8nExecution, N8nInstance, type N8nNode } from '../src/n8n/instance.js';

let sandbox: Sandbox;
let n8n: N8nInstance;
let proxy: Server;
let proxyUrl: string;
/** Token request bodies as they reached the proxy in front of the sandbox. */
const tokenBodies: string[] = [];

const OT = SEED.onetrust;
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
    for (const [id, nodes] of Object.entries(WORKFLOWS)) await n8n.importWorkflow(id, nodes);
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

  /** `n8n start` on a free loopback port, with an owner to call the REST API as (what the editor calls). */
  class N8nServer {
    private process?: ChildProcess;
    private cookie = '';
    private log = '';
    url = '';

    async start(instance: N8nInstance): Promise<void> {
      const port = await freePort();
      this.url = `http://127.0.0.1:${port}`;
      this.process = await instance.spawn(['start'], {
        N8N_PORT: String(port),
        N8N_LISTEN_ADDRESS: '127.0.0.1',
        N8N_SECURE_COOKIE: 'false',
        N8N_PERSONALIZATION_ENABLED: 'false',
      });
      this.process.stdout!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
      this.process.stderr!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
      const deadline = Date.now() + 120_000;
      // The REST routes are registered a few seconds after /healthz answers: wait until the owner setup exists.
      for (;;) {
        const status = await this.call('POST', '/rest/owner/setup', {}).then((r) => r.status, () => 0);
        if (status !== 0 && status !== 404) break;
        if (Date.now() > deadline || this.process.exitCode !== null) throw new Error(`n8n start did not become ready:\n${this.log}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const setup = await this.call('POST', '/rest/owner/setup', { email: 'owner@links.test', firstName: 'Links', lastName: 'Test', password: 'Links-e2e-2026' });
      if (!setup.ok) throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
    }

    async call(method: string, path: string, payload?: unknown): Promise<Response> {
      const response = await fetch(`${this.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'browser-id': 'links-e2e', ...(this.cookie ? { cookie: this.cookie } : {}) },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
      const setCookie = response.headers.get('set-cookie');
      if (setCookie) this.cookie = setCookie.split(';')[0]!;
      return response;
    }

    /** The editor's Test button: POST /rest/credentials/test with the credential's data. */
    async testCredential(key: CredentialKey, data?: Record<string, unknown>): Promise<{ status: string; message: string }> {
      const { id, name, type } = CREDENTIALS[key];
      const response = await this.call('POST', '/rest/credentials/test', { credentials: { id, name, type, data: data ?? CREDENTIALS[key].data() } });
      if (!response.ok) throw new Error(`credential test failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { data: { status: string; message: string } }).data;
    }

    async stop(): Promise<void> {
      if (!this.process || this.process.exitCode !== null) return;
      const exited = new Promise((resolve) => this.process!.once('exit', resolve));
      this.process.kill('SIGTERM');
      await exited;
    }
  }

  async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  describe('credential tests (the Test button, through n8n\'s REST API)', () => {
    const server = new N8nServer();
    beforeAll(() => server.start(n8n), 180_000);
    afterAll(() => server.stop());

    it.each([
      ['DevRev', 'devrev'],
      ['Yandex Tracker', 'tracker'],
      ['OneTrust (the token exchange)', 'onetrust'],
    ] as const)('%s: a working credential tests OK', async (_name, key) => {
      expect(await server.testCredential(key)).toMatchObject({ status: 'OK' });
      // OneTrust's test is core's token request.
      if (key === 'onetrust') expect(tokenBodies.map((b) => new URLSearchParams(b).get('client_secret'))).toEqual([C.onetrust.clientSecret]);
    });

    it('DevRev: a Base URL core refuses (plain http to 0.0.0.0) fails the test with core\'s message', async () => {
      expect(await server.testCredential('devrevPlainHttp')).toEqual({
        status: 'Error',
        message: `Base URL (baseUrl) must use https:// (http:// is allowed only for localhost); got "${unspecifiedAddressUrl()}"`,
      });
      expect(sandbox.state.snapshot().requests.total).toBe(0);
    });

    it('OneTrust: a refused secret fails the test: OneTrust refused the client ID or secret', async () => {
      expect(await server.testCredential('onetrustRefused')).toEqual({
        status: 'Error',
        message: 'OneTrust refused the client ID or secret: Bad client credentials (HTTP 401, invalid_client)',
      });
    });
  });
});
