/**
 * Renders Make request specifications (communication files merged with the Base) into HTTP requests and
 * applies their `response` directives to real responses, as far as the Links apps use them.
 *
 * Covered: `url` (a leading `/` appends it to the Base's `baseUrl`), `method`, `headers` and `qs` (Base
 * and component merged, the component winning; a value that renders to `null` is not sent, and one that
 * renders to `undefined` is an ImlError, because Make documents leaving out only body members that do:
 * add a header conditionally with the spread key instead, see template.ts), `body` with `type` `json` (default) or `urlencoded`, `encodeUrl`,
 * `condition`, `temp` (rendered before everything else), and in `response`: `temp` (rendered first,
 * before the status check and `output`, as Make documents), `iterate` (a container, or `{ container, condition }`), `output`, `wrapper`, `data`, `metadata` and `error` (a
 * key per three-digit status, else the general entry; `RuntimeError` when no type is given). The
 * response scope has `body`, `headers` (names in lower case, as Node reports them: an assumption),
 * `statusCode` and the request's `temp`. A status of 400 or more is an error, unless `valid` is given: then
 * `valid` (an expression in the response scope, after `temp`) alone decides, so a valid 404 goes on to
 * `output` (an assumption: Make documents that `valid` decides whether a response is an error, not how it
 * combines with the status); a body is parsed as JSON when the response says it is JSON.
 *
 * Not covered here: `pagination` and `response.limit` (see `runSearch` in index.ts), arrays of requests (see
 * `runModule` in index.ts), `repeat`, `valid` as an object (`{ condition, message, type }`), AWS or OAuth1 signing, multipart and binary bodies,
 * and `response.type` other than automatic. Assumptions where Make's documentation
 * is silent: with `encodeUrl` on, only characters that may not appear in a URL are percent-encoded;
 * query values are encoded with `encodeURIComponent`; Make's own `Content-Type` for the body type is
 * added when sending and is not part of the rendered headers.
 */
import type { HttpRequest, HttpResponse } from '@links/core';
import { ImlError, type ImlScope, toText } from './expression.js';
import { render } from './template.js';

/** A request directive as written in a communication file or the Base. */
export interface RequestSpec {
  baseUrl?: string;
  url?: string;
  method?: string;
  headers?: Record<string, unknown>;
  qs?: Record<string, unknown>;
  body?: unknown;
  type?: string;
  encodeUrl?: boolean;
  condition?: unknown;
  temp?: Record<string, unknown>;
  response?: ResponseSpec;
  /** A search's next page: members merged into the request, rendered with the previous response in scope. */
  pagination?: Pick<RequestSpec, 'url' | 'method' | 'headers' | 'qs' | 'body' | 'condition'>;
  log?: { sanitize?: string[] };
}

export interface ErrorSpec {
  message?: string;
  type?: string;
  [status: string]: unknown;
}

export interface ResponseSpec {
  valid?: unknown;
  limit?: unknown;
  iterate?: unknown;
  output?: unknown;
  wrapper?: unknown;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  error?: ErrorSpec | string;
  temp?: Record<string, unknown>;
}

/** A request after IML rendering: what Make would send (before its automatic Content-Type). */
export interface RenderedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyType: 'json' | 'urlencoded';
  body?: unknown;
  /** The paths the spec asks Make to hide in its logs (`log.sanitize`). */
  sanitize: string[];
}

/** Make's error for a failed request: the type the app declares and its message. */
export interface MakeModuleError {
  type: string;
  message: string;
}

export type ResponseResult =
  | { ok: true; output: unknown; data?: Record<string, unknown>; metadata?: Record<string, unknown> }
  | { ok: false; error: MakeModuleError };

/** Merges the Base into a component's request, as Make does for modules and RPCs (not for connections). */
export function withBase(spec: RequestSpec, base: RequestSpec | undefined): RequestSpec {
  if (!base) return spec;
  const baseError = typeof base.response?.error === 'object' ? base.response.error : undefined;
  const ownError = typeof spec.response?.error === 'object' ? spec.response.error : undefined;
  return {
    ...spec,
    baseUrl: base.baseUrl,
    headers: mergeCaseInsensitive(base.headers, spec.headers),
    qs: { ...base.qs, ...spec.qs },
    response: {
      ...base.response,
      ...spec.response,
      error: typeof spec.response?.error === 'string' ? spec.response.error : { ...baseError, ...ownError },
    },
    log: { sanitize: [...(base.log?.sanitize ?? []), ...(spec.log?.sanitize ?? [])] },
  };
}

function mergeCaseInsensitive(
  base: Record<string, unknown> | undefined,
  own: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [name, value] of [...Object.entries(base ?? {}), ...Object.entries(own ?? {})]) {
    for (const existing of Object.keys(merged)) if (existing.toLowerCase() === name.toLowerCase()) delete merged[existing];
    merged[name] = value;
  }
  return merged;
}

/**
 * Renders a (merged) request spec. Returns `null` when its `condition` is false. `temp` is rendered
 * first and joins the scope, as Make documents.
 */
export function renderRequest(spec: RequestSpec, scope: ImlScope): { request: RenderedRequest; scope: ImlScope } | null {
  const withTemp = spec.temp ? { ...scope, temp: { ...(scope.temp as object), ...(render(spec.temp, scope) as object) } } : scope;
  if (spec.condition !== undefined && !render(spec.condition, withTemp)) return null;
  if (!spec.url) throw new ImlError('A request needs a url');
  let url = toText(render(spec.url, withTemp));
  if (url.startsWith('/')) {
    if (!spec.baseUrl) throw new ImlError(`The url ${spec.url} is relative but there is no baseUrl`);
    url = toText(render(spec.baseUrl, withTemp)) + url;
  }
  if (spec.encodeUrl !== false) url = url.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, (char) => encodeURIComponent(char));
  const query = Object.entries(renderMembers(spec.qs, withTemp, 'query parameter'))
    .filter(([, value]) => value !== null)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${encodeURIComponent(key)}=${encodeURIComponent(toText(v))}`));
  if (query.length > 0) url += `${url.includes('?') ? '&' : '?'}${query.join('&')}`;

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(renderMembers(spec.headers, withTemp, 'header'))) {
    if (value !== null) headers[name] = toText(value);
  }
  const method = toText(render(spec.method ?? 'GET', withTemp)).toUpperCase();
  const bodyType = spec.type === 'urlencoded' ? 'urlencoded' : 'json';
  if (spec.type !== undefined && spec.type !== 'json' && spec.type !== 'urlencoded') {
    throw new ImlError(`The request body type ${spec.type} is not covered by this evaluator`);
  }
  const request: RenderedRequest = { method, url, headers, bodyType, sanitize: spec.log?.sanitize ?? [] };
  if (method !== 'GET' && spec.body !== undefined) request.body = render(spec.body, withTemp);
  return { request, scope: withTemp };
}

/**
 * Renders headers or query parameters. Make documents leaving out a body member that renders to
 * `undefined`, not a header or a query parameter, so one that renders to `undefined` is an ImlError here
 * (add it conditionally with the spread key instead); one that renders to `null` is not sent.
 */
function renderMembers(members: Record<string, unknown> | undefined, scope: ImlScope, what: string): Record<string, unknown> {
  const rendered: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(members ?? {})) {
    const result = render({ [name]: value }, scope) as Record<string, unknown>;
    if (Object.keys(result).length === 0 && !/^\{\{\s*\.\.\.\s*\}\}$/.test(name)) {
      throw new ImlError(`The ${what} ${name} renders to undefined; Make documents leaving out only body members that do`);
    }
    Object.assign(rendered, result);
  }
  return rendered;
}

/** The rendered request in core's shape, to compare it with what core builds. */
export function toHttpRequest(request: RenderedRequest): HttpRequest {
  const http: HttpRequest = { method: request.method as HttpRequest['method'], url: request.url, headers: { ...request.headers } };
  if (request.body !== undefined) {
    if (request.bodyType === 'json') http.json = request.body;
    else http.form = Object.fromEntries(Object.entries(request.body as object).map(([k, v]) => [k, toText(v)]));
  }
  return http;
}

/** Sends a rendered request as Make would: with its body encoded and the matching Content-Type. */
export async function sendRequest(request: RenderedRequest, fetchImpl: typeof fetch = fetch): Promise<HttpResponse> {
  const headers = new Headers(request.headers);
  let body: string | undefined;
  if (request.body !== undefined) {
    if (request.bodyType === 'json') {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(request.body);
    } else {
      headers.set('Content-Type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(toHttpRequest(request).form).toString();
    }
  }
  const response = await fetchImpl(request.url, { method: request.method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let parsed: unknown = text === '' ? undefined : text;
  if (text !== '' && /json/i.test(contentType)) parsed = JSON.parse(text);
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name.toLowerCase()] = value;
  });
  return { status: response.status, headers: responseHeaders, body: parsed };
}

/**
 * Applies a spec's `response` directives to a response, in the scope the request was rendered in; `kept.temp`
 * receives the `temp` after the response (the request's and the response's), for the next of several requests.
 */
export function handleResponse(spec: RequestSpec, response: HttpResponse, requestScope: ImlScope, kept?: { temp?: Record<string, unknown> }): ResponseResult {
  const directives = spec.response ?? {};
  let scope: ImlScope = { ...requestScope, statusCode: response.status, headers: response.headers, body: response.body };
  if (typeof directives.valid === 'object' && directives.valid !== null) throw new ImlError('response.valid as an object is not covered');
  // Make renders the response's `temp` first, "prior to everything else in the response section".
  if (directives.temp) scope = { ...scope, temp: { ...(scope.temp as object), ...(render(directives.temp, scope) as object) } };
  const valid = directives.valid === undefined ? response.status < 400 : Boolean(render(directives.valid, scope));
  if (!valid) return { ok: false, error: makeError(directives.error, response.status, scope) };

  let output: unknown;
  if (directives.iterate !== undefined) {
    // `iterate` is the container, or `{ container, condition }`: only the items for which the condition holds.
    const form = typeof directives.iterate === 'object' && directives.iterate !== null ? (directives.iterate as { container?: unknown; condition?: unknown }) : { container: directives.iterate };
    const container = render(form.container, scope);
    const all = Array.isArray(container) ? container : container === undefined || container === null ? [] : [container];
    const items = form.condition === undefined ? all : all.filter((item) => render(form.condition, { ...scope, item }));
    output = items.map((item) => ('output' in directives ? render(directives.output, { ...scope, item }) : item));
  } else {
    output = 'output' in directives ? render(directives.output, scope) : response.body;
  }
  if (directives.wrapper !== undefined) output = render(directives.wrapper, { ...scope, output });
  if (kept) kept.temp = scope.temp as Record<string, unknown>;
  const result: ResponseResult = { ok: true, output };
  if (directives.data) result.data = render(directives.data, scope) as Record<string, unknown>;
  if (directives.metadata) result.metadata = render(directives.metadata, scope) as Record<string, unknown>;
  return result;
}

function makeError(spec: ErrorSpec | string | undefined, status: number, scope: ImlScope): MakeModuleError {
  if (spec === undefined) return { type: 'RuntimeError', message: `[${status}]` };
  if (typeof spec === 'string') return { type: 'RuntimeError', message: toText(render(spec, scope)) };
  const forStatus = spec[String(status)] as ErrorSpec | undefined;
  const chosen = forStatus ?? spec;
  return {
    type: toText(render(chosen.type ?? 'RuntimeError', scope)),
    message: toText(render(chosen.message ?? '', scope)),
  };
}
