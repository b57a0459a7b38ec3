import { isApiCallError, isLinksError, type LinksError, NetworkError } from './errors/index.js';
import { parseErrorResponse } from './error-response.js';
import type { Provider } from './provider.js';
import type { HttpResponse } from './types.js';

export interface RetryPolicy {
  /** Re-sends after a refusal (429, 503, connection refused). */
  limit: number;
  /** The longest wait accepted; a longer `Retry-After` goes back to the caller instead. */
  maxDelayMs: number;
  /** First wait when the server gave none, doubled each time. */
  backoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { limit: 2, maxDelayMs: 60_000, backoffMs: 1000 };

/**
 * Sends a request, and sends it again only when the server refused it (429, 503, or a connection refused
 * before anything was sent), waiting as the server asked. Anything else, including a response whose
 * outcome is unknown (500, reset, timeout), goes back at once: a second POST could create the link twice.
 * `sleep` is passed in so that this stays free of timers (n8n passes its own).
 */
export async function sendWithRetries(
  provider: Provider<any, any>,
  send: () => Promise<HttpResponse>,
  options: { policy: RetryPolicy; sleep: (ms: number) => Promise<void>; now?: () => number },
): Promise<HttpResponse> {
  const { policy, sleep, now = Date.now } = options;
  for (let attempt = 0; ; attempt++) {
    let response: HttpResponse | undefined;
    let error: LinksError;
    try {
      response = await send();
      if (response.status !== 429 && response.status !== 503) return response;
      error = parseErrorResponse(provider, response, now());
    } catch (thrown) {
      error = isLinksError(thrown)
        ? thrown
        : new NetworkError(provider.id, 'The request failed without a response; the link may or may not have been created', { requestSent: true, cause: thrown });
    }
    const retryAfter = isApiCallError(error) ? error.retryAfter : null;
    const delayMs = retryAfter !== null ? retryAfter * 1000 : policy.backoffMs * 2 ** attempt;
    if (!error.isRetryable || attempt >= policy.limit || delayMs > policy.maxDelayMs) {
      if (response) return response;
      throw error;
    }
    await sleep(delayMs);
  }
}
