import { isLinksError } from '../errors/index.js';
import type { AnyProvider } from '../provider.js';
import { type SendOptions, sendOrThrow } from '../send.js';
import type { CheckedInput } from '../validation.js';
import type { LinkRef } from './contract.js';

export interface DeleteOptions {
  /** Count a link that is already gone (the API answers "not found") as success, `deleted: false`. Default false. */
  missingOk?: boolean;
}

export interface DeleteResult {
  /** `true` when this request deleted the link; `false` when it was already gone (`missingOk`). */
  deleted: boolean;
  ref: LinkRef;
}

/** Deletes one link by its validated ref. A link already gone is the API's not-found error, unless `missingOk`. */
export async function sendDeleteLink(provider: AnyProvider, ref: CheckedInput, options: SendOptions & DeleteOptions): Promise<DeleteResult> {
  try {
    await sendOrThrow(provider, provider.operations.delete.buildRequest(ref, options.baseUrl), options, 'delete');
    return { deleted: true, ref: ref as LinkRef };
  } catch (error) {
    if (options.missingOk && isLinksError(error) && error.kind === 'not_found') return { deleted: false, ref: ref as LinkRef };
    throw error;
  }
}
