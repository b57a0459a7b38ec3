/**
 * Yandex Tracker (seed 001): links between projects, portfolios and goals, and `/myself`.
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
import { SANDBOX_CREDENTIALS, SEED, TRACKER_ENTITIES, type TrackerEntityType, type TrackerSeedEntity } from '../seed.js';
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
const LINK_FIELDS = ['id', 'shortId', 'summary', 'entityType'] as const;

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

/** The entity in the path (400 for an unknown type, 404 for an unknown id). */
function pathEntity(ctx: RequestContext): TrackerSeedEntity {
  const type = ctx.params.entityType!;
  if (!(ENTITY_TYPES as readonly string[]).includes(type)) {
    fail(400, `Unknown entity type '${type}': use ${ENTITY_TYPES.join(', ')}`, { entityType: 'Invalid value' });
  }
  const id = ctx.params.entityId!;
  const entity = TRACKER_ENTITIES.find((e) => e.entityType === type && matchesId(e, id));
  if (!entity) fail(404, `Entity ${type} '${id}' not found`);
  return entity;
}

function anyEntity(idOrShortId: string): TrackerSeedEntity | undefined {
  return TRACKER_ENTITIES.find((e) => matchesId(e, idOrShortId));
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

function listLinks(ctx: RequestContext): SandboxResponse {
  const entity = pathEntity(ctx);
  const requested = (ctx.query.get('fields') ?? 'id')
    .split(',')
    .map((f) => f.trim())
    .filter((f): f is (typeof LINK_FIELDS)[number] => (LINK_FIELDS as readonly string[]).includes(f));
  const result = [];
  for (const link of ctx.state.allLinks('yandexTracker')) {
    const outgoing = link.source.id === entity.id;
    if (!outgoing && link.target.id !== entity.id) continue;
    const other = anyEntity(outgoing ? link.target.id : link.source.id)!;
    const linkFieldValues: Record<string, unknown> = {};
    for (const field of requested) linkFieldValues[field] = other[field];
    result.push({ type: outgoing ? link.relationship : INVERSE[link.relationship]!, linkFieldValues });
  }
  return json(200, result);
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
    { name: 'tracker.myself', methods: ['GET'], path: '/v2|v3/myself', body: 'none', handle: myself },
  ],
};
