// DevRev: a personal or application access token as Bearer, then POST /links.create; the Custom Link Type
// dropdown lists GET /link-types.custom.list.
import { DEVREV_LINK_TYPES, providers } from '@links/core';
import { type AppCommunication, baseUrl, deleteModule, SEARCH_LIMIT, iml, labelSwitch, optional, OUTPUT_COMMENT, personLabel, trimmed } from './common.js';
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

export const devrevCommunication: AppCommunication = {
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
    comment: ['POST /links.create (Base: URL, Authorization, errors); DevRev answers 201 with the link.', OUTPUT_COMMENT],
    spec: {
      url: '/links.create',
      method: 'POST',
      body: {
        source: iml(trimmed('parameters.source')),
        target: iml(trimmed('parameters.target')),
        link_type: iml(trimmed('parameters.linkType')),
        // Only with link_type custom_link; Make shows the field only then (nested under that option), but keeps
        // a value typed before the option changed.
        custom_link_type: iml(`if(trim(parameters.linkType) == 'custom_link', ${optional('parameters.customLinkType')}, undefined)`),
      },
      response: {
        temp: {
          link: linkResult('body.link', (end) => trimmed(`parameters.${end}`), 'body'),
        },
        output: { '{{...}}': '{{temp.link}}', links: ['{{temp.link}}'] },
      },
    },
  },
  modules: {
    searchLinks: {
      comment: [
        `POST /links.list (Base: URL, Authorization, errors), ${providers.devrev.operations.list.pageSize} links a page (links.list's largest documented), every page by its`,
        'cursor (`pagination`), up to Limit links: core\'s StoredLink of each (raw: the link object).',
      ],
      spec: {
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
      },
    },
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
    deleteLink: deleteModule('POST /links.delete {id} (Base: URL, Authorization, errors).', { url: '/links.delete', method: 'POST', body: { id: iml(trimmed('parameters.id')) } }, providers.devrev.operations.delete.fields),
  },
  rpcs: {
    listCustomLinkTypes: {
      comment: ['Options of the Custom Link Type dropdown: GET /link-types.custom.list (Base: URL, Authorization, errors).'],
      spec: {
        url: '/link-types.custom.list',
        method: 'GET',
        response: {
          iterate: '{{ifempty(body.custom_link_types, body.result)}}',
          output: {
            label: '{{ifempty(item.name, ifempty(item.forward_name, ifempty(item.display_id, item.id)))}}',
            value: '{{item.id}}',
            description:
              "{{if(item.forward_name && item.backward_name, item.forward_name + ' / ' + item.backward_name, ifempty(item.forward_name, ifempty(item.backward_name, item.id)))}}",
          },
        },
      },
    },
  },
};
