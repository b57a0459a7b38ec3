/**
 * The one source of every `response.error` directive the apps have (the Base's, for modules and RPCs, and
 * each connection step's). Which Make error type a status gets follows core's error classes:
 *
 * - what core sends again by itself (its retry rule: a 429 or a 503, refused before anything was done)
 *   becomes one of the two types Make re-runs on its own: `RateLimitError` (429) or `ConnectionError` (503);
 * - 401 is `InvalidAccessTokenError` (Make deactivates the scenario and asks for the connection);
 * - a refusal of the input (core's validation kind: 400, 422, ...) is `DataError` in a module, and every
 *   other status falls to the general `RuntimeError`, which Make does not re-run by itself. That includes
 *   500, 502 and 504, after which the link may exist: a re-run could create it twice;
 * - in a connection step, a refusal is `InvalidConfigurationError` (the connection's settings), a server
 *   error `RuntimeError`.
 *
 * The message is `[status] ` and the API's own message, read from the error body as core's `readError`
 * reads it, with the secret the request carried replaced by core's mask wherever the API echoes it, and
 * for the retried statuses the delay the API asked for, if any (Make's error directive has no field for a
 * delay: Make waits by its own schedule, so the message is the one place a user sees it). No custom IML
 * function: Make enables those per account only through its helpdesk.
 */
import { type ApiCallError, createApiCallError, type ProviderId, redactSecrets } from '@links/core';
import type { ErrorSpec } from '../iml/request.js';

/** How one API's error reads, in IML (expressions without braces, over `body`, `headers`, `statusCode`). */
export interface ApiErrorText {
  provider: ProviderId;
  /** The API's own message, as core's `readError` reads it. */
  message: string;
  /** The delay the API asks for (the `Retry-After` header, or a member of the body), as sent. */
  retryAfter: string;
}

/** Where a request runs: a module or RPC (the Base's errors), or a connection step. */
export type ErrorPhase = 'module' | 'connection';

export type MakeErrorType = 'RuntimeError' | 'DataError' | 'RateLimitError' | 'ConnectionError' | 'InvalidConfigurationError' | 'InvalidAccessTokenError';

/** The statuses the APIs document or core tells apart; any other status gets the general entry. */
export const MAPPED_STATUSES: readonly number[] = [400, 401, 403, 404, 409, 412, 413, 415, 422, 428, 429, 500, 502, 503, 504];

/** The type of the general entry: what a status without an entry of its own gets. */
export const GENERAL_TYPE: Readonly<Record<ErrorPhase, MakeErrorType>> = { module: 'RuntimeError', connection: 'InvalidConfigurationError' };

function coreError(provider: ProviderId, status: number): ApiCallError {
  return createApiCallError({ provider, status, apiMessage: '', apiCode: null, body: undefined, retryAfter: null });
}

/** The Make error type for a status, from core's error class for it. */
export function makeErrorType(provider: ProviderId, status: number, phase: ErrorPhase): MakeErrorType {
  const error = coreError(provider, status);
  if (error.isRetryable) return error.kind === 'rate_limit' ? 'RateLimitError' : 'ConnectionError';
  if (error.kind === 'authentication') return 'InvalidAccessTokenError';
  if (phase === 'connection') return error.kind === 'server' ? 'RuntimeError' : 'InvalidConfigurationError';
  return error.kind === 'validation' ? 'DataError' : 'RuntimeError';
}

/** Core's mask for a secret (`[redacted]`), taken from core so that both read the same. */
export const SECRET_MASK: string = redactSecrets('secret', ['secret']);

/**
 * The API's message with every occurrence of the secret replaced by the mask: split at the secret and
 * joined with the mask. Like core, a secret shorter than 4 characters is left alone; then the text is
 * split and joined at the mask itself, which changes nothing (and never splits at an empty text).
 */
function redacted(message: string, secret: string): string {
  return `join(split(${message}, if(length(${secret}) > 3, ${secret}, '${SECRET_MASK}')), '${SECRET_MASK}')`;
}

function messageTemplate(api: ApiErrorText, secret: string, withDelay: boolean): string {
  const delay = withDelay ? `{{if(${api.retryAfter}, ' (retry after: ' + ${api.retryAfter} + ')', '')}}` : '';
  return `[{{statusCode}}] {{${redacted(api.message, secret)}}}${delay}`;
}

/**
 * The `response.error` directive for a request of one API: the general entry, and an entry for each
 * mapped status whose type differs from it or whose message carries the API's delay.
 */
export function errorDirective(api: ApiErrorText, phase: ErrorPhase, secret: string): ErrorSpec {
  const directive: ErrorSpec = { type: GENERAL_TYPE[phase], message: messageTemplate(api, secret, false) };
  for (const status of MAPPED_STATUSES) {
    const type = makeErrorType(api.provider, status, phase);
    const retried = coreError(api.provider, status).isRetryable;
    if (type === GENERAL_TYPE[phase] && !retried) continue;
    directive[String(status)] = { type, message: messageTemplate(api, secret, retried) };
  }
  return directive;
}
