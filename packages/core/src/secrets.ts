const MASK = '[redacted]';

/** The credential values that must never appear in a message, log line or output. */
export function secretValues(credentials: object, secretKeys: readonly string[]): string[] {
  return secretKeys
    .map((key) => (credentials as Record<string, unknown>)[key])
    .filter((value): value is string => typeof value === 'string' && value.length >= 4);
}

/** Replaces every occurrence of the secrets in a string, or in every string of a JSON value. */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') {
    return secrets.reduce((text, secret) => text.split(secret).join(MASK), value as string) as T;
  }
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, secrets)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v, secrets)])) as T;
  }
  return value;
}

/** Everything of an error that can hold what an API answered: its message and stack, the API's words and body, a link it names. */
const ERROR_TEXTS = ['message', 'stack', 'apiMessage', 'apiCode', 'body', 'existing', 'ref'] as const;

/** Redacts the secrets from an error's message, body and the API data it carries, in place (an API may echo what it was sent). */
export function redactError<E>(error: E, secrets: readonly string[]): E {
  if (secrets.length === 0 || !(error instanceof Error)) return error;
  for (const key of ERROR_TEXTS) {
    if (key in error) {
      const value = redactSecrets((error as unknown as Record<string, unknown>)[key], secrets);
      Object.defineProperty(error, key, { value, writable: true, configurable: true, enumerable: key !== 'stack' && key !== 'message' });
    }
  }
  return error;
}
