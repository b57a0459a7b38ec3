// Shared helpers for the Make evidence (fault matrix, hostile input, secrets): run the committed Make apps the
// way Make runs them, through the test-only IML evaluator of @links/make, against the sandbox.
import { type HttpResponse, providers, type ProviderId } from '@links/core';
import {
  type LocalApp,
  type MakeConnection,
  moduleParameters,
  type RenderedRequest,
  type Run,
  refreshConnection,
  runConnection,
  runModule,
  type RunOptions,
  runRpcPages,
  runSearch,
  type SearchRun,
} from '@links/make/iml';
import { SANDBOX_LINK_INPUTS, type Sandbox, SEED } from '@links/sandbox';
import type { ProviderKey } from '../src/fault-cells.js';

/**
 * What a Make user sees for each cell: the error type of a response, or what the evaluator throws without one.
 * Make re-runs an incomplete execution by itself only for RateLimitError, ConnectionError and ModuleTimeoutError,
 * so exactly what core sends again (429, 503: refused before anything was done) has one of those types; a 500
 * after which the link may exist stays RuntimeError, which Make does not re-run.
 */
export type Seen = { status: number; type: string; rerunByMake: boolean } | { thrown: 'reset' | 'timeout' };
export const MAKE_SEES: Record<string, Seen> = {
  '429 with Retry-After in seconds': { status: 429, type: 'RateLimitError', rerunByMake: true },
  '429 with Retry-After as an HTTP date': { status: 429, type: 'RateLimitError', rerunByMake: true },
  '429 with retry_after in the body only': { status: 429, type: 'RateLimitError', rerunByMake: true },
  '503': { status: 503, type: 'ConnectionError', rerunByMake: true },
  'connection reset before a response': { thrown: 'reset' },
  'hang past the timeout': { thrown: 'timeout' },
  '401 on an expired token': { status: 401, type: 'InvalidAccessTokenError', rerunByMake: false },
  'stored, then 500': { status: 500, type: 'RuntimeError', rerunByMake: false },
};

/** The error types after which Make runs an incomplete execution again by itself (Make's help). */
export const RERUN_BY_MAKE = new Set(['RateLimitError', 'ConnectionError', 'ModuleTimeoutError']);

/** The module every app has. */
export const MODULE = 'createLink';

/**
 * Make gives up on a request that does not answer in time and reports a ConnectionError; the evaluator has
 * no limit of its own, so the test sends through a fetch with a client-side timeout instead.
 */
export function timedFetch(ms: number): typeof fetch {
  return (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
}

/** What Make hands the module for an input in core's shape. */
export function makeParameters(provider: ProviderKey, input: object): Record<string, unknown> {
  return moduleParameters(providers[provider].fields, input as Record<string, unknown>);
}

export interface MadeConnection {
  /** The connection modules get (parameters plus saved data). */
  connection: MakeConnection;
  /** What the connection saved (OneTrust: accessToken, expires, apiBaseUrl). */
  data: Record<string, unknown>;
  /** The connection's own request (credential check or token step). */
  run: Run;
}

/** Runs the connection's request (credential check, or OneTrust's token step) and expects it to pass. */
export async function connect(app: LocalApp, parameters: Record<string, unknown>, options: RunOptions = {}): Promise<MadeConnection> {
  const { run, connection } = await runConnection(app, parameters, {}, options);
  if (!run) throw new Error('the connection sent no request');
  if (!run.result.ok) throw new Error(`the connection failed: ${run.result.error.type} ${run.result.error.message}`);
  return { connection, data: run.result.data ?? {}, run };
}

/** What Make runs before a module on an OAuth connection: the refresh step (it sends only when the token is due). */
export async function refresh(app: LocalApp, parameters: Record<string, unknown>, made: MadeConnection, options: RunOptions = {}): Promise<MadeConnection & { refreshed: boolean }> {
  const { run, connection, data } = await refreshConnection(app, parameters, made.data, options);
  if (run && !run.result.ok) throw new Error(`the refresh failed: ${run.result.error.type} ${run.result.error.message}`);
  return { connection, data, run: run ?? made.run, refreshed: run !== undefined };
}

/** The Make error of a run (fails the test when the run succeeded). */
export function makeError(run: Run): { type: string; message: string } {
  if (run.result.ok) throw new Error(`expected an error, got ${run.response.status}`);
  return run.result.error;
}

/** The API's own error message as core reads it (`HTTP <status>` for an empty body), which Make must show. */
export function apiMessage(provider: ProviderId, response: HttpResponse): string {
  return providers[provider].readError(response.body).message || `HTTP ${response.status}`;
}

/**
 * The end of a Make message for a 429 or 503: the delay the API asked for, as it sent it (the `Retry-After`
 * header, else DevRev's `retry_after`). Make has no field for it and waits by its own schedule.
 */
export function delayNote(provider: ProviderId, response: HttpResponse): string {
  if (response.status !== 429 && response.status !== 503) return '';
  const delay = response.headers['retry-after'] || providers[provider].readError(response.body).retryAfter;
  return delay ? ` (retry after: ${delay})` : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Stored links, by what they link (so that a duplicate shows even when ids differ)
// ---------------------------------------------------------------------------------------------------------------

/** One key per stored link: link type, source and target as the test inputs name them. */
export function storedLinkKeys(sandbox: Sandbox, provider: ProviderKey): string[] {
  const links = sandbox.state.snapshot().links;
  switch (provider) {
    case 'onetrust':
      return links.onetrust.map((l) => `${l.linkTypeId}|${l.entity1.id}|${l.entity2.id}`);
    case 'yandex-tracker':
      return links.yandexTracker.map((l) => `${l.relationship}|${l.source.id}|${l.target.id}`);
    case 'devrev':
      return links.devrev.map((l) => `${l.link_type}|${l.source.display_id}|${l.target.display_id}`);
  }
}

/** The keys `storedLinkKeys` gives the links an input creates (inputs use seeded ids and display ids). */
export function inputLinkKeys(provider: ProviderKey, input: Record<string, unknown>): string[] {
  const text = (key: string) => String(input[key]);
  switch (provider) {
    case 'onetrust':
      return [`${text('linkTypeId')}|${text('entity1Id')}|${text('entity2Id')}`];
    case 'yandex-tracker':
      return (input.links as { relationship: string; entity: string }[]).map((l) => `${l.relationship}|${text('entityId')}|${l.entity}`);
    case 'devrev':
      return [`${text('linkType')}|${text('source')}|${text('target')}`];
  }
}

/** Fails when any link is stored twice. */
export function expectNoDuplicates(keys: readonly string[]): void {
  const seen = new Set<string>();
  const duplicates = keys.filter((key) => (seen.has(key) ? true : (seen.add(key), false)));
  expect(duplicates).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------
// Make's log of a request, with the `log.sanitize` paths masked
// ---------------------------------------------------------------------------------------------------------------

export const SANITIZED = '[sanitized]';

export interface LogEntry {
  request: { url: string; method: string; headers: Record<string, string>; body?: unknown };
  response?: { status: number; headers: Record<string, string>; body?: unknown };
}

/**
 * A request (and its response) as Make logs it. Header names are lower-cased, as HTTP clients report them
 * and as the apps' `request.headers.authorization` paths assume (an assumption: Make does not document it).
 */
export function logEntry(request: RenderedRequest, response?: HttpResponse): LogEntry {
  const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const entry: LogEntry = { request: { url: request.url, method: request.method, headers: lower(request.headers), body: request.body } };
  if (response) entry.response = { status: response.status, headers: lower(response.headers), body: response.body };
  return structuredClone(entry);
}

/** The log entry with every `log.sanitize` path of the request's spec replaced by `[sanitized]`. */
export function sanitizedLog(request: RenderedRequest, response?: HttpResponse): LogEntry {
  const entry = logEntry(request, response);
  for (const path of request.sanitize) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let node: unknown = entry;
    for (const key of keys) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (node && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, last)) (node as Record<string, unknown>)[last] = SANITIZED;
  }
  return entry;
}

/** Every path (`request.headers.authorization`, `request.url`, ...) whose value contains `secret`. */
export function pathsContaining(value: unknown, secret: string, path = ''): string[] {
  if (typeof value === 'string') return value.includes(secret) ? [path] : [];
  if (value instanceof Date || value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => pathsContaining(child, secret, path ? `${path}.${key}` : key));
}

// ---------------------------------------------------------------------------------------------------------------
// The read components beyond the create (RPCs, Search Links Between Two Records, Make an API Call), each with
// parameters the sandbox's seeded records answer
// ---------------------------------------------------------------------------------------------------------------

const OT_SEED = SEED.onetrust.entities;
const TR_SEED = SEED.yandexTracker.entities;

/** Module parameters every RPC of an app can read (what Make passes it), with seeded records. */
export const RPC_PARAMETERS: Record<ProviderKey, Record<string, unknown>> = {
  onetrust: {
    entityType: 'aisystems',
    entityId: OT_SEED.supportAssistant.id,
    entity1Type: 'aisystems',
    entity1Id: OT_SEED.supportAssistant.id,
    entity2Type: 'models',
    entity2Id: OT_SEED.intentClassifier.id,
  },
  'yandex-tracker': { entityType: 'project' },
  devrev: {},
};

/** Search Links Between Two Records and Make an API Call, with seeded records. */
export const READ_MODULE_PARAMETERS: Record<ProviderKey, Record<'findLinks' | 'makeApiCall', Record<string, unknown>>> = {
  onetrust: {
    findLinks: { entityType: 'aisystems', entityId: OT_SEED.supportAssistant.id, otherEntityId: OT_SEED.intentClassifier.id },
    makeApiCall: {
      url: `/api/ai-governance/v1/linked-entity-types/entity-types/names/aisystems/entities/${OT_SEED.supportAssistant.id}/links/pages`,
      method: 'POST',
      qs: [{ key: 'size', value: '50' }],
      body: { fullText: '', filters: [] },
    },
  },
  'yandex-tracker': {
    findLinks: { entityType: 'project', entityId: TR_SEED.websiteRedesign.id, linkedEntityId: TR_SEED.paymentsMigration.id },
    makeApiCall: { url: `/v2/entities/project/${TR_SEED.websiteRedesign.id}/links`, method: 'GET', qs: [{ key: 'fields', value: 'summary' }] },
  },
  devrev: {
    findLinks: { object: 'ISS-1', otherObject: 'ISS-2' },
    makeApiCall: { url: '/links.list', method: 'POST', body: { object: 'ISS-1', limit: 5 } },
  },
};

/** One read component: an RPC (every page, as Make loads it) or a module, run with its parameters. */
export interface ReadComponent {
  kind: 'rpc' | 'search' | 'module';
  id: string;
  parameters: Record<string, unknown>;
}

/**
 * Every RPC of the app, the find and API-call modules, and where Create a Link has If Already Linked, its
 * look-up (skip: the first request lists the source record's links).
 */
export function readComponents(app: LocalApp, provider: ProviderKey): ReadComponent[] {
  const lookup = (app.modules[MODULE]!.code.mappableParams as { name: string }[]).some((p) => p.name === 'ifExists');
  return [
    ...Object.keys(app.rpcs).map((id) => ({ kind: 'rpc' as const, id, parameters: RPC_PARAMETERS[provider] })),
    { kind: 'search', id: 'findLinks', parameters: READ_MODULE_PARAMETERS[provider].findLinks },
    { kind: 'module', id: 'makeApiCall', parameters: READ_MODULE_PARAMETERS[provider].makeApiCall },
    ...(lookup ? [{ kind: 'module' as const, id: MODULE, parameters: { ...makeParameters(provider, SANDBOX_LINK_INPUTS[provider]), ifExists: 'skip' } }] : []),
  ];
}

/** Runs a read component; every request it sent and its result (the first error, or every item). */
export async function runRead(app: LocalApp, read: ReadComponent, connection: MakeConnection, options: RunOptions = {}, extra: Record<string, unknown> = {}): Promise<SearchRun> {
  const parameters = { ...read.parameters, ...extra };
  if (read.kind === 'rpc') return runRpcPages(app, read.id, parameters, connection, options);
  if (read.kind === 'search') return runSearch(app, read.id, parameters, connection, options);
  const run = await runModule(app, read.id, parameters, connection, options);
  return { runs: [run], result: run.result.ok ? { ok: true, output: [run.result.output] } : { ok: false, error: run.result.error } };
}
