/**
 * Core's classified errors as the errors Zapier acts on. Zapier shows `message` to the user and in
 * its task history, so every message is redacted with the connection's secrets first.
 */
import { isApiCallError, isErrorKind, isInputError, isLinksError, redactError, redactSecrets } from '@links/core';
import type { ZObject } from 'zapier-platform-core';
import { isZapierError } from './transport.js';

/**
 * - invalid input: `z.errors.Error` with core's message, which names the field and the rule;
 * - 401: `ExpiredAuthError`, so that Zapier asks the user to reconnect. (With session auth a 401 on
 *   the create never gets here: z.request throws `RefreshAuthError` and Zapier fetches a new token.)
 * - a refused request (429, 503: nothing was processed): `ThrottledError` with the API's delay in seconds,
 *   so that Zapier runs the step again later;
 * - any other API error: `z.errors.Error` with the API's message, its error code and the HTTP status;
 * - no response: `z.errors.Error` saying that the link may or may not have been created.
 */
export function toZapierError(z: ZObject, error: unknown, secrets: readonly string[]): Error {
  if (isZapierError(error)) return error as Error;
  if (!isLinksError(error)) return redactError(error instanceof Error ? error : new Error(String(error)), secrets);
  const message = redactSecrets(error.message, secrets);
  if (isInputError(error)) return new z.errors.Error(message, `invalid_input:${error.field}`, 400);
  if (isErrorKind(error, 'authentication')) return new z.errors.ExpiredAuthError(message);
  if (isApiCallError(error)) {
    if (error.isRetryable) return new z.errors.ThrottledError(message, error.retryAfter ?? undefined);
    return new z.errors.Error(message, redactSecrets(error.apiCode ?? error.kind, secrets), error.status);
  }
  return new z.errors.Error(message, error.kind);
}

/** Runs a Zapier function and rethrows whatever it throws as a Zapier error. */
export async function withZapierErrors<T>(z: ZObject, secrets: readonly string[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toZapierError(z, error, secrets);
  }
}
