// Fault matrix, Make surface: each cell runs the Make app as Make would — the connection's request (OneTrust:
// the token step, and the refresh step before each module), then the module's request rendered from the committed
// IML, sent to the sandbox, and mapped by the app's own `response.error`. Make owns the retry (its error handlers,
// and its own re-run of incomplete executions for RateLimitError and ConnectionError), so each cell asserts the
// Make error a user sees, whether Make would run it again by itself, that nothing was sent twice, and that every
// link is stored once.
import type { ProviderId } from '@links/core';
import { loadMakeApp, renderConnectionRequest, runModule } from '@links/make/iml';
import { SEED } from '@links/sandbox';
import { cellsFor, CREATE_ROUTE, type FaultCell } from '../../src/fault-cells.js';
import {
  apiMessage,
  connect,
  delayNote,
  expectNoDuplicates,
  inputLinkKeys,
  MAKE_SEES,
  makeError,
  makeParameters,
  MODULE,
  refresh,
  readComponents,
  RERUN_BY_MAKE,
  runRead,
  type Seen,
  storedLinkKeys,
  timedFetch,
} from '../make-support.js';
import { CREDENTIALS, INPUTS, PROVIDERS, requestsTo, SECRETS, useSandbox } from '../support.js';

const ctx = useSandbox();
/** Stands in for Make's own request time limit; the hang cell waits this long. */
const TIMEOUT_MS = 1000;
const options = { fetch: timedFetch(TIMEOUT_MS) };

/** A first, different link per API, so that the faulted input's link can be counted on its own. */
const OT = SEED.onetrust;
const TR = SEED.yandexTracker.entities;
const WARM_UP: Record<ProviderId, Record<string, unknown>> = {
  onetrust: { linkTypeId: OT.linkTypes.related.id, entity1Type: 'vendors', entity1Id: OT.entities.northwindVendor.id, entity2Type: 'aiagents', entity2Id: OT.entities.refundAgent.id },
  'yandex-tracker': { entityType: 'goal', entityId: TR.reduceChurn.id, links: [{ relationship: 'parent entity', entity: TR.launchEu.id }] },
  devrev: { source: 'ISS-3', linkType: 'is_related_to', target: 'TKT-2' },
};

describe.each(PROVIDERS)('Make app, %s', (provider) => {
  const app = loadMakeApp(provider);
  const input = INPUTS[provider] as Record<string, unknown>;
  const parameters = () => makeParameters(provider, input);
  const connectionParameters = () => ({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
  /** How many links of the faulted input the sandbox holds. */
  const storedOfInput = () => {
    const wanted = new Set(inputLinkKeys(provider, input));
    return storedLinkKeys(ctx.sandbox, provider).filter((key) => wanted.has(key)).length;
  };

  it('every cell of the matrix has an expectation', () => {
    expect(cellsFor(provider).map((cell) => cell.name).filter((name) => !(name in MAKE_SEES))).toEqual([]);
  });

  it.each(cellsFor(provider).map((cell) => [cell.name, cell] as const))('%s', async (name, cell: FaultCell) => {
    const seen = MAKE_SEES[name]!;
    const made = await connect(app, connectionParameters(), options);
    // Make's refresh step before the module: the token was just issued, so nothing is sent.
    expect((await refresh(app, connectionParameters(), made, options)).refreshed).toBe(false);
    const warm = await runModule(app, MODULE, makeParameters(provider, WARM_UP[provider]), made.connection, options);
    expect(warm.result.ok).toBe(true);
    const sentBefore = requestsTo(ctx.sandbox, CREATE_ROUTE[provider]);
    const unmatchedBefore = ctx.sandbox.state.snapshot().requests.unmatched;
    await cell.arrange(ctx.sandbox, provider);

    const outcome = await runModule(app, MODULE, parameters(), made.connection, options).then(
      (run) => ({ run }),
      (thrown: Error) => ({ thrown }),
    );
    // One request per module run: the evaluator, like Make, never sends again on its own.
    expect(requestsTo(ctx.sandbox, CREATE_ROUTE[provider]) - sentBefore).toBe(1);
    expect(ctx.sandbox.state.snapshot().requests.unmatched).toBe(unmatchedBefore);

    if ('thrown' in seen) {
      // No response: Make reports a ConnectionError (the evaluator throws what fetch throws). Nothing was stored.
      expect(outcome).toHaveProperty('thrown');
      const thrown = (outcome as { thrown: Error & { cause?: { code?: string } } }).thrown;
      if (seen.thrown === 'reset') {
        expect(thrown.name).toBe('TypeError'); // fetch's own realm: instanceof does not hold under Jest
        expect(thrown.message).toBe('fetch failed');
        expect(thrown.cause?.code).toBe('UND_ERR_SOCKET');
      } else {
        expect(thrown.name).toBe('TimeoutError');
      }
      expect(ctx.sandbox.state.snapshot().requestLog.at(-1)?.outcome).toBe(seen.thrown === 'reset' ? 'reset' : 'hang');
      expect(storedOfInput()).toBe(0);
    } else {
      expect(outcome).toHaveProperty('run');
      const { run } = outcome as { run: Awaited<ReturnType<typeof runModule>> };
      expect(run.response.status).toBe(seen.status);
      const error = makeError(run);
      expect(error.type).toBe(seen.type);
      expect(RERUN_BY_MAKE.has(error.type)).toBe(seen.rerunByMake);
      // Make re-runs by itself only what the server refused: exactly what core sends again by itself.
      expect(seen.rerunByMake).toBe(cell.refused && seen.status !== 401);
      // `[<status>] <the API's own message>`, and for 429 and 503 the delay the API asked for, as it sent it.
      expect(error.message).toBe(`[${seen.status}] ${apiMessage(provider, run.response)}${delayNote(provider, run.response)}`);
      for (const secret of [...SECRETS, String(made.data.accessToken)]) expect(error.message).not.toContain(secret);
      expect(storedOfInput()).toBe(cell.storedWithoutRetry);

      if (seen.status === 429 || seen.status === 503) {
        // The API said when to come back: Make's error directive has no field for it, so the message carries it.
        const retryAfter = run.response.headers['retry-after'];
        if (name.includes('body only')) {
          expect(retryAfter).toBeUndefined();
          expect(run.response.body).toMatchObject({ retry_after: 1 });
          expect(error.message).toMatch(/ \(retry after: 1\)$/);
        } else if (name.includes('date')) {
          expect(Date.parse(retryAfter!)).not.toBeNaN();
          expect(error.message.endsWith(` (retry after: ${retryAfter})`)).toBe(true);
        } else {
          expect(retryAfter).toBe('1');
          expect(error.message).toMatch(/ \(retry after: 1\)$/);
        }
      }

      if (seen.status === 401) {
        // Revoked before the saved expiry: the refresh step reads only that expiry, an hour away, so Make sends the
        // revoked token again and gets the same error (core's client fetches a new token once on 401).
        expect(renderConnectionRequest(app, connectionParameters(), made.data, new Date(), 'refresh')).toBeNull();
        const notDue = await refresh(app, connectionParameters(), made, options);
        expect(notDue.refreshed).toBe(false);
        const again = await runModule(app, MODULE, parameters(), notDue.connection, options);
        expect(makeError(again).type).toBe('InvalidAccessTokenError');
        // Once Make's clock is within 15 minutes of the saved expiry, the refresh step fetches a new token.
        const later = new Date(new Date(made.data.expires as Date).getTime() - 14 * 60_000);
        const refreshed = await refresh(app, connectionParameters(), made, { ...options, now: later });
        expect(refreshed.refreshed).toBe(true);
        expect(refreshed.data.accessToken).not.toBe(made.data.accessToken);
        const retried = await runModule(app, MODULE, parameters(), refreshed.connection, options);
        expect(retried.result.ok).toBe(true);
        expect(storedOfInput()).toBe(1);
      } else if (cell.refused) {
        // Refused, so running it again is safe: Make's own re-run (RateLimitError, ConnectionError) stores it once.
        const retried = await runModule(app, MODULE, parameters(), made.connection, options);
        expect(retried.result.ok).toBe(true);
        expect(storedOfInput()).toBe(1);
      }
    }

    expectNoDuplicates(storedLinkKeys(ctx.sandbox, provider));
    expect(ctx.unhandled).toEqual([]);
  });
});

/**
 * The read components beyond the create (every RPC, Search Links Between Two Records, Make an API Call) under
 * the faults a read can meet: the fault is set on the route the component's request goes to (found by a clean
 * run first), and the Make error is the Base's mapping of it, the API's own message and delay, no secret; a
 * refused read is safe to send again, so a 429 or 503 is one of the types Make re-runs by itself.
 */
const READ_FAULTS: { name: string; spec: Record<string, unknown>; seen: Seen }[] = [
  { name: '429 with Retry-After in seconds', spec: { status: 429, retryAfter: 1 }, seen: { status: 429, type: 'RateLimitError', rerunByMake: true } },
  { name: '503', spec: { status: 503, retryAfter: 1 }, seen: { status: 503, type: 'ConnectionError', rerunByMake: true } },
  { name: '500', spec: { status: 500 }, seen: { status: 500, type: 'RuntimeError', rerunByMake: false } },
  { name: 'connection reset before a response', spec: { reset: true }, seen: { thrown: 'reset' } },
];

describe.each(PROVIDERS)('Make app, %s: reads under faults', (provider) => {
  const app = loadMakeApp(provider);
  const connectionParameters = () => ({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
  const cases = readComponents(app, provider).flatMap((read) => READ_FAULTS.map((fault) => [`${read.id}: ${fault.name}`, read, fault] as const));

  it.each(cases)('%s', async (_name, read, fault) => {
    const made = await connect(app, connectionParameters(), options);
    const logged = ctx.sandbox.state.snapshot().requestLog.length;
    const clean = await runRead(app, read, made.connection, options);
    if (!clean.result.ok) throw new Error(`${read.id} failed without a fault: ${clean.result.error.message}`);
    const route = ctx.sandbox.state.snapshot().requestLog[logged]!.route!;
    expect(route).not.toBeNull();

    ctx.sandbox.state.addFaults({ route, ...fault.spec } as never);
    const sentBefore = requestsTo(ctx.sandbox, route);
    const outcome = await runRead(app, read, made.connection, options).then(
      (run) => ({ run }),
      (thrown: Error) => ({ thrown }),
    );
    // The faulted request is the first; nothing is sent again by the app itself.
    expect(requestsTo(ctx.sandbox, route) - sentBefore).toBe(1);
    if ('thrown' in fault.seen) {
      expect(outcome).toHaveProperty('thrown');
      expect((outcome as { thrown: Error }).thrown.message).toBe('fetch failed');
    } else {
      const { run } = outcome as { run: Awaited<ReturnType<typeof runRead>> };
      const response = run.runs[0]!.response;
      expect(response.status).toBe(fault.seen.status);
      if (run.result.ok) throw new Error('a fault read as a success');
      expect(run.result.error.type).toBe(fault.seen.type);
      expect(RERUN_BY_MAKE.has(run.result.error.type)).toBe(fault.seen.rerunByMake);
      expect(run.result.error.message).toBe(`[${fault.seen.status}] ${apiMessage(provider, response)}${delayNote(provider, response)}`);
      for (const secret of [...SECRETS, String(made.data.accessToken)]) expect(run.result.error.message).not.toContain(secret);
      // Refused, so sending it again is safe: the same read now succeeds.
      const again = await runRead(app, read, made.connection, options);
      expect(again.result.ok).toBe(true);
    }
    expect(ctx.unhandled).toEqual([]);
  });
});
