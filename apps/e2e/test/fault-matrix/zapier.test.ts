// Fault matrix, Zapier surface: the deployable integrations (apps/<api>/index.js) run by Zapier's app tester.
// Zapier owns the retry: the assertion is that the right signal reaches it (ThrottledError with the API's delay,
// RefreshAuthError for an expired OneTrust session) and that its retry then stores the link exactly once.
import { createAppTester, loadDeployableApp } from '@links/zapier/deployable';
import { cellsFor, CREATE_ROUTE } from '../../src/fault-cells.js';
import { CREDENTIALS, INPUTS, PROVIDERS, requestsTo, SECRETS, storedLinks, useSandbox } from '../support.js';

const ctx = useSandbox();
process.env.LINKS_TIMEOUT_MS = '1000'; // what `zapier env:set` would set: a hung request fails after 1 s

describe.each(PROVIDERS)('Zapier, %s', (provider) => {
  const app = loadDeployableApp(provider);
  const tester = createAppTester(app);
  const perform = app.creates.create_link.operation.perform;
  const connect = async () => {
    const authData: Record<string, string> = { ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url };
    const session = app.authentication.sessionConfig;
    return session ? { ...authData, ...(await tester(session.perform, { authData })) } : authData;
  };

  it.each(cellsFor(provider).map((cell) => [cell.name, cell] as const))('%s', async (_name, cell) => {
    let authData = await connect();
    await tester(perform, { authData, inputData: INPUTS[provider] }); // warm-up: one stored link
    const sentBefore = requestsTo(ctx.sandbox, CREATE_ROUTE[provider]);
    await cell.arrange(ctx.sandbox, provider);

    const error = await tester(perform, { authData, inputData: INPUTS[provider] }).then(
      () => null,
      (e: Error) => e,
    );
    const sent = requestsTo(ctx.sandbox, CREATE_ROUTE[provider]) - sentBefore;
    expect(error).not.toBeNull();
    for (const secret of SECRETS) expect(`${error!.message} ${JSON.stringify(error)}`).not.toContain(secret);
    expect(sent).toBe(1);

    if (cell.refused) {
      if (cell.name.startsWith('429')) {
        // Zapier's ThrottledError carries its message and delay (seconds) as JSON in the message.
        expect(error).toMatchObject({ name: 'ThrottledError' });
        const { delay } = JSON.parse(error!.message) as { delay?: number };
        expect(delay).toBeGreaterThanOrEqual(cell.name.includes('date') ? 0 : 1);
      } else if (cell.name === '503') {
        expect(error!.name).toBe('ThrottledError'); // refused: safe for Zapier to run the step again later
      } else {
        expect(error!.name).toBe('RefreshAuthError');
        authData = await connect(); // what Zapier does on RefreshAuthError: a new session
      }
      expect(storedLinks(ctx.sandbox, provider) - 1).toBe(0);
      await tester(perform, { authData, inputData: INPUTS[provider] }); // Zapier's retry of the step
      expect(storedLinks(ctx.sandbox, provider) - 1).toBe(1);
    } else {
      expect(error!.message).toMatch(/may or may not|HTTP 500|No response within/);
      expect(storedLinks(ctx.sandbox, provider) - 1).toBe(cell.storedWithoutRetry);
    }
    expect(ctx.unhandled).toEqual([]);
  });
});
