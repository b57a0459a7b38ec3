// DevRev: a personal or application access token as Bearer, then POST /links.create; the Custom Link Type
// dropdown lists GET /link-types.custom.list.
import { DEVREV_LINK_TYPES, providers } from '@links/core';
import type { RequestSpec } from '../iml/request.js';
import { apiCallModule, type AppCommunication, lookupRequests, positionOf, type CommunicationFile, baseUrl, findModule, idFromUrl, pageFilter, rpcLimit, SEARCH, deleteModule, SEARCH_LIMIT, iml, labelSwitch, optional, OUTPUT_COMMENT, personLabel, trimmed } from './common.js';
import { type ApiErrorText, errorDirective } from './errors.js';

/** ` (field: ...; allowed values: ...; existing parent: ...; reference id: ...)` when the body has any of them. */
const DETAILS =
  "replace(replace(' (' + if(body.field_name, '; field: ' + body.field_name, '') + if(body.allowed_values, '; allowed values: ' + join(body.allowed_values, ', '), '') + if(body.existing_parent, '; existing parent: ' + body.existing_parent, '') + if(body.reference_id, '; reference id: ' + body.reference_id, '') + ')', '/^ [(]; /', ' ('), '/^ [(][)]$/', '')";

/** DevRev's error body `{type, message, detail, field_name, allowed_values, ...}` (core's readError). */
const ERRORS: ApiErrorText = {
  provider: 'devrev',
  message: `ifempty(body.message, ifempty(body.detail, ifempty(body.type, ifempty(body, 'HTTP ' + statusCode)))) + ${DETAILS}`,
  retryAfter: 'ifempty(headers.`retry-after`, body.retry_after)',
};

const REAL_SERVICE = "'https://api.devrev.ai'";

/** Core's label of each documented link type (`is_parent_of` reads "is parent of"), for the output. */
const LINK_TYPE_LABELS = DEVREV_LINK_TYPES.map(({ value }) => {
  const response = { status: 201, headers: {}, body: { link: { link_type: value } } };
  const [link] = providers.devrev.parseCreateResponse(response, { source: 'ISS-1', target: 'ISS-2', linkType: value });
  return [value, link!.linkTypeLabel] as const;
});

/** One end of the link in core's LinkResult, from DevRev's object summary, else `fallback` (the input's id, or empty text). */
function linkEnd(link: string, end: 'source' | 'target', fallback: string): Record<string, unknown> {
  const at = `${link}.${end}`;
  return {
    id: `{{ifempty(${at}.id, ${fallback})}}`,
    type: `{{ifempty(${at}.type, null)}}`,
    // Core's rule: the name is under `title` (work items), `name` (parts) or `display_name` (users), by type.
    name: `{{ifempty(${at}.title, ifempty(${at}.name, ifempty(${at}.display_name, null)))}}`,
    displayId: `{{ifempty(${at}.display_id, null)}}`,
  };
}

/**
 * Core's LinkResult of a link object (`linkResultOf`) at `link` (`body.link`, or `item` in a list): a create
 * falls back to its input's ids, a get or list to empty text.
 */
function linkResult(link: string, fallback: (end: 'source' | 'target') => string, raw: string): Record<string, unknown> {
  return {
    provider: 'devrev',
    id: `{{ifempty(${link}.id, null)}}`,
    linkType: `{{${link}.link_type}}`,
    linkTypeLabel: iml(`ifempty(${link}.custom_link_type.forward_name, ifempty(${link}.custom_link_type.name, ${labelSwitch(`${link}.link_type`, LINK_TYPE_LABELS)}))`),
    source: linkEnd(link, 'source', fallback('source')),
    target: linkEnd(link, 'target', fallback('target')),
    createdAt: `{{ifempty(${link}.created_date, null)}}`,
    raw: iml(raw),
  };
}

const works = providers.devrev.pickers['devrev.works']!;
const linkTypes = providers.devrev.pickers['devrev.customLinkTypes']!;

/** The search as core reads it: trimmed, a pasted app.devrev.ai address as its display ID. */
const WORK_SEARCH = idFromUrl(SEARCH, works.url);
const IS_DISPLAY_ID = `${WORK_SEARCH} != '' && replace(${WORK_SEARCH}, '/^[A-Za-z]+-[0-9]+$/', '') == ''`;
const IS_DON = `contains(${WORK_SEARCH}, 'don:') && first(split(${WORK_SEARCH}, 'don:')) == ''`;
const WORK_OPTION = {
  label: 'ifempty(item.title, ifempty(item.display_id, item.id))',
  value: 'item.id',
  description: "if(item.display_id && item.type, item.display_id + ' · ' + item.type, ifempty(item.display_id, ifempty(item.type, item.id)))",
};

/** Work items: works.get for a display ID or DON, else works.list of the types (every page), filtered by the search. */
const WORKS: CommunicationFile = {
  comment: [
    `Work items (core's ${works.id}): a display ID (ISS-12), a DON or a pasted app.devrev.ai address is looked up with POST /works.get;`,
    `otherwise POST /works.list of the Work Types (issues and tickets when none), ${works.pageSize} a page, by cursor, up to ${rpcLimit(works.pageSize)} options.`,
    'works.list has no text filter: each page is filtered by the search text (label, description or ID), as core does.',
  ],
  spec: {
    temp: {
      useGet: iml(`(${IS_DISPLAY_ID}) || (${IS_DON})`),
      get: { id: iml(`if(${IS_DISPLAY_ID}, upper(${WORK_SEARCH}), ${WORK_SEARCH})`) },
      list: {
        type: "{{if(length(parameters.types) > 0, parameters.types, split('issue,ticket', ','))}}",
        limit: works.pageSize,
      },
    },
    url: "{{if(temp.useGet, '/works.get', '/works.list')}}",
    method: 'POST',
    body: '{{if(temp.useGet, temp.get, temp.list)}}',
    response: {
      limit: rpcLimit(works.pageSize),
      iterate: {
        container: '{{if(body.work, add(emptyarray, body.work), body.works)}}',
        condition: iml(`item.id && ${pageFilter(WORK_SEARCH, WORK_OPTION)}`),
      },
      output: { label: iml(WORK_OPTION.label), value: iml(WORK_OPTION.value), description: iml(WORK_OPTION.description) },
    },
    pagination: { body: { '{{...}}': '{{temp.list}}', cursor: '{{body.next_cursor}}' }, condition: '{{body.next_cursor}}' },
  },
};

const LINK_TYPE_OPTION = {
  label: 'ifempty(item.name, ifempty(item.forward_name, ifempty(item.display_id, item.id)))',
  value: 'item.id',
  description: "if(item.forward_name && item.backward_name, item.forward_name + ' / ' + item.backward_name, ifempty(item.forward_name, ifempty(item.backward_name, item.id)))",
};

const CUSTOM_LINK_TYPES: CommunicationFile = {
  comment: [
    `Custom link types (core's ${linkTypes.id}): GET /link-types.custom.list, every page by cursor, up to ${rpcLimit(linkTypes.pageSize)} options;`,
    'the API filters by exact names only, so each page is filtered by the search text, as core does.',
  ],
  spec: {
    url: '/link-types.custom.list',
    method: 'GET',
    response: {
      limit: rpcLimit(linkTypes.pageSize),
      iterate: { container: '{{ifempty(body.custom_link_types, body.result)}}', condition: iml(pageFilter(SEARCH, LINK_TYPE_OPTION)) },
      output: { label: iml(LINK_TYPE_OPTION.label), value: iml(LINK_TYPE_OPTION.value), description: iml(LINK_TYPE_OPTION.description) },
    },
    pagination: { qs: { cursor: '{{body.next_cursor}}' }, condition: "{{ifempty(body.next_cursor, '') != ''}}" },
  },
};

/** Search Links: POST /links.list, every page. */
const SEARCH_LINKS: RequestSpec = {
  url: '/links.list',
  method: 'POST',
  body: {
    object: iml(trimmed('parameters.object')),
    limit: providers.devrev.operations.list.pageSize,
    direction: iml(optional('parameters.direction')),
    link_type: '{{if(length(parameters.linkTypes) > 0, parameters.linkTypes, undefined)}}',
  },
  response: {
    limit: `{{ifempty(parameters.limit, ${SEARCH_LIMIT})}}`,
    iterate: '{{body.links}}',
    output: { ...linkResult('item', () => "''", 'item'), ref: { id: '{{item.id}}' } },
  },
  pagination: { body: { cursor: '{{body.next_cursor}}' }, condition: '{{body.next_cursor}}' },
};

/** Core's `matchesFind` for a DevRev link: the other end (the target when the object is the source) is Other Object ID. */
const OBJECT = trimmed('parameters.object');
const OTHER = trimmed('parameters.otherObject');
const DEVREV_FIND = [
  `${OTHER} != '' && if(item.source.id == ${OBJECT} || item.source.display_id == ${OBJECT}, item.target.id == ${OTHER} || item.target.display_id == ${OTHER}, item.source.id == ${OTHER} || item.source.display_id == ${OTHER})`,
  `(trim(parameters.linkType) == '' || item.link_type == trim(parameters.linkType))`,
  `(trim(parameters.linkType) != 'custom_link' || trim(parameters.customLinkType) == '' || item.custom_link_type.id == trim(parameters.customLinkType))`,
].join(' && ');

/** If Already Linked: the look-up pages (links.list's largest page each). */
const LIST_SIZE: number = providers.devrev.operations.list.pageSize!;
const LOOKUP_PAGES = 3;
const CUSTOM = "trim(parameters.linkType) == 'custom_link'";
const TARGET = trimmed('parameters.target');
/** The ids, and the custom link type ids, of the listed links to the target (by its ID, then by its display ID; same filters, so they line up). */
const IDS_TO_TARGET = `merge(map(body.links, 'id', 'target.id', ${TARGET}), map(body.links, 'id', 'target.display_id', ${TARGET}))`;
const TYPES_TO_TARGET = `merge(map(body.links, 'custom_link_type.id', 'target.id', ${TARGET}), map(body.links, 'custom_link_type.id', 'target.display_id', ${TARGET}))`;

export const devrevCommunication: AppCommunication = {
  ifExists: true,
  base: {
    comment: [
      'DevRev: every module and RPC inherits this. Base URL: the real service, or the connection\'s Base URL override.',
      'Errors: the API\'s own message from its error body ({type, message, detail, field_name, allowed_values, ...}), the token never shown.',
    ],
    spec: {
      baseUrl: iml(baseUrl('connection', REAL_SERVICE)),
      headers: { Accept: 'application/json', Authorization: `Bearer ${iml(trimmed('connection.token'))}` },
      response: { error: errorDirective(ERRORS, 'module', trimmed('connection.token')) },
      log: { sanitize: ['request.headers.authorization'] },
    },
  },
  connection: {
    comment: ['Checks the token when the connection is made (a connection does not inherit the Base).'],
    spec: {
      url: `${iml(baseUrl('parameters', REAL_SERVICE))}/dev-users.self`,
      method: 'GET',
      headers: { Accept: 'application/json', Authorization: `Bearer ${iml(trimmed('parameters.token'))}` },
      response: {
        metadata: { type: 'text', value: personLabel('body.dev_user.full_name', 'ifempty(body.dev_user.display_name, body.dev_user.email)', 'DevRev user') },
        error: errorDirective(ERRORS, 'connection', trimmed('parameters.token')),
      },
      log: { sanitize: ['request.headers.authorization'] },
    },
  },
  module: {
    comment: [
      'POST /links.create (Base: URL, Authorization, errors); DevRev answers 201 with the link.',
      `If Already Linked skip or fail first: POST /links.list of the source's outgoing links of the link type (${LOOKUP_PAGES} pages of ${LIST_SIZE} at most, by cursor);`,
      'the link is there when one goes to the target (its ID or display ID) with the custom link type where there is one. Skip then reads it',
      '(POST /links.get) instead of creating it, with created = false; fail stops with DuplicateDataError. Nothing is created without a look.',
      OUTPUT_COMMENT,
    ],
    spec: [
      ...lookupRequests({
        name: 'DevRev',
        errors: errorDirective(ERRORS, 'module', trimmed('connection.token')),
        pages: LOOKUP_PAGES,
        pageSize: LIST_SIZE,
        page: (k) => ({
          url: '/links.list',
          method: 'POST',
          body: {
            object: iml(trimmed('parameters.source')),
            direction: 'is_source',
            link_type: iml(`add(emptyarray, ${trimmed('parameters.linkType')})`),
            limit: LIST_SIZE,
            ...(k === 0 ? {} : { cursor: '{{temp.next}}' }),
          },
        }),
        found: `if(${CUSTOM}, contains(${TYPES_TO_TARGET}, ${trimmed('parameters.customLinkType')}), length(${IDS_TO_TARGET}) > 0)`,
        existing: `if(${CUSTOM}, get(${IDS_TO_TARGET}, '' + ${positionOf(TYPES_TO_TARGET, trimmed('parameters.customLinkType'))}), first(${IDS_TO_TARGET}))`,
        more: () => "ifempty(body.next_cursor, '') != ''",
        next: () => 'body.next_cursor',
      }),
      {
        temp: {
          create: {
            source: iml(trimmed('parameters.source')),
            target: iml(trimmed('parameters.target')),
            link_type: iml(trimmed('parameters.linkType')),
            // Only with link_type custom_link; Make shows the field only then (nested under that option), but keeps
            // a value typed before the option changed.
            custom_link_type: iml(`if(trim(parameters.linkType) == 'custom_link', ${optional('parameters.customLinkType')}, undefined)`),
          },
          get: { id: '{{temp.existingId}}' },
        },
        url: "{{if(temp.found, '/links.get', '/links.create')}}",
        method: 'POST',
        body: '{{if(temp.found, temp.get, temp.create)}}',
        response: {
          temp: {
            link: { ...linkResult('body.link', (end) => trimmed(`parameters.${end}`), 'if(temp.found, body.link, body)'), created: '{{!temp.found}}' },
          },
          output: { '{{...}}': '{{temp.link}}', links: ['{{temp.link}}'] },
        },
      },
    ],
  },
  modules: {
    searchLinks: {
      comment: [
        `POST /links.list (Base: URL, Authorization, errors), ${providers.devrev.operations.list.pageSize} links a page (links.list's largest documented), every page by its`,
        'cursor (`pagination`), up to Limit links: core\'s StoredLink of each (raw: the link object).',
      ],
      spec: SEARCH_LINKS,
    },
    findLinks: findModule(
      [
        'Core\'s find: POST /links.list of Object ID (of the one Link Type, where given), every page, keeping the links whose other end is',
        'Other Object ID (its ID or display ID), of the Link Type and Custom Link Type where given, either direction.',
      ],
      SEARCH_LINKS,
      DEVREV_FIND,
      { body: { link_type: "{{if(trim(parameters.linkType) != '', add(emptyarray, trim(parameters.linkType)), undefined)}}", direction: undefined } },
    ),
    getLink: {
      comment: [
        'POST /links.get {id} (Base: URL, Authorization, errors): core\'s StoredLink, the link\'s LinkResult (raw: the link object) and its ref.',
        'A link that does not exist is the API\'s 404, the not-found error.',
      ],
      spec: {
        url: '/links.get',
        method: 'POST',
        body: { id: iml(trimmed('parameters.id')) },
        response: { output: { ...linkResult('body.link', () => "''", 'body.link'), ref: { id: '{{body.link.id}}' } } },
      },
    },
    makeApiCall: apiCallModule(),
    deleteLink: deleteModule('POST /links.delete {id} (Base: URL, Authorization, errors).', { url: '/links.delete', method: 'POST', body: { id: iml(trimmed('parameters.id')) } }, providers.devrev.operations.delete.fields),
  },
  rpcs: {
    'devrev.works': { file: () => WORKS },
    'devrev.customLinkTypes': { file: () => CUSTOM_LINK_TYPES },
  },
};
