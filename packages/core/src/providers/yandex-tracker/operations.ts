// Yandex Tracker's link lifecycle: the entity's links (one response, no paging), the link between two
// entities (Tracker links have no id), DELETE ?right=, and how a create's links are recognised.
import { ifExistsField } from '../../fields.js';
import type { Operations, StoredLink } from '../../operations/contract.js';
import type { HttpRequest } from '../../types.js';
import { validateFields } from '../../validation.js';
import { trackerFindFields, trackerLinkRefFields, trackerListFields } from './fields.js';
import { checkNotDotSegments, LINKED_FIELDS, linksUrl, storedLinkOf } from './links.js';
import type { TrackerFindInput, TrackerInput, TrackerLinkRef, TrackerListedLink, TrackerListQuery } from './models.js';

const LABELS = { entityId: 'Entity ID', linkedEntityId: 'Linked Entity ID' };

const listRequest = (query: TrackerListQuery, baseUrl: string): HttpRequest => ({
  method: 'GET',
  url: linksUrl(baseUrl, query.entityType, query.entityId, { fields: LINKED_FIELDS }),
  headers: { Accept: 'application/json' },
});

const parseList = (body: unknown, query: TrackerListQuery): StoredLink[] =>
  (Array.isArray(body) ? (body as TrackerListedLink[]) : []).filter((item) => typeof item?.type === 'string').map((item) => storedLinkOf(item, query));

/** The ids the other entity goes by: its id and its short id. */
const otherIds = (link: StoredLink): string[] => (link.target.displayId ? [link.target.id, link.target.displayId] : [link.target.id]);

function validateRef(fields: typeof trackerLinkRefFields, input: unknown): TrackerLinkRef {
  const checked = validateFields('yandex-tracker', fields, input) as TrackerLinkRef;
  checkNotDotSegments(checked, ['entityId', 'linkedEntityId'], LABELS);
  return checked;
}

export const trackerOperations: Operations<TrackerInput> = {
  create: {
    optionFields: [ifExistsField],
    source: (input) => ({ key: `${input.entityType}\u0000${input.entityId}`, query: { entityType: input.entityType, entityId: input.entityId } satisfies TrackerListQuery }),
    wanted: (input) => input.links.map((link) => ({ type: link.relationship, subtype: null, to: [link.entity], outgoing: true })),
    only: (input, positions) => ({ ...input, links: positions.map((position) => input.links[position]!) }),
    refOf: (link, input) => ({ entityType: input.entityType, entityId: input.entityId, linkedEntityId: link.target.id }),
  },

  list: {
    fields: trackerListFields,
    pageSize: null,
    defaultLimit: 50,
    validate(input) {
      const checked = validateFields('yandex-tracker', trackerListFields, input) as TrackerListQuery;
      checkNotDotSegments(checked, ['entityId'], LABELS);
      return checked;
    },
    buildRequest: (query: TrackerListQuery, baseUrl) => listRequest(query, baseUrl),
    parseResponse: (response, query: TrackerListQuery) => ({ links: parseList(response.body, query), nextCursor: null }),
    keyOf: (link) => ({ type: link.linkType, subtype: null, to: otherIds(link), outgoing: true }),
  },

  // "Get" reads the entity's links and picks the one to the other entity.
  get: {
    fields: trackerLinkRefFields,
    validate: (input) => validateRef(trackerLinkRefFields, input),
    buildRequest: (ref: TrackerLinkRef, baseUrl) => listRequest(ref, baseUrl),
    parseResponse: (response, ref: TrackerLinkRef) => parseList(response.body, ref).find((link) => otherIds(link).includes(ref.linkedEntityId)) ?? null,
  },

  find: {
    fields: trackerFindFields,
    validate(input) {
      const checked = validateRef(trackerFindFields, input) as TrackerFindInput;
      return { list: { entityType: checked.entityType, entityId: checked.entityId }, to: checked.linkedEntityId, type: checked.relationship ?? null, subtype: null };
    },
  },

  delete: {
    fields: trackerLinkRefFields,
    validate: (input) => validateRef(trackerLinkRefFields, input),
    buildRequest: (ref: TrackerLinkRef, baseUrl) => ({
      method: 'DELETE',
      url: linksUrl(baseUrl, ref.entityType, ref.entityId, { right: ref.linkedEntityId }),
      headers: { Accept: 'application/json' },
    }),
  },
};
