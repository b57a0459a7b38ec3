import { isLinksError, type LinksError } from '@links/core';
import { createLinksClient, type LinksClientOptions } from '@links/core/http';
import { SANDBOX_LINK_CREDENTIALS, SANDBOX_LINK_INPUTS, type Sandbox, startSandbox } from '@links/sandbox';

/** Starts one sandbox for a test file; resets it before each test. */
export function useSandbox(): { readonly sandbox: Sandbox } {
  const holder = {} as { sandbox: Sandbox };
  beforeAll(async () => {
    holder.sandbox = await startSandbox();
  });
  beforeEach(() => holder.sandbox.state.reset());
  afterAll(() => holder.sandbox.close());
  return holder;
}

export const credentials = SANDBOX_LINK_CREDENTIALS;

/** A valid input per provider, against the sandbox's seed. */
export const inputs = SANDBOX_LINK_INPUTS;

export type ProviderKey = keyof typeof inputs;
export const PROVIDERS: ProviderKey[] = ['onetrust', 'yandex-tracker', 'devrev'];
export const CREATE_ROUTE = { onetrust: 'onetrust.create', 'yandex-tracker': 'tracker.create', devrev: 'devrev.create' } as const;
export const STORE = { onetrust: 'onetrust', 'yandex-tracker': 'yandexTracker', devrev: 'devrev' } as const;

/** A client on the sandbox that records its waits instead of sleeping. */
export function sandboxClient(sandbox: Sandbox, provider: ProviderKey, options: Partial<LinksClientOptions> = {}) {
  const waits: number[] = [];
  const client = createLinksClient(provider, {
    baseUrl: sandbox.url,
    credentials: { ...credentials[provider] },
    timeoutMs: 2000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { client, waits };
}

export function stored(sandbox: Sandbox, provider: ProviderKey): number {
  return sandbox.state.snapshot().links[STORE[provider]].length;
}

export function sent(sandbox: Sandbox, route: string): number {
  return (sandbox.state.snapshot().requests.byRoute as Record<string, number>)[route] ?? 0;
}

/** The LinksError a call fails with (anything else, or success, fails the test). */
export async function failure(promise: Promise<unknown>): Promise<LinksError> {
  try {
    await promise;
  } catch (error) {
    if (isLinksError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
