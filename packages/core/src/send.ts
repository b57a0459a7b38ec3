import { type RequestEffect, restateOutcome } from './errors/index.js';
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
    throw restateOutcome(error, effect);
  }
  if (!isSuccess(response)) throw parseErrorResponse(provider, response, (options.now ?? Date.now)());
  return response;
}
