// Yandex Tracker: "OAuth <token>" or "Bearer <IAM token>" and exactly one organization header, then
// POST /v2/entities/{type}/{id}/links with one link (an object) or several (an array).
import { providers, TRACKER_RELATIONSHIPS } from '@links/core';
import type { RequestSpec } from '../iml/request.js';
import { type AppCommunication, baseUrl, deleteModule, SEARCH_LIMIT, iml, labelSwitch, OUTPUT_COMMENT, personLabel, trimmed } from './common.js';
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
  const name = `if(trim(${of}.orgKind) == 'cloud', 'X-Cloud-Org-ID', 'X-Org-ID')`;
  return {
    Accept: 'application/json',
    Authorization: `{{if(trim(${of}.tokenKind) == 'iam', 'Bearer', 'OAuth')}} ${iml(trimmed(`${of}.token`))}`,
    '{{...}}': iml(`parseJSON('{"' + ${name} + '":' + createJSON(trim(${of}.orgId)) + '}')`),
  };
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

const MODULE: RequestSpec = {
  url: `/v2/entities/${iml(`encodeURL(${trimmed('parameters.entityType')})`)}/${iml(`encodeURL(${trimmed('parameters.entityId')})`)}/links`,
  encodeUrl: false,
  method: 'POST',
  temp: {
    // Each entry as core sends it: relationship and entity trimmed (entries past the last are cut off below).
    links: entries((i) => ({
      relationship: iml(trimmed(`parameters.links[${i}].relationship`)),
      entity: iml(trimmed(`parameters.links[${i}].entity`)),
    })),
    source: { id: iml(trimmed('parameters.entityId')), type: iml(trimmed('parameters.entityType')), name: null, displayId: null },
  },
  // The documented single-link form is one object; several links go as an array (an empty list as one); no Links, no body.
  body: `{{if(parameters.links, if(${count} == 1, first(temp.links), slice(temp.links, 0, ${count})), undefined)}}`,
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
      })),
    },
    output: { '{{...}}': '{{first(temp.results)}}', links: `{{slice(temp.results, 0, ${count})}}` },
  },
};

export const trackerCommunication: AppCommunication = {
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
      OUTPUT_COMMENT,
    ],
    spec: MODULE,
  },
  modules: {
    searchLinks: {
      comment: [
        'GET /v2/entities/{type}/{id}/links?fields=id,shortId,summary,entityType (Base: URL, auth, errors): Tracker answers every link',
        'at once (no paging), so there is no `pagination`; up to Limit links, each core\'s StoredLink (entries without a type are skipped).',
      ],
      spec: {
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
      },
    },
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
  rpcs: {},
};
