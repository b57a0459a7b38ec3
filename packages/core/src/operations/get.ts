import { LinkNotFoundError } from '../errors/index.js';
import type { AnyProvider } from '../provider.js';
import { type SendOptions, sendOrThrow } from '../send.js';
import type { CheckedInput } from '../validation.js';
import type { StoredLink } from './contract.js';

/**
 * Gets one link by its validated ref. A link the API does not have is an error of kind `not_found`: the
 * API's own 404 (`NotFoundError`), or `LinkNotFoundError` where the API answered without it (Tracker).
 */
export async function sendGetLink(provider: AnyProvider, ref: CheckedInput, options: SendOptions): Promise<StoredLink> {
  const operation = provider.operations.get;
  const response = await sendOrThrow(provider, operation.buildRequest(ref, options.baseUrl), options, 'read');
  const link = operation.parseResponse(response, ref);
  if (!link) throw new LinkNotFoundError(provider.id, ref as Record<string, string>);
  return link;
}
