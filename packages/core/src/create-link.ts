import type { Provider } from './provider.js';
import { isSuccess, parseErrorResponse } from './provider.js';
import type { HttpRequest, LinkResult, Transport } from './types.js';
import type { CheckedInput } from './validation.js';

export interface SendOptions {
  transport: Transport;
  /** From `resolveBaseUrl`. */
  baseUrl: string;
  /** Authentication headers, unless the transport adds them itself (as n8n's and Zapier's do). */
  authHeaders?: Record<string, string>;
}

/**
 * Sends one validated create once and returns one result per created link, or throws the API's
 * error classified. No retries and no timers here: the HTTP client and the platforms add those.
 */
export async function sendCreateLink<C, I extends CheckedInput>(
  provider: Provider<C, I>,
  input: I,
  options: SendOptions,
): Promise<LinkResult[]> {
  const request = withHeaders(provider.buildCreateRequest(input, options.baseUrl), options.authHeaders);
  const response = await options.transport(request);
  if (!isSuccess(response)) throw parseErrorResponse(provider, response);
  return provider.parseCreateResponse(response, input);
}

export function withHeaders(request: HttpRequest, headers: Record<string, string> | undefined): HttpRequest {
  return headers ? { ...request, headers: { ...request.headers, ...headers } } : request;
}
