import { isLinksError, type RequestEffect, restateOutcome } from './errors/index.js';
import { parseErrorResponse, isSuccess } from './error-response.js';
import type { AnyProvider } from './provider.js';
import type { HttpRequest, HttpResponse, Transport } from './types.js';

export interface SendOptions {
  transport: Transport;
  /** From `resolveBaseUrl`. */
  baseUrl: string;
  /** Authentication headers, unless the transport adds them itself (as n8n's and Zapier's do). */
  authHeaders?: Record<string, string>;
  /** What time it is, for reading an HTTP-date `Retry-After` (default `Date.now`). */
  now?: () => number;
}

export function withHeaders(request: HttpRequest, headers: Record<string, string> | undefined): HttpRequest {
  return headers ? { ...request, headers: { ...request.headers, ...headers } } : request;
}

/**
 * Sends one request once (with the authentication headers, if given) and returns the response when it
 * is a success (2xx); any other status is thrown as the API's error, classified. No retries here.
 */
export async function sendOrThrow(
  provider: AnyProvider,
  request: HttpRequest,
  options: Pick<SendOptions, 'transport' | 'authHeaders' | 'now'>,
  /** What the request does: a timeout or a lost connection then says what may have happened. Default `create`. */
  effect: RequestEffect = 'create',
): Promise<HttpResponse> {
  let response: HttpResponse;
  try {
    response = await options.transport(withHeaders(request, options.authHeaders));
  } catch (error) {
    throw withEffect(restateOutcome(error, effect), effect);
  }
  if (!isSuccess(response)) throw withEffect(parseErrorResponse(provider, response, (options.now ?? Date.now)()), effect);
  return response;
}

/** Marks an error with what the failed request does (the first request to fail names it; a caller's rethrow keeps it). */
function withEffect(error: unknown, effect: RequestEffect): unknown {
  // Not enumerable: an error's serialized shape (what platforms output) stays as it was.
  if (isLinksError(error) && error.requestEffect === undefined) Object.defineProperty(error, 'requestEffect', { value: effect, configurable: true });
  return error;
}
