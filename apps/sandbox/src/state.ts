/**
 * The mutable state of one sandbox: stored links, issued tokens, request counters, faults and rate limits.
 * The admin API (`/__admin/*`) and the in-process `sandbox.state` object call the same methods.
 */
import { seededLinks } from './records.js';
import type { DevRevObjectType, OneTrustEntityTypeName, TrackerEntityType } from './seed.js';

// ---------------------------------------------------------------------------------------------------------------
// Routes and APIs
// ---------------------------------------------------------------------------------------------------------------

export type ApiName = 'onetrust' | 'yandexTracker' | 'devrev';
export const API_NAMES: readonly ApiName[] = ['onetrust', 'yandexTracker', 'devrev'];

/** Every emulated route, by name. Faults and request counters are keyed by these names. */
export const ROUTE_NAMES = [
  'onetrust.token',
  'onetrust.create',
  'onetrust.get',
  'onetrust.delete',
  'onetrust.list',
  'onetrust.entitiesSearch',
  'onetrust.entityBasicDetailsSearch',
  'onetrust.entityTypesSearch',
  'onetrust.entityGet',
  'tracker.create',
  'tracker.list',
  'tracker.delete',
  'tracker.search',
  'tracker.myself',
  'devrev.create',
  'devrev.list',
  'devrev.get',
  'devrev.delete',
  'devrev.self',
  'devrev.customLinkTypes',
  'devrev.worksList',
  'devrev.worksGet',
] as const;

export type RouteName = (typeof ROUTE_NAMES)[number];
/** The routes a fault can target (all of them). */
export type FaultRoute = RouteName;

export function apiOfRoute(route: RouteName): ApiName {
  if (route.startsWith('onetrust.')) return 'onetrust';
  if (route.startsWith('tracker.')) return 'yandexTracker';
  return 'devrev';
}

// ---------------------------------------------------------------------------------------------------------------
// Faults and rate limits
// ---------------------------------------------------------------------------------------------------------------

export type FaultStatus = 401 | 403 | 429 | 500 | 503;
export const FAULT_STATUSES: readonly FaultStatus[] = [401, 403, 429, 500, 503];

export interface FaultSpec {
  route: FaultRoute;
  /** How many matching requests the fault applies to. Default 1. */
  times?: number;
  /** Delay before anything else happens (combinable with every other option). */
  latencyMs?: number;
  /** Answer with this status in the API's error format, without processing the request. */
  status?: FaultStatus;
  /** With status 429/503: `Retry-After: <seconds>` (and DevRev's body `retry_after`). */
  retryAfter?: number;
  /** With status 429/503: send Retry-After as an HTTP date (`retryAfter` seconds from now, default 1). */
  retryAfterDate?: boolean;
  /** With status 429/503: `false` leaves the Retry-After header out (DevRev still sends `retry_after` in its body). */
  retryAfterHeader?: boolean;
  /** Destroy the socket before any response. */
  reset?: boolean;
  /** Never respond; the socket is released by `close()` or when the client gives up. */
  hang?: boolean;
  /** Perform (and store) the request, then answer 500 in the API's error format. */
  storeThen500?: boolean;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  times: number;
  /** How many more matching requests the fault applies to. */
  remaining: number;
}

export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

export type RateLimits = Partial<Record<ApiName, RateLimitConfig>>;

/** The outcome of counting one request against an API's fixed window. */
export interface RateLimitStatus {
  limited: boolean;
  limit: number;
  /** Requests counted in the current window, this one included. */
  made: number;
  remaining: number;
  windowMs: number;
  /** Epoch ms when the current window ends. */
  resetAt: number;
  /** False when no limit is configured (the numbers are then nominal and never enforced). */
  enforced: boolean;
}

/** Thrown for invalid admin input (faults, rate limits, token lifetime). */
export class SandboxConfigError extends Error {
  override name = 'SandboxConfigError';
}

// ---------------------------------------------------------------------------------------------------------------
// Stored records
// ---------------------------------------------------------------------------------------------------------------

export interface OneTrustLinkRecord {
  id: string;
  linkTypeId: string;
  entity1: { id: string; entityType: OneTrustEntityTypeName };
  entity2: { id: string; entityType: OneTrustEntityTypeName };
  attributes: Record<string, unknown[]> | null;
  context: unknown;
  /** Exactly the `LinkInformation` the create call answered with. */
  response: Record<string, unknown>;
}

export interface TrackerLinkRecord {
  seq: number;
  source: { entityType: TrackerEntityType; id: string };
  target: { entityType: TrackerEntityType; id: string };
  relationship: string;
  createdAt: string;
}

/**
 * A link end as DevRev's published schema gives it (`link-endpoint-summary`, by `type`): work items carry a
 * `title`, parts a `name`, both with their owners.
 */
export interface DevRevLinkRef {
  type: DevRevObjectType;
  id: string;
  display_id: string;
  title?: string;
  name?: string;
  owned_by: Record<string, unknown>[];
}

/** Exactly the `link` object links.create answered with. */
export interface DevRevLinkRecord {
  id: string;
  display_id: string;
  link_type: string;
  custom_link_type?: { id: string; display_id: string };
  source: DevRevLinkRef;
  target: DevRevLinkRef;
  created_date: string;
  created_by: Record<string, unknown>;
  modified_date: string;
  modified_by: Record<string, unknown>;
  object_version: number;
}

export interface StoredLinks {
  onetrust: OneTrustLinkRecord[];
  yandexTracker: TrackerLinkRecord[];
  devrev: DevRevLinkRecord[];
}

export interface OneTrustToken {
  /** Epoch ms. */
  issuedAt: number;
  expiresAt: number;
  scope: string;
  jti: string;
}

export interface RequestLogEntry {
  at: string;
  method: string;
  /** Path without the query string. */
  path: string;
  route: RouteName | null;
  /** Status sent, or the fault outcome `reset` / `hang`; null while in flight. */
  outcome: number | 'reset' | 'hang' | null;
}

export interface RequestCounters {
  /** Every request received on an API path (matched or not); admin requests are not included. */
  total: number;
  /** Requests that matched no route. */
  unmatched: number;
  /** Admin API requests. */
  admin: number;
  byRoute: Record<RouteName, number>;
}

export interface SandboxSnapshot {
  /** Links created through the API since the start (or the last reset). */
  links: StoredLinks;
  /** The links that existed before any request and have not been deleted (restored by reset). */
  seededLinks: StoredLinks;
  requests: RequestCounters;
  /** The most recent API requests (at most 500, admin requests excluded), oldest first. */
  requestLog: RequestLogEntry[];
  faults: ActiveFault[];
  rateLimits: RateLimits;
  tokens: { onetrust: { active: number; expired: number; ttlSeconds: number } };
}

export interface SandboxStateOptions {
  tokenTtlSeconds?: number;
  rateLimits?: RateLimits;
}

const REQUEST_LOG_SIZE = 500;
/** DevRev reports rate-limit headers on every response; without a configured limit these nominal values are used. */
export const NOMINAL_RATE_LIMIT: RateLimitConfig = { limit: 10_000, windowMs: 300_000 };

// ---------------------------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------------------------

export class SandboxState {
  /** Links created through the API, per API. The arrays keep their identity across `reset()`. */
  readonly links: StoredLinks = { onetrust: [], yandexTracker: [], devrev: [] };
  /**
   * Links that exist before any request (see the README's seed), per API. The API lists, gets and deletes them like
   * created ones; `reset()` restores them. Kept apart from `links` so that counting `links` counts what was created.
   */
  readonly seededLinks: StoredLinks = seededLinks();
  /** Issued OneTrust access tokens (never exposed through the admin API). */
  readonly onetrustTokens = new Map<string, OneTrustToken>();
  readonly counters: RequestCounters = emptyCounters();
  readonly requestLog: RequestLogEntry[] = [];

  private faultList: ActiveFault[] = [];
  private nextFaultId = 1;
  private limits: RateLimits = {};
  private windows = new Map<ApiName, { start: number; count: number }>();
  private ttlSeconds: number;
  private sequences = new Map<string, number>();

  private readonly initialTtl: number;
  private readonly initialLimits: RateLimits;

  constructor(options: SandboxStateOptions = {}) {
    this.initialTtl = validateTtl(options.tokenTtlSeconds ?? 3600);
    this.initialLimits = validateRateLimits(options.rateLimits ?? {}, {});
    this.ttlSeconds = this.initialTtl;
    this.limits = { ...this.initialLimits };
  }

  // ---- operations shared with the admin API -------------------------------------------------------------------

  /** A deep copy of everything observable: links, counters, request log, faults, rate limits, token counts. */
  snapshot(): SandboxSnapshot {
    const seeded = this.seededLinks;
    const rest = this.copyOfTheRest();
    // The seeded records are frozen (see seededLinks()), so the copy shares them.
    const seededLinks = { onetrust: [...seeded.onetrust], yandexTracker: [...seeded.yandexTracker], devrev: [...seeded.devrev] };
    const { links, ...others } = rest;
    return { links, seededLinks, ...others };
  }

  private copyOfTheRest(): Omit<SandboxSnapshot, 'seededLinks'> {
    const now = Date.now();
    let active = 0;
    for (const token of this.onetrustTokens.values()) if (token.expiresAt > now) active++;
    return structuredClone({
      links: this.links,
      requests: this.counters,
      requestLog: this.requestLog,
      faults: this.faultList,
      rateLimits: this.limits,
      tokens: { onetrust: { active, expired: this.onetrustTokens.size - active, ttlSeconds: this.ttlSeconds } },
    });
  }

  /** Links, counters, request log, faults, tokens, token lifetime and rate limits back to their initial values. */
  reset(): void {
    this.links.onetrust.length = 0;
    this.links.yandexTracker.length = 0;
    this.links.devrev.length = 0;
    const seeded = seededLinks();
    this.seededLinks.onetrust.splice(0, Infinity, ...seeded.onetrust);
    this.seededLinks.yandexTracker.splice(0, Infinity, ...seeded.yandexTracker);
    this.seededLinks.devrev.splice(0, Infinity, ...seeded.devrev);
    this.onetrustTokens.clear();
    Object.assign(this.counters, emptyCounters());
    this.requestLog.length = 0;
    this.faultList = [];
    this.limits = { ...this.initialLimits };
    this.windows.clear();
    this.ttlSeconds = this.initialTtl;
    this.sequences.clear();
  }

  /** Adds one fault or a list (validated as a whole: nothing is added if one is invalid). */
  addFaults(input: FaultSpec | readonly FaultSpec[]): ActiveFault[] {
    const specs = Array.isArray(input) ? input : [input as FaultSpec];
    const added = specs.map((spec, i) => validateFault(spec, Array.isArray(input) ? `faults[${i}]` : 'fault'));
    const faults = added.map((spec) => ({ ...spec, id: this.nextFaultId++, remaining: spec.times }));
    this.faultList.push(...faults);
    return structuredClone(faults);
  }

  clearFaults(): void {
    this.faultList = [];
  }

  get faults(): ActiveFault[] {
    return structuredClone(this.faultList);
  }

  /** Sets (or with `null`, removes) the rate limit of each API named; others keep theirs. Windows restart. */
  setRateLimits(input: Partial<Record<ApiName, RateLimitConfig | null>>): RateLimits {
    this.limits = validateRateLimits(input, this.limits);
    this.windows.clear();
    return { ...this.limits };
  }

  get rateLimits(): RateLimits {
    return structuredClone(this.limits);
  }

  /** Makes every OneTrust token issued so far expired (the next call with one answers 401). */
  expireTokens(): void {
    const past = Date.now() - 1;
    for (const token of this.onetrustTokens.values()) token.expiresAt = Math.min(token.expiresAt, past);
  }

  /** The `expires_in` of OneTrust tokens issued from now on. */
  setTokenTtl(seconds: number): void {
    this.ttlSeconds = validateTtl(seconds);
  }

  get tokenTtlSeconds(): number {
    return this.ttlSeconds;
  }

  // ---- used by the server and the API modules ------------------------------------------------------------------

  /** Finds the first fault for the route with uses left and consumes one use. */
  takeFault(route: RouteName): ActiveFault | undefined {
    const fault = this.faultList.find((f) => f.route === route && f.remaining > 0);
    if (!fault) return undefined;
    fault.remaining -= 1;
    const taken = { ...fault };
    this.faultList = this.faultList.filter((f) => f.remaining > 0);
    return taken;
  }

  /** Counts one request against the API's fixed window. */
  countRateLimit(api: ApiName, now = Date.now()): RateLimitStatus {
    const config = this.limits[api];
    const { limit, windowMs } = config ?? NOMINAL_RATE_LIMIT;
    let window = this.windows.get(api);
    if (!window || now >= window.start + windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(api, window);
    }
    window.count += 1;
    const enforced = config !== undefined;
    return {
      limited: enforced && window.count > limit,
      limit,
      made: window.count,
      remaining: Math.max(0, limit - window.count),
      windowMs,
      resetAt: window.start + windowMs,
      enforced,
    };
  }

  /** Counts a request and returns its log entry (the server fills in `outcome`); admin requests are not logged. */
  recordRequest(method: string, path: string, route: RouteName | 'admin' | null): RequestLogEntry {
    if (route === 'admin') this.counters.admin += 1;
    else {
      this.counters.total += 1;
      if (route === null) this.counters.unmatched += 1;
      else this.counters.byRoute[route] += 1;
    }
    const entry: RequestLogEntry = { at: new Date().toISOString(), method, path, route: route === 'admin' ? null : route, outcome: null };
    if (route === 'admin') return entry;
    this.requestLog.push(entry);
    if (this.requestLog.length > REQUEST_LOG_SIZE) this.requestLog.shift();
    return entry;
  }

  /** Every live link of an API: the seeded ones still there, then the created ones (in creation order). */
  allLinks<K extends keyof StoredLinks>(api: K): StoredLinks[K] {
    return [...this.seededLinks[api], ...this.links[api]] as StoredLinks[K];
  }

  /** Removes the links of an API that match, seeded or created; answers how many were removed. */
  removeLinks<K extends keyof StoredLinks>(api: K, match: (link: StoredLinks[K][number]) => boolean): number {
    let removed = 0;
    for (const list of [this.seededLinks[api], this.links[api]] as StoredLinks[K][number][][]) {
      const kept = list.filter((link) => !match(link));
      removed += list.length - kept.length;
      list.splice(0, list.length, ...kept);
    }
    return removed;
  }

  /** The next value of a named sequence (1, 2, ...); sequences restart on reset. */
  nextSequence(name: string): number {
    const next = (this.sequences.get(name) ?? 0) + 1;
    this.sequences.set(name, next);
    return next;
  }
}

function emptyCounters(): RequestCounters {
  const byRoute = Object.fromEntries(ROUTE_NAMES.map((r) => [r, 0])) as Record<RouteName, number>;
  return { total: 0, unmatched: 0, admin: 0, byRoute };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation of admin input
// ---------------------------------------------------------------------------------------------------------------

const FAULT_KEYS = new Set(['route', 'times', 'latencyMs', 'status', 'retryAfter', 'retryAfterDate', 'retryAfterHeader', 'reset', 'hang', 'storeThen500']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateFault(spec: unknown, where: string): FaultSpec & { times: number } {
  if (!isRecord(spec)) throw new SandboxConfigError(`${where} must be an object`);
  for (const key of Object.keys(spec)) {
    if (!FAULT_KEYS.has(key)) throw new SandboxConfigError(`${where}.${key} is not a fault option`);
  }
  const { route, times = 1, latencyMs, status, retryAfter, retryAfterDate, retryAfterHeader, reset, hang, storeThen500 } = spec;
  if (typeof route !== 'string' || !(ROUTE_NAMES as readonly string[]).includes(route)) {
    throw new SandboxConfigError(`${where}.route must be one of ${ROUTE_NAMES.join(', ')}`);
  }
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) {
    throw new SandboxConfigError(`${where}.times must be a positive integer`);
  }
  if (latencyMs !== undefined && (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0)) {
    throw new SandboxConfigError(`${where}.latencyMs must be a non-negative number`);
  }
  if (status !== undefined && !(FAULT_STATUSES as readonly unknown[]).includes(status)) {
    throw new SandboxConfigError(`${where}.status must be one of ${FAULT_STATUSES.join(', ')}`);
  }
  for (const [key, value] of Object.entries({ retryAfterDate, retryAfterHeader, reset, hang, storeThen500 })) {
    if (value !== undefined && typeof value !== 'boolean') throw new SandboxConfigError(`${where}.${key} must be a boolean`);
  }
  if (retryAfter !== undefined && (typeof retryAfter !== 'number' || !Number.isFinite(retryAfter) || retryAfter < 0)) {
    throw new SandboxConfigError(`${where}.retryAfter must be a non-negative number of seconds`);
  }
  const outcomes = [status !== undefined, reset === true, hang === true, storeThen500 === true].filter(Boolean).length;
  if (outcomes > 1) throw new SandboxConfigError(`${where}: use only one of status, reset, hang, storeThen500`);
  if (outcomes === 0 && latencyMs === undefined) {
    throw new SandboxConfigError(`${where} does nothing: give latencyMs, status, reset, hang or storeThen500`);
  }
  if ((retryAfter !== undefined || retryAfterDate === true) && status !== 429 && status !== 503) {
    throw new SandboxConfigError(`${where}: retryAfter and retryAfterDate need status 429 or 503`);
  }
  return { ...(spec as unknown as FaultSpec), times };
}

function validateRateLimits(input: unknown, base: RateLimits): RateLimits {
  if (!isRecord(input)) throw new SandboxConfigError('rate limits must be an object keyed by API name');
  const next: RateLimits = { ...base };
  for (const [api, value] of Object.entries(input)) {
    if (!(API_NAMES as readonly string[]).includes(api)) {
      throw new SandboxConfigError(`rate limits: unknown API "${api}" (use ${API_NAMES.join(', ')})`);
    }
    const name = api as ApiName;
    if (value === null || value === undefined) {
      delete next[name];
      continue;
    }
    if (!isRecord(value)) throw new SandboxConfigError(`rate limits: ${api} must be { limit, windowMs } or null`);
    const { limit, windowMs } = value;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
      throw new SandboxConfigError(`rate limits: ${api}.limit must be a non-negative integer`);
    }
    if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs <= 0) {
      throw new SandboxConfigError(`rate limits: ${api}.windowMs must be a positive number`);
    }
    next[name] = { limit, windowMs };
  }
  return next;
}

function validateTtl(seconds: unknown): number {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
    throw new SandboxConfigError('tokenTtlSeconds must be a positive integer');
  }
  return seconds;
}
