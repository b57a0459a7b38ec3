// Fault matrix, core client surface: each cell asserts what the caller sees and that every link is stored once.
import { isLinksError } from '@links/core';
import { createLinksClient } from '@links/core/http';
import { cellsFor, CREATE_ROUTE } from '../../src/fault-cells.js';
import { CREDENTIALS, INPUTS, PROVIDERS, requestsTo, SECRETS, storedLinks, useSandbox } from '../support.js';

const ctx = useSandbox();

describe.each(PROVIDERS)('core client, %s', (provider) => {
  it.each(cellsFor(provider).map((cell) => [cell.name, cell] as const))('%s', async (_name, cell) => {
    const waits: number[] = [];
    const client = createLinksClient(provider, {
      baseUrl: ctx.sandbox.url,
      credentials: { ...CREDENTIALS[provider] },
      timeoutMs: 1000,
      sleep: async (ms) => void waits.push(ms),
    });
    await client.createLink(INPUTS[provider]); // warm-up: a cached OneTrust token, one stored link
    const sentBefore = requestsTo(ctx.sandbox, CREATE_ROUTE[provider]);
    await cell.arrange(ctx.sandbox, provider);

    const outcome = await client.createLink(INPUTS[provider]).then(
      (links) => ({ links }),
      (error: unknown) => ({ error }),
    );
    const added = storedLinks(ctx.sandbox, provider) - 1;
    const sent = requestsTo(ctx.sandbox, CREATE_ROUTE[provider]) - sentBefore;

    if (cell.refused) {
      // The server refused the request: the client waits as told, sends again, and the link exists once.
      expect(outcome).toHaveProperty('links');
      expect(added).toBe(1);
      expect(sent).toBe(2);
      if (cell.name.startsWith('429')) expect(waits[0]).toBeGreaterThanOrEqual(cell.name.includes('date') ? 0 : 1000);
    } else {
      // The outcome is unknown: no second POST, a clear error, and whatever the server stored stays single.
      expect(outcome).toHaveProperty('error');
      const error = (outcome as { error: unknown }).error;
      expect(isLinksError(error) && error.isRetryable).toBe(false);
      expect(isLinksError(error) && error.message).toMatch(/may or may not have been created|HTTP 500/);
      for (const secret of SECRETS) expect(JSON.stringify({ ...(error as object), m: String(error) })).not.toContain(secret);
      expect(sent).toBe(1);
      expect(added).toBe(cell.storedWithoutRetry);
    }
    expect(ctx.unhandled).toEqual([]);
  });
});
