/**
 * DevRev: links.create / list / get / delete, works.list / works.get (pickers), dev-users.self and
 * link-types.custom.list. Errors are `{ type, message, detail, ...type-specific fields }`; every response carries
 * X-Ratelimit-*.
 */
import { randomUUID } from 'node:crypto';
import { credentialOf, json, unknownKey, type ApiModule, type AuthInfo, type GenericError, type RequestContext, type SandboxResponse } from '../http.js';
import { devrevCustomLinkType, devrevLinkRecord, devrevWork, findDevRevObject } from '../records.js';
import {
  DEVREV_CUSTOM_LINK_TYPES,
  DEVREV_WORK_DETAILS,
  DEVREV_WORKS,
  SANDBOX_CREDENTIALS,
  SEED,
  type DevRevCustomLinkType,
  type DevRevSeedObject,
} from '../seed.js';
import type { DevRevLinkRecord, RateLimitStatus } from '../state.js';
import {
  PAGING_FIELDS,
  cursorPage,
  devrevError,
  enumValue,
  fail,
  isObjectId,
  rawInput,
  readFields,
  requiredString,
  sortKeys,
  type FieldSchema,
} from './devrev-input.js';

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

const DIRECTIONS = ['is_source', 'is_target'] as const;
/** `link-endpoint-type`: what `object_types` filters on. */
const LINK_ENDPOINT_TYPES = ['article', 'capability', 'conversation', 'dev_user', 'enhancement', 'feature', 'issue', 'product', 'rev_org', 'rev_user', 'ticket'] as const;
const WORK_TYPES = ['issue', 'ticket'] as const;
const MAX_PARENT_DEPTH = 2;

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

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

/** A seeded object by DON or display id (400 when malformed, 404 when unknown). */
function resolveObject(id: string, field: string): DevRevSeedObject {
  if (!isObjectId(id)) {
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
  const fields = rawInput(ctx);
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

const LINKS_LIST: FieldSchema = {
  fields: {
    object: { kind: 'string' },
    direction: { kind: { enum: DIRECTIONS } },
    link_type: { kind: { enum: DEVREV_LINK_TYPES }, array: true },
    types: { kind: { enum: DEVREV_LINK_TYPES }, array: true },
    object_types: { kind: { enum: LINK_ENDPOINT_TYPES }, array: true },
    ...PAGING_FIELDS,
  },
};

/**
 * `links.list`: the links of `object` (as source or target), in creation order (pre-existing ones first).
 * `object_types` keeps the links whose other end is of one of the types; `types` is the deprecated `link_type`.
 */
function listLinks(ctx: RequestContext): SandboxResponse {
  const fields = readFields(ctx, LINKS_LIST);
  if (!fields.has('object')) fail(400, 'missing_required_field', 'object is required', { field_name: 'object' });
  const object = resolveObject(fields.get('object') as string, 'object');
  const direction = fields.get('direction');
  const types = (fields.get('link_type') ?? fields.get('types')) as string[] | undefined;
  const objectTypes = fields.get('object_types') as string[] | undefined;
  const matching = ctx.state.allLinks('devrev').filter((l) => {
    const asSource = l.source.id === object.id && direction !== 'is_target';
    const asTarget = l.target.id === object.id && direction !== 'is_source';
    if (!asSource && !asTarget) return false;
    const other = asSource ? l.target : l.source;
    return (!types || types.includes(l.link_type)) && (!objectTypes || objectTypes.includes(other.type));
  });
  const { page, ...cursors } = cursorPage(matching, fields, 'links.list');
  return json(200, { links: page, ...cursors });
}

function getLink(ctx: RequestContext): SandboxResponse {
  return json(200, { link: findLink(ctx, requiredString(rawInput(ctx), 'id')) });
}

function deleteLink(ctx: RequestContext): SandboxResponse {
  const link = findLink(ctx, requiredString(rawInput(ctx), 'id'));
  ctx.state.removeLinks('devrev', (l) => l === link);
  return json(200, {});
}

function self(): SandboxResponse {
  return json(200, { dev_user: { ...SEED.devrev.devUser } });
}

// ---------------------------------------------------------------------------------------------------------------
// Works (pickers)
// ---------------------------------------------------------------------------------------------------------------

const WORK_SORT_FIELDS = ['created_date', 'modified_date', 'title', 'display_id'];
const WORKS_LIST: FieldSchema = {
  fields: {
    type: { kind: { enum: WORK_TYPES }, array: true },
    applies_to_part: { kind: 'id', array: true },
    created_by: { kind: 'id', array: true },
    modified_by: { kind: 'id', array: true },
    owned_by: { kind: 'id', array: true },
    reported_by: { kind: 'id', array: true },
    tags: { kind: 'id', array: true },
    'stage.name': { kind: 'string', array: true },
    'issue.priority': { kind: { enum: ['p0', 'p1', 'p2', 'p3'] }, array: true },
    'ticket.severity': { kind: { enum: ['blocker', 'high', 'medium', 'low'] }, array: true },
    sort_by: { kind: 'string', array: true },
    ...PAGING_FIELDS,
  },
  unmodeled: [
    'actual_close_date',
    'created_date',
    'modified_date',
    'target_close_date',
    'state',
    'staged_info',
    'sync_metadata',
    'issue.accounts',
    'issue.actual_start_date',
    'issue.priority_v2',
    'issue.rev_orgs',
    'issue.sla_summary',
    'issue.sprint',
    'issue.target_start_date',
    'ticket.brand',
    'ticket.channels',
    'ticket.channels_v2',
    'ticket.group',
    'ticket.is_frozen',
    'ticket.is_spam',
    'ticket.needs_response',
    'ticket.rev_org',
    'ticket.sla_summary',
    'ticket.source_channel',
    'ticket.source_channel_v2',
    'ticket.surveys',
  ],
};

type WorkRecord = ReturnType<typeof devrevWork>;
const userIds = (users: readonly { id: string; display_id: string }[]) => users.flatMap((u) => [u.id, u.display_id]);

/** Whether a work matches every filter given (each filter: any of its values). */
function workMatches(work: WorkRecord, fields: Map<string, unknown>): boolean {
  const any = (name: string, values: readonly string[]) => {
    const wanted = fields.get(name) as string[] | undefined;
    return wanted === undefined || wanted.some((w) => values.includes(w));
  };
  const part = work.applies_to_part;
  return (
    any('type', [work.type]) &&
    any('applies_to_part', [part.id, part.display_id]) &&
    any('created_by', userIds([work.created_by])) &&
    any('modified_by', userIds([work.modified_by])) &&
    any('owned_by', userIds(work.owned_by)) &&
    any('reported_by', userIds(work.reported_by)) &&
    any('tags', []) &&
    any('stage.name', [work.stage.name]) &&
    (work.type !== 'issue' || any('issue.priority', [work.priority ?? ''])) &&
    (work.type !== 'ticket' || any('ticket.severity', [work.severity ?? '']))
  );
}

/**
 * `works.list`: issues and tickets, newest first (`created_date:desc`) unless `sort_by` says otherwise. DevRev
 * documents no text filter for it: there is no title search. `issue.*` filters narrow only issues and `ticket.*`
 * only tickets.
 */
function listWorks(ctx: RequestContext): SandboxResponse {
  const fields = readFields(ctx, WORKS_LIST);
  const keys = sortKeys(fields, WORK_SORT_FIELDS) ?? [{ field: 'created_date', descending: true }];
  const order = new Map(DEVREV_WORKS.map((w, i) => [w.id, i]));
  const value = (w: WorkRecord, field: string): string | number =>
    field === 'title' ? w.title.toLowerCase() : field === 'display_id' ? `${w.type}:${String(Number(w.display_id.split('-')[1])).padStart(8, '0')}` : (w[field as 'created_date'] as string);
  const works = DEVREV_WORKS.map(devrevWork)
    .filter((w) => workMatches(w, fields))
    .sort((a, b) => {
      for (const { field, descending } of keys) {
        const [x, y] = [value(a, field), value(b, field)];
        if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
      }
      return order.get(a.id)! - order.get(b.id)!;
    });
  const { page, ...cursors } = cursorPage(works, fields, 'works.list');
  return json(200, { works: page, ...cursors });
}

/** `works.get`: one issue or ticket by DON or display id (`ISS-12`). */
function getWork(ctx: RequestContext): SandboxResponse {
  const id = requiredString(rawInput(ctx), 'id');
  if (!isObjectId(id)) fail(400, 'invalid_field', 'id must be a work id (a DON or a display id such as ISS-12)', { field_name: 'id' });
  const work = findDevRevObject(id);
  if (!work || !DEVREV_WORK_DETAILS[work.id]) fail(404, 'not_found', `Work ${id} not found`);
  return json(200, { work: devrevWork(work) });
}

// ---------------------------------------------------------------------------------------------------------------
// Custom link types
// ---------------------------------------------------------------------------------------------------------------

const CUSTOM_TYPES_LIST: FieldSchema = {
  fields: {
    name: { kind: 'string', array: true },
    is_deprecated: { kind: 'bool' },
    deprecated: { kind: 'bool' },
    sort_by: { kind: 'string', array: true },
    source_types_v2: { kind: 'descriptors', postOnly: true },
    target_types_v2: { kind: 'descriptors', postOnly: true },
    ...Object.fromEntries(
      ['source_types_v2', 'target_types_v2'].flatMap((side) => [
        [`${side}.is_custom_leaf_type`, { kind: 'bool', getOnly: true }],
        [`${side}.leaf_only`, { kind: 'bool', getOnly: true }],
        [`${side}.leaf_type`, { kind: 'string', getOnly: true }],
        [`${side}.subtype`, { kind: 'string', getOnly: true }],
      ]),
    ),
    ...PAGING_FIELDS,
  },
};

type Descriptor = { is_custom_leaf_type?: boolean; leaf_only?: boolean; leaf_type?: string; subtype?: string };

/** The descriptors of one side: the POST array, or the one descriptor the GET keys `<side>.<key>` make. */
function descriptors(fields: Map<string, unknown>, side: string): Descriptor[] | undefined {
  const posted = fields.get(side) as Descriptor[] | undefined;
  if (posted) return posted;
  const one: Record<string, unknown> = {};
  for (const key of ['is_custom_leaf_type', 'leaf_only', 'leaf_type', 'subtype']) {
    if (fields.has(`${side}.${key}`)) one[key] = fields.get(`${side}.${key}`);
  }
  return Object.keys(one).length > 0 ? [one as Descriptor] : undefined;
}

/** A side matches when one of its types fits one descriptor (leaf type, subtype and custom flag as given). */
function sideMatches(types: readonly { leaf_type: string; subtype?: string; is_custom_leaf_type?: boolean }[], wanted: Descriptor[] | undefined): boolean {
  if (!wanted) return true;
  return wanted.some((d) =>
    types.some(
      (t) =>
        (d.leaf_type === undefined || t.leaf_type === d.leaf_type) &&
        (d.subtype === undefined || t.subtype === d.subtype) &&
        (d.is_custom_leaf_type === undefined || (t.is_custom_leaf_type ?? false) === d.is_custom_leaf_type),
    ),
  );
}

/** `link-types.custom.list`: seed order (oldest first) unless `sort_by` (name, created_date, modified_date). */
function customLinkTypes(ctx: RequestContext): SandboxResponse {
  const fields = readFields(ctx, CUSTOM_TYPES_LIST);
  const names = fields.get('name') as string[] | undefined;
  const deprecated = (fields.get('is_deprecated') ?? fields.get('deprecated')) as boolean | undefined;
  const sources = descriptors(fields, 'source_types_v2');
  const targets = descriptors(fields, 'target_types_v2');
  const keys = sortKeys(fields, ['name', 'created_date', 'modified_date']) ?? [];
  const types = DEVREV_CUSTOM_LINK_TYPES.map(devrevCustomLinkType)
    .filter(
      (t) =>
        (!names || names.includes(t.name)) &&
        (deprecated === undefined || t.is_deprecated === deprecated) &&
        sideMatches(t.source_types, sources) &&
        sideMatches(t.target_types, targets),
    )
    .sort((a, b) => {
      for (const { field, descending } of keys) {
        const [x, y] = [String(a[field as 'name']).toLowerCase(), String(b[field as 'name']).toLowerCase()];
        if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
      }
      return 0;
    });
  const { page, ...cursors } = cursorPage(types, fields, 'link-types.custom.list');
  return json(200, { result: page, ...cursors });
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
    { name: 'devrev.worksList', methods: ['GET', 'POST'], path: '/works.list', body: 'optional-json', handle: listWorks },
    { name: 'devrev.worksGet', methods: ['GET', 'POST'], path: '/works.get', body: 'optional-json', handle: getWork },
  ],
};
