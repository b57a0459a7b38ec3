/**
 * The contract between the server and the three API modules, plus the small helpers they share: responses,
 * the error that carries a response, JSON checks. Nothing here is specific to one API.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiName, RateLimitStatus, RouteName, SandboxState } from './state.js';

// ---------------------------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------------------------

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  /** The serialized body; `undefined` sends an empty body. */
  body: string | undefined;
}

/** A JSON response. A string value is sent as a JSON string (`"..."`), which OneTrust does for some errors. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** A response with an empty body. */
export function empty(status: number, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers, body: undefined };
}

/** Thrown anywhere in a handler to answer with `response`. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(readonly response: SandboxResponse) {
    super(`HTTP ${response.status}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Routes and API modules
// ---------------------------------------------------------------------------------------------------------------

/**
 * How a route takes its body:
 * - `json`: required, `Content-Type: application/json`;
 * - `optional-json`: JSON when not empty (GET ignores the body);
 * - `form`: required, `Content-Type: application/x-www-form-urlencoded`;
 * - `none`: any body is ignored.
 */
export type BodyMode = 'json' | 'optional-json' | 'form' | 'none';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface RequestContext {
  method: HttpMethod;
  /** Path parameters, each decoded exactly once from its raw segment. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed body: JSON value, form fields, or `undefined` when there is none. */
  body: unknown;
  /** What `authenticate` returned. */
  auth: AuthInfo;
  state: SandboxState;
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
}

export interface AuthInfo {
  scope?: string;
}

export interface RouteDef {
  name: RouteName;
  methods: readonly HttpMethod[];
  /** Segments: a literal (alternatives separated by `|`) or `:param`. */
  path: string;
  body: BodyMode;
  /** Default true: run the API's `authenticate` first. */
  auth?: boolean;
  handle(ctx: RequestContext): SandboxResponse | Promise<SandboxResponse>;
}

/** Errors the server detects itself; each API renders them in its own format. */
export type GenericErrorKind =
  | 'route_not_found'
  | 'method_not_allowed'
  | 'bad_path'
  | 'unsupported_media_type'
  | 'missing_body'
  | 'parse_error'
  | 'payload_too_large'
  | 'rate_limited'
  | 'fault'
  | 'internal';

export interface GenericError {
  kind: GenericErrorKind;
  status: number;
  message: string;
  /** For 429/503: the Retry-After in seconds (the server sets the header; DevRev also puts it in the body). */
  retryAfterSeconds?: number;
  /** For 413. */
  maxBytes?: number;
  /** For 429: the window numbers (OneTrust's ot-* headers). */
  rate?: RateLimitStatus;
}

export interface ApiModule {
  api: ApiName;
  routes: readonly RouteDef[];
  /** Whether an unmatched path belongs to this API (to answer 404 in its format). */
  owns(path: string): boolean;
  error(error: GenericError): SandboxResponse;
  /** Throws an HttpError (401/403) or returns what the handler may rely on. */
  authenticate(ctx: RequestContext, route: RouteDef): AuthInfo;
  /** Adds headers every response of the API carries (DevRev's X-Ratelimit-*). */
  decorate?(response: SandboxResponse, rate: RateLimitStatus): void;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared checks
// ---------------------------------------------------------------------------------------------------------------

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** The first key of `value` not in `allowed`, if any. */
export function unknownKey(value: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(value).find((key) => !allowed.includes(key));
}

/** The token of an `Authorization: <scheme> <token>` header (scheme compared case-insensitively). */
export function credentialOf(headers: IncomingHttpHeaders, scheme: string): string | undefined {
  const value = headers.authorization;
  if (typeof value !== 'string') return undefined;
  const match = /^(\S+) +(\S+)\s*$/.exec(value);
  if (!match || match[1]!.toLowerCase() !== scheme.toLowerCase()) return undefined;
  return match[2];
}

/** A single header value; repeated headers (an array, or a comma-joined list) count as absent-or-invalid. */
export function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Opaque pagination cursors shared by the list endpoints: an offset bound to the list it came from, so a cursor of
 * one list is refused by another.
 */
export function encodeCursor(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url');
}

export function decodeCursor(cursor: string, scope: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isRecord(parsed) && parsed.s === scope && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through
  }
  return undefined;
}
