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
