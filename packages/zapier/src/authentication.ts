/**
 * Core's authentication models as Zapier authentication:
 * - fixed headers (DevRev, Yandex Tracker) -> `custom` auth, the headers added by `beforeRequest`;
 * - OAuth2 client credentials (OneTrust) -> `session` auth: `sessionConfig.perform` exchanges the client
 *   credentials for a token, `beforeRequest` sends it, and a 401 makes Zapier exchange them again
 *   (zapier-platform-core throws `RefreshAuthError` for every 401 under session auth).
 */
import { type ClientCredentialsAuth, isSuccess, parseErrorResponse, type Provider } from '@links/core';
import type { AuthField, Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { connectionFields, connectionSecrets, readConnection, SESSION_TOKEN_KEY } from './connection.js';
import { withZapierErrors } from './errors.js';
import { toAuthFields } from './fields.js';
import { WITHOUT_AUTH, zapierTransport } from './transport.js';

export interface ZapierAuthentication {
  type: 'custom' | 'session';
  fields: AuthField[];
  test: (z: ZObject, bundle: Bundle) => Promise<Record<string, unknown>>;
  connectionLabel: (z: ZObject, bundle: Bundle) => string;
  sessionConfig?: { perform: (z: ZObject, bundle: Bundle) => Promise<Record<string, string>> };
}

type Request = HttpRequestOptions & { url: string; [WITHOUT_AUTH]?: boolean };
export type BeforeRequest = (request: Request, z: ZObject, bundle: Bundle) => Request;

export function createAuthentication(provider: Provider<any, any>): { authentication: ZapierAuthentication; beforeRequest: BeforeRequest } {
  const fields = toAuthFields(connectionFields(provider));
  // Names the connection from the test's result (never a secret), by core's rule for every platform.
  const label = (_z: ZObject, bundle: Bundle) => provider.describeAccount(bundle.inputData ?? {}, provider.validateCredentials(bundle.authData)).label;
  const auth = provider.auth;

  if (auth.type === 'headers') {
    return {
      authentication: {
        type: 'custom',
        fields,
        // The API's "who am I" request; its answer names the connection.
        test: (z, bundle) =>
          withZapierErrors(z, connectionSecrets(provider, bundle.authData), async () => {
            const { baseUrl } = readConnection(provider, bundle.authData);
            const response = await zapierTransport(z, { provider: provider.id, authenticate: true })(provider.buildCredentialTestRequest!(baseUrl));
            if (!isSuccess(response)) throw parseErrorResponse(provider, response);
            return typeof response.body === 'object' && response.body !== null ? (response.body as Record<string, unknown>) : {};
          }),
        connectionLabel: label,
      },
      beforeRequest: (request, _z, bundle) => {
        if (request[WITHOUT_AUTH]) return request;
        const { credentials } = readConnection(provider, bundle.authData);
        return { ...request, headers: { ...request.headers, ...auth.headers(credentials) } };
      },
    };
  }

  return {
    authentication: {
      type: 'session',
      fields,
      sessionConfig: {
        perform: (z, bundle) =>
          withZapierErrors(z, connectionSecrets(provider, bundle.authData), async () => ({
            [SESSION_TOKEN_KEY]: await exchangeToken(z, provider, auth, bundle),
          })),
      },
      // The token exchange is the test (OneTrust has no cheap "who am I" request); it returns the
      // connection's non-secret fields for the label, never the token.
      test: (z, bundle) =>
        withZapierErrors(z, connectionSecrets(provider, bundle.authData), async () => {
          await exchangeToken(z, provider, auth, bundle);
          const { credentials } = readConnection(provider, bundle.authData);
          const publicFields = provider.credentialFields.filter((field) => !field.secret).map((field) => [field.key, credentials[field.key]]);
          return Object.fromEntries(publicFields);
        }),
      connectionLabel: label,
    },
    beforeRequest: (request, _z, bundle) => {
      const token = bundle.authData?.[SESSION_TOKEN_KEY];
      if (request[WITHOUT_AUTH] || !token) return request;
      return { ...request, headers: { ...request.headers, ...auth.headers(token) } };
    },
  };
}

async function exchangeToken(z: ZObject, provider: Provider<any, any>, auth: ClientCredentialsAuth<any>, bundle: Bundle): Promise<string> {
  const { credentials, baseUrl } = readConnection(provider, bundle.authData);
  const response = await zapierTransport(z, { provider: provider.id, authenticate: false })(auth.buildTokenRequest(credentials, baseUrl));
  if (!isSuccess(response)) throw parseErrorResponse(provider, response);
  return auth.parseTokenResponse(response).accessToken;
}
