// DevRev's link lifecycle: links.list (cursor pages), links.get, links.delete, and how a create's link is
// recognised among the listed ones.
import { InputError } from '../../errors/index.js';
import { ifExistsField } from '../../fields.js';
import { objectOf } from '../../json.js';
import type { Operations } from '../../operations/contract.js';
import type { HttpRequest } from '../../types.js';
import { validateFields } from '../../validation.js';
import { devrevFindFields, devrevLinkRefFields, devrevListFields } from './fields.js';
import { customTypeOf, idsOf, storedLinkOf } from './links.js';
import type { DevRevFindInput, DevRevInput, DevRevLinkRef, DevRevLinkResponse, DevRevListLinksBody, DevRevListLinksResponse, DevRevListQuery } from './models.js';

// A DON (don:core:dvrv-us-1:devo/demo:issue/1) or a display id (ISS-1, TKT-9).
export const DEVREV_OBJECT_ID = /^(?:don:[a-z0-9_-]+:[^\s]+|[A-Za-z]+-[A-Za-z0-9]+)$/;

/** Checks that the given keys hold DevRev ids (a DON or a display id). */
export function checkDevRevIds(checked: Record<string, unknown>, keys: readonly string[], fields: readonly { key: string; label: string }[]): void {
  for (const key of keys) {
    const value = checked[key];
    if (typeof value === 'string' && !DEVREV_OBJECT_ID.test(value)) {
      const label = fields.find((f) => f.key === key)!.label;
      throw new InputError('devrev', key, 'format', `${label} (${key}) must be a DevRev ID such as don:core:dvrv-us-1:devo/demo:issue/1 or ISS-1; got "${value}"`);
    }
  }
}

function post(baseUrl: string, method: string, json: unknown): HttpRequest {
  return { method: 'POST', url: `${baseUrl}/${method}`, headers: { Accept: 'application/json' }, json };
}

/** links.list documents 50 as the default page size and no maximum, so 50 is what is asked for. */
const PAGE_SIZE = 50;

export const devrevOperations: Operations<DevRevInput> = {
  create: {
    optionFields: [ifExistsField],
    // Links from the source: the existing ones show as is_source links of it.
    source: (input) => ({ key: input.source, query: { object: input.source, direction: 'is_source' } satisfies DevRevListQuery }),
    wanted: (input) => [{ type: input.linkType, subtype: input.customLinkType ?? null, to: [input.target], outgoing: true }],
    only: (input) => input,
    refOf: (link) => (link.id ? { id: link.id } : null),
  },

  list: {
    fields: devrevListFields,
    pageSize: PAGE_SIZE,
    defaultLimit: 50,
    validate(input) {
      const checked = validateFields('devrev', devrevListFields, input) as DevRevListQuery;
      checkDevRevIds(checked, ['object'], devrevListFields);
      return checked;
    },
    buildRequest(query: DevRevListQuery, baseUrl, page) {
      const body: DevRevListLinksBody = { object: query.object, limit: page.size };
      if (query.direction) body.direction = query.direction;
      if (query.linkTypes?.length) body.link_type = query.linkTypes;
      if (page.cursor) body.cursor = page.cursor;
      return post(baseUrl, 'links.list', body);
    },
    parseResponse(response) {
      const body = objectOf(response.body) as Partial<DevRevListLinksResponse>;
      const links = Array.isArray(body.links) ? body.links : [];
      return { links: links.map(storedLinkOf), nextCursor: typeof body.next_cursor === 'string' && body.next_cursor !== '' ? body.next_cursor : null };
    },
    keyOf(link, query: DevRevListQuery) {
      const outgoing = idsOf(link.source).includes(query.object);
      return { type: link.linkType, subtype: customTypeOf(link), to: idsOf(outgoing ? link.target : link.source), outgoing };
    },
  },

  get: {
    fields: devrevLinkRefFields,
    validate: validateLinkRef,
    buildRequest: (ref: DevRevLinkRef, baseUrl) => post(baseUrl, 'links.get', { id: ref.id }),
    parseResponse(response) {
      const { link } = objectOf(response.body) as Partial<DevRevLinkResponse>;
      return link ? storedLinkOf(link) : null;
    },
  },

  find: {
    fields: devrevFindFields,
    validate(input) {
      const checked = validateFields('devrev', devrevFindFields, input) as DevRevFindInput;
      checkDevRevIds(checked, ['object', 'otherObject', 'customLinkType'], devrevFindFields);
      const list: DevRevListQuery = { object: checked.object };
      if (checked.linkType) list.linkTypes = [checked.linkType];
      return { list, to: checked.otherObject, type: checked.linkType ?? null, subtype: checked.customLinkType ?? null };
    },
  },

  delete: {
    fields: devrevLinkRefFields,
    validate: validateLinkRef,
    buildRequest: (ref: DevRevLinkRef, baseUrl) => post(baseUrl, 'links.delete', { id: ref.id }),
  },
};

function validateLinkRef(input: unknown): DevRevLinkRef {
  const checked = validateFields('devrev', devrevLinkRefFields, input) as DevRevLinkRef;
  checkDevRevIds(checked, ['id'], devrevLinkRefFields);
  return checked;
}
