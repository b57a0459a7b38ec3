import type { ProviderId } from '../types.js';
import { isLinksError, LinksError } from './links-error.js';

/** What a request does, so that an error without a response can say what may have happened. */
export type RequestEffect = 'create' | 'delete' | 'read';

/** What may have happened when a request may have reached the server but no answer came. */
const UNKNOWN_OUTCOME: Record<RequestEffect, string> = {
  create: 'the link may or may not have been created',
  delete: 'the link may or may not have been deleted',
  read: 'no answer came (reading changes nothing)',
};

/**
 * No response arrived. `requestSent` says whether the request may have reached the server: when it
 * may have (a reset connection), sending it again could create the link twice, so it is not retryable.
 */
export class NetworkError extends LinksError {
  readonly kind = 'network';
  readonly requestSent: boolean;
  readonly code: string | null;

  constructor(provider: ProviderId, message: string, options: { requestSent: boolean; code?: string | null; cause?: unknown }) {
    super(provider, message, { cause: options.cause });
    this.requestSent = options.requestSent;
    this.code = options.code ?? null;
  }

  get isRetryable(): boolean {
    return !this.requestSent;
  }
}

/** No response within the timeout. The request may have been processed, so it is not retryable. */
export class TimeoutError extends LinksError {
  readonly kind = 'timeout';
  readonly isRetryable = false;
  readonly timeoutMs: number;

  constructor(provider: ProviderId, timeoutMs: number, effect: RequestEffect = 'create') {
    super(provider, `No response within ${timeoutMs} ms; ${UNKNOWN_OUTCOME[effect]}`);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Connection error codes that prove the request never left this machine (no connection was made, or the
 * name did not resolve), so that sending it again cannot repeat anything.
 */
export const NOT_SENT_ERROR_CODES: readonly string[] = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/**
 * Whether a request that failed without a response may have reached the server. The one decision every
 * transport uses: only the codes above prove it did not; anything else (a reset, an unknown code) may have.
 */
export function requestWasSent(code: string | null | undefined): boolean {
  return !(code && NOT_SENT_ERROR_CODES.includes(code));
}

/** The `NetworkError` for a connection error code (`null` when the transport has none), with the truth about the outcome. */
export function networkError(provider: ProviderId, code: string | null, cause?: unknown, effect: RequestEffect = 'create'): NetworkError {
  return networkErrorOf(provider, code, requestWasSent(code), cause, effect);
}

function networkErrorOf(provider: ProviderId, code: string | null, requestSent: boolean, cause: unknown, effect: RequestEffect): NetworkError {
  const what = requestSent
    ? `the connection failed after the request was sent; ${UNKNOWN_OUTCOME[effect]}`
    : 'the server could not be reached; nothing was sent';
  return new NetworkError(provider, `Network error (${code ?? 'unknown'}): ${what}`, { requestSent, code, cause });
}

/**
 * A transport cannot know what a request does (a DevRev list is a POST too), so its errors speak of creating.
 * This restates a `NetworkError` or `TimeoutError` for what the request really did; anything else is returned
 * as it is.
 */
export function restateOutcome(error: unknown, effect: RequestEffect): unknown {
  if (effect === 'create' || !isLinksError(error)) return error;
  if (error instanceof TimeoutError) return new TimeoutError(error.provider, error.timeoutMs, effect);
  if (error instanceof NetworkError) return networkErrorOf(error.provider, error.code, error.requestSent, error.cause ?? error, effect);
  return error;
}
