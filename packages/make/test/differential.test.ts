/**
 * The Make apps' requests are IML written by hand per API, so this test proves them equal to @links/core:
 * for many inputs generated from core's field model (every text padded with blanks and line breaks, as
 * mapped data comes), the request the app renders (Base merged with the module's communication, the
 * connection's data) equals what core builds (`buildCreateRequest` plus the auth headers), method, URL,
 * headers and JSON body; so do the connection's requests (credential check, OneTrust's token and refresh
 * steps). Then the rendered requests go to the sandbox, and the app's output mapping and error mapping
 * are checked against the real responses, and the error mapping against every status core tells apart.
 */
import fc from 'fast-check';
import {
  type HttpRequest,
  type HttpResponse,
  isSuccess,
  type LinkResult,
  parseErrorResponse,
  type Provider,
  type ProviderId,
  providers,
  redactSecrets,
  resolveBaseUrl,
  collectLinks,
  sendDeleteLink,
  sendGetLink,
  withHeaders,
} from '@links/core';
import { type Sandbox, SANDBOX_CREDENTIALS as C, SEED, startSandbox } from '@links/sandbox';
import { MAKE_APPS } from '../src/apps.js';
import { MAPPED_STATUSES, TRACKER_MAX_LINKS } from '../src/communication/index.js';
import {
  component,
  handleResponse,
  type LocalApp,
  loadMakeApp,
  type MakeConnection,
  moduleParameters,
  refreshConnection,
  renderConnectionRequest,
  renderModuleRequest,
  renderRequest,
  type RenderedRequest,
  type RequestSpec,
  runConnection,
  runModule,
  runRpc,
  runSearch,
  type Run,
  scopeOf,
  toHttpRequest,
} from '../src/iml/index.js';
import { moduleOutput } from '../src/translate/output.js';
import { credentials as fcCredentials, inputs, padded, type Pools, refs } from './support/arbitraries.js';

const MODULE = 'createLink';
const DELETE = 'deleteLink';
const GET = 'getLink';

/**
 * The Make error type a module's error must have (README "Errors"): what core sends again by itself (429,
 * 503) is one of the types Make re-runs by itself; 401 asks for the connection; a refusal of the input is
 * DataError; everything else (a 500, 502 or 504 after which the link may exist included) is RuntimeError,
 * which Make does not re-run.
 */
function expectedMakeErrorType(provider: Provider<any, any>, response: HttpResponse): string {
  const error = parseErrorResponse(provider, response);
  if (error.isRetryable) return error.status === 429 ? 'RateLimitError' : 'ConnectionError';
  if (error.kind === 'authentication') return 'InvalidAccessTokenError';
  return error.kind === 'validation' ? 'DataError' : 'RuntimeError';
}

/** The delay the API asked for, as the message shows it (a 429 or 503 only): the header as sent, else DevRev's body. */
function expectedDelay(provider: Provider<any, any>, response: HttpResponse): string {
  if (!parseErrorResponse(provider, response).isRetryable) return '';
  const delay = response.headers['retry-after'] || provider.readError(response.body).retryAfter;
  return delay ? ` (retry after: ${delay})` : '';
}

/**
 * Checks a Make error against core: the type follows the status, and the message is `[status] `, the
 * API's own message with the secret the request carried redacted as core redacts it, and the delay.
 */
function expectSameError(provider: Provider<any, any>, response: HttpResponse, error: { type: string; message: string }, secret: string, type = expectedMakeErrorType(provider, response)): void {
  expect(error.type).toBe(type);
  const prefix = `[${response.status}] `;
  const delay = expectedDelay(provider, response);
  expect(error.message.startsWith(prefix)).toBe(true);
  expect(error.message.endsWith(delay)).toBe(true);
  const own = error.message.slice(prefix.length, error.message.length - delay.length);
  const api = redactSecrets(provider.readError(response.body).message || `HTTP ${response.status}`, secret.length > 3 ? [secret] : []);
  // The API's own message; core may add the field errors after "; " (Tracker), which the app leaves out.
  expect(own.length).toBeGreaterThan(0);
  expect(api === own || api.startsWith(`${own}; `)).toBe(true);
  if (secret.length > 3) expect(error.message).not.toContain(secret);
}

/** The secret a module's request carries: the access token the OneTrust connection saved, else the token. */
function moduleSecret(provider: Provider<any, any>, connection: MakeConnection): string {
  return provider.auth.type === 'client-credentials' ? String(connection.accessToken) : String(connection.token).trim();
}

/** A module's bundle as JSON, the form Make hands on (a member that is `undefined` is no member). */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Core's request with lower-case header names, to compare with the rendered one. */
function normalized(request: HttpRequest): HttpRequest {
  return { ...request, headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])) };
}

/**
 * The same, with the query as the server reads it (name and value pairs, decoded): core writes it with
 * URLSearchParams (`!` as `%21`, a space as `+`), Make's `qs` percent-encodes, and both decode the same.
 * The path stays as written: a path segment is compared byte for byte.
 */
function withDecodedQuery(request: HttpRequest): HttpRequest & { query: [string, string][] } {
  const url = new URL(request.url);
  const query = [...url.searchParams.entries()];
  url.search = '';
  return { ...normalized(request), url: url.href, query };
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
function expectSameOutcome(provider: Provider<any, any>, input: Record<string, unknown>, run: Run, connection: MakeConnection): void {
  const response: HttpResponse = run.response;
  if (isSuccess(response)) {
    const results = provider.parseCreateResponse(response, provider.validateInput(input));
    expect(run.result).toStrictEqual({ ok: true, output: asJson(moduleOutput(results)) });
    return;
  }
  expect(parseErrorResponse(provider, response).status).toBe(response.status);
  expect(run.result.ok).toBe(false);
  if (!run.result.ok) expectSameError(provider, response, run.result.error, moduleSecret(provider, connection));
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

/** The fields of the "who am I" answer core's describeAccount reads, per API with a basic connection. */
const ACCOUNT_FIELDS: Partial<Record<string, string[]>> = {
  devrev: ['dev_user.full_name', 'dev_user.display_name', 'dev_user.email'],
  'yandex-tracker': ['display', 'login'],
};

describe.each(CASES.map((c) => [c.id, c] as const))('%s: the Make app against core and the sandbox', (id, apiCase) => {
  const provider = providers[id] as Provider<any, any>;
  const app = loadMakeApp(id);
  const overrides = () =>
    fc.oneof(
      fc.constant(undefined),
      padded(fc.constantFrom(sandbox.url, `${sandbox.url}/`, 'https://links-proxy.example.com/api', 'https://links-proxy.example.com/api//')),
    );
  const steps = provider.auth.type === 'client-credentials' ? (['token', 'refresh'] as const) : (['token'] as const);

  test.each(steps)('the connection (%s) renders the request core uses to authenticate', (step) => {
    fc.assert(
      fc.property(fcCredentials(provider), overrides(), (credentials, baseUrl) => {
        const parameters = { ...credentials, ...(baseUrl === undefined ? {} : { baseUrl }) };
        const checked = coreCredentials(provider, parameters);
        const coreBase = resolveBaseUrl(provider, checked, baseUrl);
        // The refresh step runs when the saved token expires within 15 minutes.
        const rendered = renderConnectionRequest(app, parameters, { expires: new Date(Date.now() + 60_000) }, new Date(), step);
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

  test('the connection’s label is core’s describeAccount of the check’s answer', async () => {
    if (provider.auth.type === 'client-credentials') return; // an OAuth connection shows no label here
    const example = provider.examples.account.response;
    const label = async (body: unknown): Promise<unknown> => {
      const fetchImpl = (async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })) as typeof fetch;
      const { run } = await runConnection(app, apiCase.connection(sandbox), {}, { fetch: fetchImpl });
      if (!run?.result.ok) throw new Error('the connection check failed');
      return (run.result.metadata as { value: unknown }).value;
    };
    expect(await label(example.body)).toBe(provider.examples.account.label);
    // The fields core reads, each missing, empty, the same as another or its own text.
    const paths = ACCOUNT_FIELDS[id]!;
    await fc.assert(
      fc.asyncProperty(fc.tuple(...paths.map(() => fc.constantFrom(undefined, '', 'Jane Doe', 'jane.doe', 'jane@example.com'))), async (values) => {
        const body = structuredClone(example.body) as Record<string, any>;
        paths.forEach((path, i) => {
          const keys = path.split('.');
          const owner = keys.slice(0, -1).reduce((o, k) => o[k], body);
          if (values[i] === undefined) delete owner[keys.at(-1)!];
          else owner[keys.at(-1)!] = values[i];
        });
        expect(await label(body)).toBe(provider.describeAccount(body, {}).label);
      }),
      { numRuns: 60 },
    );
  });

  test('Delete a Link renders core’s delete request, for refs generated from core’s fields', () => {
    fc.assert(
      fc.property(refs(provider), fcCredentials(provider), overrides(), fc.boolean(), (ref, credentials, baseUrl, missingOk) => {
        const parameters = { ...credentials, ...(baseUrl === undefined ? {} : { baseUrl }) };
        const checked = coreCredentials(provider, parameters);
        const connection = connectionFor(app, parameters, 'token-from-the-token-step');
        const rendered = renderModuleRequest(app, DELETE, { ...ref, missingOk }, connection);
        const expected = withHeaders(
          provider.operations.delete.buildRequest(provider.operations.delete.validate(ref), resolveBaseUrl(provider, checked, baseUrl)),
          coreAuthHeaders(provider, checked, connection),
        );
        expect(withDecodedQuery(toHttpRequest(rendered))).toStrictEqual(withDecodedQuery(expected));
        expect(rendered.sanitize).toContain('request.headers.authorization');
      }),
      { numRuns: 150 },
    );
  });

  test('Delete a Link outputs core’s result: a 404 is the not-found error, or deleted: false with Succeed If Already Gone', async () => {
    const connection = connectionFor(app, apiCase.connection(sandbox), 'token-from-the-token-step');
    const secret = moduleSecret(provider, connection);
    await fc.assert(
      fc.asyncProperty(refs(provider), fc.constantFrom(200, 204, 404, 400, 500), fc.boolean(), async (ref, status, missingOk) => {
        const checked = provider.operations.delete.validate(ref);
        const message = `answer ${status}`;
        const body = status < 300 ? {} : id === 'yandex-tracker' ? { errorMessages: [message] } : { message };
        const response: HttpResponse = { status, headers: { 'content-type': 'application/json' }, body };
        const core = await sendDeleteLink(provider, checked, { baseUrl: 'https://api.example.com', missingOk, transport: async () => response }).then(
          (result) => ({ ok: true as const, result }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        const rendered = renderRequest(component(app, 'modules', DELETE), scopeOf({ ...ref, missingOk }, connection))!;
        const result = handleResponse(component(app, 'modules', DELETE), response, rendered.scope);
        if (core.ok) {
          expect(result).toMatchObject({ ok: true });
          expect(asJson(result.ok && result.output)).toStrictEqual(asJson(core.result));
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok) expectSameError(provider, response, result.error, secret);
        }
      }),
      { numRuns: 60 },
    );
  });

  // Only the apps whose API gives links ids have Get a Link.
  if (app.modules[GET]) test('Get a Link renders core’s get request, and outputs core’s StoredLink or error', async () => {
    const connection = connectionFor(app, apiCase.connection(sandbox), 'token-from-the-token-step');
    const secret = moduleSecret(provider, connection);
    const documented = provider.examples.get.response;
    await fc.assert(
      fc.asyncProperty(refs(provider), overrides(), fc.constantFrom(200, 200, 404, 400, 500), async (ref, baseUrl, status) => {
        const parameters = { ...apiCase.connection(sandbox), baseUrl };
        const own = connectionFor(app, parameters, 'token-from-the-token-step');
        const checked = provider.operations.get.validate(ref);
        const rendered = renderRequest(component(app, 'modules', GET), scopeOf(ref, own))!;
        const coreBase = resolveBaseUrl(provider, coreCredentials(provider, parameters), baseUrl);
        expect(withDecodedQuery(toHttpRequest(rendered.request))).toStrictEqual(
          withDecodedQuery(withHeaders(provider.operations.get.buildRequest(checked, coreBase), coreAuthHeaders(provider, coreCredentials(provider, parameters), own))),
        );
        const message = `answer ${status}`;
        const response: HttpResponse = status < 300 ? documented : { status, headers: { 'content-type': 'application/json' }, body: { message } };
        const core = await sendGetLink(provider, checked, { baseUrl: coreBase, transport: async () => response }).then(
          (link) => ({ ok: true as const, link }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        const result = handleResponse(component(app, 'modules', GET), response, rendered.scope);
        if (core.ok) expect(asJson(result.ok && result.output)).toStrictEqual(asJson(core.link));
        else if (!result.ok) expectSameError(provider, response, result.error, secret);
        else throw new Error('the module succeeded where core failed');
      }),
      { numRuns: 60 },
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

  test('every text core trims is trimmed: each field with blanks and line breaks around it renders core’s request', () => {
    const texts = (fields: readonly { key: string; type: string; fields?: readonly unknown[] }[]) => fields.filter((f) => ['string', 'uuid', 'options'].includes(f.type)).map((f) => f.key);
    const input = apiCase.success[0]!;
    const parameters = apiCase.connection(sandbox);
    const list = provider.fields.find((f) => f.type === 'list');
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ...texts(provider.fields).filter((key) => input[key] !== undefined).map((key) => [key, { ...input, [key]: ` \n${String(input[key])}\r\n\t` }, parameters] as [string, Record<string, unknown>, Record<string, unknown>]),
      ...(list
        ? texts(list.fields! as never).map((key) => {
            const entries = (input[list.key] as Record<string, unknown>[]).map((entry) => ({ ...entry, [key]: `\n ${String(entry[key])} \n` }));
            return [`${list.key}.${key}`, { ...input, [list.key]: entries }, parameters] as [string, Record<string, unknown>, Record<string, unknown>];
          })
        : []),
      ...texts(provider.credentialFields).map((key) => [`connection ${key}`, input, { ...parameters, [key]: `\t${String(parameters[key])}\n` }] as [string, Record<string, unknown>, Record<string, unknown>]),
    ];
    expect(cases.length).toBeGreaterThanOrEqual(texts(provider.fields).length);
    for (const [, padded, params] of cases) {
      const checked = coreCredentials(provider, params);
      const connection = connectionFor(app, params, 'token-from-the-token-step');
      const rendered = renderModuleRequest(app, MODULE, moduleParameters(provider.fields, padded), connection);
      const expected = withHeaders(provider.buildCreateRequest(provider.validateInput(padded), resolveBaseUrl(provider, checked, String(params.baseUrl))), coreAuthHeaders(provider, checked, connection));
      expect(normalized(toHttpRequest(rendered))).toStrictEqual(normalized(expected));
      const check = renderConnectionRequest(app, params)!;
      const expectedCheck =
        provider.auth.type === 'client-credentials'
          ? provider.auth.buildTokenRequest(checked, resolveBaseUrl(provider, checked, String(params.baseUrl)))
          : withHeaders(provider.buildCredentialTestRequest!(resolveBaseUrl(provider, checked, String(params.baseUrl))), provider.auth.headers(checked));
      expect(normalized(toHttpRequest(check))).toStrictEqual(normalized(expectedCheck));
    }
  });

  test('every status core tells apart: the error type follows core, the message is the API’s own with an echoed token redacted', () => {
    const spec = component(app, 'modules', MODULE);
    const connection = connectionFor(app, apiCase.connection(sandbox), 'token-the-api-echoes-1234');
    const secret = moduleSecret(provider, connection);
    const echoes: Record<ProviderId, unknown> = {
      onetrust: { message: `Bad token ${secret} (${secret})` },
      'yandex-tracker': { errorMessages: [`Bad token ${secret}`, `again ${secret}`] },
      devrev: { type: 'bad_request', message: `Bad token ${secret}`, field_name: `x-${secret}`, retry_after: 3 },
    };
    for (const status of [...MAPPED_STATUSES, 405, 418, 599]) {
      for (const headers of [{}, { 'retry-after': '7' }] as Record<string, string>[]) {
        const response: HttpResponse = { status, headers, body: echoes[id] };
        const result = handleResponse(spec, response, scopeOf({}, connection));
        if (result.ok) throw new Error(`${status} read as a success`);
        // A status without an entry of its own gets the general entry: RuntimeError.
        expectSameError(provider, response, result.error, secret, MAPPED_STATUSES.includes(status) ? undefined : 'RuntimeError');
        expect(result.error.message).toContain('[redacted]');
      }
    }
    // The contract in plain words (README "Errors").
    const typeOf = (status: number) => (handleResponse(spec, { status, headers: {}, body: undefined }, scopeOf({}, connection)) as { error: { type: string } }).error.type;
    expect([400, 401, 404, 422, 429, 500, 502, 503, 504].map(typeOf)).toEqual([
      'DataError',
      'InvalidAccessTokenError',
      'RuntimeError',
      'DataError',
      'RateLimitError',
      'RuntimeError',
      'RuntimeError',
      'ConnectionError',
      'RuntimeError',
    ]);
  });

  test.each(steps)('the connection (%s): its errors redact the credential it sends, 429 and 503 are re-run by Make', (step) => {
    const [connection] = Object.values(app.connections);
    const communication = connection!.code.communication as RequestSpec & Record<string, RequestSpec>;
    const spec = provider.auth.type === 'client-credentials' ? communication[step]! : communication;
    const secretKey = provider.credentialFields.find((f) => f.secret)!.key;
    const secret = 'canary-connection-secret-5678';
    const parameters = { ...apiCase.connection(sandbox), [secretKey]: ` ${secret}\n` };
    const body = id === 'yandex-tracker' ? { errorMessages: [`No such key ${secret}`] } : { message: `No such key ${secret}` };
    const types = Object.fromEntries(
      [400, 401, 403, 404, 429, 500, 503].map((status) => {
        const result = handleResponse(spec, { status, headers: { 'retry-after': '2' }, body }, { parameters, data: {}, now: new Date(), temp: {} });
        if (result.ok) throw new Error(`${status} read as a success`);
        expect(result.error.message).not.toContain(secret);
        expect(result.error.message).toContain('[redacted]');
        return [status, result.error.type];
      }),
    );
    expect(types).toEqual({
      400: 'InvalidConfigurationError',
      401: 'InvalidAccessTokenError',
      403: 'InvalidConfigurationError',
      404: 'InvalidConfigurationError',
      429: 'RateLimitError',
      500: 'RuntimeError',
      503: 'ConnectionError',
    });
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
      expectSameOutcome(provider, input, run, connection);
    });

    test('Get a Link reads and Delete a Link deletes a link the create module made; again it is the not-found error, or deleted: false', async () => {
      const connection = await connect();
      const input = apiCase.success[0]!;
      const created = await runModule(app, MODULE, moduleParameters(provider.fields, input), connection);
      if (!created.result.ok) throw new Error(created.result.error.message);
      const ref = provider.operations.create.refOf(created.result.output as LinkResult, provider.validateInput(input))!;
      const padded = Object.fromEntries(Object.entries(ref).map(([key, value]) => [key, ` ${value}\n`]));
      if (app.modules[GET]) {
        const got = await runModule(app, GET, padded, connection);
        if (!got.result.ok) throw new Error(got.result.error.message);
        const core = await sendGetLink(provider, provider.operations.get.validate(ref), { baseUrl: resolveBaseUrl(provider, coreCredentials(provider, apiCase.connection(sandbox)), apiCase.connection(sandbox).baseUrl as string), transport: async () => got.response });
        expect(asJson(got.result.output)).toStrictEqual(asJson(core));
        expect((got.result.output as { ref: unknown }).ref).toEqual(ref);
      }
      const deleted = await runModule(app, DELETE, { ...padded, missingOk: false }, connection);
      expect(deleted.response.status).toBeLessThan(300);
      expect(deleted.result).toEqual({ ok: true, output: { deleted: true, ref } });

      const again = await runModule(app, DELETE, { ...ref, missingOk: false }, connection);
      expect(again.response.status).toBe(404);
      expect(again.result.ok).toBe(false);
      if (!again.result.ok) expectSameError(provider, again.response, again.result.error, moduleSecret(provider, connection));
      const gone = await runModule(app, DELETE, { ...ref, missingOk: true }, connection);
      expect(gone.result).toEqual({ ok: true, output: { deleted: false, ref } });
      if (app.modules[GET]) {
        const missing = await runModule(app, GET, ref, connection);
        expect(missing.response.status).toBe(404);
        if (missing.result.ok) throw new Error('a deleted link was found');
        expectSameError(provider, missing.response, missing.result.error, moduleSecret(provider, connection));
      }
    });

    test.each(apiCase.refused.map((r) => [r.status, r.input] as const))('refused with %i: the error type and the API’s message', async (status, input) => {
      const connection = await connect();
      const run = await runModule(app, MODULE, moduleParameters(provider.fields, input), connection);
      expect(run.response.status).toBe(status);
      expectSameOutcome(provider, input, run, connection);
    });

    test('401: an invalid token is InvalidAccessTokenError with the API’s message, never the token', async () => {
      const connection = await connect();
      const badToken = 'not-a-valid-token-987';
      const broken = { ...connection, token: badToken, accessToken: badToken };
      const run = await runModule(app, MODULE, moduleParameters(provider.fields, apiCase.success[0]!), broken);
      expect(run.response.status).toBe(401);
      expectSameOutcome(provider, apiCase.success[0]!, run, broken);
      if (!run.result.ok) expect(run.result.error.message).not.toContain(badToken);
    });

    const route = { onetrust: 'onetrust.create', 'yandex-tracker': 'tracker.create', devrev: 'devrev.create' } as const;
    test('429: a refusal for the rate is RateLimitError, with the delay the API asked for', async () => {
      const connection = await connect();
      sandbox.state.addFaults({ route: route[id], status: 429, retryAfter: 7 });
      const run = await runModule(app, MODULE, moduleParameters(provider.fields, apiCase.success[0]!), connection);
      expect(run.response.status).toBe(429);
      expectSameOutcome(provider, apiCase.success[0]!, run, connection);
      expect(run.result).toMatchObject({ ok: false, error: { type: 'RateLimitError', message: expect.stringMatching(/ \(retry after: 7\)$/) } });
    });

    test('503: the service refused the request, a ConnectionError that Make re-runs', async () => {
      const connection = await connect();
      sandbox.state.addFaults({ route: route[id], status: 503 });
      const run = await runModule(app, MODULE, moduleParameters(provider.fields, apiCase.success[0]!), connection);
      expect(run.response.status).toBe(503);
      expectSameOutcome(provider, apiCase.success[0]!, run, connection);
      expect(run.result).toMatchObject({ ok: false, error: { type: 'ConnectionError' } });
    });

    test('the output mapping reads a response with parts missing as core does', async () => {
      const connection = await connect();
      const input = apiCase.success[0]!;
      const parameters = moduleParameters(provider.fields, input);
      const run = await runModule(app, MODULE, parameters, connection);
      const spec = component(app, 'modules', MODULE);
      const requestScope = renderRequest(spec, scopeOf(parameters, connection))!.scope;
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
          expect(handleResponse(spec, response, requestScope)).toStrictEqual({ ok: true, output: asJson(moduleOutput(results)) });
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
          expectSameOutcome(provider, input, run, connection);
        }),
        { numRuns: 60 },
      );
    });
  });
});

describe('yandex-tracker: exactly one organization header, and every entry of Links', () => {
  const app = loadMakeApp('yandex-tracker');
  const tracker = providers['yandex-tracker'];
  const ORG_HEADERS = ['x-org-id', 'x-cloud-org-id'];

  test('the connection check, the module and their Base send one organization header, named after the kind', () => {
    fc.assert(
      fc.property(fcCredentials(tracker), (credentials) => {
        const kind = String(credentials.orgKind).trim();
        const expected = kind === 'cloud' ? 'x-cloud-org-id' : 'x-org-id';
        for (const request of [renderConnectionRequest(app, credentials)!, renderModuleRequest(app, MODULE, moduleParameters(tracker.fields, CASES[1]!.success[0]!), credentials)]) {
          const org = Object.keys(request.headers).map((name) => name.toLowerCase()).filter((name) => ORG_HEADERS.includes(name));
          expect(org).toEqual([expected]);
          expect(Object.entries(request.headers).find(([name]) => name.toLowerCase() === expected)![1]).toBe(String(credentials.orgId).trim());
        }
      }),
      { numRuns: 100 },
    );
  });

  test(`Links of any length up to ${TRACKER_MAX_LINKS}: core's request, and one bundle with every link`, () => {
    const connection = { ...CASES[1]!.connection(sandbox) };
    for (const length of [1, 2, 3, 17, TRACKER_MAX_LINKS - 1, TRACKER_MAX_LINKS]) {
      const links = Array.from({ length }, (_, i) => ({ relationship: [' relates', 'depends on\n', 'is dependent by ', 'custom one'][i % 4]!, entity: `\n entity-${i + 1} ` }));
      const input = { entityType: ' goal\n', entityId: ' goal-1 ', links };
      const spec = component(app, 'modules', MODULE);
      const rendered = renderRequest(spec, scopeOf(moduleParameters(tracker.fields, input), connection))!;
      const checked = tracker.validateInput(input);
      expect(toHttpRequest(rendered.request).json).toStrictEqual(tracker.buildCreateRequest(checked, sandbox.url).json);
      const response = { status: 200, headers: {}, body: undefined };
      expect(handleResponse(spec, response, rendered.scope)).toStrictEqual({ ok: true, output: asJson(moduleOutput(tracker.parseCreateResponse(response, checked))) });
    }
  });

  test(`the Links parameter takes at most ${TRACKER_MAX_LINKS} entries (Make refuses more before the module runs)`, () => {
    const links = (app.modules[MODULE]!.code.mappableParams as { name: string; validate?: unknown }[]).find((p) => p.name === 'links')!;
    expect(links.validate).toEqual({ minItems: 1, maxItems: TRACKER_MAX_LINKS });
    expect(TRACKER_MAX_LINKS).toBe(tracker.batching!.maxSize);
  });
});

describe('onetrust: the token and refresh steps', () => {
  const app = loadMakeApp('onetrust');
  const parameters = () => ({ ...C.onetrust, baseUrl: sandbox.url });
  const input = CASES[0]!.success[0]!;
  const module = (connection: MakeConnection) => runModule(app, MODULE, moduleParameters(providers.onetrust.fields, input), connection);

  test('the token step saves the token, its expiry and the API base URL; the refresh step waits until 15 minutes are left', async () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    const first = await runConnection(app, parameters(), {}, { now });
    expect(first.run!.response.status).toBe(200);
    const expiresIn = (first.run!.response.body as { expires_in: number }).expires_in;
    expect(first.data).toEqual({ accessToken: expect.any(String), expires: new Date(now.getTime() + expiresIn * 1000), apiBaseUrl: sandbox.url });
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    // More than 15 minutes left: nothing is sent.
    expect(renderConnectionRequest(app, parameters(), first.data, at(60), 'refresh')).toBeNull();
    expect(renderConnectionRequest(app, parameters(), first.data, at(expiresIn - 15 * 60 - 1), 'refresh')).toBeNull();
    expect((await refreshConnection(app, parameters(), first.data, { now: at(60) })).run).toBeUndefined();
    // Less than 15 minutes left, or past the expiry: a new token, saved over the old one.
    for (const seconds of [expiresIn - 14 * 60, expiresIn + 1, expiresIn * 5]) {
      const refreshed = await refreshConnection(app, parameters(), first.data, { now: at(seconds) });
      expect(refreshed.run!.response.status).toBe(200);
      expect(refreshed.data.accessToken).not.toBe(first.data.accessToken);
      expect(refreshed.data.expires).toEqual(at(seconds + expiresIn));
    }
  });

  test('a run past expiry: the module would get 401 with the saved token; the refresh step renews it first', async () => {
    sandbox.state.setTokenTtl(1);
    const made = await runConnection(app, parameters());
    expect((await module(made.connection)).response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // What happened before the refresh step: the stale token, 401, InvalidAccessTokenError (Make deactivates the scenario).
    const stale = await module(made.connection);
    expect(stale.response.status).toBe(401);
    expect(stale.result).toMatchObject({ ok: false, error: { type: 'InvalidAccessTokenError' } });
    // What Make does now before the module runs.
    const refreshed = await refreshConnection(app, parameters(), made.data);
    expect(refreshed.run!.response.status).toBe(200);
    const run = await module(refreshed.connection);
    expect(run.response.status).toBe(200);
    expectSameOutcome(providers.onetrust, input, run, refreshed.connection);
  });

  test('re-authorizing uses the edited host name and secret: the token step has no condition', () => {
    const saved = { accessToken: 'still-valid', expires: new Date(Date.now() + 3600_000), apiBaseUrl: 'https://old.onetrust.example' };
    const edited = { hostname: 'app-eu.onetrust.com', clientId: 'new-client', clientSecret: 'new-secret-1234' };
    const request = renderConnectionRequest(app, edited, saved)!;
    expect(toHttpRequest(request)).toEqual(
      providers.onetrust.auth.type === 'client-credentials' && providers.onetrust.auth.buildTokenRequest(providers.onetrust.validateCredentials(edited), 'https://app-eu.onetrust.com'),
    );
    const connection = app.connections.onetrust!.code.communication as Record<string, RequestSpec>;
    expect(connection.token!.condition).toBeUndefined();
    expect(connection.refresh!.condition).toBe('{{data.expires < addMinutes(now, 15)}}');
  });

  test('a module works with the token the step saved, and 401 once the sandbox revoked it', async () => {
    const { connection } = await runConnection(app, parameters());
    const ok = await module(connection);
    expect(ok.response.status).toBe(200);
    sandbox.state.expireTokens();
    const expired = await module(connection);
    expect(expired.response.status).toBe(401);
    expectSameOutcome(providers.onetrust, input, expired, connection);
  });
});

describe('devrev: the Custom Link Type dropdown (RPC)', () => {
  const app = loadMakeApp('devrev');
  const rpc = 'listCustomLinkTypes';
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

describe('devrev: Search Links pages through every result, up to Limit', () => {
  const provider = providers.devrev as Provider<any, any>;
  const app = loadMakeApp('devrev');
  const SEARCH = 'searchLinks';
  const list = provider.operations.list;
  const connection = { token: 'devrev-test-token', baseUrl: 'https://api.devrev.test' };
  const authHeaders = { Authorization: 'Bearer devrev-test-token' };
  const example = provider.examples.list.pages[0]!.body as { links: Record<string, unknown>[] };

  /** `count` pages of `size` links each (distinct ids), each but the last with the next page's cursor. */
  function pagesOf(sizes: number[]): HttpResponse[] {
    let n = 0;
    return sizes.map((size, i) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: {
        links: Array.from({ length: size }, () => ({ ...example.links[0], id: `don:core:dvrv-us-1:devo/demo:link/${(n += 1)}` })),
        ...(i < sizes.length - 1 ? { next_cursor: `cursor-${i + 1}` } : {}),
      },
    }));
  }
  const pageFor = (pages: HttpResponse[], cursor: unknown) => pages[cursor ? Number(String(cursor).slice('cursor-'.length)) : 0]!;

  test('each request is core’s (largest page size), the output core’s StoredLinks cut at Limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 5 }),
        fc.option(fc.integer({ min: 1, max: 260 }), { nil: undefined }),
        fc.constantFrom({ object: 'TKT-1' }, { object: ' ISS-1\n', direction: 'is_source' }, { object: 'ISS-2', linkTypes: ['is_parent_of', 'is_related_to'] }),
        async (sizes, limit, input) => {
          const pages = pagesOf(sizes);
          const coreRequests: HttpRequest[] = [];
          const query = list.validate(input);
          const links = await collectLinks(provider, query, {
            baseUrl: connection.baseUrl,
            authHeaders,
            transport: async (request) => {
              coreRequests.push(request);
              return pageFor(pages, (request.json as { cursor?: string }).cursor);
            },
          });
          const fetchImpl = (async (_url: string, init: RequestInit) => {
            const page = pageFor(pages, JSON.parse(String(init.body)).cursor);
            return new Response(JSON.stringify(page.body), { status: 200, headers: { 'content-type': 'application/json' } });
          }) as unknown as typeof fetch;
          const parameters = { ...moduleParameters(list.fields, input), ...(limit === undefined ? {} : { limit }) };
          const run = await runSearch(app, SEARCH, parameters, connection, { fetch: fetchImpl });
          if (!run.result.ok) throw new Error(run.result.error.message);
          const wanted = limit ?? 10;
          expect(asJson(run.result.output)).toStrictEqual(asJson(links.slice(0, wanted)));
          // Make reads a page only while it needs more links, and asks for the largest page each time.
          let pagesRead = 0;
          let total = 0;
          for (const size of sizes) {
            pagesRead += 1;
            total += size;
            if (size === 0 || total >= wanted) break;
          }
          expect(pagesRead).toBeLessThanOrEqual(coreRequests.length);
          expect(run.runs.map((r) => normalized(toHttpRequest(r.request)))).toStrictEqual(coreRequests.slice(0, pagesRead).map(normalized));
        },
      ),
      { numRuns: 80 },
    );
  });

  test('an error on a later page is core’s error', async () => {
    const pages = pagesOf([50, 50]);
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      const cursor = JSON.parse(String(init.body)).cursor;
      if (cursor) return new Response(JSON.stringify({ message: 'throttled' }), { status: 429, headers: { 'content-type': 'application/json' } });
      return new Response(JSON.stringify(pages[0]!.body), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const run = await runSearch(app, SEARCH, { object: 'TKT-1', limit: 100 }, connection, { fetch: fetchImpl });
    expect(run.runs).toHaveLength(2);
    expect(run.result).toMatchObject({ ok: false, error: { type: 'RateLimitError', message: '[429] throttled' } });
  });

  test('sent to the sandbox: the links the create module made equal core’s list, and Limit cuts them', async () => {
    const made = { token: C.devrev.token, baseUrl: sandbox.url };
    for (const target of ['ISS-2', 'ISS-3', 'ISS-4', 'TKT-2', 'TKT-3']) {
      const created = await runModule(app, MODULE, moduleParameters(provider.fields, { source: 'ISS-1', linkType: 'is_related_to', target }), made);
      if (!created.result.ok) throw new Error(created.result.error.message);
    }
    const run = await runSearch(app, SEARCH, { object: 'ISS-1', limit: 500 }, made);
    if (!run.result.ok) throw new Error(run.result.error.message);
    const transport = async (request: HttpRequest): Promise<HttpResponse> => {
      const response = await fetch(request.url, { method: request.method, headers: { ...request.headers, 'content-type': 'application/json' }, body: JSON.stringify(request.json) });
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.json() };
    };
    const core = await collectLinks(provider, list.validate({ object: 'ISS-1' }), { baseUrl: sandbox.url, authHeaders: { Authorization: `Bearer ${C.devrev.token}` }, transport });
    expect(core.length).toBeGreaterThanOrEqual(5);
    expect(asJson(run.result.output)).toStrictEqual(asJson(core));
    const limited = await runSearch(app, SEARCH, { object: 'ISS-1', limit: 2 }, made);
    expect(limited.result.ok && limited.result.output).toHaveLength(2);
  });
});

describe('yandex-tracker: Search Links reads the one answer, up to Limit', () => {
  const provider = providers['yandex-tracker'] as Provider<any, any>;
  const app = loadMakeApp('yandex-tracker');
  const list = provider.operations.list;
  const parameters = { tokenKind: 'oauth', token: 'tracker-test-token', orgKind: 'yandex360', orgId: '123', baseUrl: 'https://api.tracker.test' };
  const example = (provider.examples.list.pages[0]!.body as unknown[])[0] as Record<string, any>;
  const item = fc.oneof(
    fc.record({
      type: fc.constantFrom('depends on', 'is dependent by', 'relates', 'parent entity', 'is supported by', 'custom phrase'),
      linkFieldValues: fc.record({ id: fc.oneof(fc.stringMatching(/^[0-9a-f]{24}$/), fc.integer({ min: 1, max: 99 })), shortId: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }), summary: fc.option(fc.string(), { nil: undefined }), entityType: fc.constantFrom('project', 'goal', 'portfolio') }, { requiredKeys: ['id'] }),
    }),
    fc.constant({ linkFieldValues: example.linkFieldValues }), // no type: core skips it
  );

  test('the request is core’s list request, the output core’s StoredLinks cut at Limit', async () => {
    await fc.assert(
      fc.asyncProperty(refs(provider), fc.array(item, { maxLength: 30 }), fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }), async (ref, body, limit) => {
        const input = { entityType: String(ref.entityType), entityId: String(ref.entityId) };
        const query = list.validate(input);
        const response: HttpResponse = { status: 200, headers: { 'content-type': 'application/json' }, body };
        const core = await collectLinks(provider, query, { baseUrl: parameters.baseUrl, transport: async () => response });
        const requests: RenderedRequest[] = [];
        const fetchImpl = (async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
        const run = await runSearch(app, 'searchLinks', { ...input, ...(limit === undefined ? {} : { limit }) }, connectionFor(app, parameters, 'unused'), { fetch: fetchImpl });
        requests.push(...run.runs.map((r) => r.request));
        if (!run.result.ok) throw new Error(run.result.error.message);
        expect(requests).toHaveLength(1);
        expect(withDecodedQuery(toHttpRequest(requests[0]!))).toStrictEqual(
          withDecodedQuery(withHeaders(list.buildRequest(query, parameters.baseUrl, { cursor: null, size: 0 }), provider.auth.headers(coreCredentials(provider, parameters) as never))),
        );
        expect(asJson(run.result.output)).toStrictEqual(asJson(core.slice(0, limit ?? 10)));
      }),
      { numRuns: 100 },
    );
  });

  test('sent to the sandbox: the links the create module made equal core’s list', async () => {
    const made = { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url };
    const input = CASES[1]!.success[1]!;
    const created = await runModule(app, MODULE, moduleParameters(provider.fields, input), made);
    if (!created.result.ok) throw new Error(created.result.error.message);
    const query = { entityType: input.entityType, entityId: input.entityId };
    const run = await runSearch(app, 'searchLinks', { ...query, limit: 100 }, made);
    if (!run.result.ok) throw new Error(run.result.error.message);
    const core = provider.operations.list.parseResponse(run.runs[0]!.response, list.validate(query), { cursor: null, size: 0 }).links;
    expect(core.length).toBeGreaterThanOrEqual(3);
    expect(asJson(run.result.output)).toStrictEqual(asJson(core));
    const missing = await runSearch(app, 'searchLinks', { entityType: 'portfolio', entityId: 'no-such-portfolio' }, made);
    expect(missing.runs[0]!.response.status).toBe(404);
    if (missing.result.ok) throw new Error('a missing entity was listed');
    expectSameError(provider, missing.runs[0]!.response, missing.result.error, C.yandexTracker.oauthToken);
  });
});

describe('onetrust: Search Links pages by Spring’s page fields, up to Limit', () => {
  const provider = providers.onetrust as Provider<any, any>;
  const app = loadMakeApp('onetrust');
  const list = provider.operations.list;
  const connection: MakeConnection = { apiBaseUrl: 'https://api.onetrust.test', accessToken: 'onetrust-test-token' };
  const first = (provider.examples.list.pages[0]!.body as { content: Record<string, unknown>[] }).content[0]!;
  const size = list.pageSize!;

  /** Pages of `sizes` links (distinct ids), numbered, telling the last one by `totalPages`, `last`, or neither. */
  function pagesOf(sizes: number[], style: 'totalPages' | 'last' | 'none'): Record<string, unknown>[] {
    let n = 0;
    return sizes.map((count, number) => ({
      content: Array.from({ length: count }, () => ({ ...first, id: `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}` })),
      number,
      size,
      ...(style === 'totalPages' ? { totalPages: sizes.length } : style === 'last' ? { last: number === sizes.length - 1 } : {}),
    }));
  }

  test('each request is core’s, the output core’s StoredLinks cut at Limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: size }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('totalPages' as const, 'last' as const, 'none' as const),
        fc.option(fc.integer({ min: 1, max: 160 }), { nil: undefined }),
        async (sizes, style, limit) => {
          const pages = pagesOf(sizes, style);
          const answer = (page: string | null) => pages[Number(page ?? 0)] ?? { content: [], number: Number(page), size };
          const input = provider.examples.list.input;
          const coreRequests: HttpRequest[] = [];
          const links = await collectLinks(provider, list.validate(input), {
            baseUrl: String(connection.apiBaseUrl),
            authHeaders: { Authorization: `Bearer ${String(connection.accessToken)}` },
            transport: async (request) => {
              coreRequests.push(request);
              return { status: 200, headers: { 'content-type': 'application/json' }, body: answer(new URL(request.url).searchParams.get('page')) };
            },
          });
          const fetchImpl = (async (url: string) =>
            new Response(JSON.stringify(answer(new URL(url).searchParams.get('page'))), { status: 200, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
          const run = await runSearch(app, 'searchLinks', { ...input, ...(limit === undefined ? {} : { limit }) }, connection, { fetch: fetchImpl });
          if (!run.result.ok) throw new Error(run.result.error.message);
          expect(asJson(run.result.output)).toStrictEqual(asJson(links.slice(0, limit ?? 10)));
          expect(run.runs.length).toBeLessThanOrEqual(coreRequests.length);
          expect(run.runs.map((r) => withDecodedQuery(toHttpRequest(r.request)))).toStrictEqual(coreRequests.slice(0, run.runs.length).map(withDecodedQuery));
          // No page past the one that reached Limit.
          const before = run.runs.slice(0, -1).reduce((total, r) => total + ((r.response.body as { content: unknown[] }).content.length), 0);
          expect(before).toBeLessThan(limit ?? 10);
        },
      ),
      { numRuns: 80 },
    );
  });

  test('sent to the sandbox: the links the create module made equal core’s list', async () => {
    const { connection: made } = await runConnection(app, CASES[0]!.connection(sandbox));
    const input = CASES[0]!.success[0]! as Record<string, string>;
    const created = await runModule(app, MODULE, moduleParameters(provider.fields, input), made);
    if (!created.result.ok) throw new Error(created.result.error.message);
    const query = { entityType: input.entity1Type, entityId: input.entity1Id };
    const run = await runSearch(app, 'searchLinks', { ...query, limit: 200 }, made);
    if (!run.result.ok) throw new Error(run.result.error.message);
    const transport = async (request: HttpRequest): Promise<HttpResponse> => {
      const response = await fetch(request.url, { method: request.method, headers: { ...request.headers, 'content-type': 'application/json' }, body: JSON.stringify(request.json) });
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.json() };
    };
    const core = await collectLinks(provider, list.validate(query), { baseUrl: sandbox.url, authHeaders: { Authorization: `Bearer ${String(made.accessToken)}` }, transport });
    expect(core.length).toBeGreaterThanOrEqual(1);
    expect(asJson(run.result.output)).toStrictEqual(asJson(core));
  });
});
