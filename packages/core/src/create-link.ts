import type { Provider } from './provider.js';
import { type SendOptions, sendOrThrow } from './send.js';
import type { LinkResult } from './types.js';
import type { CheckedInput } from './validation.js';

/**
 * Sends one validated create once and returns one result per created link, or throws the API's
 * error classified. No retries and no timers here: the HTTP client and the platforms add those.
 */
export async function sendCreateLink<C, I extends CheckedInput>(
  provider: Provider<C, I>,
  input: I,
  options: SendOptions,
): Promise<LinkResult[]> {
  const response = await sendOrThrow(provider, provider.buildCreateRequest(input, options.baseUrl), options);
  return provider.parseCreateResponse(response, input);
}
