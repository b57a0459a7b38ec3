// Fault matrix, core client surface: each cell asserts what the caller sees and that every link is stored once.
import { isLinksError } from '@links/core';
import { createLinksClient } from '@links/core/http';
import type { Sandbox } from '@links/sandbox';
import { cellsFor, CREATE_ROUTE, type ProviderKey } from '../../src/fault-cells.js';
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

// The same cells on the lifecycle routes: list, get, delete, and a create with "skip" whose list meets the fault.
type Op = 'list' | 'get' | 'delete';
const API = { onetrust: 'onetrust', 'yandex-tracker': 'tracker', devrev: 'devrev' } as const;
// A Tracker link has no id: its get reads the entity's links.
const routeOf = (provider: ProviderKey, op: Op) => `${API[provider]}.${provider === 'yandex-tracker' && op === 'get' ? 'list' : op}`;

/** The sandbox as a cell sees it, with its faults sent to another route. */
function onRoute(sandbox: Sandbox, route: string): Sandbox {
  const state = new Proxy(sandbox.state, {
    get(target, key, receiver) {
      if (key === 'addFaults') return (spec: { route: string }) => target.addFaults({ ...spec, route } as never);
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...sandbox, state } as Sandbox;
}

const LIST = {
  devrev: { object: 'ISS-1', direction: 'is_source' },
  'yandex-tracker': { entityType: 'project', entityId: INPUTS['yandex-tracker'].entityId },
  onetrust: { entityType: 'aisystems', entityId: INPUTS.onetrust.entity1Id },
} as const;

async function drain(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe.each(PROVIDERS)('core client lifecycle, %s', (provider) => {
  const client = () =>
    createLinksClient(provider, { baseUrl: ctx.sandbox.url, credentials: { ...CREDENTIALS[provider] }, timeoutMs: 1000, sleep: async () => undefined });

  describe.each(['list', 'get', 'delete'] as const)('%s', (op) => {
    it.each(cellsFor(provider).map((cell) => [cell.name, cell] as const))('%s', async (_name, cell) => {
      const links = client();
      const [link] = await links.createLink(INPUTS[provider]); // also a cached OneTrust token
      const route = routeOf(provider, op);
      const sentBefore = requestsTo(ctx.sandbox, route);
      await cell.arrange(onRoute(ctx.sandbox, route), provider);
      const run = { list: () => drain(links.listLinks(LIST[provider])), get: () => links.getLink(link!.ref), delete: () => links.deleteLink(link!.ref) }[op];
      const outcome = await run().then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      const sent = requestsTo(ctx.sandbox, route) - sentBefore;

      if (cell.refused) {
        // Refused: sent again once, and it worked.
        expect(outcome).toHaveProperty('value');
        expect(sent).toBe(2);
        if (op === 'delete') expect(storedLinks(ctx.sandbox, provider)).toBe(0);
      } else {
        // Unknown outcome: no second request, a clear error that tells what the request did.
        expect(outcome).toHaveProperty('error');
        const error = (outcome as { error: unknown }).error;
        expect(isLinksError(error) && error.isRetryable).toBe(false);
        const message = isLinksError(error) ? error.message : '';
        if (op === 'delete') expect(message).toMatch(/may or may not have been deleted|HTTP 500/);
        else expect(message).not.toContain('created');
        for (const secret of SECRETS) expect(JSON.stringify({ ...(error as object), m: String(error) })).not.toContain(secret);
        expect(sent).toBe(1);
        // "Stored, then 500" on a delete: the link is gone although the caller got an error; a re-run with missingOk says so.
        if (op === 'delete' && cell.storedWithoutRetry === 1) {
          expect(storedLinks(ctx.sandbox, provider)).toBe(0);
          await expect(links.deleteLink(link!.ref, { missingOk: true })).resolves.toMatchObject({ deleted: false });
        }
      }
      expect(ctx.unhandled).toEqual([]);
    });
  });

  describe('create with skip, the fault on its list', () => {
    it.each(cellsFor(provider).map((cell) => [cell.name, cell] as const))('%s', async (_name, cell) => {
      const links = client();
      await links.whoAmI(); // a cached OneTrust token
      await cell.arrange(onRoute(ctx.sandbox, routeOf(provider, 'list')), provider);
      const outcome = await links.createLink(INPUTS[provider], { ifExists: 'skip' }).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      if (cell.refused) {
        expect(outcome).toMatchObject({ value: [{ created: true }] });
        expect(storedLinks(ctx.sandbox, provider)).toBe(1);
      } else {
        // The list failed: nothing was created, and the error does not say a link may have been.
        expect(outcome).toHaveProperty('error');
        expect(requestsTo(ctx.sandbox, CREATE_ROUTE[provider])).toBe(0);
        expect(storedLinks(ctx.sandbox, provider)).toBe(0);
        expect(String((outcome as { error: Error }).error.message)).not.toContain('may or may not have been created');
      }
    });
  });
});

// The same cells on the pickers' searches.
const SEARCH = {
  devrev: { route: 'devrev.worksList', source: 'devrev.works', query: {} },
  'yandex-tracker': { route: 'tracker.search', source: 'yandex-tracker.entities', query: { params: { entityType: 'project' } } },
  onetrust: { route: 'onetrust.entitiesSearch', source: 'onetrust.entities', query: { params: { entityType: 'models' } } },
} as const;

describe.each(PROVIDERS)('core client pickers, %s', (provider) => {
  it.each(cellsFor(provider).map((cell) => [cell.name, cell] as const))('%s', async (_name, cell) => {
    const links = createLinksClient(provider, { baseUrl: ctx.sandbox.url, credentials: { ...CREDENTIALS[provider] }, timeoutMs: 1000, sleep: async () => undefined });
    await links.whoAmI(); // a cached OneTrust token
    const { route, source, query } = SEARCH[provider];
    await cell.arrange(onRoute(ctx.sandbox, route), provider);
    const outcome = await links.searchOptions(source, query).then(
      (page) => ({ page }),
      (error: unknown) => ({ error }),
    );
    const sent = requestsTo(ctx.sandbox, route);
    if (cell.refused) {
      expect(outcome).toMatchObject({ page: { options: expect.any(Array) } });
      expect((outcome as { page: { options: unknown[] } }).page.options.length).toBeGreaterThan(0);
      expect(sent).toBe(2);
    } else {
      expect(outcome).toHaveProperty('error');
      const error = (outcome as { error: unknown }).error;
      expect(isLinksError(error) && error.isRetryable).toBe(false);
      expect(isLinksError(error) ? error.message : '').not.toContain('created');
      for (const secret of SECRETS) expect(JSON.stringify({ ...(error as object), m: String(error) })).not.toContain(secret);
      expect(sent).toBe(1);
    }
    expect(ctx.unhandled).toEqual([]);
  });
});
