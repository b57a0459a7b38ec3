// OneTrust AI Governance: OAuth2 client credentials (a token step and a refresh step), then
// POST /api/ai-governance/v1/links?linkTypeId=... with the token as Bearer.
import { ONETRUST_ENTITY_TYPES, providers } from '@links/core';
import type { RequestSpec } from '../iml/request.js';
import { apiCallModule, type AppCommunication, type CommunicationFile, lookupRequests, positionOf, findModule, labelSwitch, pageFilter, quoted, rpcLimit, SEARCH, springPaging, deleteModule, SEARCH_LIMIT, baseUrl, iml, optional, OUTPUT_COMMENT, trimmed } from './common.js';
import { type ApiErrorText, errorDirective } from './errors.js';

/** OneTrust's error body is undocumented: a JSON object, a JSON string or nothing (core's readError). */
const ERRORS: ApiErrorText = {
  provider: 'onetrust',
  message:
    "ifempty(body.message, ifempty(body.error_description, ifempty(body.detail, ifempty(body.title, ifempty(body.error, ifempty(body, 'HTTP ' + statusCode))))))",
  retryAfter: 'headers.`retry-after`',
};

/** The tenant's API: the Base URL override, else https:// and the host name (trimmed, lower-cased as core does). */
const API_BASE = baseUrl('parameters', "'https://' + lower(trim(parameters.hostname))");

/**
 * The client-credentials exchange, the same for the token step and the refresh step: each time with the
 * connection's current host name, client ID and secret. Saves the token, when it expires (core's
 * `parseTokenResponse`: `expires_in` seconds, 3600 when the answer has none) and the API base URL.
 */
const EXCHANGE: RequestSpec = {
  url: `${iml(API_BASE)}/api/access/v1/oauth/token`,
  method: 'POST',
  type: 'urlencoded',
  headers: { Accept: 'application/json' },
  body: {
    grant_type: 'client_credentials',
    client_id: iml(trimmed('parameters.clientId')),
    client_secret: iml(trimmed('parameters.clientSecret')),
  },
  response: {
    data: {
      accessToken: '{{body.access_token}}',
      expires: '{{addSeconds(now, if(body.expires_in > 0, body.expires_in, 3600))}}',
      apiBaseUrl: iml(API_BASE),
    },
    error: errorDirective(ERRORS, 'connection', trimmed('parameters.clientSecret')),
  },
  log: { sanitize: ['request.body.client_secret', 'response.body.access_token'] },
};

/** One end of the link in core's LinkResult, from OneTrust's `entity1`/`entity2`, else the input (a create) or nothing (a get). */
function linkEnd(n: 1 | 2, fromInput: boolean): Record<string, unknown> {
  return {
    id: `{{ifempty(body.entity${n}.id, ${fromInput ? `trim(parameters.entity${n}Id)` : "''"})}}`,
    type: `{{ifempty(body.entity${n}.entityType.name, ${fromInput ? `trim(parameters.entity${n}Type)` : 'null'})}}`,
    name: `{{ifempty(body.entity${n}.name, null)}}`,
    displayId: null,
  };
}

/** Core's LinkResult of a `LinkInformation` body (`linkResultOf`), `typeId` the link type id to fall back to. */
function linkResult(typeId: string, fromInput: boolean): Record<string, unknown> {
  return {
    provider: 'onetrust',
    id: '{{ifempty(body.id, null)}}',
    linkType: `{{ifempty(body.linkType.name, ifempty(body.linkType.id, ${typeId}))}}`,
    linkTypeLabel: `{{ifempty(body.linkTypeLabel.entityType1ToEntityType2EntityLinkName, ifempty(body.linkType.name, ${typeId}))}}`,
    source: linkEnd(1, fromInput),
    target: linkEnd(2, fromInput),
    createdAt: '{{ifempty(body.auditFields.createdDate, null)}}',
    raw: '{{body}}',
  };
}

/** core's page size for a links page. */
const PAGE_SIZE: number = providers.onetrust.operations.list.pageSize!;

/** A listed link's type id: `relationshipTypeDetail.id`, else (the `LinkInformation` shape) `linkType.id`. */
const LISTED_TYPE_ID = 'ifempty(item.relationshipTypeDetail.id, item.linkType.id)';

/** One end of a listed link (core's `listedEnd`): `source`/`target`, else `entity1`/`entity2`; the display label or number as Display ID. */
function listedEnd(end: 'source' | 'target', alias: 'entity1' | 'entity2'): Record<string, unknown> {
  const at = (path: string) => `ifempty(item.${end}.${path}, item.${alias}.${path})`;
  return {
    id: `{{ifempty(${at('id')}, '')}}`,
    type: `{{ifempty(${at('entityType.name')}, null)}}`,
    name: `{{ifempty(${at('name')}, null)}}`,
    displayId: `{{ifempty(${at('linkEntityDetail.displayLabel')}, ifempty('' + ifempty(${at('number')}, ''), null))}}`,
  };
}

function entityRef(n: 1 | 2): Record<string, unknown> {
  return {
    id: iml(trimmed(`parameters.entity${n}Id`)),
    // Only when set (core: `entityType.id` with a type ID, else only `name`).
    entityType: { id: iml(optional(`parameters.entity${n}TypeId`)), name: iml(trimmed(`parameters.entity${n}Type`)) },
  };
}

const pickers = providers.onetrust.pickers;
const V1 = '/api/ai-governance/v1';

/** An entity as core's `entityOption` words it, at `e`: its display label, else "number | name", else its name or ID. */
function entityOption(at: (path: string) => string, fallbackType: string): { label: string; value: string; description: string } {
  const name = `ifempty(${at('name')}, ${at('id')})`;
  const number = `'' + ifempty(${at('number')}, '')`;
  return {
    label: `ifempty(${at('displayLabel')}, ifempty(${at('linkEntityDetail.displayLabel')}, if(${number} != '', ${number} + ' | ' + ${name}, ${name})))`,
    value: at('id'),
    description: `ifempty(${at('entityType.name')}, ${fallbackType}) + ' ' + ${at('id')}`,
  };
}

const optionOutput = (option: { label: string; value: string; description: string }) => ({ label: iml(option.label), value: iml(option.value), description: iml(option.description) });

/** Entities of a type by name: POST .../entities/search, the API filtering by the search text. */
const ENTITIES = (type: string): CommunicationFile => {
  const picker = pickers['onetrust.entities']!;
  return {
    comment: [
      `Entities (core's ${picker.id}): POST ${V1}/entities/search?entityTypeName=&page=&size=${picker.pageSize}&sort=name,asc, the search text as the full-text`,
      `criterion, every Spring page while the answer has more, up to ${rpcLimit(picker.pageSize)} options.`,
    ],
    spec: {
      url: `${V1}/entities/search`,
      method: 'POST',
      qs: { entityTypeName: iml(type), page: '0', size: String(picker.pageSize), sort: 'name,asc' },
      body: { queryRequest: { criteria: { fullText: iml(SEARCH), filters: [] } } },
      response: {
        limit: rpcLimit(picker.pageSize),
        iterate: { container: '{{body.content}}', condition: '{{item.id}}' },
        output: optionOutput(entityOption((path) => `item.${path}`, type)),
      },
      pagination: springPaging(picker.pageSize),
    },
  };
};

/** Entity types (core's `onetrust.entityTypes`, each option its name, or `onetrust.entityTypeIds`, its UUID). */
const entityTypes = (id: 'onetrust.entityTypes' | 'onetrust.entityTypeIds'): CommunicationFile => {
  const picker = pickers[id]!;
  const byName = id === 'onetrust.entityTypes';
  return {
    comment: [`Entity types (core's ${picker.id}): POST ${V1}/entity-types/search?page=&size=${picker.pageSize}&sort=name,asc, every Spring page, up to ${rpcLimit(picker.pageSize)} options.`],
    spec: {
      url: `${V1}/entity-types/search`,
      method: 'POST',
      qs: { page: '0', size: String(picker.pageSize), sort: 'name,asc' },
      body: { fullText: iml(SEARCH), filters: [] },
      response: {
        limit: rpcLimit(picker.pageSize),
        iterate: { container: '{{body.content}}', condition: byName ? '{{item.name}}' : '{{item.name && item.id}}' },
        output: {
          label: iml(labelSwitch('item.name', ONETRUST_ENTITY_TYPES.map((t) => [t.value, t.label] as const))),
          value: byName ? '{{item.name}}' : '{{item.id}}',
          description: byName ? "{{item.name + if(item.id, ' (' + item.id + ')', '')}}" : '{{item.name}}',
        },
      },
      pagination: springPaging(picker.pageSize),
    },
  };
};

/** One page of an entity's links (what the link-type and linked-entity pickers read). */
function linksPages(type: string, id: string, pageSize: number): Record<string, unknown> {
  return {
    url: `${V1}/linked-entity-types/entity-types/names/${iml(`encodeURL(${type})`)}/entities/${iml(`encodeURL(${id})`)}/links/pages`,
    encodeUrl: false,
    method: 'POST',
    qs: { page: '0', size: String(pageSize), sort: 'id,asc' },
    body: { fullText: '', filters: [] },
    pagination: springPaging(pageSize),
  };
}

const LINK_TYPE_OPTION = {
  label: 'ifempty(item.relationshipTypeDetail.name, item.relationshipTypeDetail.id)',
  value: 'item.relationshipTypeDetail.id',
  description:
    "ifempty(if(item.relationshipTypeDetail.entityType1ToEntityType2EntityLinkName && item.relationshipTypeDetail.entityType2ToEntityType1EntityLinkName, item.relationshipTypeDetail.entityType1ToEntityType2EntityLinkName + ' / ' + item.relationshipTypeDetail.entityType2ToEntityType1EntityLinkName, ifempty(item.relationshipTypeDetail.entityType1ToEntityType2EntityLinkName, item.relationshipTypeDetail.entityType2ToEntityType1EntityLinkName)), item.relationshipTypeDetail.id)",
};

/** Link types: OneTrust cannot list them, so the entity's links show the types they use (each once a page). */
const LINK_TYPES = (type: string, id: string): CommunicationFile => {
  const picker = pickers['onetrust.linkTypes']!;
  return {
    comment: [
      `Link types (core's ${picker.id}): OneTrust has no list of link types, so the entity's links are read (POST .../links/pages, ${picker.pageSize} a page,`,
      `every Spring page, up to ${rpcLimit(picker.pageSize)} options) and each page shows the types its links use, each once; the search text filters each page.`,
    ],
    spec: {
      ...linksPages(type, id, picker.pageSize),
      response: {
        limit: rpcLimit(picker.pageSize),
        iterate: {
          container: "{{distinct(body.content, 'relationshipTypeDetail.id')}}",
          condition: iml(`item.relationshipTypeDetail.id && ${pageFilter(SEARCH, LINK_TYPE_OPTION)}`),
        },
        output: optionOutput(LINK_TYPE_OPTION),
      },
    },
  };
};

/** The entities at the other ends of an entity's links: the end that is not the entity, source first. */
const LINKED_ENTITIES = (type: string, id: string): CommunicationFile => {
  const picker = pickers['onetrust.linkedEntities']!;
  const end = `if(item.source.id && item.source.id != ${id}, 'source.', 'target.')`;
  const option = entityOption((path) => `get(item, ${end} + ${quoted(path)})`, quoted('entity'));
  return {
    comment: [
      `Linked entities (core's ${picker.id}): the entity's links (POST .../links/pages, ${picker.pageSize} a page, every Spring page, up to`,
      `${rpcLimit(picker.pageSize)} options), each link's other end (the one that is not the entity, source first); the search text filters each page.`,
      'Unlike core, an entity linked more than once on a page is listed once per link (IML cannot keep the first of each computed value).',
    ],
    spec: {
      ...linksPages(type, id, picker.pageSize),
      response: {
        limit: rpcLimit(picker.pageSize),
        iterate: {
          container: '{{body.content}}',
          condition: iml(`${option.value} && ${option.value} != ${id} && ${pageFilter(SEARCH, option)}`),
        },
        output: optionOutput(option),
      },
    },
  };
};

/** Search Links: the entity's links pages, every page. */
const SEARCH_LINKS: RequestSpec = {
  url: `/api/ai-governance/v1/linked-entity-types/entity-types/names/${iml(`encodeURL(${trimmed('parameters.entityType')})`)}/entities/${iml(`encodeURL(${trimmed('parameters.entityId')})`)}/links/pages`,
  encodeUrl: false,
  method: 'POST',
  qs: { page: '0', size: String(PAGE_SIZE), sort: 'id,asc' },
  body: { fullText: '', filters: [] },
  response: {
    limit: `{{ifempty(parameters.limit, ${SEARCH_LIMIT})}}`,
    iterate: { container: '{{body.content}}', condition: `{{item.id && ${LISTED_TYPE_ID}}}` },
    output: {
      provider: 'onetrust',
      id: '{{item.id}}',
      linkType: `{{ifempty(item.relationshipTypeDetail.name, ifempty(item.linkType.name, ${LISTED_TYPE_ID}))}}`,
      linkTypeLabel:
        `{{ifempty(item.relationshipTypeDetail.entityType1ToEntityType2EntityLinkName, ifempty(item.linkTypeLabel.entityType1ToEntityType2EntityLinkName, ifempty(item.relationshipTypeDetail.name, ifempty(item.linkType.name, ${LISTED_TYPE_ID}))))}}`,
      source: listedEnd('source', 'entity1'),
      target: listedEnd('target', 'entity2'),
      createdAt: '{{ifempty(item.createdDate, ifempty(item.auditFields.createdDate, null))}}',
      raw: '{{item}}',
      ref: { linkId: '{{item.id}}', linkTypeId: `{{${LISTED_TYPE_ID}}}` },
    },
  },
  pagination: {
    qs: { page: "{{'' + (body.number + 1)}}" },
    condition: `{{length(body.content) > 0 && body.last != true && if(body.totalPages >= 0, body.number + 1 < body.totalPages, body.last == false || length(body.content) >= ${PAGE_SIZE})}}`,
  },
};

/** Core's `matchesFind` for a OneTrust link: the end that is not the entity (by lower-case ID) is Other Entity ID; of the link type where given. */
const END_ID = (end: 'source' | 'target', alias: 'entity1' | 'entity2') => `lower(ifempty(item.${end}.id, item.${alias}.id))`;
const ONETRUST_FIND = [
  `trim(parameters.otherEntityId) != ''`,
  `if(${END_ID('source', 'entity1')} == lower(trim(parameters.entityId)), ${END_ID('target', 'entity2')}, ${END_ID('source', 'entity1')}) == lower(trim(parameters.otherEntityId))`,
  `(trim(parameters.linkTypeId) == '' || lower(${LISTED_TYPE_ID}) == lower(trim(parameters.linkTypeId)))`,
].join(' && ');

/** If Already Linked: the look-up pages of entity 1's links. */
const LOOKUP_PAGES = 3;
const ENTITY2 = 'lower(trim(parameters.entity2Id))';
const WANTED_TYPE = 'lower(trim(parameters.linkTypeId))';
/** The link type ids, and the ids, of the listed links to entity 2 (the same filter, and every listed link has both, so they line up). */
const TYPES_TO_ENTITY2 = `map(body.content, 'relationshipTypeDetail.id', 'target.id', ${ENTITY2})`;
const IDS_TO_ENTITY2 = `map(body.content, 'id', 'target.id', ${ENTITY2})`;

export const onetrustCommunication: AppCommunication = {
  ifExists: true,
  base: {
    comment: [
      'OneTrust: every module inherits this. Base URL and access token: what the connection saved (`apiBaseUrl`, `accessToken`).',
      'Errors: the API\'s own message (its body may be a JSON object, a JSON string or empty), the token never shown.',
    ],
    spec: {
      baseUrl: '{{connection.apiBaseUrl}}',
      headers: { Accept: 'application/json', Authorization: 'Bearer {{connection.accessToken}}' },
      response: { error: errorDirective(ERRORS, 'module', 'connection.accessToken') },
      log: { sanitize: ['request.headers.authorization'] },
    },
  },
  connection: {
    comment: [
      'OAuth2 client credentials, as Make documents them without `authorize`: the `token` step runs every time the',
      'connection is made or re-authorized (no condition, so an edited host name or secret is used), and the `refresh`',
      'step renews the token once the saved `expires` is less than 15 minutes away. The exchange is the credential check.',
    ],
    spec: {
      token: EXCHANGE,
      refresh: { condition: '{{data.expires < addMinutes(now, 15)}}', ...EXCHANGE },
    },
  },
  module: {
    comment: [
      'POST /api/ai-governance/v1/links?linkTypeId=... (Base: URL, Bearer token, errors); OneTrust answers 200.',
      'Empty optional parameters (entity type IDs, attributes) are left out of the body.',
      `If Already Linked skip or fail first: entity 1's links pages (${LOOKUP_PAGES} pages of ${PAGE_SIZE} at most); the link is there when one of the link type`,
      'goes to entity 2 (IDs in lower case, as OneTrust writes them). Skip then reads it (GET .../links/{id}) instead of creating it, with',
      'created = false; fail stops with DuplicateDataError. Nothing is created without a look.',
      OUTPUT_COMMENT,
    ],
    spec: [
      ...lookupRequests({
        name: 'OneTrust',
        errors: errorDirective(ERRORS, 'module', 'connection.accessToken'),
        pages: LOOKUP_PAGES,
        pageSize: PAGE_SIZE,
        page: (k) => ({
          url: `/api/ai-governance/v1/linked-entity-types/entity-types/names/${iml(`encodeURL(${trimmed('parameters.entity1Type')})`)}/entities/${iml(`encodeURL(${trimmed('parameters.entity1Id')})`)}/links/pages`,
          encodeUrl: false,
          method: 'POST',
          qs: { page: String(k), size: String(PAGE_SIZE), sort: 'id,asc' },
          body: { fullText: '', filters: [] },
        }),
        found: `contains(${TYPES_TO_ENTITY2}, ${WANTED_TYPE})`,
        existing: `get(${IDS_TO_ENTITY2}, '' + ${positionOf(TYPES_TO_ENTITY2, WANTED_TYPE)})`,
        more: (k) =>
          `length(body.content) > 0 && body.last != true && if(body.totalPages >= 0, ifempty(body.number, ${k}) + 1 < body.totalPages, body.last == false || length(body.content) >= ${PAGE_SIZE})`,
        next: (k) => `ifempty(body.number, ${k}) + 1`,
      }),
      {
        temp: {
          create: {
            entity1: entityRef(1),
            entity2: entityRef(2),
            attributes: '{{if(parameters.attributes && length(keys(parameters.attributes)) > 0, parameters.attributes, undefined)}}',
          },
        },
        url: "{{if(temp.found, '/api/ai-governance/v1/links/' + encodeURL(temp.existingId), '/api/ai-governance/v1/links')}}",
        encodeUrl: false,
        method: "{{if(temp.found, 'GET', 'POST')}}",
        qs: { linkTypeId: iml(trimmed('parameters.linkTypeId')) },
        body: '{{if(temp.found, undefined, temp.create)}}',
        response: {
          temp: {
            link: { ...linkResult(trimmed('parameters.linkTypeId'), true), created: '{{!temp.found}}' },
          },
          output: { '{{...}}': '{{temp.link}}', links: ['{{temp.link}}'] },
        },
      },
    ],
  },
  modules: {
    searchLinks: {
      comment: [
        `POST .../entities/{type}/{id}/links/pages?page=&size=${PAGE_SIZE}&sort=id,asc (Base: URL, Bearer token, errors), the largest page core asks for,`,
        'every page by Spring\'s page fields (`pagination`: the next `page` while the answer says there is one), up to Limit links;',
        'each core\'s StoredLink of a links page (entries without an id or a link type are skipped).',
      ],
      spec: SEARCH_LINKS,
    },
    findLinks: findModule(
      [
        'Core\'s find: the links pages of Entity ID, every page, keeping the links whose other end is Other Entity ID, of the Link Type',
        'ID where given (IDs compared in lower case, as core does).',
      ],
      SEARCH_LINKS,
      ONETRUST_FIND,
    ),
    getLink: {
      comment: [
        'GET /api/ai-governance/v1/links/{linkId}?linkTypeId=... (Base: URL, Bearer token, errors): core\'s StoredLink, the',
        'LinkResult of the answer and its ref. A link that does not exist is the API\'s 404, the not-found error.',
      ],
      spec: {
        url: `/api/ai-governance/v1/links/${iml(`encodeURL(${trimmed('parameters.linkId')})`)}`,
        encodeUrl: false,
        method: 'GET',
        qs: { linkTypeId: iml(trimmed('parameters.linkTypeId')) },
        response: {
          output: {
            ...linkResult(`ifempty(body.linkType.id, ${trimmed('parameters.linkTypeId')})`, false),
            ref: { linkId: '{{body.id}}', linkTypeId: `{{ifempty(body.linkType.id, ${trimmed('parameters.linkTypeId')})}}` },
          },
        },
      },
    },
    makeApiCall: apiCallModule(),
    deleteLink: deleteModule(
      'DELETE /api/ai-governance/v1/links/{linkId}?linkTypeId=... (Base: URL, Bearer token, errors).',
      {
        url: `/api/ai-governance/v1/links/${iml(`encodeURL(${trimmed('parameters.linkId')})`)}`,
        encodeUrl: false,
        method: 'DELETE',
        qs: { linkTypeId: iml(trimmed('parameters.linkTypeId')) },
      },
      providers.onetrust.operations.delete.fields,
    ),
  },
  rpcs: {
    'onetrust.entities': { file: (at) => ENTITIES(trimmed(at('entityType'))) },
    'onetrust.entityTypes': { file: () => entityTypes('onetrust.entityTypes') },
    'onetrust.entityTypeIds': { file: () => entityTypes('onetrust.entityTypeIds') },
    'onetrust.linkTypes': { file: (at) => LINK_TYPES(trimmed(at('entityType')), trimmed(at('entityId'))) },
    'onetrust.linkedEntities': { file: (at) => LINKED_ENTITIES(trimmed(at('entityType')), trimmed(at('entityId'))) },
  },
};
