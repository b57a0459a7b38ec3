import { sendInBulk } from '../bulk.js';
import { sendCreateLink } from '../create-link.js';
import type { Account, Provider } from '../provider.js';
import { providers } from '../providers/index.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, sendWithRetries } from '../retry.js';
import { redactError, secretValues } from '../secrets.js';
import { sendOrThrow, withHeaders } from '../send.js';
import type { HttpRequest, LinkResult, ProviderId, Transport } from '../types.js';
import { resolveBaseUrl } from '../url.js';
import type { CheckedInput } from '../validation.js';
import { createKyTransport } from './ky-transport.js';
import { TokenCache } from './token-cache.js';

/** Overrides of `DEFAULT_RETRY_POLICY` (limit 2, maxDelayMs 60 s, backoffMs 1 s). */
export type RetryOptions = Partial<RetryPolicy>;

export interface LinksClientOptions {
  /** Credentials as the provider's credential fields describe them; checked when the client is made. */
  credentials: Record<string, unknown>;
  /** Base URL override (sandbox, proxy). Default: the real service. */
  baseUrl?: string | null;
  /** Milliseconds to wait for each response. Default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Requests in flight at once in `createLinks`. Default 4. */
  concurrency?: number;
  /** The `fetch` the default ky transport sends with. */
  fetch?: typeof fetch;
  /** Replaces the ky transport entirely (a platform's own request helper). */
  transport?: Transport;
  /** For tests: how to wait, and what time it is. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface LinksClient {
  readonly provider: Provider<any, any>;
  readonly baseUrl: string;
  /** Validates, sends, and returns one result per created link. */
  createLink(input: unknown): Promise<LinkResult[]>;
  /**
   * Creates many links with bounded concurrency. Each input gets its own result or error, in input
   * order; Yandex Tracker inputs that start from the same entity share one array request.
   */
  createLinks(inputs: readonly unknown[]): Promise<PromiseSettledResult<LinkResult[]>[]>;
  /** Proves the credentials work: the token exchange, or the API's "who am I" request. */
  testCredentials(): Promise<void>;
  /** Proves the credentials work and says who they belong to (the label a platform shows for a connection). */
  whoAmI(): Promise<Account>;
}

export function createLinksClient(providerOrId: ProviderId | Provider<any, any>, options: LinksClientOptions): LinksClient {
  const provider: Provider<any, any> = typeof providerOrId === 'string' ? providers[providerOrId] : providerOrId;
  const credentials = provider.validateCredentials(options.credentials);
  const secrets = secretValues(credentials, provider.credentialFields.filter((f) => f.secret).map((f) => f.key));
  const baseUrl = resolveBaseUrl(provider, credentials, options.baseUrl);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const transport = options.transport ?? createKyTransport({ provider: provider.id, timeoutMs, fetch: options.fetch });
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;

  const send = (request: HttpRequest) => sendWithRetries(provider, () => transport(request), { policy: retry, sleep, now });

  const tokens =
    provider.auth.type === 'client-credentials'
      ? new TokenCache(async () => {
          const auth = provider.auth as Extract<Provider['auth'], { type: 'client-credentials' }>;
          return auth.parseTokenResponse(await sendOrThrow(provider, auth.buildTokenRequest(credentials, baseUrl), { transport: send, now }));
        }, now)
      : null;

  /** A transport that adds authentication, and on a 401 fetches a new token and sends once more. */
  const authenticated: Transport = async (request) => {
    if (provider.auth.type === 'headers') return send(withHeaders(request, provider.auth.headers(credentials)));
    const token = await tokens!.get();
    const response = await send(withHeaders(request, provider.auth.headers(token)));
    if (response.status !== 401) return response;
    // A 401 means the request was refused, so sending it again with a fresh token is safe.
    tokens!.invalidate(token);
    return send(withHeaders(request, provider.auth.headers(await tokens!.get())));
  };

  async function createValidated(input: CheckedInput): Promise<LinkResult[]> {
    try {
      return await sendCreateLink(provider, input, { transport: authenticated, baseUrl });
    } catch (error) {
      throw redactError(error, secrets);
    }
  }

  async function whoAmI(): Promise<Account> {
    try {
      if (tokens) {
        await tokens.get();
        return provider.describeAccount(undefined, credentials);
      }
      const response = await sendOrThrow(provider, provider.buildCredentialTestRequest!(baseUrl), { transport: authenticated, now });
      return provider.describeAccount(response.body, credentials);
    } catch (error) {
      throw redactError(error, secrets);
    }
  }

  return {
    provider,
    baseUrl,
    createLink: async (input) => createValidated(provider.validateInput(input)),

    createLinks: (inputs) =>
      sendInBulk(inputs, {
        validate: (input) => provider.validateInput(input),
        send: createValidated,
        batching: provider.batching,
        concurrency: options.concurrency ?? 4,
      }),

    async testCredentials() {
      await whoAmI();
    },

    whoAmI,
  };
}
