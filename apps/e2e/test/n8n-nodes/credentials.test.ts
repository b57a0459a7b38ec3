// The three credentials as n8n uses them, against the sandbox: OneTrust's token exchange (core's token request,
// run by n8n as the credential's preAuthentication, the token kept and refreshed on 401), what the node says
// when the token request fails, the credential tests (`testedBy`, core's rules), credential errors that name
// the credential, and requests n8n itself refuses (n8n 2's SSRF protection) or that cannot leave the machine.
import { SANDBOX_CREDENTIALS as C, SANDBOX_EXTRA_CREDENTIALS, SEED, type Sandbox, startSandbox } from '@links/sandbox';
import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { fakeContext, type FakeOptions, loadNode } from '../../src/n8n/fake-context.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.state.reset());
afterAll(() => sandbox.close());

const OT = SEED.onetrust;
const base = { resource: 'link', operation: 'create' };
const onetrustItem = { ...base, linkTypeId: OT.linkTypes.aiSystemComposition.id, entity1Type: 'aisystems', entity1Id: OT.entities.supportAssistant.id, entity2Type: 'models', entity2Id: OT.entities.intentClassifier.id };
const devrevItem = { ...base, source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' };
const SECRETS = [C.onetrust.clientSecret, C.devrev.token, C.yandexTracker.oauthToken, SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly.clientSecret];

type NodeFailure = Error & { httpCode?: string | null; description?: string; context?: { itemIndex?: number } };

async function run(node: string, options: FakeOptions) {
  const fake = fakeContext(options);
  const outcome: { output?: INodeExecutionData[]; error?: NodeFailure } = await loadNode(node)
    .execute.call(fake.context as unknown as IExecuteFunctions)
    .then(
      (output) => ({ output: output[0]! }),
      (error: unknown) => ({ error: error as NodeFailure }),
    );
  for (const secret of SECRETS) expect(JSON.stringify({ outcome, message: outcome.error?.message, description: outcome.error?.description })).not.toContain(secret);
  return { ...fake, ...outcome };
}

const onetrust = (credentials: ICredentialDataDecryptedObject, extra: Partial<FakeOptions> = {}) =>
  run('OneTrust', { items: [onetrustItem], credentialType: 'oneTrustApi', credentials, ...extra });
const created = () => sandbox.state.snapshot().requests.byRoute['onetrust.create'];
const tokens = () => sandbox.state.snapshot().requests.byRoute['onetrust.token'];

describe('OneTrust token, as n8n fetches it', () => {
  it('is core\'s token request: grant_type, client_id and client_secret only (no scope), trimmed, as a form', async () => {
    const { output, wire } = await onetrust({ ...C.onetrust, clientId: ` ${C.onetrust.clientId}\n`, clientSecret: `${C.onetrust.clientSecret}\n`, baseUrl: sandbox.url });
    expect(output).toHaveLength(1);
    const token = wire.filter((w) => w.url.endsWith('/api/access/v1/oauth/token'));
    expect(token).toHaveLength(1);
    expect(token[0]!.url).toBe(`${sandbox.url}/api/access/v1/oauth/token`);
    expect(token[0]!.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(token[0]!.body)]).toEqual([
      ['grant_type', 'client_credentials'],
      ['client_id', C.onetrust.clientId],
      ['client_secret', C.onetrust.clientSecret],
    ]);
  });

  it('is kept in the credential: the next run sends no token request', async () => {
    const credentials: ICredentialDataDecryptedObject = { ...C.onetrust, baseUrl: sandbox.url };
    await onetrust(credentials);
    expect(credentials).toMatchObject({ accessToken: expect.any(String), accessTokenFor: `${sandbox.url} ${C.onetrust.clientId}` });
    const second = await onetrust(credentials);
    expect(second.output).toHaveLength(1);
    expect(tokens()).toBe(1);
    expect(second.wire.map((w) => new URL(w.url).pathname)).toEqual(['/api/ai-governance/v1/links']);
  });

  it('is fetched once for a run of many items sent in parallel: the first request goes alone while no token is stored', async () => {
    const credentials: ICredentialDataDecryptedObject = { ...C.onetrust, baseUrl: sandbox.url };
    const { output } = await run('OneTrust', { items: Array.from({ length: 8 }, () => onetrustItem), credentialType: 'oneTrustApi', credentials });
    expect(output).toHaveLength(8);
    expect(tokens()).toBe(1);
    expect(created()).toBe(8);
  });

  it('is fetched again when the API refuses it with 401, and the link is created once', async () => {
    const credentials: ICredentialDataDecryptedObject = { ...C.onetrust, baseUrl: sandbox.url };
    await onetrust(credentials);
    const first = credentials.accessToken;
    sandbox.state.expireTokens();
    const { output } = await onetrust(credentials);
    expect(output).toHaveLength(1);
    expect(tokens()).toBe(2);
    expect(credentials.accessToken).not.toBe(first);
    expect(sandbox.state.snapshot().links.onetrust).toHaveLength(2);
  });

  it('is not sent for another client: after the credential is edited, a token for the new client is fetched', async () => {
    // A token of the read-only client (its creates are refused with 403)...
    const credentials: ICredentialDataDecryptedObject = { ...C.onetrust, ...SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly, baseUrl: sandbox.url };
    expect((await onetrust(credentials)).error).toMatchObject({ httpCode: '403' });
    const readOnlyToken = credentials.accessToken as string;
    // ...is not used once the credential names the writing client.
    Object.assign(credentials, { clientId: C.onetrust.clientId, clientSecret: C.onetrust.clientSecret });
    const { output, wire } = await onetrust(credentials);
    expect(output).toHaveLength(1);
    expect(wire.filter((w) => w.headers.authorization === `Bearer ${readOnlyToken}`)).toEqual([]);
  });
});

describe('OneTrust token request failures: nothing was created, and the message says why', () => {
  it('the client ID or secret is refused (401 invalid_client): says so, that no link request was sent, and points at the credential', async () => {
    const { error, wire } = await onetrust({ ...C.onetrust, clientSecret: 'wrong-secret', baseUrl: sandbox.url });
    expect(error!.name).toBe('NodeApiError');
    expect(error!.message).toBe('OneTrust refused the client ID or secret: Bad client credentials (HTTP 401, invalid_client); no link request was sent');
    expect(error!.description).toMatch(/^Check Client ID and Client Secret in the OneTrust API credential/);
    expect(error!.httpCode).toBe('401');
    expect(error!.context?.itemIndex).toBe(0);
    expect(`${error!.message} ${error!.description}`).not.toMatch(/may or may not/);
    expect(wire.map((w) => new URL(w.url).pathname)).toEqual(['/api/access/v1/oauth/token']);
    expect(created()).toBe(0);
  });

  it('the same with Continue On Fail, as the item\'s output', async () => {
    const { output } = await onetrust({ ...C.onetrust, clientSecret: 'wrong-secret', baseUrl: sandbox.url }, { continueOnFail: true });
    expect(output).toEqual([
      { json: { error: expect.stringMatching(/^OneTrust refused the client ID or secret/), description: expect.stringMatching(/OneTrust API credential/) }, pairedItem: { item: 0 } },
    ]);
  });

  it('refused while renewing an expired token: the link request was refused, so no link was created', async () => {
    const credentials: ICredentialDataDecryptedObject = { ...C.onetrust, baseUrl: sandbox.url };
    await onetrust(credentials);
    sandbox.state.expireTokens();
    credentials.clientSecret = 'revoked-secret';
    const { error } = await onetrust(credentials);
    expect(error!.message).toBe(
      'OneTrust refused the client ID or secret: Bad client credentials (HTTP 401, invalid_client); the link request had been refused (HTTP 401) and no new token could be fetched, so no link was created',
    );
    expect(sandbox.state.snapshot().links.onetrust).toHaveLength(1);
  });

  it('the connection to the token endpoint is reset: no "may or may not have been created", no link request', async () => {
    sandbox.state.addFaults({ route: 'onetrust.token', reset: true });
    const { error } = await onetrust({ ...C.onetrust, baseUrl: sandbox.url });
    expect(error!.message).toBe('The OneTrust token request failed: Network error: the connection failed after the request was sent; no link request was sent');
    expect(error!.description).toMatch(/OneTrust API credential/);
    expect(created()).toBe(0);
  });

  it('the token endpoint answers 500: no link request', async () => {
    sandbox.state.addFaults({ route: 'onetrust.token', status: 500 });
    const { error } = await onetrust({ ...C.onetrust, baseUrl: sandbox.url });
    expect(error!.message).toMatch(/^OneTrust refused the token request: .+ \(HTTP 500\); no link request was sent$/);
    expect(error!.httpCode).toBe('500');
    expect(created()).toBe(0);
  });
});

describe('credential errors name the credential', () => {
  it.each([
    ['DevRev', 'devRevApi', { token: C.devrev.token, baseUrl: 'http://0.0.0.0:9' }, devrevItem, /^DevRev API credential: Base URL \(baseUrl\) must use https:\/\//, 'DevRev API'],
    ['OneTrust', 'oneTrustApi', { ...C.onetrust, hostname: 'evil.example/' }, onetrustItem, /^OneTrust API credential: Host Name \(hostname\) must be a bare host name/, 'OneTrust API'],
  ])('%s: an invalid credential field is reported as a credential error, before any request', async (node, credentialType, credentials, item, message, credential) => {
    const { error, wire } = await run(node, { items: [item], credentialType, credentials });
    expect(error!.name).toBe('NodeOperationError');
    expect(error!.message).toMatch(message);
    expect(error!.description).toBe(`Fix that field in the ${credential} credential selected on this node. Nothing was sent.`);
    expect(wire).toEqual([]);
  });
});

describe('credential tests (testedBy): core\'s rules, then core\'s proof that the credential works', () => {
  const test = (credentialType: string, credentials: ICredentialDataDecryptedObject, extra: Partial<FakeOptions> = {}) => {
    const fake = fakeContext({ items: [], credentialType, credentials, ...extra });
    return fake.testCredential().then((result) => ({ result, wire: fake.wire }));
  };
  const valid = () => ({
    devRevApi: { token: C.devrev.token, baseUrl: sandbox.url },
    yandexTrackerApi: { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url },
    oneTrustApi: { ...C.onetrust, baseUrl: sandbox.url },
  });
  const CREDENTIALS = ['devRevApi', 'yandexTrackerApi', 'oneTrustApi'] as const;

  it.each(CREDENTIALS)('%s: a working credential tests OK', async (type) => {
    const { result } = await test(type, valid()[type]);
    expect(result.status).toBe('OK');
  });

  // 0.0.0.0 reaches the sandbox on this machine, but it is not a loopback address core accepts plain http for.
  it.each(CREDENTIALS)('%s: a Base URL core refuses (plain http to 0.0.0.0) fails the test with core\'s message, nothing sent', async (type) => {
    const baseUrl = sandbox.url.replace('127.0.0.1', '0.0.0.0');
    const { result, wire } = await test(type, { ...valid()[type], baseUrl });
    expect(result.status).toBe('Error');
    expect(result.message).toContain(`Base URL (baseUrl) must use https:// (http:// is allowed only for localhost); got "${baseUrl}"`);
    expect(wire).toEqual([]);
  });

  it.each([
    ['devRevApi', { token: 'wrong-token' }, /^DevRev returned HTTP 401: /, '/dev-users.self'],
    ['yandexTrackerApi', { token: 'wrong-token' }, /^Yandex Tracker returned HTTP 401: /, '/v2/myself'],
    ['oneTrustApi', { clientSecret: 'wrong-secret' }, /^OneTrust refused the client ID or secret: Bad client credentials \(HTTP 401, invalid_client\)$/, '/api/access/v1/oauth/token'],
  ] as const)('%s: a refused credential fails the test with the API\'s answer', async (type, change, message, path) => {
    const { result, wire } = await test(type, { ...valid()[type], ...change });
    expect(result).toEqual({ status: 'Error', message: expect.stringMatching(message) });
    expect(wire.map((w) => new URL(w.url).pathname)).toEqual([path]);
  });

  it('OneTrust: the test is core\'s token request (no scope, trimmed)', async () => {
    const { wire } = await test('oneTrustApi', { ...valid().oneTrustApi, clientSecret: ` ${C.onetrust.clientSecret}\n` });
    expect([...new URLSearchParams(wire[0]!.body)]).toEqual([
      ['grant_type', 'client_credentials'],
      ['client_id', C.onetrust.clientId],
      ['client_secret', C.onetrust.clientSecret],
    ]);
  });

  it('DevRev and Tracker: the test sends core\'s authentication headers to the "who am I" request', async () => {
    const { wire } = await test('devRevApi', valid().devRevApi);
    expect(wire).toEqual([expect.objectContaining({ method: 'GET', url: `${sandbox.url}/dev-users.self`, headers: expect.objectContaining({ Authorization: `Bearer ${C.devrev.token}` }) })]);
  });
});

describe('requests that never leave: nothing was sent, and the message says so', () => {
  const ssrf = { ssrfProtection: true };

  it('n8n 2 SSRF protection refuses the sandbox address: n8n blocked it, nothing was sent, which setting allows it', async () => {
    const { error, wire } = await run('DevRev', { items: [devrevItem], credentialType: 'devRevApi', credentials: { token: C.devrev.token, baseUrl: sandbox.url }, ...ssrf });
    expect(error!.name).toBe('NodeApiError');
    expect(error!.message).toBe('n8n blocked the request to 127.0.0.1: its SSRF protection refuses this address; nothing was sent');
    expect(error!.description).toMatch(/N8N_SSRF_PROTECTION_ENABLED/);
    expect(error!.description).toMatch(/N8N_SSRF_ALLOWED_IP_RANGES \(such as 127\.0\.0\.1\/32\)/);
    expect(error!.description).toMatch(/N8N_SSRF_ALLOWED_HOSTNAMES/);
    expect(`${error!.message} ${error!.description}`).not.toMatch(/may or may not/);
    // Not re-sent either: n8n would refuse it again.
    expect(wire).toEqual([]);
    expect(sandbox.state.snapshot().requests.total).toBe(0);
  });

  it('n8n 2 SSRF protection refuses the OneTrust token request: the same advice, no link request', async () => {
    const { error } = await onetrust({ ...C.onetrust, baseUrl: sandbox.url }, ssrf);
    expect(error!.message).toBe('The OneTrust token request was not sent: n8n blocked the request to 127.0.0.1: its SSRF protection refuses this address; nothing was sent; no link request was sent');
    expect(error!.description).toMatch(/N8N_SSRF_ALLOWED_IP_RANGES/);
  });

  it('n8n 2 SSRF protection refuses a credential test: the test says n8n blocked it', async () => {
    const fake = fakeContext({ items: [], credentialType: 'devRevApi', credentials: { token: C.devrev.token, baseUrl: sandbox.url }, ...ssrf });
    expect(await fake.testCredential()).toEqual({ status: 'Error', message: 'n8n blocked the request to 127.0.0.1: its SSRF protection refuses this address; nothing was sent' });
  });

  it.each(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH'])('%s: nothing was sent (so it was re-sent, as core does), and the description does not say "may or may not"', async (code) => {
    const { error, wire } = await run('DevRev', { items: [devrevItem], credentialType: 'devRevApi', credentials: { token: C.devrev.token, baseUrl: sandbox.url }, failConnect: code });
    expect(error!.message).toBe('Network error: the server could not be reached; nothing was sent');
    expect(error!.description).toMatch(/^Nothing reached DevRev, so no link was created/);
    expect(wire).toHaveLength(3);
  });
});
