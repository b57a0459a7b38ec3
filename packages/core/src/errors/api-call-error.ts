import { PROVIDER_NAMES, type ProviderId } from '../types.js';
import { type ErrorKind, isLinksError, LinksError } from './links-error.js';

export interface ApiCallErrorOptions {
  provider: ProviderId;
  status: number;
  /** The API's own message, as readable text. */
  apiMessage: string;
  /** The API's own error code where it has one (DevRev `type`, OneTrust `error`). */
  apiCode: string | null;
  /** The parsed error body (JSON, text or `undefined`). */
  body: unknown;
  /** Seconds to wait before sending again, from `Retry-After` or the body. */
  retryAfter: number | null;
}

/** The API answered with an error status. */
export abstract class ApiCallError extends LinksError {
  readonly status: number;
  readonly apiMessage: string;
  readonly apiCode: string | null;
  readonly body: unknown;
  readonly retryAfter: number | null;

  constructor(options: ApiCallErrorOptions) {
    super(options.provider, `${PROVIDER_NAMES[options.provider]} returned HTTP ${options.status}: ${options.apiMessage}`);
    this.status = options.status;
    this.apiMessage = options.apiMessage;
    this.apiCode = options.apiCode;
    this.body = options.body;
    this.retryAfter = options.retryAfter;
  }
}

/** 401: the token is missing, wrong or expired. */
export class AuthenticationError extends ApiCallError {
  readonly kind = 'authentication';
  readonly isRetryable = false;
}
/** 403: the credentials are valid but lack a permission or scope. */
export class PermissionError extends ApiCallError {
  readonly kind = 'permission';
  readonly isRetryable = false;
}
/** 400, 413, 422 and other 4xx: the API rejected the request's content. */
export class InvalidRequestError extends ApiCallError {
  readonly kind = 'validation';
  readonly isRetryable = false;
}
/** 404: an entity or object in the request does not exist. */
export class NotFoundError extends ApiCallError {
  readonly kind = 'not_found';
  readonly isRetryable = false;
}
/** 409: the link conflicts with existing state. */
export class ConflictError extends ApiCallError {
  readonly kind = 'conflict';
  readonly isRetryable = false;
}
/** 429: refused before processing; safe to send again after `retryAfter`. */
export class RateLimitError extends ApiCallError {
  readonly kind = 'rate_limit';
  readonly isRetryable = true;
}
/** 5xx. Only 503 says the server refused the request; after any other the outcome is unknown. */
export class ServerError extends ApiCallError {
  readonly kind = 'server';
  get isRetryable(): boolean {
    return this.status === 503;
  }
}

const byStatus: Record<number, new (options: ApiCallErrorOptions) => ApiCallError> = {
  401: AuthenticationError,
  403: PermissionError,
  404: NotFoundError,
  409: ConflictError,
  429: RateLimitError,
};

/** Picks the error class for an HTTP status. */
export function createApiCallError(options: ApiCallErrorOptions): ApiCallError {
  const ErrorClass = byStatus[options.status] ?? (options.status >= 500 ? ServerError : InvalidRequestError);
  return new ErrorClass(options);
}

export function isApiCallError(value: unknown): value is ApiCallError {
  return isLinksError(value) && 'status' in value && typeof value.status === 'number';
}

export function isErrorKind<K extends ErrorKind>(value: unknown, kind: K): value is LinksError & { kind: K } {
  return isLinksError(value) && value.kind === kind;
}
