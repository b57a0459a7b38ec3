import type { ProviderId } from '../types.js';
import type { RequestEffect } from './transport-error.js';

export type ErrorKind =
  | 'input'
  | 'authentication'
  | 'permission'
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'rate_limit'
  | 'server'
  | 'network'
  | 'timeout';

// A registry-wide marker, so that guards work across bundled copies of this package.
const marker = Symbol.for('@links/core/error');

/** Base of every error this package throws. Never carries a token or a client secret. */
export abstract class LinksError extends Error {
  abstract readonly kind: ErrorKind;
  /** Whether sending the same request again later can succeed without creating anything twice. */
  abstract readonly isRetryable: boolean;
  readonly provider: ProviderId;
  /**
   * What the request that failed does, where a request failed: a create's existence check is a read, so its
   * failure changed nothing even though the operation creates. Set by `sendOrThrow`.
   */
  declare readonly requestEffect?: RequestEffect;
  readonly [marker] = true;

  constructor(provider: ProviderId, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.provider = provider;
    this.name = new.target.name;
  }
}

export function isLinksError(value: unknown): value is LinksError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}
