import type { ProviderId } from '../types.js';
import { LinksError } from './links-error.js';

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

  constructor(provider: ProviderId, timeoutMs: number) {
    super(provider, `No response within ${timeoutMs} ms; the link may or may not have been created`);
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
export function networkError(provider: ProviderId, code: string | null, cause?: unknown): NetworkError {
  const requestSent = requestWasSent(code);
  const what = requestSent
    ? 'the connection failed after the request was sent; the link may or may not have been created'
    : 'the server could not be reached; nothing was sent';
  return new NetworkError(provider, `Network error (${code ?? 'unknown'}): ${what}`, { requestSent, code, cause });
}
