// OneTrust AI Governance: OAuth2 client credentials (a token step and a refresh step), then
// POST /api/ai-governance/v1/links?linkTypeId=... with the token as Bearer.
import { providers } from '@links/core';
import type { RequestSpec } from '../iml/request.js';
import { type AppCommunication, deleteModule, SEARCH_LIMIT, baseUrl, iml, optional, OUTPUT_COMMENT, trimmed } from './common.js';
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

export const onetrustCommunication: AppCommunication = {
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
      OUTPUT_COMMENT,
    ],
    spec: {
      url: '/api/ai-governance/v1/links',
      method: 'POST',
      qs: { linkTypeId: iml(trimmed('parameters.linkTypeId')) },
      body: {
        entity1: entityRef(1),
        entity2: entityRef(2),
        attributes: '{{if(parameters.attributes && length(keys(parameters.attributes)) > 0, parameters.attributes, undefined)}}',
      },
      response: {
        temp: {
          link: linkResult(trimmed('parameters.linkTypeId'), true),
        },
        output: { '{{...}}': '{{temp.link}}', links: ['{{temp.link}}'] },
      },
    },
  },
  modules: {
    searchLinks: {
      comment: [
        `POST .../entities/{type}/{id}/links/pages?page=&size=${PAGE_SIZE}&sort=id,asc (Base: URL, Bearer token, errors), the largest page core asks for,`,
        'every page by Spring\'s page fields (`pagination`: the next `page` while the answer says there is one), up to Limit links;',
        'each core\'s StoredLink of a links page (entries without an id or a link type are skipped).',
      ],
      spec: {
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
      },
    },
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
  rpcs: {},
};
