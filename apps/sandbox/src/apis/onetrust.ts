/**
 * OneTrust AI Governance (seed 000): the OAuth token endpoint and the relationship (link) endpoints.
 *
 * Error bodies come in the three forms the spec leaves open (it declares no error schema):
 * - a JSON object: 401 (`{ error, error_description }`), the token endpoint's 400/401 (OAuth), and
 *   404/405/413/415/429 (`{ timestamp, status, error, message }`);
 * - a JSON string: 400 and 403 of the link endpoints (e.g. `"entity1.id must be a UUID"`);
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
  ONETRUST_ENTITIES,
  ONETRUST_LINK_TYPES,
  SANDBOX_CREDENTIALS,
  SANDBOX_EXTRA_CREDENTIALS,
  SEED,
  type OneTrustEntityType,
  type OneTrustEntityTypeName,
  type OneTrustLinkType,
  type OneTrustLinkTypeLabel,
  type OneTrustSeedEntity,
} from '../seed.js';
import type { OneTrustLinkRecord } from '../state.js';

const SCOPE_FULL = 'AI_GOVERNANCE';
const SCOPE_READ = 'AI_GOVERNANCE_READ';
const WRITE_SCOPES = new Set([SCOPE_FULL, 'AI_GOVERNANCE_WRITE']);
const MAX_PAGE_SIZE = 50;
const DEFAULT_PAGE_SIZE = 20;

const CLIENTS: Record<string, { secret: string; scope: string }> = {
  [SANDBOX_CREDENTIALS.onetrust.clientId]: { secret: SANDBOX_CREDENTIALS.onetrust.clientSecret, scope: SCOPE_FULL },
  [SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly.clientId]: {
    secret: SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly.clientSecret,
    scope: SCOPE_READ,
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
  const writes = route.name === 'onetrust.create' || route.name === 'onetrust.delete';
  if (writes && !WRITE_SCOPES.has(record.scope)) fail(403, 'Access is denied: the token lacks the AI_GOVERNANCE_WRITE scope');
  return { scope: record.scope };
}

// ---------------------------------------------------------------------------------------------------------------
// Lookups and validation
// ---------------------------------------------------------------------------------------------------------------

const ENTITY_TYPES: Readonly<Record<string, OneTrustEntityType | undefined>> = SEED.onetrust.entityTypes;
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

/** The single `name` query parameter as a UUID (400 when missing, repeated or malformed). */
function uuidQuery(ctx: RequestContext, name: string): string {
  const values = ctx.query.getAll(name);
  if (values.length === 0) fail(400, `Required request parameter '${name}' is not present`);
  if (values.length > 1) fail(400, `Request parameter '${name}' is repeated`);
  if (!isUuid(values[0])) fail(400, `Request parameter '${name}' must be a UUID`);
  return values[0];
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

function findEntity(id: string, type: OneTrustEntityTypeName): OneTrustSeedEntity {
  const entity = ONETRUST_ENTITIES.find((e) => e.id === id.toLowerCase() && e.entityType === type);
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
  const matches = (pattern: string, type: string) => pattern === '*' || pattern === type;
  const label = linkType.labels.find((l) => matches(l.entityType1, type1) && matches(l.entityType2, type2));
  if (!label) {
    const allowed = linkType.labels.map((l) => `${l.entityType1} -> ${l.entityType2}`).join(', ');
    fail(400, `Link type '${linkType.name}' does not allow ${type1} -> ${type2} (allowed: ${allowed})`);
  }
  return label;
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------------------------

function linkedEntity(entity: OneTrustSeedEntity) {
  return {
    linkEntityDetail: null,
    id: entity.id,
    number: null,
    name: entity.name,
    entityType: { ...ENTITY_TYPES[entity.entityType]! },
    deleted: false,
  };
}

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

  const now = new Date().toISOString();
  const user = { id: SEED.onetrust.userId, name: null, email: null, initials: null };
  const response = {
    id: randomUUID(),
    linkType: { id: linkType.id, name: linkType.name, nameKey: linkType.nameKey, idOrNamePresent: true },
    linkTypeLabel: {
      id: label.id,
      entityType1ToEntityType2EntityLinkName: label.forwardName,
      entityType1ToEntityType2EntityLinkNameKey: label.forwardNameKey,
      entityType2ToEntityType1EntityLinkName: label.backwardName,
      entityType2ToEntityType1EntityLinkNameKey: label.backwardNameKey,
    },
    entity1: linkedEntity(entity1),
    entity2: linkedEntity(entity2),
    schemaId: linkType.schemaId,
    entityLinkDetail: null,
    auditFields: { createdDate: now, lastUpdatedDate: now, createdBy: user, lastModifiedBy: { ...user } },
  };
  const record: OneTrustLinkRecord = {
    id: response.id,
    linkTypeId: linkType.id,
    entity1: { id: entity1.id, entityType: entity1.entityType },
    entity2: { id: entity2.id, entityType: entity2.entityType },
    attributes,
    context: body.context ?? null,
    response,
  };
  ctx.state.links.onetrust.push(record);
  return json(200, response);
}

function findLink(ctx: RequestContext): OneTrustLinkRecord {
  const linkId = ctx.params.linkId!;
  if (!isUuid(linkId)) fail(400, 'linkId must be a UUID');
  const linkTypeId = uuidQuery(ctx, 'linkTypeId');
  const link = ctx.state.links.onetrust.find((l) => l.id === linkId.toLowerCase() && l.linkTypeId === linkTypeId.toLowerCase());
  if (!link) fail(404, `Link ${linkId} not found for link type ${linkTypeId}`);
  return link;
}

function getLink(ctx: RequestContext): SandboxResponse {
  return json(200, findLink(ctx).response);
}

function deleteLink(ctx: RequestContext): SandboxResponse {
  const link = findLink(ctx);
  const links = ctx.state.links.onetrust;
  links.splice(links.indexOf(link), 1);
  return empty(200);
}

function intQuery(ctx: RequestContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) fail(400, `Request parameter '${name}' must be an integer from ${min} to ${max}`);
  return value;
}

function listLinks(ctx: RequestContext): SandboxResponse {
  const type = entityTypeName(ctx.params.entityTypeName, 'entityTypeName');
  const entityId = ctx.params.entityId!;
  if (!isUuid(entityId)) fail(400, 'entityId must be a UUID');
  const entity = findEntity(entityId, type);
  const page = intQuery(ctx, 'page', 0, 0, Number.MAX_SAFE_INTEGER);
  const size = intQuery(ctx, 'size', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const sort = ctx.query.get('sort');
  const body = ctx.body ?? {};
  if (!isRecord(body)) fail(400, 'Request body must be an object { fullText, filters }');
  const extra = unknownKey(body, ['fullText', 'filters']);
  if (extra) fail(400, `${extra} is not a known property of the search request`);
  if (body.fullText !== undefined && body.fullText !== null && typeof body.fullText !== 'string') fail(400, 'fullText must be a string');
  if (body.filters !== undefined && body.filters !== null && !Array.isArray(body.filters)) fail(400, 'filters must be an array');

  const text = typeof body.fullText === 'string' ? body.fullText.toLowerCase() : '';
  let matching = ctx.state.links.onetrust.filter((l) => {
    if (l.entity1.id !== entity.id && l.entity2.id !== entity.id) return false;
    if (!text) return true;
    const other = l.entity1.id === entity.id ? l.response.entity2 : l.response.entity1;
    return String((other as { name: string }).name).toLowerCase().includes(text);
  });
  if (sort && /,desc$/i.test(sort)) matching = [...matching].reverse();
  const content = matching.slice(page * size, page * size + size).map((l) => l.response);
  const sorted = sort !== null;
  const sortInfo = { sorted, unsorted: !sorted, empty: !sorted };
  const totalPages = Math.ceil(matching.length / size);
  return json(200, {
    content,
    pageable: { pageNumber: page, pageSize: size, sort: sortInfo, offset: page * size, paged: true, unpaged: false },
    totalElements: matching.length,
    totalPages,
    last: page >= totalPages - 1,
    first: page === 0,
    number: page,
    size,
    numberOfElements: content.length,
    sort: sortInfo,
    empty: content.length === 0,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Module
// ---------------------------------------------------------------------------------------------------------------

const LINKS = '/api/ai-governance/v1/links';

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
      path: '/api/ai-governance/v1/linked-entity-types/entity-types/names/:entityTypeName/entities/:entityId/links/pages',
      body: 'optional-json',
      handle: listLinks,
    },
  ],
};
