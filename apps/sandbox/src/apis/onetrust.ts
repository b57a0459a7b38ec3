/**
 * OneTrust AI Governance: the OAuth token endpoint, the relationship (link) endpoints, and the entity endpoints the
 * pickers use (entity search, basic-details search, entity type search, entity get).
 *
 * Error bodies come in the three forms the spec leaves open (it declares no error schema):
 * - a JSON object: 401 (`{ error, error_description }`), the token endpoint's 400/401 (OAuth), and
 *   404/405/413/415/429 (`{ timestamp, status, error, message }`);
 * - a JSON string: 400 and 403 of the API endpoints (e.g. `"entity1.id must be a UUID"`);
 * - an empty body: 500 and 503.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  HttpError,
  credentialOf,
  empty,
  isRecord,
  isUuid,
  json,
  unknownKey,
  type ApiModule,
  type AuthInfo,
  type GenericError,
  type RequestContext,
  type RouteDef,
  type SandboxResponse,
} from '../http.js';
import {
  findOneTrustEntity,
  findOneTrustLabel,
  onetrustEntityBasicDetails,
  onetrustEntityInformation,
  onetrustEntityTypeInformation,
  onetrustLinkListItem,
  onetrustLinkRecord,
} from '../records.js';
import {
  ONETRUST_AI_ENTITY_TYPES,
  ONETRUST_ENTITIES,
  ONETRUST_LINK_TYPES,
  SANDBOX_CREDENTIALS,
  SANDBOX_EXTRA_CREDENTIALS,
  SEED,
  type OneTrustEntityType,
  type OneTrustEntityTypeName,
  type OneTrustLinkType,
  type OneTrustLinkTypeLabel,
  type OneTrustNumberedEntity,
} from '../seed.js';
import type { OneTrustLinkRecord, RouteName } from '../state.js';

const SCOPE_FULL = 'AI_GOVERNANCE';
const SCOPE_READ = 'AI_GOVERNANCE_READ';
const SCOPE_WRITE = 'AI_GOVERNANCE_WRITE';
const MAX_PAGE_SIZE = 50;
const MAX_FULL_TEXT = 500;

/** The scopes each route accepts, as OneTrust's reference lists them per operation. */
const ROUTE_SCOPES: Partial<Record<RouteName, readonly string[]>> = {
  'onetrust.create': [SCOPE_FULL, SCOPE_WRITE],
  'onetrust.get': [SCOPE_FULL, SCOPE_READ, SCOPE_WRITE],
  'onetrust.delete': [SCOPE_FULL],
  'onetrust.list': [SCOPE_FULL, SCOPE_READ],
  'onetrust.entitiesSearch': [SCOPE_FULL, SCOPE_READ, SCOPE_WRITE],
  'onetrust.entityBasicDetailsSearch': [SCOPE_FULL, SCOPE_READ, SCOPE_WRITE],
  'onetrust.entityTypesSearch': [SCOPE_FULL, SCOPE_READ, SCOPE_WRITE],
  'onetrust.entityGet': [SCOPE_FULL, SCOPE_READ, SCOPE_WRITE],
};

const CLIENTS: Record<string, { secret: string; scope: string }> = {
  [SANDBOX_CREDENTIALS.onetrust.clientId]: { secret: SANDBOX_CREDENTIALS.onetrust.clientSecret, scope: SCOPE_FULL },
  [SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly.clientId]: {
    secret: SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly.clientSecret,
    scope: SCOPE_READ,
  },
  [SANDBOX_EXTRA_CREDENTIALS.onetrustWriteOnly.clientId]: {
    secret: SANDBOX_EXTRA_CREDENTIALS.onetrustWriteOnly.clientSecret,
    scope: SCOPE_WRITE,
  },
};

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
};

// ---------------------------------------------------------------------------------------------------------------
// Error forms
// ---------------------------------------------------------------------------------------------------------------

/** The body form OneTrust uses for `status` (see the file comment). */
function otError(status: number, message: string): SandboxResponse {
  if (status === 400 || status === 403) return json(status, message);
  if (status === 401) return json(401, { error: 'invalid_token', error_description: message });
  if (status >= 500) return empty(status);
  return json(status, { timestamp: new Date().toISOString(), status, error: REASONS[status] ?? 'Error', message });
}

function fail(status: number, message: string): never {
  throw new HttpError(otError(status, message));
}

function oauthFail(status: 400 | 401, error: string, description: string): never {
  throw new HttpError(json(status, { error, error_description: description }, { 'cache-control': 'no-store' }));
}

function renderError(error: GenericError): SandboxResponse {
  const response = otError(error.status, error.message);
  if (error.status === 429) {
    const rate = error.rate;
    const enforced = rate?.enforced === true;
    Object.assign(response.headers, {
      'ot-ratelimit-event-id': randomUUID(),
      'ot-requests-allowed': String(enforced ? rate.limit : 1000),
      'ot-period': enforced && rate.windowMs >= 3_600_000 ? 'HOUR' : 'MINUTE',
      'ot-request-made': String(enforced ? rate.made : 1001),
    });
  }
  return response;
}

// ---------------------------------------------------------------------------------------------------------------
// Auth
// ---------------------------------------------------------------------------------------------------------------

function issueToken(ctx: RequestContext): SandboxResponse {
  const form = ctx.body as URLSearchParams;
  const keys = [...form.keys()];
  const repeated = keys.find((key, i) => keys.indexOf(key) !== i);
  if (repeated) oauthFail(400, 'invalid_request', `Parameter ${repeated} is repeated`);
  const unknown = keys.find((key) => !['grant_type', 'client_id', 'client_secret', 'scope'].includes(key));
  if (unknown) oauthFail(400, 'invalid_request', `Unsupported parameter ${unknown}`);
  // Scopes are fixed when the credential is made. Generic OAuth2 clients (n8n's) send an empty `scope`;
  // that is accepted, asking for a scope is not.
  if (form.get('scope')) oauthFail(400, 'invalid_scope', 'Scopes are fixed on the credential; send no scope');
  const grantType = form.get('grant_type');
  if (!grantType) oauthFail(400, 'invalid_request', 'Missing grant_type');
  if (grantType !== 'client_credentials') oauthFail(400, 'unsupported_grant_type', 'Unsupported grant type');
  const clientId = form.get('client_id') ?? '';
  const client = Object.hasOwn(CLIENTS, clientId) ? CLIENTS[clientId] : undefined;
  if (!client || client.secret !== form.get('client_secret')) oauthFail(401, 'invalid_client', 'Bad client credentials');

  const now = Date.now();
  const ttl = ctx.state.tokenTtlSeconds;
  const token = randomBytes(32).toString('base64url');
  const jti = randomUUID();
  ctx.state.onetrustTokens.set(token, { issuedAt: now, expiresAt: now + ttl * 1000, scope: client.scope, jti });
  return json(
    200,
    { access_token: token, token_type: 'bearer', expires_in: ttl, scope: client.scope, tenantId: SEED.onetrust.tenantId, jti },
    { 'cache-control': 'no-store' },
  );
}

function authenticate(ctx: RequestContext, route: RouteDef): AuthInfo {
  if (typeof ctx.headers.authorization !== 'string') fail(401, 'Full authentication is required to access this resource');
  const token = credentialOf(ctx.headers, 'Bearer');
  const record = token === undefined ? undefined : ctx.state.onetrustTokens.get(token);
  if (!record) fail(401, 'Invalid access token');
  if (record.expiresAt <= Date.now()) fail(401, 'Access token expired');
  const scopes = ROUTE_SCOPES[route.name];
  if (scopes && !scopes.includes(record.scope)) {
    fail(403, `Access is denied: this endpoint needs one of the scopes ${scopes.join(', ')}; the token has ${record.scope}`);
  }
  return { scope: record.scope };
}

// ---------------------------------------------------------------------------------------------------------------
// Lookups and validation
// ---------------------------------------------------------------------------------------------------------------

const ENTITY_TYPES: Readonly<Record<string, OneTrustEntityType | undefined>> = SEED.onetrust.entityTypes;
const AI_TYPES: readonly string[] = ONETRUST_AI_ENTITY_TYPES;
const ENTITY_KEYS = ['id', 'entityType', 'name', 'number', 'linkEntityDetail', 'detailsAccessRestricted', 'redirectURL', 'deleted'];
const ENTITY_TYPE_KEYS = ['id', 'name', 'nameKey', 'seeded', 'moduleName', 'schemaName'];
const ATTRIBUTE_VALUE_KEYS = [
  'id',
  'value',
  'valueKey',
  'colorCode',
  'optionSelectionValue',
  'displayLabel',
  'associatedAttributeValueInformation',
  'disabled',
];

/** A single query parameter, or undefined when absent (400 when repeated). */
function singleQuery(ctx: RequestContext, name: string): string | undefined {
  const values = ctx.query.getAll(name);
  if (values.length > 1) fail(400, `Request parameter '${name}' is repeated`);
  return values[0];
}

/** The single `name` query parameter as a UUID (400 when missing, repeated or malformed). */
function uuidQuery(ctx: RequestContext, name: string): string {
  const value = singleQuery(ctx, name);
  if (value === undefined) fail(400, `Required request parameter '${name}' is not present`);
  if (!isUuid(value)) fail(400, `Request parameter '${name}' must be a UUID`);
  return value;
}

function linkTypeOf(ctx: RequestContext): OneTrustLinkType {
  const id = uuidQuery(ctx, 'linkTypeId');
  const linkType = ONETRUST_LINK_TYPES.find((t) => t.id === id.toLowerCase());
  if (!linkType) fail(404, `Link type ${id} not found`);
  return linkType;
}

function entityTypeName(name: unknown, field: string): OneTrustEntityTypeName {
  if (typeof name !== 'string' || name === '') fail(400, `${field} is required`);
  if (!Object.hasOwn(ENTITY_TYPES, name)) fail(400, `${field}: unknown entity type '${name}'`);
  return name as OneTrustEntityTypeName;
}

/** An AI Governance entity type name (the entity endpoints only serve models, datasets, AI systems and agents). */
function aiEntityTypeName(name: unknown, field: string): OneTrustEntityTypeName {
  const type = entityTypeName(name, field);
  if (!AI_TYPES.includes(type)) fail(400, `${field}: '${type}' is not an AI Governance entity type (use ${AI_TYPES.join(', ')})`);
  return type;
}

function findEntity(id: string, type: OneTrustEntityTypeName): OneTrustNumberedEntity {
  const entity = findOneTrustEntity(id, type);
  if (!entity) fail(404, `Entity ${id} of type ${type} not found`);
  return entity;
}

function validateEntity(value: unknown, field: string): { id: string; type: OneTrustEntityTypeName } {
  if (value === undefined || value === null) fail(400, `${field} is required`);
  if (!isRecord(value)) fail(400, `${field} must be an object`);
  const extra = unknownKey(value, ENTITY_KEYS);
  if (extra) fail(400, `${field}.${extra} is not a known property`);
  if (!isUuid(value.id)) fail(400, `${field}.id must be a UUID`);
  if (!isRecord(value.entityType)) fail(400, `${field}.entityType is required`);
  const extraType = unknownKey(value.entityType, ENTITY_TYPE_KEYS);
  if (extraType) fail(400, `${field}.entityType.${extraType} is not a known property`);
  const type = entityTypeName(value.entityType.name, `${field}.entityType.name`);
  const typeId = value.entityType.id;
  if (typeId !== undefined && typeId !== null) {
    if (!isUuid(typeId)) fail(400, `${field}.entityType.id must be a UUID`);
    if (typeId.toLowerCase() !== ENTITY_TYPES[type]!.id) fail(400, `${field}.entityType.id does not match entity type '${type}'`);
  }
  return { id: value.id, type };
}

function validateAttributes(value: unknown): Record<string, unknown[]> | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) fail(400, 'attributes must be an object of attribute name to a list of values');
  for (const [name, values] of Object.entries(value)) {
    if (!Array.isArray(values)) fail(400, `attributes.${name} must be an array`);
    values.forEach((item: unknown, i) => {
      const at = `attributes.${name}[${i}]`;
      if (!isRecord(item)) fail(400, `${at} must be an object`);
      const extra = unknownKey(item, ATTRIBUTE_VALUE_KEYS);
      if (extra) fail(400, `${at}.${extra} is not a known property`);
      if (item.value === undefined && item.id === undefined) fail(400, `${at} needs a value or an id`);
      if (item.value !== undefined && typeof item.value !== 'string') fail(400, `${at}.value must be a string`);
      if (item.id !== undefined && !isUuid(item.id)) fail(400, `${at}.id must be a UUID`);
    });
  }
  return value as Record<string, unknown[]>;
}

function labelFor(linkType: OneTrustLinkType, type1: OneTrustEntityTypeName, type2: OneTrustEntityTypeName): OneTrustLinkTypeLabel {
  const label = findOneTrustLabel(linkType, type1, type2);
  if (!label) {
    const allowed = linkType.labels.map((l) => `${l.entityType1} -> ${l.entityType2}`).join(', ');
    fail(400, `Link type '${linkType.name}' does not allow ${type1} -> ${type2} (allowed: ${allowed})`);
  }
  return label;
}

// ---------------------------------------------------------------------------------------------------------------
// Paging and search criteria (shared by the links list and the searches)
// ---------------------------------------------------------------------------------------------------------------

interface PageRequest {
  page: number;
  size: number;
  descending: boolean;
}

function intQuery(ctx: RequestContext, name: string, fallback: number, min: number, max: number): number {
  const raw = singleQuery(ctx, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) fail(400, `Request parameter '${name}' must be an integer from ${min} to ${max}`);
  return value;
}

/** `page` (0..), `size` (1..50) and `sort` (`<property>,asc|desc` for the one property the endpoint sorts by). */
function pageRequest(ctx: RequestContext, defaults: { size: number; property: string; descending: boolean }): PageRequest {
  const page = intQuery(ctx, 'page', 0, 0, Number.MAX_SAFE_INTEGER);
  const size = intQuery(ctx, 'size', defaults.size, 1, MAX_PAGE_SIZE);
  const sort = singleQuery(ctx, 'sort');
  let descending = defaults.descending;
  if (sort !== undefined) {
    const allowed = [`${defaults.property},asc`, `${defaults.property},desc`];
    if (!allowed.includes(sort)) fail(400, `Request parameter 'sort' must be one of ${allowed.join(', ')}`);
    descending = sort.endsWith(',desc');
  }
  return { page, size, descending };
}

/** A Spring page (what the searches answer). */
function springPage(items: readonly unknown[], request: PageRequest) {
  const { page, size } = request;
  const content = items.slice(page * size, page * size + size);
  const sort = { empty: false, sorted: true, unsorted: false };
  const totalPages = Math.ceil(items.length / size);
  return {
    content,
    pageable: { pageNumber: page, pageSize: size, sort, offset: page * size, paged: true, unpaged: false },
    last: page >= totalPages - 1,
    totalElements: items.length,
    totalPages,
    size,
    number: page,
    sort: { ...sort },
    first: page === 0,
    numberOfElements: content.length,
    empty: content.length === 0,
  };
}

const OPERATORS = ['EQUAL_TO', 'NOT_EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO', 'BETWEEN'];

/**
 * `AttributeQueryCriteria` (`{ fullText, filters }`), checked as the reference describes it; answers the lower-cased
 * full text ('' for none). Filters are checked (a `field`, a known `operator`, no duplicates) but not applied: they
 * name tenant attributes the sandbox does not model.
 */
function criteria(value: unknown, field: string): string {
  if (value === undefined || value === null) return '';
  if (!isRecord(value)) fail(400, `${field} must be an object { fullText, filters }`);
  const extra = unknownKey(value, ['fullText', 'filters']);
  if (extra) fail(400, `${field}.${extra} is not a known property`);
  const { fullText, filters } = value;
  if (fullText !== undefined && fullText !== null) {
    if (typeof fullText !== 'string') fail(400, `${field}.fullText must be a string`);
    if (fullText.length > MAX_FULL_TEXT) fail(400, `${field}.fullText must be at most ${MAX_FULL_TEXT} characters`);
  }
  if (filters !== undefined && filters !== null) {
    if (!Array.isArray(filters)) fail(400, `${field}.filters must be an array`);
    const seen = new Set<string>();
    filters.forEach((filter: unknown, i) => {
      const at = `${field}.filters[${i}]`;
      if (!isRecord(filter)) fail(400, `${at} must be an object`);
      const extraKey = unknownKey(filter, ['field', 'operator', 'value', 'toValue']);
      if (extraKey) fail(400, `${at}.${extraKey} is not a known property`);
      if (typeof filter.field !== 'string' || filter.field === '') fail(400, `${at}.field is required`);
      if (filter.operator !== undefined && filter.operator !== null && !OPERATORS.includes(filter.operator as string)) {
        fail(400, `${at}.operator must be one of ${OPERATORS.join(', ')}`);
      }
      const key = JSON.stringify(filter);
      if (seen.has(key)) fail(400, `${at} repeats an earlier filter (filters must be unique)`);
      seen.add(key);
    });
  }
  return typeof fullText === 'string' ? fullText.trim().toLowerCase() : '';
}

/** `EntityQueryRequest` (`{ criteria, organizationTraversalStrategy, requestedOrganizationId, queryAction }`). */
function entityQuery(value: unknown, field: string): string {
  if (value === undefined || value === null) return '';
  if (!isRecord(value)) fail(400, `${field} must be an object`);
  const extra = unknownKey(value, ['criteria', 'organizationTraversalStrategy', 'requestedOrganizationId', 'queryAction']);
  if (extra) fail(400, `${field}.${extra} is not a known property`);
  const strategy = value.organizationTraversalStrategy;
  if (strategy !== undefined && strategy !== null) {
    // The reference lists lower-case values and shows an upper-case one in an example: either case is accepted.
    const allowed = ['ancestors_and_descendants', 'descendants', 'all'];
    if (typeof strategy !== 'string' || !allowed.includes(strategy.toLowerCase())) {
      fail(400, `${field}.organizationTraversalStrategy must be one of ${allowed.join(', ')}`);
    }
  }
  const org = value.requestedOrganizationId;
  if (org !== undefined && org !== null && !isUuid(org)) fail(400, `${field}.requestedOrganizationId must be a UUID`);
  if (value.queryAction !== undefined && value.queryAction !== null && typeof value.queryAction !== 'string') {
    fail(400, `${field}.queryAction must be a string`);
  }
  return criteria(value.criteria, `${field}.criteria`);
}

/** Whether an entity matches a search's full text: its name contains it, or it is the entity's number. */
function matchesText(entity: OneTrustNumberedEntity, text: string): boolean {
  return text === '' || entity.name.toLowerCase().includes(text) || String(entity.number) === text;
}

function byName<T extends { name: string; id: string }>(items: readonly T[], descending: boolean): T[] {
  const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
  return descending ? sorted.reverse() : sorted;
}

/** The AI Governance entities of the optional `entityTypeName` query parameter (all four AI types without it). */
function searchableEntities(ctx: RequestContext): readonly OneTrustNumberedEntity[] {
  const name = singleQuery(ctx, 'entityTypeName');
  const type = name === undefined ? undefined : aiEntityTypeName(name, 'entityTypeName');
  return ONETRUST_ENTITIES.filter((e) => (type === undefined ? AI_TYPES.includes(e.entityType) : e.entityType === type));
}

// ---------------------------------------------------------------------------------------------------------------
// Link handlers
// ---------------------------------------------------------------------------------------------------------------

function createLink(ctx: RequestContext): SandboxResponse {
  const linkType = linkTypeOf(ctx);
  const body = ctx.body;
  if (!isRecord(body)) fail(400, 'Request body must be a LinkRequest object');
  const extra = unknownKey(body, ['entity1', 'entity2', 'attributes', 'context']);
  if (extra) fail(400, `${extra} is not a known property of LinkRequest`);
  const ref1 = validateEntity(body.entity1, 'entity1');
  const ref2 = validateEntity(body.entity2, 'entity2');
  const attributes = validateAttributes(body.attributes);
  const entity1 = findEntity(ref1.id, ref1.type);
  const entity2 = findEntity(ref2.id, ref2.type);
  const label = labelFor(linkType, entity1.entityType, entity2.entityType);
  const record = onetrustLinkRecord({
    id: randomUUID(),
    linkType,
    label,
    entity1,
    entity2,
    attributes,
    context: body.context ?? null,
    at: new Date().toISOString(),
  });
  ctx.state.links.onetrust.push(record);
  return json(200, record.response);
}

function findLink(ctx: RequestContext): OneTrustLinkRecord {
  const linkId = ctx.params.linkId!;
  if (!isUuid(linkId)) fail(400, 'linkId must be a UUID');
  const linkTypeId = uuidQuery(ctx, 'linkTypeId');
  const link = ctx.state.allLinks('onetrust').find((l) => l.id === linkId.toLowerCase() && l.linkTypeId === linkTypeId.toLowerCase());
  if (!link) fail(404, `Link ${linkId} not found for link type ${linkTypeId}`);
  return link;
}

function getLink(ctx: RequestContext): SandboxResponse {
  return json(200, findLink(ctx).response);
}

function deleteLink(ctx: RequestContext): SandboxResponse {
  const link = findLink(ctx);
  ctx.state.removeLinks('onetrust', (l) => l === link);
  return empty(200);
}

/** The links of an entity, from either end; `fullText` matches the other entity's name. Sorted by link id. */
function listLinks(ctx: RequestContext): SandboxResponse {
  const type = aiEntityTypeName(ctx.params.entityTypeName, 'entityTypeName');
  const entityId = ctx.params.entityId!;
  if (!isUuid(entityId)) fail(400, 'entityId must be a UUID');
  const entity = findEntity(entityId, type);
  const request = pageRequest(ctx, { size: 10, property: 'id', descending: true });
  if (!isRecord(ctx.body)) fail(400, 'Request body must be an object { fullText, filters }');
  const text = criteria(ctx.body, 'body');

  const matching = ctx.state
    .allLinks('onetrust')
    .filter((l) => {
      if (l.entity1.id !== entity.id && l.entity2.id !== entity.id) return false;
      const other = l.entity1.id === entity.id ? l.entity2 : l.entity1;
      return text === '' || findOneTrustEntity(other.id)!.name.toLowerCase().includes(text);
    })
    .sort((a, b) => (request.descending ? b.id.localeCompare(a.id) : a.id.localeCompare(b.id)));
  const { page, size } = request;
  const content = matching.slice(page * size, page * size + size).map(onetrustLinkListItem);
  const totalPages = Math.ceil(matching.length / size);
  return json(200, {
    content,
    number: page,
    size,
    totalElements: matching.length,
    first: page === 0,
    last: page >= totalPages - 1,
    hasContent: content.length > 0,
    numberOfElements: content.length,
    totalPages,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Entity handlers (pickers)
// ---------------------------------------------------------------------------------------------------------------

/** `POST /entities/search`: body `{ queryRequest: { criteria: { fullText, filters } }, context, requestedFields }`. */
function searchEntities(ctx: RequestContext): SandboxResponse {
  const request = pageRequest(ctx, { size: 20, property: 'name', descending: false });
  const entities = searchableEntities(ctx);
  const body = ctx.body ?? {};
  if (!isRecord(body)) fail(400, 'Request body must be an EntityListRequest object');
  const extra = unknownKey(body, ['context', 'queryRequest', 'requestedFields']);
  if (extra) fail(400, `${extra} is not a known property of EntityListRequest`);
  for (const key of ['context', 'requestedFields'] as const) {
    if (body[key] !== undefined && body[key] !== null && !isRecord(body[key])) fail(400, `${key} must be an object`);
  }
  const text = entityQuery(body.queryRequest, 'queryRequest');
  const found = byName(
    entities.filter((e) => matchesText(e, text)),
    request.descending,
  );
  return json(200, springPage(found.map(onetrustEntityInformation), request));
}

/**
 * `POST /entity-basic-details/search`: body `{ criteria: { fullText, filters }, ... }`; items carry
 * `displayLabel` (`<number> | <name>`). The reference names no entity type parameter; the sandbox accepts the same
 * optional `entityTypeName` as the full search.
 */
function searchEntityBasicDetails(ctx: RequestContext): SandboxResponse {
  const request = pageRequest(ctx, { size: 20, property: 'name', descending: false });
  const entities = searchableEntities(ctx);
  const body = ctx.body ?? {};
  if (!isRecord(body)) fail(400, 'Request body must be an EntityQueryRequest object');
  const text = entityQuery(body, 'body');
  const found = byName(
    entities.filter((e) => matchesText(e, text)),
    request.descending,
  );
  return json(200, springPage(found.map(onetrustEntityBasicDetails), request));
}

/** `POST /entity-types/search`: body `{ fullText, filters }`; the four AI Governance entity types. */
function searchEntityTypes(ctx: RequestContext): SandboxResponse {
  const request = pageRequest(ctx, { size: 20, property: 'name', descending: false });
  const text = criteria(ctx.body, 'body');
  const types = ONETRUST_AI_ENTITY_TYPES.map((name) => ENTITY_TYPES[name]!).filter((t) => text === '' || t.name.toLowerCase().includes(text));
  return json(200, springPage(byName(types, request.descending).map((t) => onetrustEntityTypeInformation(t.name)), request));
}

/** `GET /entities/{entityId}?entityTypeName=&entityTypeId=` (both optional; when given, the entity must be of that type). */
function getEntity(ctx: RequestContext): SandboxResponse {
  const entityId = ctx.params.entityId!;
  if (!isUuid(entityId)) fail(400, 'entityId must be a UUID');
  const name = singleQuery(ctx, 'entityTypeName');
  const typeId = singleQuery(ctx, 'entityTypeId');
  let type = name === undefined ? undefined : aiEntityTypeName(name, 'entityTypeName');
  if (typeId !== undefined) {
    if (!isUuid(typeId)) fail(400, `Request parameter 'entityTypeId' must be a UUID`);
    const byId = ONETRUST_AI_ENTITY_TYPES.find((t) => ENTITY_TYPES[t]!.id === typeId.toLowerCase());
    if (!byId) fail(404, `Entity type ${typeId} not found`);
    if (type !== undefined && type !== byId) fail(400, 'entityTypeId and entityTypeName name different entity types');
    type = byId;
  }
  const entity = findOneTrustEntity(entityId, type);
  if (!entity || !AI_TYPES.includes(entity.entityType)) fail(404, `Entity ${entityId}${type ? ` of type ${type}` : ''} not found`);
  return json(200, onetrustEntityInformation(entity));
}

// ---------------------------------------------------------------------------------------------------------------
// Module
// ---------------------------------------------------------------------------------------------------------------

const V1 = '/api/ai-governance/v1';
const LINKS = `${V1}/links`;

export const onetrust: ApiModule = {
  api: 'onetrust',
  owns: (path) => path.startsWith('/api/'),
  error: renderError,
  authenticate,
  routes: [
    { name: 'onetrust.token', methods: ['POST'], path: '/api/access/v1/oauth/token', body: 'form', auth: false, handle: issueToken },
    { name: 'onetrust.create', methods: ['POST'], path: LINKS, body: 'json', handle: createLink },
    { name: 'onetrust.get', methods: ['GET'], path: `${LINKS}/:linkId`, body: 'none', handle: getLink },
    { name: 'onetrust.delete', methods: ['DELETE'], path: `${LINKS}/:linkId`, body: 'none', handle: deleteLink },
    {
      name: 'onetrust.list',
      methods: ['POST'],
      path: `${V1}/linked-entity-types/entity-types/names/:entityTypeName/entities/:entityId/links/pages`,
      body: 'json',
      handle: listLinks,
    },
    { name: 'onetrust.entitiesSearch', methods: ['POST'], path: `${V1}/entities/search`, body: 'optional-json', handle: searchEntities },
    {
      name: 'onetrust.entityBasicDetailsSearch',
      methods: ['POST'],
      path: `${V1}/entity-basic-details/search`,
      body: 'optional-json',
      handle: searchEntityBasicDetails,
    },
    { name: 'onetrust.entityTypesSearch', methods: ['POST'], path: `${V1}/entity-types/search`, body: 'optional-json', handle: searchEntityTypes },
    { name: 'onetrust.entityGet', methods: ['GET'], path: `${V1}/entities/:entityId`, body: 'none', handle: getEntity },
  ],
};
