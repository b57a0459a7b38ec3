import { isApiCallError, isLinksError, type LinksError, NetworkError } from '../errors/index.js';
import { sendCreateLink, withHeaders } from '../create-link.js';
import { isSuccess, parseErrorResponse, type Provider, resolveBaseUrl } from '../provider.js';
import { providers } from '../providers/index.js';
import { redactError, secretValues } from '../secrets.js';
import type { HttpRequest, HttpResponse, LinkResult, ProviderId, Transport } from '../types.js';
import type { CheckedInput } from '../validation.js';
import { settleWithLimit } from './concurrency.js';
import { createKyTransport } from './ky-transport.js';
import { TokenCache } from './token-cache.js';

export interface RetryOptions {
  /** Re-sends after a refusal (429, 503, connection refused). Default 2. */
  limit?: number;
  /** The longest wait the client accepts; a longer `Retry-After` is thrown to the caller. Default 60 s. */
  maxDelayMs?: number;
  /** First backoff when the server gave no delay, doubled each time. Default 1 s. */
  backoffMs?: number;
}

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
}

export function createLinksClient(providerOrId: ProviderId | Provider<any, any>, options: LinksClientOptions): LinksClient {
  const provider: Provider<any, any> = typeof providerOrId === 'string' ? providers[providerOrId] : providerOrId;
  const credentials = provider.validateCredentials(options.credentials);
  const secrets = secretValues(credentials, provider.credentialFields.filter((f) => f.secret).map((f) => f.key));
  const baseUrl = resolveBaseUrl(provider, credentials, options.baseUrl);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const transport = options.transport ?? createKyTransport({ provider: provider.id, timeoutMs, fetch: options.fetch });
  const retry = { limit: 2, maxDelayMs: 60_000, backoffMs: 1000, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;

  /** One request, re-sent only when the server refused it; never a second time once it may have landed. */
  async function send(request: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse | undefined;
      let error: LinksError;
      try {
        response = await transport(request);
        if (!isRefusal(response.status)) return response;
        error = parseErrorResponse(provider, response, now());
      } catch (thrown) {
        error = isLinksError(thrown)
          ? thrown
          : new NetworkError(provider.id, 'The request failed without a response; the link may or may not have been created', { requestSent: true, cause: thrown });
      }
      const delayMs = retryDelayMs(error, attempt);
      if (!error.isRetryable || attempt >= retry.limit || delayMs > retry.maxDelayMs) {
        if (response) return response;
        throw error;
      }
      await sleep(delayMs);
    }
  }

  function retryDelayMs(error: LinksError, attempt: number): number {
    const retryAfter = isApiCallError(error) ? error.retryAfter : null;
    return retryAfter !== null ? retryAfter * 1000 : retry.backoffMs * 2 ** attempt;
  }

  const tokens =
    provider.auth.type === 'client-credentials'
      ? new TokenCache(async () => {
          const auth = provider.auth as Extract<Provider['auth'], { type: 'client-credentials' }>;
          const response = await send(auth.buildTokenRequest(credentials, baseUrl));
          if (!isSuccess(response)) throw parseErrorResponse(provider, response, now());
          return auth.parseTokenResponse(response);
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

  return {
    provider,
    baseUrl,
    createLink: async (input) => createValidated(provider.validateInput(input)),

    async createLinks(inputs) {
      const results: PromiseSettledResult<LinkResult[]>[] = new Array(inputs.length);
      const valid: { index: number; input: CheckedInput }[] = [];
      inputs.forEach((input, index) => {
        try {
          valid.push({ index, input: provider.validateInput(input) });
        } catch (reason) {
          results[index] = { status: 'rejected', reason };
        }
      });
      const groups = groupForBatching(provider, valid);
      const settled = await settleWithLimit(
        groups.map((group) => () => createValidated(group.length === 1 ? group[0]!.input : provider.batching!.merge(group.map((g) => g.input)))),
        options.concurrency ?? 4,
      );
      settled.forEach((outcome, g) => {
        let offset = 0;
        for (const { index, input } of groups[g]!) {
          const size = provider.batching?.size(input) ?? 1;
          results[index] =
            outcome.status === 'fulfilled' ? { status: 'fulfilled', value: outcome.value.slice(offset, offset + size) } : outcome;
          offset += size;
        }
      });
      return results;
    },

    async testCredentials() {
      try {
        if (tokens) {
          await tokens.get();
          return;
        }
        const response = await authenticated(provider.buildCredentialTestRequest!(baseUrl));
        if (!isSuccess(response)) throw parseErrorResponse(provider, response, now());
      } catch (error) {
        throw redactError(error, secrets);
      }
    },
  };
}

/** The server refused the request without acting on it: a later attempt cannot create a duplicate. */
function isRefusal(status: number): boolean {
  return status === 429 || status === 503;
}

/** Groups inputs that can share a request, keeping first-seen order and the provider's size cap. */
function groupForBatching(provider: Provider<any, any>, valid: { index: number; input: CheckedInput }[]) {
  const batching = provider.batching;
  if (!batching) return valid.map((entry) => [entry]);
  const groups: (typeof valid)[] = [];
  const open = new Map<string, { group: typeof valid; size: number }>();
  for (const entry of valid) {
    const key = batching.key(entry.input);
    const size = batching.size(entry.input);
    let current = open.get(key);
    if (!current || current.size + size > batching.maxSize) {
      current = { group: [], size: 0 };
      open.set(key, current);
      groups.push(current.group);
    }
    current.group.push(entry);
    current.size += size;
  }
  return groups;
}
