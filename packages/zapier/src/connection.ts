/**
 * A Zapier connection (`bundle.authData`) read as core credentials, a base URL and the secrets that
 * must never appear in a message.
 */
import { type Field, type Provider, resolveBaseUrl, secretValues } from '@links/core';

/** Where session auth keeps OneTrust's access token in `bundle.authData`. */
export const SESSION_TOKEN_KEY = 'accessToken';

export interface Connection {
  credentials: Record<string, unknown>;
  baseUrl: string;
}

/** Validates the connection's fields with core and resolves the base URL (core checks the override). */
export function readConnection(provider: Provider<any, any>, authData: Record<string, unknown>): Connection {
  const credentials = provider.validateCredentials(authData) as Record<string, unknown>;
  const override = typeof authData.baseUrl === 'string' ? authData.baseUrl : null;
  return { credentials, baseUrl: resolveBaseUrl(provider, credentials, override) };
}

/** The connection's secret values (tokens, client secret, the session's access token), for redaction. */
export function connectionSecrets(provider: Provider<any, any>, authData: Record<string, unknown> | undefined): string[] {
  const keys = [...provider.credentialFields.filter((field) => field.secret).map((field) => field.key), SESSION_TOKEN_KEY];
  return secretValues(authData ?? {}, keys);
}

/** The connection's fields: core's credential fields plus the provider's Base URL override. */
export function connectionFields(provider: Provider<any, any>): Field[] {
  return [...provider.credentialFields, provider.baseUrlField];
}
