/**
 * `@links/make/iml`: a test-only evaluator of the committed Make apps. It renders a module's, an RPC's or a
 * connection's request from the app's files (Base merged where Make merges it), sends it, and applies the
 * app's output and error mapping, so the apps can be checked against @links/core and the sandbox. Make
 * itself runs IML only on its servers. The limits of expressions and requests are written at the top of
 * expression.ts, template.ts and request.ts.
 *
 * Connections: a basic connection's communication is one request (the credential check). Of an OAuth
 * connection's steps only `token` (run when the connection is made or re-authorized, `runConnection`) and
 * `refresh` (run before a module when the saved data has `expires`, `refreshConnection`) are covered;
 * `preauthorize`, `authorize`, `info` and `invalidate`, `response.expires`, scopes and common data are not.
 * Make merges the data a step saves into the connection's data; modules read it, with the connection's
 * parameters, as `connection`. The evaluator does not schedule anything itself: a test calls
 * `refreshConnection` where Make would, with the time it wants `now` to be.
 *
 * Searches (`runSearch`): the first request, then while `pagination.condition` holds and fewer than
 * `response.limit` items were output, the request again with `pagination`'s members merged in (`qs`,
 * `headers` and a `body` collection member by member, `url` and `method` replaced), rendered with the
 * previous response's `body`, `headers` and `statusCode` in scope; the output is cut at the limit. Assumptions
 * where Make's documentation is silent: a page that outputs no item ends the paging, and so does a request
 * identical to one already sent (a service repeating its cursor); at most 1000 pages are read. Make's page
 * counter `pagination.page` is in scope for `pagination` and its condition: 2 for the first extra page (Make
 * documents that), 3 for the next, and so on (the counting on is an assumption). RPCs page the same way
 * (`runRpcPages`, with the module's and the search form's parameters as `parameters`: Make passes them).
 */
import type { Field, HttpResponse, ProviderId } from '@links/core';
import { appDir, MAKE_APPS } from '../apps.js';
import { type LocalApp, loadLocalApp } from '../layout.js';
import type { ImlScope } from './expression.js';
import { render } from './template.js';
import { handleResponse, type MakeModuleError, type RenderedRequest, type RequestSpec, type ResponseResult, renderRequest, sendRequest, withBase } from './request.js';

export { COVERED_FUNCTIONS, evaluateExpression, ImlError, type ImlScope, toText } from './expression.js';
export { render } from './template.js';
export {
  handleResponse,
  type MakeModuleError,
  type RenderedRequest,
  type RequestSpec,
  type ResponseResult,
  renderRequest,
  sendRequest,
  toHttpRequest,
  withBase,
} from './request.js';
export type { LocalApp } from '../layout.js';

/** Loads one of the committed apps (`packages/make/apps/<provider>`). */
export function loadMakeApp(provider: ProviderId): LocalApp {
  return loadLocalApp(appDir(MAKE_APPS[provider]));
}

/** A Make connection as modules see it: its parameters and the data its communication saved. */
export type MakeConnection = Record<string, unknown>;

export interface RunOptions {
  fetch?: typeof fetch;
  /** The time `now` reads as (default: the current time). */
  now?: Date;
}

/** One request and what the app made of its response. */
export interface Run {
  request: RenderedRequest;
  response: HttpResponse;
  result: ResponseResult;
}

/**
 * What Make hands a module as `parameters` for an input in core's shape: empty values are left out and
 * a JSON parameter is parsed (Make parses the text before the communication reads it).
 */
export function moduleParameters(fields: readonly Field[], input: Record<string, unknown>): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const field of fields) {
    let value = input[field.key];
    if (value === undefined || value === null || value === '') continue;
    if (field.type === 'json' && typeof value === 'string') value = JSON.parse(value);
    if (field.type === 'list' && Array.isArray(value)) {
      value = value.map((entry) => moduleParameters(field.fields!, entry as Record<string, unknown>));
    }
    parameters[field.key] = value;
  }
  return parameters;
}

/** A module's or RPC's requests with the Base merged into each: one, or several run in order (Make's multiple requests). */
export function requestsOf(app: LocalApp, kind: 'modules' | 'rpcs', id: string): RequestSpec[] {
  const found = app[kind][id];
  if (!found) throw new Error(`The app in ${app.dir} has no ${kind.slice(0, -1)} "${id}"`);
  const communication = found.code.communication as RequestSpec | RequestSpec[];
  return (Array.isArray(communication) ? communication : [communication]).map((spec) => withBase(spec, app.base as RequestSpec));
}

/**
 * A module's or RPC's request spec with the Base merged in, as Make runs it; of several requests, the last
 * (the one whose output is the module's: Create a Link's create, after the If Already Linked look-up).
 */
export function component(app: LocalApp, kind: 'modules' | 'rpcs', id: string): RequestSpec {
  return requestsOf(app, kind, id).at(-1)!;
}

/** The IML variables of a module run. */
export function scopeOf(parameters: Record<string, unknown>, connection: MakeConnection, now?: Date): ImlScope {
  return { parameters, connection, now: now ?? new Date(), temp: {} };
}

/**
 * Renders a module's request (Base merged) for the given parameters and connection: of several requests, the
 * one that runs (requests before it must have a false condition: one that would run needs a response, so
 * use `runModule`).
 */
export function renderModuleRequest(
  app: LocalApp,
  moduleId: string,
  parameters: Record<string, unknown>,
  connection: MakeConnection,
  now?: Date,
): RenderedRequest {
  const specs = requestsOf(app, 'modules', moduleId);
  const scope = scopeOf(parameters, connection, now);
  for (const [index, spec] of specs.entries()) {
    const rendered = renderRequest(spec, scope);
    if (!rendered) continue;
    if (index < specs.length - 1) throw new Error(`The module ${moduleId} sends request ${index + 1} of ${specs.length} first: run it with runModule`);
    return rendered.request;
  }
  throw new Error(`The module ${moduleId} did not send a request (its condition is false)`);
}

/**
 * Renders a module's requests, sends them and applies each one's output or error mapping. Several requests
 * (Make's multiple requests) run in order: a request whose condition is false is not sent, `temp` carries
 * over from one to the next (merged, as Make documents), the first error ends the run, and the module's
 * output is the last sent request's (Make documents the last request's output; what a last request skipped
 * by its condition gives is not documented, so the Links apps' last request always runs). The run returned
 * is the last request sent; `runs` has every one.
 */
export async function runModule(
  app: LocalApp,
  moduleId: string,
  parameters: Record<string, unknown>,
  connection: MakeConnection,
  options: RunOptions = {},
): Promise<Run & { runs: Run[] }> {
  const specs = requestsOf(app, 'modules', moduleId);
  let scope = scopeOf(parameters, connection, options.now);
  const runs: Run[] = [];
  for (const spec of specs) {
    const rendered = renderRequest(spec, scope);
    if (!rendered) continue;
    const response = await sendRequest(rendered.request, options.fetch);
    const kept: { temp?: Record<string, unknown> } = {};
    const result = handleResponse(spec, response, rendered.scope, kept);
    runs.push({ request: rendered.request, response, result });
    if (!result.ok) break;
    scope = { ...scope, temp: { ...(scope.temp as object), ...kept.temp } };
  }
  if (runs.length === 0) throw new Error(`The module ${moduleId} did not send a request (its condition is false)`);
  return { ...runs.at(-1)!, runs };
}

/** Renders an RPC's first request (Base merged), sends it and returns its options or error (one page). */
export async function runRpc(app: LocalApp, rpcId: string, connection: MakeConnection, options: RunOptions = {}, parameters: Record<string, unknown> = {}): Promise<Run> {
  return run(component(app, 'rpcs', rpcId), scopeOf(parameters, connection, options.now), options);
}

/**
 * Runs an RPC as Make loads a dropdown or a search button's results: `parameters` are the module's (and the
 * search form's), every page its `pagination` asks for, up to its `response.limit` options (see `runSearch`).
 */
export async function runRpcPages(app: LocalApp, rpcId: string, parameters: Record<string, unknown>, connection: MakeConnection, options: RunOptions = {}): Promise<SearchRun> {
  return runPaged(component(app, 'rpcs', rpcId), scopeOf(parameters, connection, options.now), options);
}

async function run(spec: RequestSpec, scope: ImlScope, options: RunOptions): Promise<Run> {
  const rendered = renderRequest(spec, scope);
  if (!rendered) throw new Error('The request did not run (its condition is false)');
  const response = await sendRequest(rendered.request, options.fetch);
  return { request: rendered.request, response, result: handleResponse(spec, response, rendered.scope) };
}

/** A search run: every request sent, and the items output (at most `response.limit`), or the first error. */
export interface SearchRun {
  runs: Run[];
  result: { ok: true; output: unknown[] } | { ok: false; error: MakeModuleError };
}

const MAX_PAGES = 1000;

/** Runs a search module: its pages as Make's `pagination` directive asks for them, up to `response.limit` items. */
export async function runSearch(
  app: LocalApp,
  moduleId: string,
  parameters: Record<string, unknown>,
  connection: MakeConnection,
  options: RunOptions = {},
): Promise<SearchRun> {
  return runPaged(component(app, 'modules', moduleId), scopeOf(parameters, connection, options.now), options);
}

async function runPaged(spec: RequestSpec, scope: ImlScope, options: RunOptions): Promise<SearchRun> {
  const limitValue = spec.response?.limit === undefined ? Number.POSITIVE_INFINITY : Number(render(spec.response.limit, scope));
  const limit = Number.isFinite(limitValue) && limitValue >= 0 ? limitValue : Number.POSITIVE_INFINITY;
  const runs: Run[] = [];
  const output: unknown[] = [];
  const sent = new Set<string>();
  let current: RequestSpec = spec;
  let currentScope: ImlScope = scope;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const rendered = renderRequest(current, currentScope);
    if (!rendered) break;
    const key = JSON.stringify(rendered.request);
    if (sent.has(key)) break;
    sent.add(key);
    const response = await sendRequest(rendered.request, options.fetch);
    const result = handleResponse(spec, response, rendered.scope);
    runs.push({ request: rendered.request, response, result });
    if (!result.ok) return { runs, result };
    const items = Array.isArray(result.output) ? result.output : [result.output];
    output.push(...items);
    if (items.length === 0 || output.length >= limit || !spec.pagination) break;
    const { condition, ...next } = spec.pagination;
    // Make's page counter: 2 on the first extra page.
    currentScope = { ...scope, body: response.body, headers: response.headers, statusCode: response.status, pagination: { page: page + 2 } };
    if (condition !== undefined && !render(condition, currentScope)) break;
    current = mergePagination(spec, next);
  }
  return { runs, result: { ok: true, output: output.slice(0, limit) } };
}

function mergePagination(spec: RequestSpec, next: Omit<NonNullable<RequestSpec['pagination']>, 'condition'>): RequestSpec {
  const isCollection = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  return {
    ...spec,
    ...(next.url !== undefined ? { url: next.url } : {}),
    ...(next.method !== undefined ? { method: next.method } : {}),
    headers: { ...spec.headers, ...next.headers },
    qs: { ...spec.qs, ...next.qs },
    ...(next.body !== undefined ? { body: isCollection(spec.body) && isCollection(next.body) ? { ...spec.body, ...next.body } : next.body } : {}),
  };
}

/** The steps of an OAuth connection's communication that the Links apps use. */
export type OAuthStep = 'token' | 'refresh';

function connectionSpec(app: LocalApp, step: OAuthStep): RequestSpec | undefined {
  const [connection] = Object.values(app.connections);
  if (!connection) throw new Error(`The app in ${app.dir} has no connection`);
  const communication = connection.code.communication as RequestSpec & Partial<Record<OAuthStep, RequestSpec>>;
  // A basic connection's communication is its credential check; an OAuth one's has steps (Links: token, refresh).
  if ((connection.metadata.connectionType ?? 'basic') === 'basic') return step === 'token' ? communication : undefined;
  return communication[step];
}

/**
 * Renders a connection's request: the credential check of a basic connection, or a step of an OAuth one
 * (`token` by default; `refresh`, which is `null` while its `condition` is false).
 */
export function renderConnectionRequest(
  app: LocalApp,
  parameters: Record<string, unknown>,
  data: Record<string, unknown> = {},
  now?: Date,
  step: OAuthStep = 'token',
): RenderedRequest | null {
  const spec = connectionSpec(app, step);
  if (!spec) throw new Error(`The connection of the app in ${app.dir} has no ${step} step`);
  return renderRequest(spec, { parameters, data, now: now ?? new Date(), temp: {} })?.request ?? null;
}

export interface ConnectionRun {
  /** Absent when no request was sent (a refresh step whose condition is false, or none). */
  run?: Run;
  /** What the connection has saved (`response.data`) after this step. */
  data: Record<string, unknown>;
  /** The connection modules would see: its parameters and its saved data. */
  connection: MakeConnection;
}

async function runStep(
  spec: RequestSpec,
  parameters: Record<string, unknown>,
  data: Record<string, unknown>,
  options: RunOptions,
): Promise<ConnectionRun> {
  const scope: ImlScope = { parameters, data, now: options.now ?? new Date(), temp: {} };
  const rendered = renderRequest(spec, scope);
  if (!rendered) return { data, connection: { ...parameters, ...data } };
  const response = await sendRequest(rendered.request, options.fetch);
  const result = handleResponse(spec, response, rendered.scope);
  const saved = result.ok ? { ...data, ...result.data } : data;
  return { run: { request: rendered.request, response, result }, data: saved, connection: { ...parameters, ...saved } };
}

/**
 * What Make runs when a connection is made or re-authorized: the credential check of a basic connection,
 * or the `token` step of an OAuth one (without `authorize`, Make needs that step to run every time, so
 * it has no condition). Returns the connection modules get.
 */
export async function runConnection(
  app: LocalApp,
  parameters: Record<string, unknown>,
  data: Record<string, unknown> = {},
  options: RunOptions = {},
): Promise<ConnectionRun> {
  return runStep(connectionSpec(app, 'token')!, parameters, data, options);
}

/**
 * What Make runs before a module uses an OAuth connection whose saved data has `expires`: the `refresh`
 * step, which sends its request only when its `condition` holds (the Links apps: the saved token expires
 * within 15 minutes), and saves what it returns. Without a refresh step, or without `expires`, nothing
 * is sent. Assumption: Make documents that `data.expires` triggers the refresh, not how early it looks;
 * the evaluator checks before every module run and leaves the timing to the step's condition.
 */
export async function refreshConnection(
  app: LocalApp,
  parameters: Record<string, unknown>,
  data: Record<string, unknown>,
  options: RunOptions = {},
): Promise<ConnectionRun> {
  const spec = connectionSpec(app, 'refresh');
  if (!spec || data.expires === undefined) return { data, connection: { ...parameters, ...data } };
  return runStep(spec, parameters, data, options);
}
