// Fault matrix, Make surface: each module's request rendered from the committed IML (@links/make/iml), sent to
// the sandbox, and mapped by the app's own response/error directives. Make owns the retry (its error handlers
// act on RateLimitError / ConnectionError): the assertion is that the right Make error type comes out and
// that nothing is sent twice.
import { moduleParameters, runConnection, runModule, loadMakeApp } from '@links/make/iml';
import { providers } from '@links/core';
import { cellsFor, CREATE_ROUTE } from '../../src/fault-cells.js';
import { CREDENTIALS, INPUTS, PROVIDERS, requestsTo, SECRETS, storedLinks, useSandbox } from '../support.js';

const ctx = useSandbox();
const MODULE = 'createLink';
/** Make drops a request that does not answer in time; here 1 s stands in for Make's own limit. */
const timedFetch: typeof fetch = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(1000) });

describe.each(PROVIDERS)('Make, %s', (provider) => {
  const app = loadMakeApp(provider);
  const parameters = () => moduleParameters(providers[provider].fields, INPUTS[provider] as Record<string, unknown>);
  const connect = async () => (await runConnection(app, { ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url }, {}, { fetch: timedFetch })).connection;

  it.each(cellsFor(provider).map((cell) => [cell.name, cell] as const))('%s', async (_name, cell) => {
    let connection = await connect();
    const warm = await runModule(app, MODULE, parameters(), connection, { fetch: timedFetch });
    expect(warm.result.ok).toBe(true);
    const sentBefore = requestsTo(ctx.sandbox, CREATE_ROUTE[provider]);
    await cell.arrange(ctx.sandbox, provider);

    const outcome = await runModule(app, MODULE, parameters(), connection, { fetch: timedFetch }).then(
      (run) => ({ run }),
      (thrown: Error) => ({ thrown }),
    );
    const sent = requestsTo(ctx.sandbox, CREATE_ROUTE[provider]) - sentBefore;
    expect(sent).toBe(1);
    const added = () => storedLinks(ctx.sandbox, provider) - 1;

    if ('thrown' in outcome) {
      // No response: Make raises a ConnectionError; the link may or may not exist, nothing was re-sent.
      expect(['connection reset before a response', 'hang past the timeout']).toContain(cell.name);
      expect(added()).toBe(0);
      return;
    }
    const { result } = outcome.run;
    expect(result.ok).toBe(false);
    const error = (result as { error: { type: string; message: string } }).error;
    for (const secret of SECRETS) expect(error.message).not.toContain(secret);
    if (cell.name.startsWith('429')) expect(error.type).toBe('RateLimitError');
    else if (cell.name.startsWith('401')) expect(error.type).toBe('InvalidAccessTokenError');
    else expect(error.type).toBe('RuntimeError'); // 503 and 500
    expect(added()).toBe(cell.storedWithoutRetry);

    if (cell.refused) {
      // Make's retry (after reauthorizing the connection for a rejected token) stores the link exactly once.
      if (cell.name.startsWith('401')) connection = await connect();
      const retried = await runModule(app, MODULE, parameters(), connection, { fetch: timedFetch });
      expect(retried.result.ok).toBe(true);
      expect(added()).toBe(1);
    }
    expect(ctx.unhandled).toEqual([]);
  });
});
