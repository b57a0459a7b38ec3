// The contract every provider fulfils: what core knows about one API. Interfaces only; the behaviour that
// works on any provider lives in its own files (error-response.ts, send.ts, url.ts, validation.ts, ...).
import type { Field, FieldOption } from './fields.js';
import type { Operations } from './operations/contract.js';
import type { Picker } from './pickers/contract.js';
import type { HttpRequest, HttpResponse, LinkResult, ProviderId } from './types.js';
import type { CheckedInput } from './validation.js';

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

/** Where a field's options come from, when the API can list them (`Field.dynamicOptions`): the first page. */
export interface OptionSource {
  buildRequest(baseUrl: string): HttpRequest;
  parse(response: HttpResponse): FieldOption[];
}

/** Who the credentials belong to, as a platform shows a connection ("Jane Doe", "client-id @ host"). */
export interface Account {
  label: string;
  /** The user's or tenant's id, where the API says. */
  id: string | null;
}

/** A response as the vendor documents it, for samples and tests. */
export interface ExampleResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Documented example requests and responses of one API, kept once (platform samples, tests). */
export interface ProviderExamples {
  /** Example credentials (not valid anywhere), as the credential fields name them. */
  credentials: Record<string, string>;
  /** Create: an input and the documented response to it. */
  create: { input: Record<string, unknown>; response: ExampleResponse };
  /** List: an input, and the documented pages it gets (the last without a next page). */
  list: { input: Record<string, unknown>; pages: ExampleResponse[] };
  /** Get and delete: a link's ref, and the documented responses. */
  get: { input: Record<string, unknown>; response: ExampleResponse };
  delete: { input: Record<string, unknown>; response: ExampleResponse };
  /** Option sources: per picker id, a search and the documented response to it. */
  pickers: Record<string, { query: { search?: string; cursor?: string; params?: Record<string, unknown> }; response: ExampleResponse; labels: string[] }>;
  /** The credential test (or token exchange) and what core makes of it. */
  account: { response: ExampleResponse; label: string };
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
  /** Option sources that search or list what the ID fields take, keyed by `Field.picker.source`. */
  pickers: Readonly<Record<string, Picker>>;
  /** The first page of the pickers the platforms show as dropdowns today, keyed by `Field.dynamicOptions`. */
  optionSources?: Partial<Record<string, OptionSource>>;
  /** Link types that links name only by id, and where their names are listed (`linkTypeNamer`). */
  linkTypeNames?: LinkTypeNames;
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
  /** The link lifecycle beyond the create itself: if already linked, list, get, find, delete. */
  operations: Operations<Input>;
  /** Who is connected: from the credential test's response body (or the token response), and the credentials. */
  describeAccount(body: unknown, credentials: Credentials): Account;
  readError(body: unknown): ApiErrorDetails;
  /** Documented example responses. */
  examples: ProviderExamples;
}

/**
 * Link types a link may name only by id (DevRev's custom link types): the picker that lists them, and how a
 * link's label names its type.
 */
export interface LinkTypeNames {
  /** The picker that lists the types (a key of `pickers`); its options' labels are the names. */
  source: string;
  /** The id of the link's type where the link does not say its name; `null` otherwise. */
  unnamedType(link: LinkResult): string | null;
  /** The link's `linkTypeLabel` for its type's name, or for `null` when the name could not be learned. */
  label(link: LinkResult, name: string | null): string;
}

/** Any provider, whatever its credential and input types (for code that handles all three alike). */
export type AnyProvider = Provider<any, any>;
