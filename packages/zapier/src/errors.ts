/**
 * Core's classified errors as the errors Zapier acts on. Zapier shows `message` to the user and in
 * its task history, so every message is redacted with the connection's secrets first.
 */
import { isApiCallError, isErrorKind, isInputError, isLinksError, type LinksError, PROVIDER_NAMES, redactError, redactSecrets, type TimeoutError } from '@links/core';
import type { ZObject } from 'zapier-platform-core';
import { isZapierError } from './transport.js';

/** What the step that throws is doing: only Create Link sends something that a second run would send again. */
export interface ZapierErrorContext {
  /** The step sent a create, so after an unknown outcome the link may exist. */
  sendsCreate?: boolean;
}

/**
 * - invalid input: `z.errors.Error` with core's message, which names the field and the rule;
 * - 401: `ExpiredAuthError`, so that Zapier asks the user to reconnect. (With session auth a 401 on
 *   the create never gets here: z.request throws `RefreshAuthError` and Zapier fetches a new token.)
 * - a refused request (429, 503: nothing was processed): `ThrottledError` with the API's delay in seconds,
 *   so that Zapier runs the step again later;
 * - any other API error: `z.errors.Error` with the API's message, its error code and the HTTP status;
 * - no response: `z.errors.Error` with code `network` or `timeout`.
 * On the create, an outcome the API may have processed (a 5xx other than 503, no response after the request
 * was sent, a timeout) says that the link may have been created, and that a replay of the step, which Zapier's
 * Autoreplay starts by itself, would send the create again.
 */
export function toZapierError(z: ZObject, error: unknown, secrets: readonly string[], context: ZapierErrorContext = {}): Error {
  if (isZapierError(error)) return error as Error;
  if (!isLinksError(error)) return redactError(error instanceof Error ? error : new Error(String(error)), secrets);
  const message = redactSecrets(messageOf(error, context), secrets);
  if (isInputError(error)) return new z.errors.Error(message, `invalid_input:${error.field}`, 400);
  if (isErrorKind(error, 'authentication')) return new z.errors.ExpiredAuthError(message);
  if (isApiCallError(error)) {
    if (error.isRetryable) return new z.errors.ThrottledError(message, error.retryAfter ?? undefined);
    return new z.errors.Error(message, redactSecrets(error.apiCode ?? error.kind, secrets), error.status);
  }
  return new z.errors.Error(message, error.kind);
}

function messageOf(error: LinksError, { sendsCreate = false }: ZapierErrorContext): string {
  // Core's timeout message speaks of the link, which only the create step may have made.
  const base = isErrorKind(error, 'timeout') ? `No response within ${(error as TimeoutError).timeoutMs} ms` : error.message;
  if (!sendsCreate || !mayHaveBeenProcessed(error)) return base;
  const api = PROVIDER_NAMES[error.provider];
  return `${base.replace(/[.\s]+$/, '')}. The link may have been created: check ${api} before replaying this step, because a replay (which Zapier's Autoreplay starts by itself) sends the create again and could duplicate the link.`;
}

/** Not refused, and answered with a server error or not at all after the request went out: the API may have acted on it. */
function mayHaveBeenProcessed(error: LinksError): boolean {
  return !error.isRetryable && (error.kind === 'server' || error.kind === 'network' || error.kind === 'timeout');
}

/** Runs a Zapier function and rethrows whatever it throws as a Zapier error. */
export async function withZapierErrors<T>(z: ZObject, secrets: readonly string[], run: () => Promise<T>, context: ZapierErrorContext = {}): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toZapierError(z, error, secrets, context);
  }
}
