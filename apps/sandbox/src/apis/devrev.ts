/**
 * DevRev (seed 002): links.create / list / get / delete, dev-users.self and link-types.custom.list.
 * Errors are `{ type, message, detail, ...type-specific fields }`; every response carries X-Ratelimit-*.
 */
import { randomUUID } from 'node:crypto';
import {
  HttpError,
  credentialOf,
  decodeCursor,
  encodeCursor,
  isRecord,
  json,
  unknownKey,
  type ApiModule,
  type AuthInfo,
  type GenericError,
  type RequestContext,
  type SandboxResponse,
} from '../http.js';
import { devrevLinkRecord, findDevRevObject } from '../records.js';
import {
  DEVREV_CUSTOM_LINK_TYPES,
  SANDBOX_CREDENTIALS,
  SEED,
  type DevRevCustomLinkType,
  type DevRevSeedObject,
} from '../seed.js';
import type { DevRevLinkRecord, RateLimitStatus } from '../state.js';

export const DEVREV_LINK_TYPES = [
  'custom_link',
  'developed_with',
  'imports',
  'is_analyzed_by',
  'is_converted_to',
  'is_dependent_on',
  'is_duplicate_of',
  'is_follow_up_of',
  'is_merged_into',
  'is_parent_of',
  'is_part_of',
  'is_related_to',
  'serves',
] as const;

const DIRECTIONS = ['is_source', 'is_target'];
const MAX_PARENT_DEPTH = 2;
const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 100;

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

function devrevError(status: number, type: string, message: string, extra: Record<string, unknown> = {}): SandboxResponse {
  return json(status, { type, message, detail: message, ...extra });
}

function fail(status: number, type: string, message: string, extra: Record<string, unknown> = {}): never {
  throw new HttpError(devrevError(status, type, message, extra));
}

const FAULT_TYPES: Record<number, string> = {
  401: 'unauthenticated',
  403: 'forbidden',
  429: 'too_many_requests',
  500: 'internal_error',
  503: 'service_unavailable',
};

function renderError(error: GenericError): SandboxResponse {
  const { status, message } = error;
  switch (error.kind) {
    case 'route_not_found':
      return devrevError(404, 'not_found', message);
    case 'parse_error':
      return devrevError(400, 'parse_error', message);
    case 'payload_too_large':
      return devrevError(413, 'request_entity_too_large', message, { max_bytes: error.maxBytes });
    case 'method_not_allowed':
    case 'bad_path':
    case 'unsupported_media_type':
    case 'missing_body':
      return devrevError(status === 405 ? 405 : 400, 'bad_request', message);
    default: {
      const type = FAULT_TYPES[status] ?? 'internal_error';
      const extra: Record<string, unknown> = {};
      if (type === 'too_many_requests' && error.retryAfterSeconds !== undefined) extra.retry_after = error.retryAfterSeconds;
      if (type === 'internal_error') extra.reference_id = randomUUID();
      return devrevError(status, type, message, extra);
    }
  }
}

function decorate(response: SandboxResponse, rate: RateLimitStatus): void {
  response.headers['x-ratelimit-limit'] = String(rate.limit);
  response.headers['x-ratelimit-remaining'] = String(rate.remaining);
  response.headers['x-ratelimit-reset'] = String(Math.ceil(rate.resetAt / 1000));
}

function authenticate(ctx: RequestContext): AuthInfo {
  if (credentialOf(ctx.headers, 'Bearer') !== SANDBOX_CREDENTIALS.devrev.token) {
    fail(401, 'unauthenticated', 'A valid Authorization: Bearer <token> header is required');
  }
  return {};
}

// ---------------------------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------------------------

/** The request fields: the JSON body for POST, the query string for GET (repeated keys become arrays). */
function input(ctx: RequestContext, arrays: readonly string[] = []): Record<string, unknown> {
  if (ctx.method === 'GET') {
    const fields: Record<string, unknown> = {};
    for (const key of new Set(ctx.query.keys())) {
      const values = ctx.query.getAll(key);
      fields[key] = arrays.includes(key) ? values : values[values.length - 1];
    }
    return fields;
  }
  if (ctx.body === undefined) return {};
  if (!isRecord(ctx.body)) fail(400, 'bad_request', 'The request body must be a JSON object');
  return ctx.body;
}

function requiredString(fields: Record<string, unknown>, name: string): string {
  const value = fields[name];
  if (value === undefined || value === null) fail(400, 'missing_required_field', `${name} is required`, { field_name: name });
  if (typeof value !== 'string' || value === '') fail(400, 'invalid_field', `${name} must be a non-empty string`, { field_name: name });
  return value;
}

function enumValue<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(400, 'invalid_enum_value', `${name} has an invalid value`, { field_name: name, value, allowed_values: allowed });
  }
  return value as T;
}

const DISPLAY_ID = /^[A-Z]+-\d+$/;

/** A seeded object by DON or display id (400 when malformed, 404 when unknown). */
function resolveObject(id: string, field: string): DevRevSeedObject {
  if (!id.startsWith('don:') && !DISPLAY_ID.test(id)) {
    fail(400, 'invalid_field', `${field} must be an object id (a DON or a display id such as ISS-1)`, { field_name: field });
  }
  const object = findDevRevObject(id);
  if (!object) fail(404, 'not_found', `${field}: object ${id} not found`);
  return object;
}

function findLink(ctx: RequestContext, id: string): DevRevLinkRecord {
  const link = ctx.state.allLinks('devrev').find((l) => l.id === id);
  if (!link) fail(404, 'not_found', `Link ${id} not found`);
  return link;
}

// ---------------------------------------------------------------------------------------------------------------
// Constraints
// ---------------------------------------------------------------------------------------------------------------

function parentOf(links: readonly DevRevLinkRecord[], id: string): string | undefined {
  return links.find((l) => l.link_type === 'is_parent_of' && l.target.id === id)?.source.id;
}

function heightBelow(links: readonly DevRevLinkRecord[], id: string): number {
  const children = links.filter((l) => l.link_type === 'is_parent_of' && l.source.id === id);
  return children.reduce((max, l) => Math.max(max, 1 + heightBelow(links, l.target.id)), 0);
}

function checkConstraints(links: readonly DevRevLinkRecord[], linkType: string, source: DevRevSeedObject, target: DevRevSeedObject) {
  if (source.id === target.id) fail(400, 'bad_request', 'An object cannot be linked to itself');
  if (linkType === 'is_parent_of') {
    const existing = parentOf(links, target.id);
    if (existing !== undefined) {
      fail(400, 'artifact_already_attached_to_a_parent', `${target.display_id} already has a parent`, {
        existing_parent: existing,
        is_same: existing === source.id,
      });
    }
    const ancestors: string[] = [];
    for (let at = parentOf(links, source.id); at !== undefined; at = parentOf(links, at)) ancestors.push(at);
    if (ancestors.includes(target.id)) fail(400, 'bad_request', 'is_parent_of would create a cycle');
    if (ancestors.length + 1 + heightBelow(links, target.id) > MAX_PARENT_DEPTH) {
      fail(400, 'bad_request', `is_parent_of hierarchies are limited to a depth of ${MAX_PARENT_DEPTH}`);
    }
  }
  if (linkType === 'is_merged_into' && links.some((l) => l.link_type === 'is_merged_into' && l.source.id === source.id)) {
    fail(400, 'bad_request', `${source.display_id} is already merged into another object`);
  }
  if (linkType === 'is_dependent_on' && source.type === 'issue' && target.type === 'ticket') {
    fail(400, 'bad_request', 'is_dependent_on between tickets and issues must go from the ticket to the issue');
  }
}

function checkCustomType(customType: DevRevCustomLinkType, source: DevRevSeedObject, target: DevRevSeedObject) {
  if (!customType.source_types.some((t) => t.leaf_type === source.type)) {
    fail(400, 'bad_request', `Custom link type ${customType.name} does not allow a ${source.type} as source`);
  }
  if (!customType.target_types.some((t) => t.leaf_type === target.type)) {
    fail(400, 'bad_request', `Custom link type ${customType.name} does not allow a ${target.type} as target`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------------------------

function createLink(ctx: RequestContext): SandboxResponse {
  const fields = input(ctx);
  const extra = unknownKey(fields, ['source', 'target', 'link_type', 'custom_link_type']);
  if (extra) fail(400, 'invalid_field', `${extra} is not a field of links.create`, { field_name: extra });
  const sourceId = requiredString(fields, 'source');
  const targetId = requiredString(fields, 'target');
  if (fields.link_type === undefined || fields.link_type === null) {
    fail(400, 'missing_required_field', 'link_type is required', { field_name: 'link_type' });
  }
  const linkType = enumValue(fields.link_type, 'link_type', DEVREV_LINK_TYPES);
  let customType: DevRevCustomLinkType | undefined;
  if (linkType === 'custom_link') {
    const id = requiredString(fields, 'custom_link_type');
    customType = DEVREV_CUSTOM_LINK_TYPES.find((t) => t.id === id);
    if (!customType) fail(404, 'not_found', `Custom link type ${id} not found`);
  } else if (fields.custom_link_type !== undefined) {
    fail(400, 'value_not_permitted', 'custom_link_type is only permitted with link_type custom_link', {
      field_name: 'custom_link_type',
    });
  }
  const source = resolveObject(sourceId, 'source');
  const target = resolveObject(targetId, 'target');
  if (customType) checkCustomType(customType, source, target);
  checkConstraints(ctx.state.allLinks('devrev'), linkType, source, target);

  const link = devrevLinkRecord({
    n: ctx.state.nextSequence('devrev.link'),
    linkType,
    ...(customType ? { customType } : {}),
    source,
    target,
    at: new Date().toISOString(),
  });
  ctx.state.links.devrev.push(link);
  return json(201, { link });
}

function listLinks(ctx: RequestContext): SandboxResponse {
  const fields = input(ctx, ['link_type']);
  const object = resolveObject(requiredString(fields, 'object'), 'object');
  const direction = fields.direction === undefined ? undefined : enumValue(fields.direction, 'direction', DIRECTIONS);
  let types: string[] | undefined;
  if (fields.link_type !== undefined) {
    if (!Array.isArray(fields.link_type)) fail(400, 'invalid_field', 'link_type must be an array', { field_name: 'link_type' });
    types = fields.link_type.map((t: unknown) => enumValue(t, 'link_type', DEVREV_LINK_TYPES));
  }
  let limit = DEFAULT_LIST_LIMIT;
  if (fields.limit !== undefined) {
    limit = typeof fields.limit === 'string' && /^\d+$/.test(fields.limit) ? Number(fields.limit) : (fields.limit as number);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      fail(400, 'invalid_field', `limit must be an integer from 1 to ${MAX_LIST_LIMIT}`, { field_name: 'limit' });
    }
  }
  let offset = 0;
  if (fields.cursor !== undefined) {
    const decoded = typeof fields.cursor === 'string' ? decodeCursor(fields.cursor) : undefined;
    if (decoded === undefined) fail(400, 'invalid_field', 'cursor is not a cursor this endpoint returned', { field_name: 'cursor' });
    offset = decoded;
  }
  const matching = ctx.state.allLinks('devrev').filter((l) => {
    const asSource = l.source.id === object.id && direction !== 'is_target';
    const asTarget = l.target.id === object.id && direction !== 'is_source';
    return (asSource || asTarget) && (!types || types.includes(l.link_type));
  });
  const links = matching.slice(offset, offset + limit);
  const more = offset + limit < matching.length;
  return json(200, { links, ...(more ? { next_cursor: encodeCursor(offset + limit) } : {}) });
}

function getLink(ctx: RequestContext): SandboxResponse {
  return json(200, { link: findLink(ctx, requiredString(input(ctx), 'id')) });
}

function deleteLink(ctx: RequestContext): SandboxResponse {
  const link = findLink(ctx, requiredString(input(ctx), 'id'));
  ctx.state.removeLinks('devrev', (l) => l === link);
  return json(200, {});
}

function self(): SandboxResponse {
  return json(200, { dev_user: { ...SEED.devrev.devUser } });
}

function customLinkTypes(): SandboxResponse {
  return json(200, { result: structuredClone(DEVREV_CUSTOM_LINK_TYPES) });
}

// ---------------------------------------------------------------------------------------------------------------
// Module
// ---------------------------------------------------------------------------------------------------------------

export const devrev: ApiModule = {
  api: 'devrev',
  owns: (path) => /^\/[a-z-]+(\.[a-z-]+)+$/.test(path),
  error: renderError,
  decorate,
  authenticate,
  routes: [
    { name: 'devrev.create', methods: ['POST'], path: '/links.create', body: 'json', handle: createLink },
    { name: 'devrev.list', methods: ['GET', 'POST'], path: '/links.list', body: 'optional-json', handle: listLinks },
    { name: 'devrev.get', methods: ['GET', 'POST'], path: '/links.get', body: 'optional-json', handle: getLink },
    { name: 'devrev.delete', methods: ['POST'], path: '/links.delete', body: 'json', handle: deleteLink },
    { name: 'devrev.self', methods: ['GET', 'POST'], path: '/dev-users.self', body: 'optional-json', handle: self },
    {
      name: 'devrev.customLinkTypes',
      methods: ['GET', 'POST'],
      path: '/link-types.custom.list',
      body: 'optional-json',
      handle: customLinkTypes,
    },
  ],
};
