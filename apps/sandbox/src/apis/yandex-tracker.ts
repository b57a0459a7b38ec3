/**
 * Yandex Tracker: links between projects, portfolios and goals, the entity search pickers use, and `/myself`.
 * Every path exists under `/v2/` and `/v3/`. Every error is `{ errors, errorMessages, statusCode }`.
 *
 * Auth: `OAuth <oauthToken>` or `Bearer <iamToken>`, plus exactly one of `X-Org-ID` / `X-Cloud-Org-ID` whose value
 * is the matching org id. A missing or wrong token, or zero or both org headers, answer 401; a single org header
 * with an unknown org answers 403.
 */
import {
  HttpError,
  credentialOf,
  empty,
  isRecord,
  json,
  singleHeader,
  type ApiModule,
  type AuthInfo,
  type GenericError,
  type RequestContext,
  type SandboxResponse,
} from '../http.js';
import { TRACKER_FIELD_KEYS, findTrackerEntity, trackerEntityValue, trackerFieldValue } from '../records.js';
import { SANDBOX_CREDENTIALS, SEED, TRACKER_ENTITIES, TRACKER_ENTITY_DETAILS, type TrackerEntityType, type TrackerSeedEntity } from '../seed.js';
import type { TrackerLinkRecord } from '../state.js';

const ENTITY_TYPES: readonly TrackerEntityType[] = ['project', 'portfolio', 'goal'];
const COMMON_RELATIONSHIPS = ['is dependent by', 'depends on', 'relates'];
const RELATIONSHIPS: Record<TrackerEntityType, readonly string[]> = {
  project: [...COMMON_RELATIONSHIPS, 'works towards'],
  portfolio: COMMON_RELATIONSHIPS,
  goal: [...COMMON_RELATIONSHIPS, 'parent entity', 'child entity', 'is supported by'],
};
/** How a link reads from the other end. */
const INVERSE: Record<string, string> = {
  'is dependent by': 'depends on',
  'depends on': 'is dependent by',
  relates: 'relates',
  'parent entity': 'child entity',
  'child entity': 'parent entity',
  'works towards': 'is supported by',
  'is supported by': 'works towards',
};
/** What `?fields=` can name in a link's `linkFieldValues`. */
const LINK_FIELDS = ['id', 'shortId', 'entityType', ...TRACKER_FIELD_KEYS] as const;
type LinkField = (typeof LINK_FIELDS)[number];
const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 1000;
/** The `filter` keys and `orderBy` values the search understands. */
const FILTER_KEYS = ['summary', 'entityStatus', 'author', 'lead'] as const;
const ORDER_KEYS = ['summary', 'entityStatus', 'shortId', 'createdAt', 'updatedAt', 'start', 'end'] as const;

function trackerError(status: number, messages: string[], errors: Record<string, string> = {}): SandboxResponse {
  return json(status, { errors, errorMessages: messages, statusCode: status });
}

function fail(status: number, message: string, errors: Record<string, string> = {}): never {
  throw new HttpError(trackerError(status, [message], errors));
}

function authenticate(ctx: RequestContext): AuthInfo {
  const { oauthToken, iamToken, orgId, cloudOrgId } = SANDBOX_CREDENTIALS.yandexTracker;
  if (ctx.headers.authorization === undefined) fail(401, 'Authorization header is required');
  const oauth = credentialOf(ctx.headers, 'OAuth');
  const bearer = credentialOf(ctx.headers, 'Bearer');
  if (oauth !== oauthToken && bearer !== iamToken) fail(401, 'Invalid or expired token');
  const has360 = ctx.headers['x-org-id'] !== undefined;
  const hasCloud = ctx.headers['x-cloud-org-id'] !== undefined;
  if (has360 === hasCloud) fail(401, 'Exactly one of the X-Org-ID and X-Cloud-Org-ID headers is required');
  const matches = has360 ? singleHeader(ctx.headers, 'x-org-id') === orgId : singleHeader(ctx.headers, 'x-cloud-org-id') === cloudOrgId;
  if (!matches) fail(403, 'The organization is unknown or not available to this user');
  return {};
}

// ---------------------------------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------------------------------

function matchesId(entity: TrackerSeedEntity, idOrShortId: string): boolean {
  return entity.id === idOrShortId || String(entity.shortId) === idOrShortId;
}

/** The entity type in the path (400 for another one). */
function pathType(ctx: RequestContext): TrackerEntityType {
  const type = ctx.params.entityType!;
  if (!(ENTITY_TYPES as readonly string[]).includes(type)) {
    fail(400, `Unknown entity type '${type}': use ${ENTITY_TYPES.join(', ')}`, { entityType: 'Invalid value' });
  }
  return type as TrackerEntityType;
}

/** The entity in the path (400 for an unknown type, 404 for an unknown id). */
function pathEntity(ctx: RequestContext): TrackerSeedEntity {
  const type = pathType(ctx);
  const id = ctx.params.entityId!;
  const entity = findTrackerEntity(id, type);
  if (!entity) fail(404, `Entity ${type} '${id}' not found`);
  return entity;
}

function anyEntity(idOrShortId: string): TrackerSeedEntity | undefined {
  return findTrackerEntity(idOrShortId);
}

/** The keys of a `fields` query parameter that `known` contains (others are ignored, as Tracker does). */
function fieldsQuery<T extends string>(ctx: RequestContext, known: readonly T[], fallback: string): T[] {
  const values = ctx.query.getAll('fields');
  if (values.length > 1) fail(400, "The 'fields' query parameter is repeated", { fields: 'Invalid value' });
  return (values[0] ?? fallback)
    .split(',')
    .map((f) => f.trim())
    .filter((f): f is T => (known as readonly string[]).includes(f));
}

/** A positive integer query parameter (400 naming it when malformed, repeated or out of range). */
function positiveQuery(ctx: RequestContext, name: string, fallback: number, max: number): number {
  const values = ctx.query.getAll(name);
  if (values.length > 1) fail(400, `The '${name}' query parameter is repeated`, { [name]: 'Invalid value' });
  const raw = values[0];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) fail(400, `'${name}' must be an integer from 1 to ${max}`, { [name]: 'Invalid value' });
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------------------------

function createLinks(ctx: RequestContext): SandboxResponse {
  const source = pathEntity(ctx);
  const body = ctx.body;
  const isList = Array.isArray(body);
  const items: unknown[] = isList ? body : [body];
  if (isList && items.length === 0) fail(422, 'The list of links is empty');
  if (!isList && !isRecord(body)) fail(422, 'The body must be an object or an array of objects', { body: 'Invalid value' });

  // Validate every element before storing any.
  const errors: Record<string, string> = {};
  const messages: string[] = [];
  const allowed = RELATIONSHIPS[source.entityType];
  items.forEach((item, i) => {
    const at = (field: string) => (isList ? `[${i}].${field}` : field);
    if (!isRecord(item)) {
      errors[isList ? `[${i}]` : 'body'] = 'Must be an object';
      return;
    }
    for (const key of Object.keys(item)) {
      if (key !== 'relationship' && key !== 'entity') errors[at(key)] = 'Unknown field';
    }
    if (item.relationship === undefined) errors[at('relationship')] = 'Required field';
    else if (typeof item.relationship !== 'string' || !allowed.includes(item.relationship)) {
      errors[at('relationship')] = `Invalid value: use one of ${allowed.join(', ')} for a ${source.entityType}`;
    }
    if (item.entity === undefined) errors[at('entity')] = 'Required field';
    else if (typeof item.entity !== 'string' || item.entity === '') errors[at('entity')] = 'Must be a non-empty string';
    else if (matchesId(source, item.entity)) errors[at('entity')] = 'An entity cannot be linked to itself';
  });
  for (const [field, problem] of Object.entries(errors)) messages.push(`${field}: ${problem}`);
  if (messages.length > 0) throw new HttpError(trackerError(422, messages, errors));

  const valid = items as { relationship: string; entity: string }[];
  const missing = valid.filter((item) => !anyEntity(item.entity)).map((item) => item.entity);
  if (missing.length > 0) throw new HttpError(trackerError(404, missing.map((id) => `Entity '${id}' not found`)));

  for (const item of valid) {
    const target = anyEntity(item.entity)!;
    const record: TrackerLinkRecord = {
      seq: ctx.state.nextSequence('tracker.link'),
      source: { entityType: source.entityType, id: source.id },
      target: { entityType: target.entityType, id: target.id },
      relationship: item.relationship,
      createdAt: new Date().toISOString(),
    };
    ctx.state.links.yandexTracker.push(record);
  }
  return empty(200);
}

function linkFieldValue(entity: TrackerSeedEntity, field: LinkField, baseUrl: string): unknown {
  if (field === 'id' || field === 'shortId' || field === 'entityType') return entity[field];
  return trackerFieldValue(entity, field, baseUrl);
}

function listLinks(ctx: RequestContext): SandboxResponse {
  const entity = pathEntity(ctx);
  const requested = fieldsQuery(ctx, LINK_FIELDS, 'id');
  const result = [];
  for (const link of ctx.state.allLinks('yandexTracker')) {
    const outgoing = link.source.id === entity.id;
    if (!outgoing && link.target.id !== entity.id) continue;
    const other = anyEntity(outgoing ? link.target.id : link.source.id)!;
    const linkFieldValues: Record<string, unknown> = {};
    for (const field of requested) linkFieldValues[field] = linkFieldValue(other, field, ctx.baseUrl);
    result.push({ type: outgoing ? link.relationship : INVERSE[link.relationship]!, linkFieldValues });
  }
  return json(200, result);
}

/** `filter` values: a string, or a list of strings (any of them matches). Users match by login or uid. */
function filterValues(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

function entityMatches(entity: TrackerSeedEntity, key: (typeof FILTER_KEYS)[number], wanted: readonly string[]): boolean {
  const detail = TRACKER_ENTITY_DETAILS[entity.id]!;
  if (key === 'summary') return wanted.includes(entity.summary);
  if (key === 'entityStatus') return wanted.includes(detail.entityStatus);
  const login = key === 'lead' ? detail.lead : SEED.yandexTracker.user.login;
  const user = SEED.yandexTracker.users.find((u) => u.login === login)!;
  return wanted.includes(user.login) || wanted.includes(String(user.uid));
}

function orderValue(entity: TrackerSeedEntity, key: (typeof ORDER_KEYS)[number]): string | number {
  const detail = TRACKER_ENTITY_DETAILS[entity.id]!;
  if (key === 'summary') return entity.summary.toLowerCase();
  if (key === 'shortId') return entity.shortId;
  return detail[key];
}

/**
 * `POST /entities/<type>/_search?perPage=&page=&fields=` with `{ input, filter, orderBy, orderAsc, rootOnly }`:
 * `{ hits, pages, values }`. Body errors are 422 naming the field, query errors 400.
 */
function searchEntities(ctx: RequestContext): SandboxResponse {
  const type = pathType(ctx);
  const perPage = positiveQuery(ctx, 'perPage', DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const page = positiveQuery(ctx, 'page', 1, Number.MAX_SAFE_INTEGER);
  const fields = fieldsQuery(ctx, TRACKER_FIELD_KEYS, '');
  const body = ctx.body ?? {};
  if (!isRecord(body)) fail(422, 'The body must be an object', { body: 'Invalid value' });

  const errors: Record<string, string> = {};
  for (const key of Object.keys(body)) {
    if (!['input', 'filter', 'orderBy', 'orderAsc', 'rootOnly'].includes(key)) errors[key] = 'Unknown field';
  }
  const { input, filter, orderBy, orderAsc, rootOnly } = body;
  if (input !== undefined && input !== null && typeof input !== 'string') errors.input = 'Must be a string';
  const filters: [(typeof FILTER_KEYS)[number], string[]][] = [];
  if (filter !== undefined && filter !== null) {
    if (!isRecord(filter)) errors.filter = 'Must be an object of field to value';
    else {
      for (const [key, value] of Object.entries(filter)) {
        const values = filterValues(value);
        if (!(FILTER_KEYS as readonly string[]).includes(key)) errors[`filter.${key}`] = `Unknown field: use ${FILTER_KEYS.join(', ')}`;
        else if (!values) errors[`filter.${key}`] = 'Must be a string or a non-empty list of strings';
        else filters.push([key as (typeof FILTER_KEYS)[number], values]);
      }
    }
  }
  if (orderBy !== undefined && orderBy !== null && !(ORDER_KEYS as readonly unknown[]).includes(orderBy)) {
    errors.orderBy = `Invalid value: use one of ${ORDER_KEYS.join(', ')}`;
  }
  if (orderAsc !== undefined && orderAsc !== null && typeof orderAsc !== 'boolean') errors.orderAsc = 'Must be a boolean';
  if (rootOnly !== undefined && rootOnly !== null && typeof rootOnly !== 'boolean') errors.rootOnly = 'Must be a boolean';
  const messages = Object.entries(errors).map(([field, problem]) => `${field}: ${problem}`);
  if (messages.length > 0) throw new HttpError(trackerError(422, messages, errors));

  const text = typeof input === 'string' ? input.trim().toLowerCase() : '';
  const key = (orderBy ?? 'shortId') as (typeof ORDER_KEYS)[number];
  const direction = orderAsc === false ? -1 : 1;
  const matching = TRACKER_ENTITIES.filter(
    (e) => e.entityType === type && e.summary.toLowerCase().includes(text) && filters.every(([k, values]) => entityMatches(e, k, values)),
  ).sort((a, b) => {
    const [x, y] = [orderValue(a, key), orderValue(b, key)];
    return (x < y ? -1 : x > y ? 1 : a.shortId - b.shortId) * direction;
  });
  const values = matching.slice((page - 1) * perPage, page * perPage).map((e) => trackerEntityValue(e, fields, ctx.baseUrl));
  return json(200, { hits: matching.length, pages: Math.ceil(matching.length / perPage), values });
}

function deleteLinks(ctx: RequestContext): SandboxResponse {
  const entity = pathEntity(ctx);
  const rights = ctx.query.getAll('right');
  if (rights.length !== 1 || rights[0] === '') fail(400, "Exactly one 'right' query parameter is required", { right: 'Required field' });
  const other = anyEntity(rights[0]!);
  if (!other) fail(404, `Entity '${rights[0]}' not found`);
  const between = (l: TrackerLinkRecord) =>
    (l.source.id === entity.id && l.target.id === other.id) || (l.source.id === other.id && l.target.id === entity.id);
  if (ctx.state.removeLinks('yandexTracker', between) === 0) fail(404, 'Link not found');
  return empty(200);
}

function myself(ctx: RequestContext): SandboxResponse {
  const user = SEED.yandexTracker.user;
  return json(200, {
    self: `${ctx.baseUrl}/v2/users/${user.uid}`,
    uid: user.uid,
    login: user.login,
    trackerUid: user.uid,
    passportUid: user.uid,
    firstName: user.firstName,
    lastName: user.lastName,
    display: user.display,
    email: user.email,
    external: false,
    hasLicense: true,
    dismissed: false,
    useNewFilters: true,
    disableNotifications: false,
    firstLoginDate: '2024-01-15T09:12:44.123+0000',
    lastLoginDate: '2025-06-02T08:01:10.456+0000',
    welcomeMailSent: true,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Module
// ---------------------------------------------------------------------------------------------------------------

const LINKS = '/v2|v3/entities/:entityType/:entityId/links';

export const yandexTracker: ApiModule = {
  api: 'yandexTracker',
  owns: (path) => /^\/v\d+\//.test(path),
  error: (error: GenericError) => trackerError(error.status, [error.message]),
  authenticate,
  routes: [
    { name: 'tracker.create', methods: ['POST'], path: LINKS, body: 'json', handle: createLinks },
    { name: 'tracker.list', methods: ['GET'], path: LINKS, body: 'none', handle: listLinks },
    { name: 'tracker.delete', methods: ['DELETE'], path: LINKS, body: 'none', handle: deleteLinks },
    { name: 'tracker.search', methods: ['POST'], path: '/v2|v3/entities/:entityType/_search', body: 'optional-json', handle: searchEntities },
    { name: 'tracker.myself', methods: ['GET'], path: '/v2|v3/myself', body: 'none', handle: myself },
  ],
};
