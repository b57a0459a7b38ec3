// Fault matrix, Zapier surface: each cell runs Create Link of the deployable integration (apps/<api>/index.js)
// through Zapier's app tester against the sandbox. Zapier owns the retry: a step that ends in ThrottledError is
// run again after its `delay`, RefreshAuthError makes Zapier run the session step and then the step again, any
// other error stops the step. So each cell asserts what the Zap user sees, that the integration sent the create
// once, and, where Zapier runs the step again, that the link is then stored exactly once.
import { PROVIDER_NAMES, type ProviderId } from '@links/core';
import type { FaultSpec } from '@links/sandbox';
import { cellsFor, CREATE_ROUTE, type FaultCell } from '../../src/fault-cells.js';
import { CREDENTIALS, INPUTS, PROVIDERS, requestsTo, storedLinks, useSandbox } from '../support.js';
import { type AuthData, DROPDOWN_INPUTS, FIND_INPUTS, HANG_TIMEOUT_MS, hangs, LIST_ROUTE, outcomeOf, RECORD_SEARCHES, withHangTimeout, zapierError, type ZapierErrorDetails, zapierIntegration } from '../zapier-support.js';

const ctx = useSandbox();

interface Seen {
  /** The error class Zapier acts on. */
  name: 'ThrottledError' | 'RefreshAuthError' | 'AppError';
  /** ThrottledError: the delay in seconds, as [min, max] (an HTTP date leaves up to a second less). */
  delay?: [number, number];
  /** AppError: `code` and `status`. */
  code?: string;
  status?: number;
  message?: (api: string) => RegExp;
  /** How the sandbox's request log records the faulted request. */
  outcome: number | 'reset' | 'hang';
  /** Zapier runs the step again by itself (ThrottledError: after the delay; RefreshAuthError: after a new session). */
  zapierRunsAgain: boolean;
}

/**
 * Where the create may have been processed (no response after it was sent, a 500), the message says so and warns that a
 * replay of the step (Zapier's Autoreplay starts one by itself, later than this test can wait) would send the create again.
 */
const mayHaveBeenCreated = (api: string) =>
  `\\. The link may have been created: check ${api} before replaying this step, because a replay \\(which Zapier's Autoreplay starts by itself\\) sends the create again and could duplicate the link\\.`;

/** What a Zap user sees for each cell of the matrix. */
const ZAPIER_SEES: Record<string, Seen> = {
  '429 with Retry-After in seconds': { name: 'ThrottledError', delay: [1, 1], message: (api) => new RegExp(`^${api} returned HTTP 429: `), outcome: 429, zapierRunsAgain: true },
  '429 with Retry-After as an HTTP date': { name: 'ThrottledError', delay: [0, 1], message: (api) => new RegExp(`^${api} returned HTTP 429: `), outcome: 429, zapierRunsAgain: true },
  '429 with retry_after in the body only': { name: 'ThrottledError', delay: [1, 1], message: (api) => new RegExp(`^${api} returned HTTP 429: `), outcome: 429, zapierRunsAgain: true },
  // 503: the server refused the request, so ThrottledError (Zapier runs the step again) rather than a stopped Zap.
  '503': { name: 'ThrottledError', delay: [1, 1], message: (api) => new RegExp(`^${api} returned HTTP 503: `), outcome: 503, zapierRunsAgain: true },
  'connection reset before a response': {
    name: 'AppError',
    code: 'network',
    message: (api) => new RegExp(`^No response from 127\\.0\\.0\\.1:\\d+ \\(.*socket hang up\\)${mayHaveBeenCreated(api)}$`),
    outcome: 'reset',
    zapierRunsAgain: false,
  },
  'hang past the timeout': {
    name: 'AppError',
    code: 'timeout',
    message: (api) => new RegExp(`^No response within ${HANG_TIMEOUT_MS} ms${mayHaveBeenCreated(api)}$`),
    outcome: 'hang',
    zapierRunsAgain: false,
  },
  // zapier-platform-core throws RefreshAuthError for any 401 under session auth, before the integration sees it.
  '401 on an expired token': { name: 'RefreshAuthError', outcome: 401, zapierRunsAgain: true },
  'stored, then 500': { name: 'AppError', status: 500, message: (api) => new RegExp(`^${api} returned HTTP 500: \\S.*${mayHaveBeenCreated(api)}$`), outcome: 500, zapierRunsAgain: false },
};

describe.each(PROVIDERS)('Zapier, %s', (provider) => {
  const zapier = zapierIntegration(provider);
  const route = CREATE_ROUTE[provider];
  const connect = () => zapier.connect({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });

  it('every cell of the matrix has an expectation, and one cell hangs', () => {
    expect(cellsFor(provider).map((cell) => cell.name).filter((name) => !(name in ZAPIER_SEES))).toEqual([]);
    expect(cellsFor(provider).filter(hangs).map((cell) => ZAPIER_SEES[cell.name]!.outcome)).toEqual(['hang']);
  });

  it.each(cellsFor(provider).map((cell) => [cell.name, cell] as const))('%s', async (name, cell: FaultCell) => {
    const seen = ZAPIER_SEES[name]!;
    let authData: AuthData = await connect();
    const unmatchedBefore = ctx.sandbox.state.snapshot().requests.unmatched;
    await cell.arrange(ctx.sandbox, provider);

    const create = () => zapier.createLink(authData, INPUTS[provider]);
    const first = await outcomeOf(hangs(cell) ? withHangTimeout(create) : create());
    // One request per step: the integration never sends a create again by itself.
    expect(requestsTo(ctx.sandbox, route)).toBe(1);
    expect(ctx.sandbox.state.snapshot().requestLog.at(-1)).toMatchObject({ route, outcome: seen.outcome });
    expect(first.error).toBeDefined();
    const error: ZapierErrorDetails = zapierError(first.error!);
    expect(error.name).toBe(seen.name);
    if (seen.message) expect(error.message).toMatch(seen.message(PROVIDER_NAMES[provider]));
    if (seen.code) expect(error.code).toBe(seen.code);
    if (seen.status) expect(error.status).toBe(seen.status);
    if (seen.delay) {
      expect(error.delay).toBeGreaterThanOrEqual(seen.delay[0]);
      expect(error.delay).toBeLessThanOrEqual(seen.delay[1]);
    }
    expect(storedLinks(ctx.sandbox, provider)).toBe(cell.storedWithoutRetry);

    if (seen.zapierRunsAgain) {
      // Only refused requests are run again, so this is safe: nothing was stored the first time.
      expect(cell.refused).toBe(true);
      if (seen.name === 'RefreshAuthError') authData = await connect();
      const again = await zapier.createLink(authData, INPUTS[provider]);
      expect(again).toMatchObject({ service: PROVIDER_NAMES[provider], linkCount: 1 });
      expect(requestsTo(ctx.sandbox, route)).toBe(2);
      expect(storedLinks(ctx.sandbox, provider)).toBe(1);
    }
    // At most one link overall, and every request reached a route.
    expect(storedLinks(ctx.sandbox, provider)).toBeLessThanOrEqual(1);
    expect(ctx.sandbox.state.snapshot().requests.unmatched).toBe(unmatchedBefore);
    expect(ctx.unhandled).toEqual([]);
  });

  it('429 with Retry-After as an HTTP date two minutes ahead: the delay is the seconds remaining', async () => {
    const authData = await connect();
    ctx.sandbox.state.addFaults({ route, status: 429, retryAfter: 120, retryAfterDate: true });
    const error = zapierError((await outcomeOf(zapier.createLink(authData, INPUTS[provider]))).error!);
    expect(error.name).toBe('ThrottledError');
    // An HTTP date has whole seconds, so up to one second of the 120 is gone when it is read.
    expect(error.delay).toBeGreaterThanOrEqual(118);
    expect(error.delay).toBeLessThanOrEqual(120);
    expect(storedLinks(ctx.sandbox, provider)).toBe(0);
  });
});

describe('Zapier, one invocation per event', () => {
  it('after 6 s of steps that send nothing, run back to back, the idle connection still serves the next step', async () => {
    // What the 120-run invalid-input properties of hostile/zapier.test.ts do: if those steps ran as one chain of
    // promises, the sandbox's keep-alive timer (5 s) would close the idle connection under the next request (ECONNRESET).
    const zapier = zapierIntegration('onetrust');
    const connect = () => zapier.connect({ ...CREDENTIALS.onetrust, baseUrl: ctx.sandbox.url });
    const authData = await connect();
    const started = Date.now();
    let refused = 0;
    while (Date.now() - started < 6000) {
      const { error } = await outcomeOf(zapier.createLink(authData, { ...INPUTS.onetrust, entity2Id: 'not-a-uuid' }));
      if (error && zapierError(error).code === 'invalid_input:entity2Id') refused++;
    }
    expect(refused).toBeGreaterThan(0);
    expect(await connect()).toMatchObject({ accessToken: expect.any(String) });
    expect(ctx.sandbox.state.snapshot().requests.byRoute['onetrust.token']).toBe(2);
  }, 30_000);
});

describe('Zapier, the timeout', () => {
  it('an answer slower than the hang cell\'s timeout is still an answer: every other step keeps the default timeout', async () => {
    // Ordinary requests on a loaded machine can take that long; only the hang cell runs with the short timeout.
    const zapier = zapierIntegration('devrev');
    const authData = await zapier.connect({ ...CREDENTIALS.devrev, baseUrl: ctx.sandbox.url });
    ctx.sandbox.state.addFaults({ route: CREATE_ROUTE.devrev, latencyMs: HANG_TIMEOUT_MS + 500 });
    expect(await zapier.createLink(authData, INPUTS.devrev)).toMatchObject({ linkCount: 1 });
    expect(storedLinks(ctx.sandbox, 'devrev')).toBe(1);
  });
});

/**
 * Find Link under the same faults, on the list it reads. A search changes nothing, so an unknown outcome never says
 * a link may have been created, and a refused read is run again by Zapier like any step.
 */
interface FindSeen {
  name: 'ThrottledError' | 'RefreshAuthError' | 'AppError';
  code?: string;
  status?: number;
  message?: RegExp;
  zapierRunsAgain: boolean;
}

const FIND_CELLS: { name: string; only?: ProviderId; fault: Omit<FaultSpec, 'route'> | 'expire'; seen: FindSeen }[] = [
  { name: '429 with Retry-After in seconds', fault: { status: 429, retryAfter: 1 }, seen: { name: 'ThrottledError', zapierRunsAgain: true } },
  { name: '503', fault: { status: 503, retryAfter: 1 }, seen: { name: 'ThrottledError', zapierRunsAgain: true } },
  { name: 'connection reset before a response', fault: { reset: true }, seen: { name: 'AppError', code: 'network', message: /^Network error \(ECONNRESET\): the connection failed after the request was sent; no answer came \(reading changes nothing\)$/, zapierRunsAgain: false } },
  { name: 'hang past the timeout', fault: { hang: true }, seen: { name: 'AppError', code: 'timeout', message: new RegExp(`^No response within ${HANG_TIMEOUT_MS} ms$`), zapierRunsAgain: false } },
  { name: '500', fault: { status: 500 }, seen: { name: 'AppError', status: 500, message: /returned HTTP 500: \S/, zapierRunsAgain: false } },
  { name: '401 on an expired token', only: 'onetrust', fault: 'expire', seen: { name: 'RefreshAuthError', zapierRunsAgain: true } },
];

describe.each(PROVIDERS)('Zapier Find Link, %s', (provider) => {
  const zapier = zapierIntegration(provider);
  const connect = () => zapier.connect({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
  const cells = FIND_CELLS.filter((cell) => !cell.only || cell.only === provider);

  it.each(cells.map((cell) => [cell.name, cell] as const))('%s', async (_name, cell) => {
    let authData = await connect();
    await zapier.createLink(authData, INPUTS[provider]);
    if (cell.fault === 'expire') ctx.sandbox.state.expireTokens();
    else ctx.sandbox.state.addFaults({ route: LIST_ROUTE[provider], ...cell.fault } as FaultSpec);
    const find = () => zapier.findLink(authData, FIND_INPUTS[provider]);
    const first = await outcomeOf(cell.fault !== 'expire' && 'hang' in cell.fault ? withHangTimeout(find) : find());
    expect(requestsTo(ctx.sandbox, LIST_ROUTE[provider])).toBe(1);
    const error = zapierError(first.error!);
    expect(error.name).toBe(cell.seen.name);
    expect(error.message).not.toMatch(/created/i);
    if (cell.seen.message) expect(error.message).toMatch(cell.seen.message);
    if (cell.seen.code) expect(error.code).toBe(cell.seen.code);
    if (cell.seen.status) expect(error.status).toBe(cell.seen.status);
    if (cell.seen.zapierRunsAgain) {
      if (cell.seen.name === 'RefreshAuthError') authData = await connect();
      expect(await zapier.findLink(authData, FIND_INPUTS[provider])).toHaveLength(1);
    }
    // A search never creates.
    expect(requestsTo(ctx.sandbox, CREATE_ROUTE[provider])).toBe(1);
    expect(storedLinks(ctx.sandbox, provider)).toBe(1);
    expect(ctx.unhandled).toEqual([]);
  });
});

/**
 * The dropdowns (the hidden triggers, first page) and the "Find <record>" searches under the same faults, on the
 * route each reads. Each step is run once without a fault first, which tells the route and the choices it shows;
 * then each fault. A read creates nothing, so no message speaks of a link that may exist; a refused read is run again
 * by Zapier and then shows the same choices.
 */
describe.each(PROVIDERS)('Zapier dropdowns and "Find <record>" searches, %s', (provider) => {
  const zapier = zapierIntegration(provider);
  const connect = () => zapier.connect({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
  const { key: searchKey, inputData: searchInput } = RECORD_SEARCHES[provider];
  const steps: [string, (authData: AuthData) => Promise<unknown>][] = [
    ...Object.keys(zapier.app.triggers).map((key): [string, (authData: AuthData) => Promise<unknown>] => [key, (authData) => zapier.listChoices(authData, key, DROPDOWN_INPUTS[provider])]),
    [searchKey, (authData) => zapier.findRecord(authData, searchKey, searchInput)],
  ];
  const cells = FIND_CELLS.filter((cell) => !cell.only || cell.only === provider);
  // Every dropdown is the same code over another route: the hang (a second each) runs on one of them and the search.
  const cases = steps.flatMap(([step, run], i) =>
    cells.filter((cell) => cell.name !== 'hang past the timeout' || i === 0 || i === steps.length - 1).map((cell) => [step, cell.name, run, cell] as const),
  );

  it.each(cases)('%s: %s', async (_step, _name, run, cell) => {
    let authData = await connect();
    const before = ctx.sandbox.state.snapshot().requestLog.length;
    const expected = await run(authData);
    const reads = ctx.sandbox.state.snapshot().requestLog.slice(before);
    expect(reads).toHaveLength(1);
    const route = reads[0]!.route!;
    if (cell.fault === 'expire') ctx.sandbox.state.expireTokens();
    else ctx.sandbox.state.addFaults({ route, ...cell.fault } as FaultSpec);
    const first = await outcomeOf(cell.fault !== 'expire' && 'hang' in cell.fault ? withHangTimeout(() => run(authData)) : run(authData));
    expect(requestsTo(ctx.sandbox, route)).toBe(2);
    const error = zapierError(first.error!);
    expect(error.name).toBe(cell.seen.name);
    expect(error.message).not.toMatch(/created/i);
    if (cell.seen.message) expect(error.message).toMatch(cell.seen.message);
    if (cell.seen.code) expect(error.code).toBe(cell.seen.code);
    if (cell.seen.status) expect(error.status).toBe(cell.seen.status);
    if (cell.seen.zapierRunsAgain) {
      if (cell.seen.name === 'RefreshAuthError') authData = await connect();
      expect(await run(authData)).toEqual(expected);
    }
    expect(storedLinks(ctx.sandbox, provider)).toBe(0);
    expect(ctx.sandbox.state.snapshot().requests.unmatched).toBe(0);
    expect(ctx.unhandled).toEqual([]);
  });
});
