// Yandex Tracker: "OAuth <token>" or "Bearer <IAM token>" and exactly one organization header, then
// POST /v2/entities/{type}/{id}/links with one link (an object) or several (an array).
import { providers, TRACKER_ENTITY_TYPES, TRACKER_RELATIONSHIPS } from '@links/core';
import type { RequestSpec } from '../iml/request.js';
import { apiCallModule, type AppCommunication, IF_EXISTS, type CommunicationFile, findModule, type RpcIml, baseUrl, idFromUrl, rpcLimit, SEARCH, deleteModule, SEARCH_LIMIT, iml, labelSwitch, OUTPUT_COMMENT, personLabel, trimmed } from './common.js';
import { type ApiErrorText, errorDirective } from './errors.js';

const tracker = providers['yandex-tracker'];

/** Tracker's error body `{errors, errorMessages, statusCode}` (core's readError, without the field errors). */
const ERRORS: ApiErrorText = {
  provider: 'yandex-tracker',
  message: "ifempty(join(body.errorMessages, '; '), ifempty(body, 'HTTP ' + statusCode))",
  retryAfter: 'headers.`retry-after`',
};

const REAL_SERVICE = "'https://api.tracker.yandex.net'";

/**
 * The auth headers core sends (`auth.headers`): `Authorization`, and ONE organization header, named after
 * the organization kind. Make documents leaving out a body member that renders to `undefined`, not a
 * header, so the organization header is added with the spread key: a collection of exactly one member,
 * made by `parseJSON` from its name and its value (`createJSON` quotes the value as JSON).
 */
function authHeaders(of: 'parameters' | 'connection'): Record<string, string> {
  return {
    Accept: 'application/json',
    Authorization: `{{if(trim(${of}.tokenKind) == 'iam', 'Bearer', 'OAuth')}} ${iml(trimmed(`${of}.token`))}`,
    '{{...}}': iml(orgHeader(of)),
  };
}

const orgHeaderName = (of: 'parameters' | 'connection') => `if(trim(${of}.orgKind) == 'cloud', 'X-Cloud-Org-ID', 'X-Org-ID')`;

/** The organization header as a collection of one member (IML, no braces). */
function orgHeader(of: 'parameters' | 'connection'): string {
  return `parseJSON('{"' + ${orgHeaderName(of)} + '":' + createJSON(trim(${of}.orgId)) + '}')`;
}

/** The same header as one key/value pair in an array, for Make an API Call's header list. */
function orgHeaderPair(of: 'parameters' | 'connection'): string {
  return `parseJSON('[{"key":"' + ${orgHeaderName(of)} + '","value":' + createJSON(trim(${of}.orgId)) + '}]')`;
}

/**
 * How many Links entries the module writes out. A Make action cannot loop over a list (no `iterate`), so
 * each entry is trimmed and turned into its result one by one, up to core's most links per request; the
 * Links parameter allows no more (`validate.maxItems`).
 */
export const TRACKER_MAX_LINKS: number = tracker.batching!.maxSize;

/** The fields core asks for of each linked entity (its list request's `fields`; core does not export the list). */
const LINKED_FIELDS = new URL(tracker.operations.list.buildRequest({ entityType: 'project', entityId: 'a' }, 'https://example.com', { cursor: null, size: 0 }).url).searchParams.get('fields')!;

/** Core's label of each listed relationship ("is dependent by" reads "blocks"), for the output. */
const RELATIONSHIP_LABELS = TRACKER_RELATIONSHIPS.map(({ value }) => {
  const [link] = tracker.parseCreateResponse({ status: 200, headers: {}, body: undefined }, { entityType: 'project', entityId: 'a', links: [{ relationship: value, entity: 'b' }] });
  return [value, link!.linkTypeLabel] as const;
});

const entries = <T>(make: (index: number) => T): T[] => Array.from({ length: TRACKER_MAX_LINKS }, (_, i) => make(i + 1));
const count = 'length(parameters.links)';

const LINKS_PATH = `/v2/entities/${iml(`encodeURL(${trimmed('parameters.entityType')})`)}/${iml(`encodeURL(${trimmed('parameters.entityId')})`)}/links`;
const wantedEntry = (i: number) => ({
  relationship: iml(trimmed(`parameters.links[${i}].relationship`)),
  entity: iml(trimmed(`parameters.links[${i}].entity`)),
});

/** What the listed link's other end goes by, of one relationship: its ids and short ids, as text. */
const listedTo = (relationship: string) =>
  `split(join(merge(map(body, 'linkFieldValues.id', 'type', ${relationship}), map(body, 'linkFieldValues.shortId', 'type', ${relationship})), ','), ',')`;
const anyFound = `contains(map(slice(temp.checked, 0, ${count}), 'found'), true)`;

/**
 * If Already Linked skip or fail: the entity's links, all in one answer (no paging), and for each Links entry
 * whether it is there already (a listed link of its relationship to its entity, by ID or short ID) or asked
 * for by an earlier entry of the same input (core sends it once). Fail stops when any is.
 */
const LOOKUP: RequestSpec = {
  condition: iml(`${IF_EXISTS} != 'create'`),
  temp: { wanted: entries((i) => ({ ...wantedEntry(i), key: iml(`${trimmed(`parameters.links[${i}].relationship`)} + ' | ' + ${trimmed(`parameters.links[${i}].entity`)}`) })) },
  url: LINKS_PATH,
  encodeUrl: false,
  method: 'GET',
  qs: { fields: LINKED_FIELDS },
  response: {
    temp: {
      checked: entries((i) => ({
        entity: `{{temp.wanted[${i}].entity}}`,
        found: iml(
          `${i} <= ${count} && (contains(${listedTo(`temp.wanted[${i}].relationship`)}, temp.wanted[${i}].entity) || contains(map(slice(temp.wanted, 0, ${i - 1}), 'key'), temp.wanted[${i}].key))`,
        ),
      })),
    },
    valid: iml(`statusCode < 400 && !(${IF_EXISTS} == 'fail' && ${anyFound})`),
    error: {
      ...errorDirective(ERRORS, 'module', trimmed('connection.token')),
      '200': {
        type: 'DuplicateDataError',
        message: iml(
          `'Yandex Tracker already has this link, or this input asks for it twice (to ' + first(map(temp.checked, 'entity', 'found', true)) + '); nothing was sent (If Already Linked is "fail")'`,
        ),
      },
    },
  },
};

/** The entries to send: all of Links, or with skip those not found (`temp.checked` is there only after a look-up). */
const TO_SEND = "map(temp.outbox, 'link', 'send', true)";

const MODULE: RequestSpec = {
  url: LINKS_PATH,
  encodeUrl: false,
  // With skip and every entry there already nothing is created: the links are read again instead.
  method: `{{if(${count} > 0 && length(${TO_SEND}) == 0, 'GET', 'POST')}}`,
  temp: {
    // Each entry as core sends it: relationship and entity trimmed (entries past the last are cut off below).
    links: entries(wantedEntry),
    outbox: entries((i) => ({ send: iml(`${i} <= ${count} && !temp.checked[${i}].found`), link: wantedEntry(i) })),
    source: { id: iml(trimmed('parameters.entityId')), type: iml(trimmed('parameters.entityType')), name: null, displayId: null },
  },
  // The documented single-link form is one object; several links go as an array (an empty list as one); no Links, no body.
  body: `{{if(parameters.links, if(length(${TO_SEND}) == 1, first(${TO_SEND}), if(${count} > 0 && length(${TO_SEND}) == 0, undefined, ${TO_SEND})), undefined)}}`,
  response: {
    temp: {
      // Tracker answers 200 without a body: each result says what was linked, from the request (core's parseCreateResponse).
      results: entries((i) => ({
        provider: 'yandex-tracker',
        id: null,
        linkType: `{{temp.links[${i}].relationship}}`,
        linkTypeLabel: iml(labelSwitch(`temp.links[${i}].relationship`, RELATIONSHIP_LABELS)),
        source: '{{temp.source}}',
        target: { id: `{{temp.links[${i}].entity}}`, type: null, name: null, displayId: null },
        createdAt: null,
        raw: '{{ifempty(body, null)}}',
        created: `{{!temp.checked[${i}].found}}`,
      })),
    },
    output: { '{{...}}': '{{first(temp.results)}}', links: `{{slice(temp.results, 0, ${count})}}` },
  },
};

/**
 * An entity search (core's Tracker pickers): POST /v2/entities/{type}/_search?perPage=50&page=&fields=summary with
 * `{input}` when there is a search text, every page while the answer has more (`pages`), Make's page counter
 * giving the page number.
 */
function entitySearch(picker: NonNullable<(typeof tracker.pickers)[string]>, type: string, extra: string[] = []): CommunicationFile {
  const search = idFromUrl(SEARCH, picker.url);
  const shortId = "'' + ifempty(item.shortId, '')";
  const kind = `ifempty(item.entityType, ${type})`;
  return {
    comment: [
      `${picker.label} (core's ${picker.id}): POST /v2/entities/{type}/_search?perPage=${picker.pageSize}&page=&fields=summary, the search text as \`input\``,
      `(a pasted tracker.yandex address as its short ID), every page while the answer's \`pages\` has more, up to ${rpcLimit(picker.pageSize)} options.`,
      ...extra,
    ],
    spec: {
      temp: { search: { input: iml(search) }, none: {} },
      url: `/v2/entities/${iml(`encodeURL(${type})`)}/_search`,
      encodeUrl: false,
      method: 'POST',
      qs: { perPage: String(picker.pageSize), page: '1', fields: 'summary' },
      body: iml(`if(${search} != '', temp.search, temp.none)`),
      response: {
        limit: rpcLimit(picker.pageSize),
        iterate: { container: '{{body.values}}', condition: '{{item.id}}' },
        output: {
          label: iml(`ifempty(ifempty(item.fields.summary, item.summary), if(${shortId} != '', '#' + ${shortId}, item.id))`),
          value: '{{item.id}}',
          description: iml(`if(${shortId} != '', '#' + ${shortId} + if(${kind} != '', ' · ' + ${kind}, ''), ${kind})`),
        },
      },
      pagination: { qs: { page: "{{'' + pagination.page}}" }, condition: '{{length(body.values) > 0 && pagination.page <= body.pages}}' },
    },
  };
}

/**
 * A linked entity of any type (core's yandex-tracker.anyEntities pages through projects, then portfolios,
 * then goals, with typed cursors). Make's `pagination` cannot carry such a cursor (the next type is not in
 * the answer), so the dropdown lists projects and the search button's form picks the type.
 */
const ANY_ENTITIES: RpcIml = {
  file: () =>
    entitySearch(tracker.pickers['yandex-tracker.anyEntities']!, "ifempty(trim(parameters.searchEntityType), 'project')", [
      'The type: the search form\'s Entity Type, projects by default (Make cannot page from one type on to the next as core does).',
    ]),
  searchForm: [
    {
      name: 'searchEntityType',
      label: 'Entity Type',
      type: 'select',
      help: 'Which entities to search.',
      default: 'project',
      options: TRACKER_ENTITY_TYPES.map((t) => ({ label: t.label, value: t.value })),
    },
  ],
};

/** Search Links: the entity's links, in one answer. */
const SEARCH_LINKS: RequestSpec = {
  url: `/v2/entities/${iml(`encodeURL(${trimmed('parameters.entityType')})`)}/${iml(`encodeURL(${trimmed('parameters.entityId')})`)}/links`,
  encodeUrl: false,
  method: 'GET',
  qs: { fields: LINKED_FIELDS },
  response: {
    limit: `{{ifempty(parameters.limit, ${SEARCH_LIMIT})}}`,
    iterate: { container: '{{body}}', condition: '{{item.type}}' },
    output: {
      provider: 'yandex-tracker',
      id: null,
      linkType: '{{item.type}}',
      linkTypeLabel: iml(labelSwitch('item.type', RELATIONSHIP_LABELS)),
      source: { id: iml(trimmed('parameters.entityId')), type: iml(trimmed('parameters.entityType')), name: null, displayId: null },
      target: {
        id: "{{'' + ifempty(item.linkFieldValues.id, '')}}",
        type: '{{ifempty(item.linkFieldValues.entityType, null)}}',
        // Core keeps any text, an empty one included; anything else is null.
        name: "{{ifempty(item.linkFieldValues.summary, if(item.linkFieldValues.summary == '', '', null))}}",
        displayId: "{{ifempty('' + ifempty(item.linkFieldValues.shortId, ''), null)}}",
      },
      createdAt: null,
      raw: '{{item}}',
      ref: { entityType: iml(trimmed('parameters.entityType')), entityId: iml(trimmed('parameters.entityId')), linkedEntityId: "{{'' + ifempty(item.linkFieldValues.id, '')}}" },
    },
  },
};

const OTHER = trimmed('parameters.linkedEntityId');

export const trackerCommunication: AppCommunication = {
  ifExists: true,
  base: {
    comment: [
      'Yandex Tracker: every module inherits this. Base URL: the real service, or the connection\'s Base URL override.',
      'Auth: "OAuth" or "Bearer" and the token, and exactly one organization header (added with the spread key).',
      'Errors: the API\'s own messages from its error body ({errors, errorMessages, statusCode}), the token never shown.',
    ],
    spec: {
      baseUrl: iml(baseUrl('connection', REAL_SERVICE)),
      headers: authHeaders('connection'),
      response: { error: errorDirective(ERRORS, 'module', trimmed('connection.token')) },
      log: { sanitize: ['request.headers.authorization'] },
    },
  },
  connection: {
    comment: ['Checks the token and organization when the connection is made (a connection does not inherit the Base).'],
    spec: {
      url: `${iml(baseUrl('parameters', REAL_SERVICE))}/v2/myself`,
      method: 'GET',
      headers: authHeaders('parameters'),
      response: {
        metadata: { type: 'text', value: personLabel('body.display', 'body.login', 'Yandex Tracker user') },
        error: errorDirective(ERRORS, 'connection', trimmed('parameters.token')),
      },
      log: { sanitize: ['request.headers.authorization'] },
    },
  },
  module: {
    comment: [
      'POST /v2/entities/{type}/{id}/links (Base: URL, auth, errors) with one link (an object) or several (an array);',
      `Tracker answers 200 without a body. Links entries are written out one by one (at most ${TRACKER_MAX_LINKS}): an action cannot loop.`,
      'If Already Linked skip or fail first reads the entity\'s links (GET, one answer): an entry there already, or repeating an earlier',
      'entry, is not sent (skip: created = false; with none left the links are read again instead), and fail stops with DuplicateDataError.',
      OUTPUT_COMMENT,
    ],
    spec: [LOOKUP, MODULE],
  },
  modules: {
    searchLinks: {
      comment: [
        'GET /v2/entities/{type}/{id}/links?fields=id,shortId,summary,entityType (Base: URL, auth, errors): Tracker answers every link',
        'at once (no paging), so there is no `pagination`; up to Limit links, each core\'s StoredLink (entries without a type are skipped).',
      ],
      spec: SEARCH_LINKS,
    },
    findLinks: findModule(
      [
        'Core\'s find: the one answer of GET /v2/entities/{type}/{id}/links, keeping the links to Linked Entity ID (its ID or short ID),',
        'of the Relationship where given.',
      ],
      SEARCH_LINKS,
      `${OTHER} != '' && (${OTHER} == '' + ifempty(item.linkFieldValues.id, '') || ${OTHER} == '' + ifempty(item.linkFieldValues.shortId, '')) && (trim(parameters.relationship) == '' || item.type == trim(parameters.relationship))`,
    ),
    makeApiCall: apiCallModule(orgHeaderPair('connection')),
    deleteLink: deleteModule(
      'DELETE /v2/entities/{type}/{id}/links?right={other id} (Base: URL, auth, errors): removes the link between the two entities.',
      {
        url: `/v2/entities/${iml(`encodeURL(${trimmed('parameters.entityType')})`)}/${iml(`encodeURL(${trimmed('parameters.entityId')})`)}/links`,
        encodeUrl: false,
        method: 'DELETE',
        qs: { right: iml(trimmed('parameters.linkedEntityId')) },
      },
      providers['yandex-tracker'].operations.delete.fields,
    ),
  },
  rpcs: {
    'yandex-tracker.entities': { file: (at) => entitySearch(tracker.pickers['yandex-tracker.entities']!, trimmed(at('entityType'))) },
    'yandex-tracker.anyEntities': ANY_ENTITIES,
  },
};
