import { SANDBOX_CREDENTIALS as C, SANDBOX_LINK_CREDENTIALS, SANDBOX_LINK_INPUTS, type Sandbox, startSandbox } from '@links/sandbox';
import type { ProviderKey } from '../src/fault-cells.js';

/** Starts one sandbox for a test file, reset before each test; records unhandled rejections. */
export function useSandbox(): { readonly sandbox: Sandbox; readonly unhandled: unknown[] } {
  const holder = { unhandled: [] as unknown[] } as { sandbox: Sandbox; unhandled: unknown[] };
  const record = (reason: unknown) => holder.unhandled.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', record);
    holder.sandbox = await startSandbox();
  });
  beforeEach(() => holder.sandbox.state.reset());
  afterAll(async () => {
    process.off('unhandledRejection', record);
    await holder.sandbox.close();
  });
  return holder;
}

/** The sandbox's credentials per provider, as core's credential fields name them. */
export const CREDENTIALS = SANDBOX_LINK_CREDENTIALS;

/** The secrets a surface must never show. */
export const SECRETS = [C.onetrust.clientSecret, C.yandexTracker.oauthToken, C.yandexTracker.iamToken, C.devrev.token];

/** A valid input per provider, as core's fields name them. */
export const INPUTS = SANDBOX_LINK_INPUTS;

export const PROVIDERS: ProviderKey[] = ['onetrust', 'yandex-tracker', 'devrev'];
const STORE = { onetrust: 'onetrust', 'yandex-tracker': 'yandexTracker', devrev: 'devrev' } as const;

export function storedLinks(sandbox: Sandbox, provider: ProviderKey): number {
  return sandbox.state.snapshot().links[STORE[provider]].length;
}

export function requestsTo(sandbox: Sandbox, route: string): number {
  return (sandbox.state.snapshot().requests.byRoute as Record<string, number>)[route] ?? 0;
}
