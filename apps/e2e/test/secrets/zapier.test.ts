// Secrets on the Zapier surface. A Zap user sees a step's error message and output, the connection's label, and
// Zapier keeps a log of every invocation (console lines and an HTTP log of each z.request with headers and bodies).
// Here every secret the integrations hold is a recognizable canary (`canary-zapier-SECRET-…`): the token, the client
// secret, and OneTrust's access token. A loopback proxy in front of the sandbox swaps the canaries for the sandbox's
// real credentials, so that every path is reachable with them (success, 400, 404 ...), and it makes every API error
// repeat what it was sent (the Authorization header and the body), as careless APIs do. Then each path — every
// fault cell, 401, 403, 404, 400/422, a real 429, invalid input and success — must show no canary (nor a real
// sandbox secret) in any error, output, label, console line or line of Zapier's log stream.
import { type ProviderId, providers } from '@links/core';
import { type FaultSpec, SANDBOX_CREDENTIALS as C, SANDBOX_EXTRA_CREDENTIALS, SEED } from '@links/sandbox';
import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cellsFor, CREATE_ROUTE, type FaultCell } from '../../src/fault-cells.js';
import { CREDENTIALS, INPUTS, PROVIDERS, SECRETS, storedLinks, useSandbox } from '../support.js';
import { type AuthData, DROPDOWN_INPUTS, errorText, failureOf, FIND_INPUTS, hangs, LIST_ROUTE, outcomeOf, RECORD_SEARCHES, useZapierLogs, withHangTimeout, zapierError, zapierIntegration } from '../zapier-support.js';

const ctx = useSandbox();
const logs = useZapierLogs();

const CANARY = 'canary-zapier-SECRET';
const canary = (name: string) => `${CANARY}-${name}-5b1e`;

/** The sandbox credential each canary stands for (OneTrust access tokens are added as the proxy issues them). */
const STANDS_FOR: Record<string, string> = {
  [canary('onetrust-clientSecret')]: C.onetrust.clientSecret,
  [canary('onetrust-readonly-clientSecret')]: SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly.clientSecret,
  [canary('tracker-token')]: C.yandexTracker.oauthToken,
  [canary('devrev-token')]: C.devrev.token,
};
const SECRET_KEY: Record<ProviderId, string> = { onetrust: 'clientSecret', 'yandex-tracker': 'token', devrev: 'token' };
const CANARY_OF: Record<ProviderId, string> = { onetrust: canary('onetrust-clientSecret'), 'yandex-tracker': canary('tracker-token'), devrev: canary('devrev-token') };

// ---------------------------------------------------------------------------------------------------------------
// The canary proxy
// ---------------------------------------------------------------------------------------------------------------

/** Appends what the request carried to every message-like string of an error body (JSON or text). */
function echo(body: string, json: boolean, sent: string): string {
  if (body === '') return body;
  if (!json) return `${body} (received: ${sent})`;
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return /message|description|detail|errors/i.test(key) ? `${value} (received: ${sent})` : value;
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, key === 'errors' ? key : k)]));
    return value;
  };
  return JSON.stringify(walk(JSON.parse(body), 'message'));
}

/**
 * Forwards to the sandbox with canaries swapped for real credentials; hands OneTrust access tokens out as canaries;
 * echoes the request into error bodies. A reset upstream resets the client; a client that gives up (timeout) drops
 * the upstream request, so the sandbox's hang ends as it would without the proxy.
 */
async function startCanaryProxy(upstream: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const real = new Map(Object.entries(STANDS_FOR));
  let issued = 0;
  const toReal = (text: string) => [...real].reduce((t, [fake, value]) => t.split(fake).join(value), text);
  const forwardHeaders = (headers: IncomingHttpHeaders, body: string): OutgoingHttpHeaders => {
    const out: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers)) {
      if (!['host', 'content-length', 'transfer-encoding'].includes(name)) out[name] = typeof value === 'string' ? toReal(value) : value;
    }
    if (body !== '') out['content-length'] = Buffer.byteLength(body);
    return out;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const sent = Buffer.concat(chunks).toString('utf8');
      const body = toReal(sent);
      const forward = request(new URL(req.url!, upstream()), { method: req.method, headers: forwardHeaders(req.headers, body) }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('error', () => res.destroy());
        answer.on('end', () => {
          const status = answer.statusCode!;
          const json = /json/.test(answer.headers['content-type'] ?? '');
          let text = Buffer.concat(parts).toString('utf8');
          const token = json && status === 200 ? (JSON.parse(text) as { access_token?: unknown }).access_token : undefined;
          if (typeof token === 'string') {
            const fake = canary(`onetrust-accessToken-${++issued}`);
            real.set(fake, token);
            text = text.split(token).join(fake);
          }
          if (status >= 400) text = echo(text, json, [req.headers.authorization, sent].filter(Boolean).join(' '));
          const headers: OutgoingHttpHeaders = { ...answer.headers, 'content-length': Buffer.byteLength(text) };
          delete headers['transfer-encoding'];
          res.writeHead(status, headers).end(text);
        });
      });
      forward.on('error', () => res.destroy());
      res.on('close', () => {
        if (!res.writableFinished) forward.destroy();
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let proxy: Awaited<ReturnType<typeof startCanaryProxy>>;
beforeAll(async () => {
  proxy = await startCanaryProxy(() => ctx.sandbox.url);
});
afterAll(() => proxy.close());

// ---------------------------------------------------------------------------------------------------------------
// What a user and Zapier's logs see
// ---------------------------------------------------------------------------------------------------------------

/** Console output during the test (z.console writes there too). */
const consoleLines: string[] = [];
beforeEach(() => {
  consoleLines.length = 0;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
  }
});
afterEach(() => jest.restoreAllMocks());

/** Everything visible of this test's steps. Filled by `see`, checked after each test. */
const seen: string[] = [];
const see = (value: unknown) => void seen.push(value instanceof Error ? errorText(value) : typeof value === 'string' ? value : JSON.stringify(value));
beforeEach(() => void (seen.length = 0));
afterEach(() => {
  const everything = [...seen, ...logs.lines.map((line) => JSON.stringify(line)), ...consoleLines];
  for (const text of everything) {
    expect(text).not.toContain(CANARY);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  }
  expect(ctx.unhandled).toEqual([]);
});

/** The HTTP lines of Zapier's log stream for a route path (Zapier logs `request_url` without the query). */
const httpLogs = (path: string) => logs.lines.filter((line) => line.data.log_type === 'http' && String(line.data.request_url).endsWith(path));

const CREATE_PATH: Record<ProviderId, string> = {
  onetrust: '/api/ai-governance/v1/links',
  'yandex-tracker': `/v2/entities/project/${INPUTS['yandex-tracker'].entityId}/links`,
  devrev: '/links.create',
};

/** The connection test's request: OneTrust's token exchange, the others' "who am I". */
const TEST_PATH: Record<ProviderId, string> = { onetrust: '/api/access/v1/oauth/token', 'yandex-tracker': '/v2/myself', devrev: '/dev-users.self' };

/** Requests that reach each API and fail there, with the status the API answers. */
const TR = SEED.yandexTracker.entities;
const API_ERRORS: Record<ProviderId, { notFound: Record<string, unknown>; rejected: { status: number; input: Record<string, unknown> } }> = {
  onetrust: {
    notFound: { ...INPUTS.onetrust, entity2Id: '00000000-0000-4000-8000-000000000000' },
    rejected: { status: 400, input: { ...INPUTS.onetrust, linkTypeId: SEED.onetrust.linkTypes.modelTrainingData.id } },
  },
  'yandex-tracker': {
    notFound: { ...INPUTS['yandex-tracker'], links: [{ relationship: 'relates', entity: 'ffffffffffffffffffffffff' }] },
    rejected: { status: 422, input: { entityType: 'portfolio', entityId: TR.platformModernization.id, links: [{ relationship: 'works towards', entity: TR.reduceChurn.id }] } },
  },
  devrev: {
    notFound: { ...INPUTS.devrev, target: 'ISS-999' },
    rejected: { status: 400, input: { source: 'ISS-1', linkType: 'is_dependent_on', target: 'TKT-1' } },
  },
};

const RATE_LIMITED_API = { onetrust: 'onetrust', 'yandex-tracker': 'yandexTracker', devrev: 'devrev' } as const;

describe.each(PROVIDERS)('Zapier %s with canary secrets', (provider) => {
  const zapier = zapierIntegration(provider);
  /** The connection as the user enters it: the canary in the secret field, the proxy as Base URL. */
  const canaryAuth = (overrides: AuthData = {}): AuthData => ({ ...CREDENTIALS[provider], [SECRET_KEY[provider]]: CANARY_OF[provider], baseUrl: proxy.url, ...overrides });
  const connect = async (overrides: AuthData = {}) => {
    const authData = await zapier.connect(canaryAuth(overrides));
    if (provider === 'onetrust') expect(authData.accessToken).toMatch(new RegExp(`^${CANARY}-onetrust-accessToken-`));
    return authData;
  };
  const failedCreate = async (authData: AuthData, input: Record<string, unknown> = INPUTS[provider]) => {
    const error = await failureOf(zapier.createLink(authData, input));
    see(error);
    return zapierError(error);
  };

  it('success: connection test, label and Create Link output; Zapier logs the Authorization header censored', async () => {
    const authData = await connect();
    const account = await zapier.test(authData);
    const label = await zapier.label(authData, account);
    const result = await zapier.createLink(authData, INPUTS[provider]);
    see(account);
    see(label);
    see(result);
    expect(result.linkCount).toBe(1);
    expect(storedLinks(ctx.sandbox, provider)).toBe(1);
    expect(label).not.toBe('');
    // The log stream was captured, and Zapier itself censored the header that carried the canary.
    const [created] = httpLogs(CREATE_PATH[provider]);
    expect(created?.data).toMatchObject({ response_status_code: provider === 'devrev' ? 201 : 200, request_headers: expect.stringMatching(/Authorization: :censored:/) });
    if (provider === 'devrev') {
      // The hidden trigger behind the Custom Link Type dropdown.
      const listed = await zapier.tester(zapier.app.triggers.devrev_customLinkTypes!.operation.perform, { authData });
      see(listed);
      expect(listed.map((choice) => choice.name)).toEqual(Object.values(SEED.devrev.customLinkTypes).map((t) => t.name));
    }
  });

  it.each(cellsFor(provider).map((cell) => [cell.name, cell] as const))('fault: %s', async (_name, cell: FaultCell) => {
    let authData = await connect();
    await cell.arrange(ctx.sandbox, provider);
    const create = () => zapier.createLink(authData, INPUTS[provider]);
    const first = await outcomeOf(hangs(cell) ? withHangTimeout(create) : create());
    expect(first.error).toBeDefined();
    see(first.error);
    if (cell.refused) {
      // Zapier's own handling: a new session after RefreshAuthError, then the step again.
      if (first.error!.name === 'RefreshAuthError') authData = await connect();
      see(await zapier.createLink(authData, INPUTS[provider]));
      expect(storedLinks(ctx.sandbox, provider)).toBe(1);
    }
    // The faulted request went through the proxy and reached the sandbox's create route.
    expect(ctx.sandbox.state.snapshot().requests.byRoute[CREATE_ROUTE[provider]]).toBe(cell.refused ? 2 : 1);
  });

  it('401: a wrong secret fails the connection test and the create with ExpiredAuthError', async () => {
    const wrong = canary(`${provider}-wrong`);
    const authData = canaryAuth({ [SECRET_KEY[provider]]: wrong });
    const testError = await failureOf(zapier.test(authData));
    see(testError);
    expect(testError.name).toBe('ExpiredAuthError');
    expect(testError.message).toMatch(/ returned HTTP 401: /);
    if (zapier.session) {
      const sessionError = await failureOf(zapier.session(authData));
      see(sessionError);
      expect(sessionError.name).toBe('ExpiredAuthError');
      // A stale or unknown access token on the create: Zapier refreshes the session.
      const error = await failedCreate({ ...canaryAuth(), accessToken: canary('onetrust-accessToken-unknown') });
      expect(error.name).toBe('RefreshAuthError');
    } else {
      const error = await failedCreate(authData);
      expect(error).toMatchObject({ name: 'ExpiredAuthError', message: expect.stringMatching(/ returned HTTP 401: /) });
    }
    // Zapier logged the refused requests, with the echoed canaries censored (checked after the test).
    expect(httpLogs(TEST_PATH[provider]).map((line) => line.data.response_status_code)).toContain(401);
  });

  it('403: the credentials lack a permission', async () => {
    let authData: AuthData;
    if (provider === 'onetrust') {
      authData = await connect({ clientId: SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly.clientId, clientSecret: canary('onetrust-readonly-clientSecret') });
    } else if (provider === 'yandex-tracker') {
      authData = await connect({ orgId: 'an-unknown-org' });
    } else {
      authData = await connect();
      ctx.sandbox.state.addFaults({ route: CREATE_ROUTE.devrev, status: 403 });
    }
    expect(await failedCreate(authData)).toMatchObject({ name: 'AppError', status: 403 });
  });

  it('404: an entity that does not exist; the token the API repeats in its message is redacted', async () => {
    const error = await failedCreate(await connect(), API_ERRORS[provider].notFound);
    expect(error).toMatchObject({ name: 'AppError', status: 404 });
    // The proxy's echo reached the message (so these checks can fail), and the integration redacted it.
    expect(error.message).toMatch(/\(received: (Bearer|OAuth) \[redacted\]/);
  });

  it('400/422: the API rejects the request', async () => {
    const { status, input } = API_ERRORS[provider].rejected;
    expect(await failedCreate(await connect(), input)).toMatchObject({ name: 'AppError', status });
  });

  it('429 from the API\'s rate limit', async () => {
    const authData = await connect();
    ctx.sandbox.state.setRateLimits({ [RATE_LIMITED_API[provider]]: { limit: 1, windowMs: 60_000 } });
    see(await zapier.createLink(authData, INPUTS[provider]));
    const error = await failedCreate(authData);
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBeGreaterThan(0);
  });

  it('invalid input and an invalid connection', async () => {
    const authData = await connect();
    const field = providers[provider].fields.find((f) => f.required)!.key;
    expect(await failedCreate(authData, { ...INPUTS[provider], [field]: '' })).toMatchObject({ name: 'AppError', code: `invalid_input:${field}` });
    const noBase = await failureOf(zapier.test(canaryAuth({ baseUrl: 'http://evil.example' })));
    see(noBase);
    expect(zapierError(noBase).code).toBe('invalid_input:baseUrl');
    expect(ctx.sandbox.state.snapshot().requests.byRoute[CREATE_ROUTE[provider]]).toBe(0);
  });

  it('Find Link: results, nothing found, each fault on the list it reads, a wrong secret, and the first page of every dropdown', async () => {
    let authData = await connect();
    see(await zapier.createLink(authData, INPUTS[provider]));
    const found = await zapier.findLink(authData, FIND_INPUTS[provider]);
    see(found);
    expect(found).toHaveLength(1);
    const faults: (Omit<FaultSpec, 'route'> | 'expire')[] = [{ status: 429, retryAfter: 1 }, { status: 503, retryAfter: 1 }, { reset: true }, { status: 500 }, ...(provider === 'onetrust' ? ['expire' as const] : [])];
    for (const fault of faults) {
      if (fault === 'expire') ctx.sandbox.state.expireTokens();
      else ctx.sandbox.state.addFaults({ route: LIST_ROUTE[provider], ...fault });
      const error = await failureOf(zapier.findLink(authData, FIND_INPUTS[provider]));
      see(error);
      if (error.name === 'RefreshAuthError') authData = await connect();
    }
    const wrong = await failureOf(zapier.findLink(canaryAuth({ [SECRET_KEY[provider]]: canary(`${provider}-wrong`), accessToken: canary(`${provider}-stale`) }), FIND_INPUTS[provider]));
    see(wrong);
    // The first page of every dropdown (the pages after it, faults and wrong secrets: the next test).
    for (const key of Object.keys(zapier.app.triggers)) {
      const outcome = await outcomeOf(zapier.listChoices(authData, key, DROPDOWN_INPUTS[provider]));
      see(outcome.error ?? outcome.result);
      expect([key, outcome.error?.message ?? 'ok']).toEqual([key, 'ok']);
    }
  });

  it('dropdowns, page after page, and "Find <record>": results, each fault on the route they read, a wrong secret, bad input', async () => {
    let authData = await connect();
    const { key: searchKey, inputData: searchInput } = RECORD_SEARCHES[provider];
    const steps: [string, (auth: AuthData) => Promise<unknown>][] = [
      ...Object.keys(zapier.app.triggers).map((key): [string, (auth: AuthData) => Promise<unknown>] => [key, (auth) => zapier.listChoices(auth, key, DROPDOWN_INPUTS[provider])]),
      [searchKey, (auth) => zapier.findRecord(auth, searchKey, searchInput)],
    ];
    // Every page of every dropdown ("Load more" until the empty page), with its own cursor store.
    for (const key of Object.keys(zapier.app.triggers)) {
      const store = new Map<string, string>();
      for (let page = 0; page < 5; page++) {
        const choices = await zapier.listChoices(authData, key, DROPDOWN_INPUTS[provider], { page, store });
        see(choices);
        see([...store.values()]);
        if (choices.length === 0) break;
      }
    }
    const faults: (Omit<FaultSpec, 'route'> | 'expire')[] = [{ status: 429, retryAfter: 1 }, { status: 503, retryAfter: 1 }, { reset: true }, { status: 500 }, ...(provider === 'onetrust' ? ['expire' as const] : [])];
    for (const [step, run] of steps) {
      const before = ctx.sandbox.state.snapshot().requestLog.length;
      see(await run(authData));
      const route = ctx.sandbox.state.snapshot().requestLog[before]!.route!;
      for (const fault of faults) {
        if (fault === 'expire') ctx.sandbox.state.expireTokens();
        else ctx.sandbox.state.addFaults({ route, ...fault });
        const error = await failureOf(run(authData));
        see(error);
        expect([step, error.name]).toEqual([step, expect.stringMatching(/^(ThrottledError|AppError|RefreshAuthError)$/)]);
        if (error.name === 'RefreshAuthError') authData = await connect();
      }
      // A wrong secret (and, for OneTrust, a stale session token).
      const wrong = await failureOf(run(canaryAuth({ [SECRET_KEY[provider]]: canary(`${provider}-wrong`), accessToken: canary(`${provider}-stale`) })));
      see(wrong);
      expect([step, wrong.name]).toEqual([step, provider === 'onetrust' ? 'RefreshAuthError' : 'ExpiredAuthError']);
      // The API repeated the token in its 401 (the proxy's echo): the message shows it redacted.
      if (provider !== 'onetrust') expect(wrong.message).toMatch(/\(received: (Bearer|OAuth) \[redacted\]/);
    }
    // Bad input in a search's own field.
    const bad = await failureOf(zapier.findRecord(authData, searchKey, { ...searchInput, search: ['not text'] }));
    see(bad);
    expect(zapierError(bad).code).toBe('invalid_input:search');
  });
});
