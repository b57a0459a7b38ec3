import { SANDBOX_CREDENTIALS as C, SANDBOX_EXTRA_CREDENTIALS, type Sandbox, SEED } from '@links/sandbox';
import * as zapier from 'zapier-platform-core';
import { SESSION_TOKEN_KEY } from '../src/index.js';
import { admin, expectNoSecret, rejectionOf, sandboxAuthData, sourceApp, withSandbox, zapierErrorDetails } from './helpers.js';

const { entities, linkTypes } = SEED.onetrust;
const app = sourceApp('onetrust');
const appTester = zapier.createAppTester(app);
const perform = app.creates.create_link.operation.perform;
const sessionPerform = app.authentication.sessionConfig!.perform;

const composition = {
  linkTypeId: linkTypes.aiSystemComposition.id,
  entity1Type: 'aisystems',
  entity1Id: entities.supportAssistant.id,
  entity2Type: 'models',
  entity2Id: entities.intentClassifier.id,
};

let sandbox: Sandbox;
let credentials: Record<string, string>;
beforeAll(async () => {
  sandbox = await withSandbox();
  credentials = sandboxAuthData('onetrust', sandbox);
});
afterAll(() => sandbox.close());
beforeEach(() => admin.reset(sandbox));

/** What Zapier does on connect: the session step stores the token in authData. */
async function connect(): Promise<Record<string, string>> {
  const session = await appTester(sessionPerform, { authData: credentials });
  return { ...credentials, ...session };
}

/**
 * Zapier's runtime on RefreshAuthError: run sessionConfig.perform, keep its result in authData, run the
 * step once more. (The app tester does not do this itself; Zapier's servers do.)
 */
async function runWithSessionRefresh<T>(step: (authData: Record<string, string>) => Promise<T>, authData: Record<string, string>) {
  try {
    return { result: await step(authData), refreshed: false, authData };
  } catch (error) {
    if ((error as Error).name !== 'RefreshAuthError') throw error;
    const refreshed = { ...authData, ...(await appTester(sessionPerform, { authData })) };
    return { result: await step(refreshed), refreshed: true, authData: refreshed };
  }
}

describe('OneTrust connection (session auth)', () => {
  test('the session step exchanges the client credentials for a token, which authenticates the create', async () => {
    const session = await appTester(sessionPerform, { authData: credentials });
    expect(Object.keys(session)).toEqual([SESSION_TOKEN_KEY]);
    expect(session[SESSION_TOKEN_KEY]).toEqual(expect.any(String));
    const state = await admin.state(sandbox);
    expect(state.requests.byRoute['onetrust.token']).toBe(1);
    expect(state.tokens.onetrust.active).toBe(1);
  });

  test('the test is the token exchange and returns only the public fields; the label is client ID @ host', async () => {
    const account = await appTester(app.authentication.test, { authData: credentials });
    expect(account).toEqual({ hostname: C.onetrust.hostname, clientId: C.onetrust.clientId });
    const label = await appTester(app.authentication.connectionLabel, { authData: credentials, inputData: account });
    expect(label).toBe(`${C.onetrust.clientId} @ ${C.onetrust.hostname}`);
    expectNoSecret([account, label]);
  });

  test('a wrong client secret is ExpiredAuthError (a new session cannot help), without the secret', async () => {
    const error = await rejectionOf(appTester(app.authentication.test, { authData: { ...credentials, clientSecret: 'wrong-secret-value' } }));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/^OneTrust returned HTTP 401: /);
    expectNoSecret(error);
    const sessionError = await rejectionOf(appTester(sessionPerform, { authData: { ...credentials, clientSecret: 'wrong-secret-value' } }));
    expect(sessionError.name).toBe('ExpiredAuthError');
  });

  test('a host name with a path is refused before any request, naming the field', async () => {
    const error = await rejectionOf(appTester(app.authentication.test, { authData: { ...credentials, hostname: 'app.onetrust.com/x' } }));
    expect(zapierErrorDetails(error)).toMatchObject({ code: 'invalid_input:hostname', message: expect.stringContaining('Host Name (hostname)') });
    expect((await admin.state(sandbox)).requests.byRoute['onetrust.token']).toBe(0);
  });
});

describe('OneTrust Create Link', () => {
  test('creates the relationship record with the session token', async () => {
    const authData = await connect();
    const result = await appTester(perform, { authData, inputData: composition });
    const stored = (await admin.state(sandbox)).links.onetrust;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ linkTypeId: composition.linkTypeId, entity1: { id: composition.entity1Id }, entity2: { id: composition.entity2Id } });
    expect(result).toMatchObject({
      id: stored[0]!.id,
      service: 'OneTrust',
      linkType: 'ai-system-composition',
      linkTypeLabel: 'is composed of',
      sourceName: entities.supportAssistant.name,
      targetName: entities.intentClassifier.name,
      summary: `${entities.supportAssistant.name} (aisystems) is composed of ${entities.intentClassifier.name} (models)`,
      linkCount: 1,
    });
    expect(result.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expectNoSecret(result, [authData[SESSION_TOKEN_KEY]!]);
  });

  test('attributes given as JSON text reach the API as an object', async () => {
    const authData = await connect();
    await appTester(perform, { authData, inputData: { ...composition, attributes: '{"purpose": [{"value": "Support triage"}]}' } });
    expect((await admin.state(sandbox)).links.onetrust[0]!.attributes).toEqual({ purpose: [{ value: 'Support triage' }] });
  });

  test('an expired token makes Zapier refresh the session, and the create then succeeds', async () => {
    const authData = await connect();
    await admin.expireTokens(sandbox);
    const first = await rejectionOf(appTester(perform, { authData, inputData: composition }));
    expect(first.name).toBe('RefreshAuthError');

    const run = await runWithSessionRefresh((auth) => appTester(perform, { authData: auth, inputData: composition }), authData);
    expect(run.refreshed).toBe(true);
    expect(run.authData[SESSION_TOKEN_KEY]).not.toBe(authData[SESSION_TOKEN_KEY]);
    expect(run.result).toMatchObject({ linkType: 'ai-system-composition' });
    const state = await admin.state(sandbox);
    expect(state.links.onetrust).toHaveLength(1);
    expect(state.requests.byRoute['onetrust.token']).toBe(2);
  });

  test('a create without a token yet also goes through a session refresh', async () => {
    const run = await runWithSessionRefresh((auth) => appTester(perform, { authData: auth, inputData: composition }), credentials);
    expect(run.refreshed).toBe(true);
    expect((await admin.state(sandbox)).links.onetrust).toHaveLength(1);
  });

  test('invalid input names the field and sends nothing', async () => {
    const authData = await connect();
    const error = await rejectionOf(appTester(perform, { authData, inputData: { ...composition, entity2Id: 'not-a-uuid' } }));
    expect(zapierErrorDetails(error)).toMatchObject({ name: 'AppError', code: 'invalid_input:entity2Id', message: expect.stringContaining('Entity 2 ID (entity2Id) must be a UUID') });
    const attributes = await rejectionOf(appTester(perform, { authData, inputData: { ...composition, attributes: '{"purpose": "x"}' } }));
    expect(zapierErrorDetails(attributes)).toMatchObject({ code: 'invalid_input:attributes.purpose' });
    expect((await admin.state(sandbox)).requests.byRoute['onetrust.create']).toBe(0);
  });

  test('a 400 (JSON string body) keeps the API message and status', async () => {
    const authData = await connect();
    const error = await rejectionOf(appTester(perform, { authData, inputData: { ...composition, linkTypeId: linkTypes.modelTrainingData.id } }));
    expect(zapierErrorDetails(error)).toMatchObject({ status: 400, message: expect.stringMatching(/^OneTrust returned HTTP 400: Link type 'model-training-data' does not allow aisystems -> models/) });
  });

  test('an unknown entity is a 404', async () => {
    const authData = await connect();
    const error = await rejectionOf(appTester(perform, { authData, inputData: { ...composition, entity2Id: '00000000-0000-4000-8000-000000000000' } }));
    expect(zapierErrorDetails(error)).toMatchObject({ status: 404, message: expect.stringContaining('00000000-0000-4000-8000-000000000000 of type models not found') });
  });

  test('a token without the write scope is a 403 with the API message', async () => {
    const readOnly = { ...credentials, ...SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly };
    const authData = { ...readOnly, ...(await appTester(sessionPerform, { authData: readOnly })) };
    const error = await rejectionOf(appTester(perform, { authData, inputData: composition }));
    expect(zapierErrorDetails(error)).toMatchObject({ status: 403, message: expect.stringContaining('AI_GOVERNANCE_WRITE') });
  });

  test('a 429 becomes ThrottledError with the Retry-After delay', async () => {
    const authData = await connect();
    await admin.fault(sandbox, { route: 'onetrust.create', status: 429, retryAfter: 30 });
    const error = await rejectionOf(appTester(perform, { authData, inputData: composition }));
    expect(zapierErrorDetails(error)).toMatchObject({ name: 'ThrottledError', delay: 30, message: expect.stringMatching(/^OneTrust returned HTTP 429: /) });
  });

  test('a 500 with an empty body is an error with status 500', async () => {
    const authData = await connect();
    await admin.fault(sandbox, { route: 'onetrust.create', status: 500 });
    const error = await rejectionOf(appTester(perform, { authData, inputData: composition }));
    expect(zapierErrorDetails(error)).toMatchObject({ name: 'AppError', status: 500, message: expect.stringMatching(/^OneTrust returned HTTP 500: Internal server error\. The link may have been created: check OneTrust before replaying this step/) });
    expectNoSecret(error, [authData[SESSION_TOKEN_KEY]!]);
  });
});
