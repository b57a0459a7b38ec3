import { type ApiCallError, createApiCallError } from './errors/index.js';
import type { Field, FieldOption } from './fields.js';
import type { HttpRequest, HttpResponse, LinkResult, ProviderId } from './types.js';
import { checkBaseUrl } from './url.js';
import { type CheckedInput, validateFields } from './validation.js';

/** An access token from a client-credentials exchange. */
export interface AccessToken {
  accessToken: string;
  expiresInSeconds: number;
}

/** Credentials sent as fixed headers on every request (DevRev, Yandex Tracker). */
export interface HeaderAuth<Credentials> {
  type: 'headers';
  headers(credentials: Credentials): Record<string, string>;
}

/** OAuth2 client credentials: a token is fetched first, then sent as a Bearer token (OneTrust). */
export interface ClientCredentialsAuth<Credentials> {
  type: 'client-credentials';
  buildTokenRequest(credentials: Credentials, baseUrl: string): HttpRequest;
  parseTokenResponse(response: HttpResponse): AccessToken;
  headers(accessToken: string): Record<string, string>;
}

/** What the API's error body says, read by each provider from its own format. */
export interface ApiErrorDetails {
  message: string;
  code: string | null;
  /** Seconds, where the body carries a retry delay (DevRev `retry_after`). */
  retryAfter?: number | null;
}

/** Sends several inputs that share a key as one request (Yandex Tracker's array body). */
export interface Batching<Input> {
  key(input: Input): string;
  merge(inputs: readonly Input[]): Input;
  /** How many links one input creates: the results of a merged request are split by it. */
  size(input: Input): number;
  /** The most links one request may carry. */
  maxSize: number;
}

/** Where a field's options come from, when the API can list them (`Field.dynamicOptions`). */
export interface OptionSource {
  buildRequest(baseUrl: string): HttpRequest;
  parse(response: HttpResponse): FieldOption[];
}

/** Everything core knows about one API. The platform packages translate it; none adds to it. */
export interface Provider<Credentials = Record<string, string>, Input extends CheckedInput = CheckedInput> {
  id: ProviderId;
  /** Product name, as users know it. */
  name: string;
  /** Create Link input fields. */
  fields: readonly Field[];
  /** Credential fields (without the base URL override). */
  credentialFields: readonly Field[];
  /** The advanced Base URL credential field, defaulting to the real service (sandbox, proxies). */
  baseUrlField: Field;
  auth: HeaderAuth<Credentials> | ClientCredentialsAuth<Credentials>;
  batching?: Batching<Input>;
  /** Requests that load dropdown options, keyed by `Field.dynamicOptions`. */
  optionSources?: Partial<Record<NonNullable<Field['dynamicOptions']>, OptionSource>>;
  /** The real service's base URL for these credentials. */
  defaultBaseUrl(credentials: Credentials): string;
  /** Validates input beyond what the fields say (formats, cross-field rules). */
  validateInput(input: unknown): Input;
  validateCredentials(credentials: unknown): Credentials;
  buildCreateRequest(input: Input, baseUrl: string): HttpRequest;
  /** One result per created link, in request order. */
  parseCreateResponse(response: HttpResponse, input: Input): LinkResult[];
  /** A cheap request that proves the credentials work; absent where the token exchange proves it. */
  buildCredentialTestRequest?(baseUrl: string): HttpRequest;
  readError(body: unknown): ApiErrorDetails;
}

/** Any provider, whatever its credential and input types (for code that handles all three alike). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProvider = Provider<any, any>;

/** The base URL to send to: a checked override, or the real service. */
export function resolveBaseUrl<C>(provider: Provider<C, any>, credentials: C, override?: string | null): string {
  return override ? checkBaseUrl(provider.id, override) : provider.defaultBaseUrl(credentials);
}

/** Validates credentials against the provider's credential fields. */
export function validateCredentialFields<C>(provider: ProviderId, fields: readonly Field[], credentials: unknown): C {
  return validateFields(provider, fields, credentials) as C;
}

/** Turns an error response into the error class for its status, with the API's own message. */
export function parseErrorResponse(
  provider: Provider<any, any>,
  response: HttpResponse,
  now: number = Date.now(),
): ApiCallError {
  const details = provider.readError(response.body);
  return createApiCallError({
    provider: provider.id,
    status: response.status,
    apiMessage: details.message || STATUS_TEXT[response.status] || `HTTP ${response.status}`,
    apiCode: details.code,
    body: response.body,
    retryAfter: parseRetryAfter(response.headers['retry-after'], now) ?? details.retryAfter ?? null,
  });
}

/** Whether a response is a success for a create (2xx). */
export function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

/** Reads `Retry-After` as seconds or an HTTP date; returns whole seconds from `now`, or `null`. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized: the credentials are missing, wrong or expired',
  403: 'Forbidden: the credentials lack the permission or scope for this request',
  404: 'Not found',
  409: 'Conflict',
  422: 'The request body failed validation',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** Reads a string property of an unknown JSON value. */
export function stringAt(value: unknown, key: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'string' && found !== '' ? found : null;
}
