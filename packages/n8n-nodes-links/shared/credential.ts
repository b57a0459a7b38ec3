import {
  type AnyProvider,
  type ClientCredentialsAuth,
  DEFAULT_RETRY_POLICY,
  isSuccess,
  parseErrorResponse,
  resolveBaseUrl,
  secretValues,
  sendWithRetries,
  type Transport,
} from '@links/core';
import {
  type ICredentialDataDecryptedObject,
  type ICredentialsDecrypted,
  type ICredentialTestFunctions,
  type IDataObject,
  type IExecuteFunctions,
  type IHttpRequestHelper,
  type IHttpRequestOptions,
  type ILoadOptionsFunctions,
  type INode,
  type INodeCredentialTestResult,
  type INodeProperties,
  type JsonObject,
  NodeApiError,
  sleep,
} from 'n8n-workflow';
import { credentialDisplayName, describeTokenFailure, toNodeError } from './errors';
import { credentialsOf } from './properties';
import { credentialTestTransport, plainTransport, TOKEN_FAILURE } from './transport';

/** Hidden fields where n8n keeps OneTrust's access token, and the Base URL and client ID it was issued for. */
export const ACCESS_TOKEN_FIELD = 'accessToken';
export const ACCESS_TOKEN_FOR_FIELD = 'accessTokenFor';

/**
 * The token fields. `expirable` makes n8n run the credential's `preAuthentication` when the token is empty and
 * again when a request with it throws 401; n8n stores what it returns in the credential. As a password the
 * token is never sent to the editor.
 */
export const accessTokenProperties: INodeProperties[] = [
  { displayName: 'Access Token', name: ACCESS_TOKEN_FIELD, type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },
  { displayName: 'Access Token For', name: ACCESS_TOKEN_FOR_FIELD, type: 'hidden', default: '' },
];

/** The credential's data checked by core: its credentials and the base URL they are sent to. */
export function readCredentials(provider: AnyProvider, data: ICredentialDataDecryptedObject) {
  const credentials = provider.validateCredentials(credentialsOf(data, provider.credentialFields));
  return { credentials, baseUrl: resolveBaseUrl(provider, credentials, data.baseUrl as string | undefined) };
}

function clientCredentials(provider: AnyProvider): ClientCredentialsAuth<Record<string, string>> | null {
  return provider.auth.type === 'client-credentials' ? provider.auth : null;
}

/** Which Base URL and client a token belongs to: a token is never sent anywhere else. */
function tokenTarget(provider: AnyProvider, data: ICredentialDataDecryptedObject): string {
  const { credentials, baseUrl } = readCredentials(provider, data);
  return `${baseUrl} ${credentials.clientId as string}`;
}

/**
 * Adds core's authentication headers for the provider, so that n8n and core can never disagree. For a token
 * (OneTrust) the stored one, unless it was issued for another Base URL or client (the credential was edited):
 * then none, the API answers 401 and n8n fetches a token for this one.
 */
export function authenticateWith(provider: AnyProvider) {
  return async (data: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
    let headers: Record<string, string> = {};
    const auth = clientCredentials(provider);
    if (!auth) {
      headers = provider.auth.headers(readCredentials(provider, data).credentials);
    } else {
      const token = data[ACCESS_TOKEN_FIELD];
      if (typeof token === 'string' && token !== '' && data[ACCESS_TOKEN_FOR_FIELD] === tokenTarget(provider, data)) headers = auth.headers(token);
    }
    return { ...requestOptions, headers: { ...requestOptions.headers, ...headers } };
  };
}

/** Core's token request (with core's re-sends of refused requests) and core's reading of the answer. */
async function fetchToken(provider: AnyProvider, transport: Transport, data: ICredentialDataDecryptedObject): Promise<string> {
  const auth = clientCredentials(provider)!;
  const { credentials, baseUrl } = readCredentials(provider, data);
  const response = await sendWithRetries(provider, () => transport(auth.buildTokenRequest(credentials, baseUrl)), { policy: DEFAULT_RETRY_POLICY, sleep });
  if (!isSuccess(response)) throw parseErrorResponse(provider, response);
  return auth.parseTokenResponse(response).accessToken;
}

/**
 * n8n's `preAuthentication`: fetches the token with core's token request. A failure is thrown as a NodeApiError,
 * which n8n's request helper passes on to the node unchanged, carrying what failed (`TOKEN_FAILURE`), so that
 * the node can say that no link request was sent.
 */
export function preAuthenticateWith(provider: AnyProvider) {
  return async function (this: IHttpRequestHelper, data: ICredentialDataDecryptedObject): Promise<IDataObject> {
    try {
      const { helpers } = this;
      const accessToken = await fetchToken(provider, plainTransport((options) => helpers.httpRequest(options), provider, 'token'), data);
      return { [ACCESS_TOKEN_FIELD]: accessToken, [ACCESS_TOKEN_FOR_FIELD]: tokenTarget(provider, data) };
    } catch (reason) {
      const { message, description, httpCode } = describeTokenFailure(provider, reason);
      const credential = credentialDisplayName(provider);
      // The credential is not a node; this stands in for one where n8n shows the error outside the Links nodes.
      const node: INode = { id: credential, name: `${credential} credential`, type: 'credential', typeVersion: 1, position: [0, 0], parameters: {} };
      const error = new NodeApiError(node, { message } as JsonObject, { message, description, httpCode });
      Object.defineProperty(error, TOKEN_FAILURE, { value: reason, enumerable: false });
      throw error;
    }
  };
}

/** The name of the node method that tests a credential (`testedBy`). */
export function credentialTestName(credentialType: string): string {
  return `${credentialType}Test`;
}

/**
 * The credential test (the node's `methods.credentialTest`, named by `testedBy`): core's checks of every field
 * first, then core's own proof that the credential works: the token exchange (OneTrust) or the API's
 * "who am I" request (Tracker, DevRev), sent where the node would send it.
 */
export function credentialTestFor(provider: AnyProvider) {
  return async function (this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
    const data = credential.data ?? {};
    // `request` is the only request helper n8n gives a credential test (n8n 1 and 2); it has no `httpRequest`.
    const { helpers } = this;
    const transport = credentialTestTransport((options) => helpers.request(options), provider);
    try {
      if (clientCredentials(provider)) {
        await fetchToken(provider, transport, data);
        return { status: 'OK', message: `${provider.name} issued an access token for this client ID` };
      }
      const { credentials, baseUrl } = readCredentials(provider, data);
      if (provider.auth.type !== 'headers') throw new TypeError(`${provider.name} does not authenticate with headers`);
      const request = provider.buildCredentialTestRequest!(baseUrl);
      const response = await transport({ ...request, headers: { ...request.headers, ...provider.auth.headers(credentials) } });
      if (!isSuccess(response)) throw parseErrorResponse(provider, response);
      return { status: 'OK', message: 'Connection tested successfully' };
    } catch (error) {
      return { status: 'Error', message: clientCredentials(provider) ? describeTokenFailure(provider, error).message : testFailure(error) };
    }
  };
}

function testFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The credential's secret values (token, client secret, and the access token n8n keeps for OneTrust), so that an
 * API echoing what it was sent shows none of them. Read when needed: n8n may have fetched a new token meanwhile.
 */
export async function credentialSecrets(context: IExecuteFunctions | ILoadOptionsFunctions, provider: AnyProvider, credentialType: string): Promise<string[]> {
  const data = await context.getCredentials(credentialType).catch(() => ({}));
  return secretValues(data, [...provider.credentialFields.filter((field) => field.secret).map((field) => field.key), ACCESS_TOKEN_FIELD]);
}

/**
 * Whether the node must fetch a token before its first request (a client-credentials API whose credential holds
 * no token yet). n8n fetches one per request that finds none, so requests sent together would fetch several.
 */
export async function tokenMissing(context: IExecuteFunctions, provider: AnyProvider, credentialType: string): Promise<boolean> {
  if (!clientCredentials(provider)) return false;
  const data = await context.getCredentials(credentialType).catch(() => ({}) as ICredentialDataDecryptedObject);
  return !data[ACCESS_TOKEN_FIELD];
}

/** The base URL for this node's credential, checked by core before anything is sent. */
export async function baseUrlFor(context: IExecuteFunctions | ILoadOptionsFunctions, provider: AnyProvider, credentialType: string): Promise<string> {
  try {
    return readCredentials(provider, await context.getCredentials(credentialType)).baseUrl;
  } catch (error) {
    // A problem in the credential's fields: the error names the credential.
    throw toNodeError(context.getNode(), error, 0, provider);
  }
}
