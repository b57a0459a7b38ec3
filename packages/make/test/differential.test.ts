/**
 * The Make apps' requests are IML written by hand per API, so this test proves them equal to @links/core:
 * for many inputs generated from core's field model, the request the app renders (Base merged with the
 * module's communication, the connection's data) equals what core builds (`buildCreateRequest` plus the
 * auth headers), method, URL, headers and JSON body. Then the rendered requests go to the sandbox, and
 * the app's output mapping and error mapping are checked against the real responses.
 */
import fc from 'fast-check';
import {
  type HttpRequest,
  type HttpResponse,
  isSuccess,
  parseErrorResponse,
  type Provider,
  type ProviderId,
  providers,
  resolveBaseUrl,
  withHeaders,
} from '@links/core';
import { type Sandbox, SANDBOX_CREDENTIALS as C, SEED, startSandbox } from '@links/sandbox';
import { MAKE_APPS } from '../src/apps.js';
import {
  component,
  handleResponse,
  type LocalApp,
  loadMakeApp,
  type MakeConnection,
  moduleParameters,
  renderConnectionRequest,
  renderModuleRequest,
  type RequestSpec,
  runConnection,
  runModule,
  runRpc,
  type Run,
  scopeOf,
  toHttpRequest,
} from '../src/iml/index.js';
import { moduleOutput } from '../src/translate/output.js';
import { credentials as fcCredentials, inputs, type Pools } from './support/arbitraries.js';

const MODULE = 'createLink';

/** The Make error type each status must map to (the apps' contract, README "Errors"). */
function expectedMakeErrorType(status: number): string {
  if (status === 401) return 'InvalidAccessTokenError';
  if (status === 429) return 'RateLimitError';
  if (status === 400 || status === 422) return 'DataError';
  return 'RuntimeError';
}

/** A module's bundle as JSON, the form Make hands on (a member that is `undefined` is no member). */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Core's request with lower-case header names, to compare with the rendered one. */
function normalized(request: HttpRequest): HttpRequest {
  return { ...request, headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])) };
}

/** Core's auth headers for the Make connection's credentials (OneTrust: the token the connection saved). */
function coreAuthHeaders(provider: Provider<any, any>, credentials: unknown, connection: MakeConnection): Record<string, string> {
  return provider.auth.type === 'client-credentials'
    ? provider.auth.headers(String(connection.accessToken))
    : provider.auth.headers(credentials);
}

/** The Make connection's parameters without the base URL override, as core's credentials. */
function coreCredentials(provider: Provider<any, any>, parameters: Record<string, unknown>): unknown {
  const { baseUrl: _override, ...credentials } = parameters;
  return provider.validateCredentials(credentials);
}

/** The connection modules get: the parameters, plus for OAuth what the token step saves from a token response. */
function connectionFor(app: LocalApp, parameters: Record<string, unknown>, accessToken: string): MakeConnection {
  const [connection] = Object.values(app.connections);
  if (connection!.metadata.connectionType !== 'oauth') return parameters;
  const token = (connection!.code.communication as { token: RequestSpec }).token;
  const result = handleResponse(token, { status: 200, headers: {}, body: { access_token: accessToken, expires_in: 3600 } }, { parameters, now: new Date(), temp: {} });
  if (!result.ok) throw new Error('token mapping failed');
  return { ...parameters, ...result.data };
}

/**
 * Checks one module run against core: on success the output is core's LinkResults (first on top, all in
 * `links`); on failure the Make error type follows the status and the message is the API's own.
 */
function expectSameOutcome(provider: Provider<any, any>, input: Record<string, unknown>, run: Run): void {
  const response: HttpResponse = run.response;
  if (isSuccess(response)) {
    const results = provider.parseCreateResponse(response, provider.validateInput(input));
    expect(run.result).toStrictEqual({ ok: true, output: asJson(moduleOutput(results)) });
    return;
  }
  const coreError = parseErrorResponse(provider, response);
  expect(coreError.status).toBe(response.status);
  expect(run.result.ok).toBe(false);
  if (run.result.ok) return;
  expect(run.result.error.type).toBe(expectedMakeErrorType(response.status));
  const prefix = `[${response.status}] `;
  expect(run.result.error.message.startsWith(prefix)).toBe(true);
  const own = run.result.error.message.slice(prefix.length);
  const api = provider.readError(response.body).message || `HTTP ${response.status}`;
  // The API's own message; core may add the field errors after "; " (Tracker), which the app leaves out.
  expect(own.length).toBeGreaterThan(0);
  expect(api === own || api.startsWith(`${own}; `)).toBe(true);
}

/** Variants of a JSON body with some members deleted or set to null (undocumented parts may be absent). */
function withPartsMissing(body: unknown): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) {
      paths.push([...path, key]);
      visit(child, [...path, key]);
    }
  };
  visit(body, []);
  if (paths.length === 0) return fc.constant(body);
  return fc.array(fc.tuple(fc.constantFrom(...paths), fc.boolean()), { maxLength: 6 }).map((edits) => {
    const copy = structuredClone(body) as Record<string, unknown>;
    for (const [path, toNull] of edits) {
      const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], copy);
      if (typeof parent !== 'object' || parent === null) continue;
      if (toNull) (parent as Record<string, unknown>)[path.at(-1)!] = null;
      else delete (parent as Record<string, unknown>)[path.at(-1)!];
    }
    return copy;
  });
}

interface ApiCase {
  id: ProviderId;
  /** Working sandbox connection parameters (with the base URL override). */
  connection(sandbox: Sandbox): Record<string, unknown>;
  /** Seeded ids, so that generated creates also succeed. */
  pools: Pools;
  /** Inputs the sandbox accepts. */
  success: Record<string, unknown>[];
  /** Inputs core accepts that the API refuses, with the status it answers. */
  refused: { status: 400 | 404 | 422; input: Record<string, unknown> }[];
}

const OT = SEED.onetrust;
const TR = SEED.yandexTracker.entities;
const DR = SEED.devrev;

const CASES: ApiCase[] = [
  {
    id: 'onetrust',
    connection: (sandbox) => ({ ...C.onetrust, baseUrl: sandbox.url }),
    pools: {
      linkTypeId: Object.values(OT.linkTypes).map((t) => t.id),
      entity1Id: Object.values(OT.entities).map((e) => e.id),
      entity2Id: Object.values(OT.entities).map((e) => e.id),
    },
    success: [
      { linkTypeId: OT.linkTypes.aiSystemComposition.id, entity1Type: 'aisystems', entity1Id: OT.entities.supportAssistant.id, entity2Type: 'models', entity2Id: OT.entities.intentClassifier.id },
      {
        linkTypeId: OT.linkTypes.modelTrainingData.id,
        entity1Type: 'models',
        entity1Id: OT.entities.creditRiskModel.id,
        entity1TypeId: OT.entityTypes.models.id,
        entity2Type: 'datasets',
        entity2Id: OT.entities.loanApplications.id,
        attributes: '{"purpose": [{"value": "Training"}]}',
      },
      { linkTypeId: OT.linkTypes.related.id, entity1Type: 'vendors', entity1Id: OT.entities.northwindVendor.id, entity2Type: 'aiagents', entity2Id: OT.entities.refundAgent.id, attributes: {} },
    ],
    refused: [
      // A pair the link type does not allow: OneTrust answers 400 with a JSON string.
      { status: 400, input: { linkTypeId: OT.linkTypes.modelTrainingData.id, entity1Type: 'datasets', entity1Id: OT.entities.loanApplications.id, entity2Type: 'models', entity2Id: OT.entities.creditRiskModel.id } },
      { status: 404, input: { linkTypeId: OT.linkTypes.related.id, entity1Type: 'models', entity1Id: '11111111-2222-4333-8444-555555555555', entity2Type: 'models', entity2Id: OT.entities.creditRiskModel.id } },
    ],
  },
  {
    id: 'yandex-tracker',
    connection: (sandbox) => ({ tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: `${sandbox.url}/` }),
    pools: {
      entityId: Object.values(TR).map((e) => e.id),
      entity: Object.values(TR).map((e) => e.id),
    },
    success: [
      { entityType: 'project', entityId: TR.websiteRedesign.id, links: [{ relationship: 'depends on', entity: TR.paymentsMigration.id }] },
      {
        entityType: 'goal',
        entityId: TR.reduceChurn.id,
        links: [
          { relationship: 'parent entity', entity: TR.launchEu.id },
          { relationship: 'is dependent by', entity: TR.uptime.id },
          { relationship: 'relates', entity: TR.websiteRedesign.id },
        ],
      },
      // An id that is one path segment only when encoded: `weird id/../x?y#z`.
      { entityType: 'project', entityId: TR.encodingProbe.id, links: [{ relationship: 'relates', entity: TR.mobileOffline.id }] },
    ],
    refused: [
      { status: 404, input: { entityType: 'portfolio', entityId: 'no-such-portfolio', links: [{ relationship: 'relates', entity: TR.reduceChurn.id }] } },
      // "works towards" exists for projects only: 422 with field errors.
      { status: 422, input: { entityType: 'portfolio', entityId: TR.platformModernization.id, links: [{ relationship: 'works towards', entity: TR.launchEu.id }] } },
    ],
  },
  {
    id: 'devrev',
    connection: (sandbox) => ({ token: C.devrev.token, baseUrl: sandbox.url }),
    pools: {
      source: Object.values(DR.objects).flatMap((o) => [o.id, o.display_id]),
      target: Object.values(DR.objects).flatMap((o) => [o.id, o.display_id]),
      customLinkType: Object.values(DR.customLinkTypes).map((t) => t.id),
    },
    success: [
      { source: 'ISS-3', linkType: 'is_related_to', target: 'TKT-2' },
      { source: 'TKT-1', linkType: 'is_dependent_on', target: DR.objects['ISS-4'].id },
      { source: 'ISS-5', linkType: 'custom_link', customLinkType: DR.customLinkTypes.implements.id, target: 'ENH-1' },
    ],
    refused: [
      // Between an issue and a ticket, is_dependent_on goes from the ticket only.
      { status: 400, input: { source: 'ISS-1', linkType: 'is_dependent_on', target: 'TKT-3' } },
      { status: 404, input: { source: 'ISS-999', linkType: 'is_related_to', target: 'ISS-2' } },
    ],
  },
];

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.state.reset();
});

describe.each(CASES.map((c) => [c.id, c] as const))('%s: the Make app against core and the sandbox', (id, apiCase) => {
  const provider = providers[id] as Provider<any, any>;
  const app = loadMakeApp(id);
  const overrides = () => fc.constantFrom<string | undefined>(undefined, sandbox.url, `${sandbox.url}/`, 'https://links-proxy.example.com/api', 'https://links-proxy.example.com/api//');

  test('the connection renders the request core uses to authenticate', () => {
    fc.assert(
      fc.property(fcCredentials(provider), overrides(), (credentials, baseUrl) => {
        const parameters = { ...credentials, ...(baseUrl === undefined ? {} : { baseUrl }) };
        const checked = coreCredentials(provider, parameters);
        const coreBase = resolveBaseUrl(provider, checked, baseUrl);
        const rendered = renderConnectionRequest(app, parameters);
        const expected =
          provider.auth.type === 'client-credentials'
            ? provider.auth.buildTokenRequest(checked, coreBase)
            : withHeaders(provider.buildCredentialTestRequest!(coreBase), provider.auth.headers(checked));
        expect(normalized(toHttpRequest(rendered!))).toStrictEqual(normalized(expected));
        expect(rendered!.sanitize.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });

  test('the module renders the request core builds, for inputs generated from core’s fields', () => {
    fc.assert(
      fc.property(inputs(provider), fcCredentials(provider), overrides(), (input, credentials, baseUrl) => {
        const parameters = { ...credentials, ...(baseUrl === undefined ? {} : { baseUrl }) };
        const checked = coreCredentials(provider, parameters);
        const connection = connectionFor(app, parameters, 'token-from-the-token-step');
        const rendered = renderModuleRequest(app, MODULE, moduleParameters(provider.fields, input), connection);
        const expected = withHeaders(
          provider.buildCreateRequest(provider.validateInput(input), resolveBaseUrl(provider, checked, baseUrl)),
          coreAuthHeaders(provider, checked, connection),
        );
        expect(normalized(toHttpRequest(rendered))).toStrictEqual(normalized(expected));
        expect(rendered.sanitize).toContain('request.headers.authorization');
      }),
      { numRuns: 300 },
    );
  });

  describe('sent to the sandbox', () => {
    async function connect(): Promise<MakeConnection> {
      const { run, connection } = await runConnection(app, apiCase.connection(sandbox));
      expect(run?.result.ok).toBe(true);
      return connection;
    }

    test('the connection check passes with the sandbox credentials', async () => {
      const { run } = await runConnection(app, apiCase.connection(sandbox));
      expect(run!.response.status).toBe(200);
      const result = run!.result;
      if (!result.ok) throw new Error(result.error.message);
      if (provider.auth.type === 'client-credentials') {
        expect(result.data).toMatchObject({ accessToken: expect.any(String), apiBaseUrl: sandbox.url });
      } else {
        expect(result.metadata).toEqual({ type: 'text', value: expect.any(String) });
      }
    });

    test('the connection check fails with a wrong secret, without echoing it', async () => {
      const secretField = provider.credentialFields.find((f) => f.secret)!;
      const wrong = 'wrong-secret-value-123';
      const { run } = await runConnection(app, { ...apiCase.connection(sandbox), [secretField.key]: wrong });
      expect(run!.response.status).toBe(401);
      expect(run!.result).toMatchObject({ ok: false, error: { type: 'InvalidAccessTokenError' } });
      if (!run!.result.ok) expect(run!.result.error.message).not.toContain(wrong);
    });

    test.each(apiCase.success.map((input, i) => [i + 1, input] as const))('success %i: output is core’s LinkResult', async (_, input) => {
      const connection = await connect();
      const run = await runModule(app, MODULE, moduleParameters(provider.fields, input), connection);
      expect(isSuccess(run.response)).toBe(true);
      expectSameOutcome(provider, input, run);
    });

    test.each(apiCase.refused.map((r) => [r.status, r.input] as const))('refused with %i: the error type and the API’s message', async (status, input) => {
      const connection = await connect();
      const run = await runModule(app, MODULE, moduleParameters(provider.fields, input), connection);
      expect(run.response.status).toBe(status);
      expectSameOutcome(provider, input, run);
    });

    test('401: an invalid token is InvalidAccessTokenError with the API’s message, never the token', async () => {
      const connection = await connect();
      const badToken = 'not-a-valid-token-987';
      const broken = { ...connection, token: badToken, accessToken: badToken };
      const run = await runModule(app, MODULE, moduleParameters(provider.fields, apiCase.success[0]!), broken);
      expect(run.response.status).toBe(401);
      expectSameOutcome(provider, apiCase.success[0]!, run);
      if (!run.result.ok) expect(run.result.error.message).not.toContain(badToken);
    });

    test('429: a refusal for the rate is RateLimitError', async () => {
      const connection = await connect();
      const route = { onetrust: 'onetrust.create', 'yandex-tracker': 'tracker.create', devrev: 'devrev.create' } as const;
      sandbox.state.addFaults({ route: route[id], status: 429, retryAfter: 7 });
      const run = await runModule(app, MODULE, moduleParameters(provider.fields, apiCase.success[0]!), connection);
      expect(run.response.status).toBe(429);
      expectSameOutcome(provider, apiCase.success[0]!, run);
    });

    test('the output mapping reads a response with parts missing as core does', async () => {
      const connection = await connect();
      const input = apiCase.success[0]!;
      const parameters = moduleParameters(provider.fields, input);
      const run = await runModule(app, MODULE, parameters, connection);
      const spec = component(app, 'modules', MODULE);
      const checked = provider.validateInput(input);
      fc.assert(
        fc.property(withPartsMissing(run.response.body), (body) => {
          const response = { ...run.response, body };
          let results;
          try {
            results = provider.parseCreateResponse(response, checked);
          } catch {
            return; // core cannot read it either
          }
          expect(handleResponse(spec, response, scopeOf(parameters, connection))).toStrictEqual({ ok: true, output: asJson(moduleOutput(results)) });
        }),
        { numRuns: 150 },
      );
    });

    // Make keeps the value of a nested field it hides when the option changes; the app must not send it.
    const conditional = provider.fields.filter((f) => f.showWhen);
    if (conditional.length > 0) {
      test(`a left-over ${conditional.map((f) => f.key).join(', ')} is not sent with another option`, async () => {
        const connection = await connect();
        for (const field of conditional) {
          const input = apiCase.success.find((i) => i[field.key] === undefined)!;
          const parameters = { ...moduleParameters(provider.fields, input), [field.key]: 'left-over' };
          expect(JSON.stringify(renderModuleRequest(app, MODULE, parameters, connection).body)).not.toContain('left-over');
        }
      });
    }

    // A select Make does not check when the value is mapped in; the API's 400 must still read as DataError.
    const closedSelect = provider.fields.find((f) => f.type === 'options' && !f.allowCustomValue && !f.showWhen);
    if (closedSelect) {
      test(`400: a mapped ${closedSelect.key} outside the options is DataError with the API’s message`, async () => {
        const connection = await connect();
        const parameters = { ...moduleParameters(provider.fields, apiCase.success[0]!), [closedSelect.key]: 'no_such_value' };
        const run = await runModule(app, MODULE, parameters, connection);
        expect(run.response.status).toBe(400);
        expect(run.result).toMatchObject({ ok: false, error: { type: 'DataError' } });
        const api = provider.readError(run.response.body).message;
        if (!run.result.ok) expect(api.startsWith(run.result.error.message.replace(/^\[400\] /, ''))).toBe(true);
      });
    }

    test('generated inputs: every outcome the sandbox gives matches core', async () => {
      const connection = await connect();
      await fc.assert(
        fc.asyncProperty(fc.oneof(inputs(provider, apiCase.pools), fc.constantFrom(...apiCase.success)), async (input) => {
          const run = await runModule(app, MODULE, moduleParameters(provider.fields, input), connection);
          const expected = withHeaders(
            provider.buildCreateRequest(provider.validateInput(input), sandbox.url),
            coreAuthHeaders(provider, coreCredentials(provider, apiCase.connection(sandbox)), connection),
          );
          expect(normalized(toHttpRequest(run.request))).toStrictEqual(normalized(expected));
          expectSameOutcome(provider, input, run);
        }),
        { numRuns: 60 },
      );
    });
  });
});

describe('onetrust: the token step', () => {
  const app = loadMakeApp('onetrust');
  const parameters = () => ({ ...C.onetrust, baseUrl: sandbox.url });

  test('saves the token with its expiry, and runs again only when it is about to expire', async () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    const first = await runConnection(app, parameters(), {}, { now });
    expect(first.run!.response.status).toBe(200);
    const expiresIn = (first.run!.response.body as { expires_in: number }).expires_in;
    expect(first.connection.expires).toEqual(new Date(now.getTime() + expiresIn * 1000));
    const saved = { accessToken: first.connection.accessToken, expires: first.connection.expires };
    // Still valid: no request.
    expect(renderConnectionRequest(app, parameters(), saved, new Date(now.getTime() + 60_000))).toBeNull();
    // Less than a minute left, or no token: a new token.
    expect(renderConnectionRequest(app, parameters(), saved, new Date(now.getTime() + (expiresIn - 30) * 1000))).not.toBeNull();
    expect(renderConnectionRequest(app, parameters(), { expires: saved.expires }, now)).not.toBeNull();
  });

  test('a module works with the token the step saved, and 401 once the sandbox expired it', async () => {
    const { connection } = await runConnection(app, parameters());
    const input = CASES[0]!.success[0]!;
    const ok = await runModule(app, MODULE, moduleParameters(providers.onetrust.fields, input), connection);
    expect(ok.response.status).toBe(200);
    sandbox.state.expireTokens();
    const expired = await runModule(app, MODULE, moduleParameters(providers.onetrust.fields, input), connection);
    expect(expired.response.status).toBe(401);
    expectSameOutcome(providers.onetrust, input, expired);
  });
});

describe('devrev: the Custom Link Type dropdown (RPC)', () => {
  const app = loadMakeApp('devrev');
  const rpc = Object.keys(app.rpcs)[0]!;
  const source = providers.devrev.optionSources!['devrev.customLinkTypes']!;

  test('renders the request core uses and lists the options core parses', async () => {
    const connection = { token: C.devrev.token, baseUrl: sandbox.url };
    const run = await runRpc(app, rpc, connection);
    expect(normalized(toHttpRequest(run.request))).toStrictEqual(
      normalized(withHeaders(source.buildRequest(sandbox.url), coreAuthHeaders(providers.devrev, { token: C.devrev.token }, connection))),
    );
    expect(run.result).toStrictEqual({ ok: true, output: source.parse(run.response) });
    expect((run.result as { output: unknown[] }).output.length).toBeGreaterThan(0);
  });

  test('the module field is fed by this RPC', () => {
    expect(MAKE_APPS.devrev.connection.id).toBe(app.rpcs[rpc]!.metadata.connection);
  });
});
