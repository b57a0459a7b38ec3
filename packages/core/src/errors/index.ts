export { type ErrorKind, isLinksError, LinksError } from './links-error.js';
export { InputError, type InputRule, isInputError } from './input-error.js';
export {
  ApiCallError,
  type ApiCallErrorOptions,
  AuthenticationError,
  ConflictError,
  createApiCallError,
  InvalidRequestError,
  isApiCallError,
  isErrorKind,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
} from './api-call-error.js';
export { NetworkError, networkError, NOT_SENT_ERROR_CODES, type RequestEffect, requestWasSent, restateOutcome, TimeoutError } from './transport-error.js';
export { describeLink, LinkExistsError, LinkNotFoundError } from './link-state-error.js';
