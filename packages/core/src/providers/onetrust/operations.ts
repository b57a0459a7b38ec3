// OneTrust's link lifecycle: an entity's links pages (up to 50 a page), GET and DELETE by link id and link
// type id, and how a create's link is recognised among the listed ones.
import { InputError } from '../../errors/index.js';
import { ifExistsField } from '../../fields.js';
import { objectOf } from '../../json.js';
import type { Operations, StoredLink } from '../../operations/contract.js';
import type { HttpRequest } from '../../types.js';
import { buildUrl } from '../../url.js';
import { validateFields } from '../../validation.js';
import { ONETRUST_LISTABLE_TYPES, onetrustFindFields, onetrustLinkRefFields, onetrustListFields } from './fields.js';
import { listedLinkOf, storedLinkOf } from './links.js';
import type { OneTrustFindInput, OneTrustInput, OneTrustLinkInformation, OneTrustLinkRef, OneTrustListedLink, OneTrustListQuery, OneTrustPage } from './models.js';

/** The documented maximum page size of the links pages. */
const PAGE_SIZE = 50;
const LISTABLE = ONETRUST_LISTABLE_TYPES.map((type) => type.value);
const lower = (id: string) => id.toLowerCase();

function linkUrl(baseUrl: string, ref: OneTrustLinkRef): string {
  return buildUrl(baseUrl, ['api', 'ai-governance', 'v1', 'links', ref.linkId], { linkTypeId: ref.linkTypeId });
}

/** The page after this one, read from Spring's page fields; `null` on the last. */
function nextPage(page: Partial<OneTrustPage<unknown>>, requested: number, received: number, size: number): string | null {
  const number = typeof page.number === 'number' ? page.number : requested;
  if (received === 0 || page.last === true) return null;
  if (typeof page.totalPages === 'number') return number + 1 < page.totalPages ? String(number + 1) : null;
  if (page.last === false) return String(number + 1);
  return received < size ? null : String(number + 1);
}

/** Which entity of a create the existing links are listed from: entity 1, or entity 2 when only it can be listed. */
function listedSide(input: OneTrustInput): 1 | 2 {
  if (LISTABLE.includes(input.entity1Type)) return 1;
  if (LISTABLE.includes(input.entity2Type)) return 2;
  throw new InputError(
    'onetrust',
    'entity1Type',
    'notAllowed',
    `Entity 1 Type (entity1Type) "${input.entity1Type}": If Already Linked needs the links of entity 1 or entity 2, and OneTrust lists links only for ${LISTABLE.join(', ')}; use "create"`,
  );
}

const refValidator = (input: unknown) => validateFields('onetrust', onetrustLinkRefFields, input) as OneTrustLinkRef;

export const onetrustOperations: Operations<OneTrustInput> = {
  create: {
    optionFields: [ifExistsField],
    source(input) {
      const side = listedSide(input);
      const query: OneTrustListQuery = side === 1 ? { entityType: input.entity1Type, entityId: input.entity1Id } : { entityType: input.entity2Type, entityId: input.entity2Id };
      return { key: `${query.entityType}\u0000${lower(query.entityId)}`, query };
    },
    wanted(input) {
      const side = listedSide(input);
      return [{ type: lower(input.linkTypeId), subtype: null, to: [lower(side === 1 ? input.entity2Id : input.entity1Id)], outgoing: side === 1 }];
    },
    only: (input) => input,
    refOf: (link, input) => (link.id ? { linkId: link.id, linkTypeId: input.linkTypeId } : null),
  },

  list: {
    fields: onetrustListFields,
    pageSize: PAGE_SIZE,
    defaultLimit: 50,
    validate: (input) => validateFields('onetrust', onetrustListFields, input) as OneTrustListQuery,
    buildRequest(query: OneTrustListQuery, baseUrl, page): HttpRequest {
      const path = ['api', 'ai-governance', 'v1', 'linked-entity-types', 'entity-types', 'names', query.entityType, 'entities', query.entityId, 'links', 'pages'];
      return {
        method: 'POST',
        url: buildUrl(baseUrl, path, { page: page.cursor ?? '0', size: String(page.size), sort: 'id,asc' }),
        headers: { Accept: 'application/json' },
        json: { fullText: '', filters: [] },
      };
    },
    parseResponse(response, _query, request) {
      const page = objectOf(response.body) as Partial<OneTrustPage<OneTrustListedLink>>;
      const content = Array.isArray(page.content) ? page.content : [];
      const links = content.map(listedLinkOf).filter((link): link is StoredLink => link !== null);
      return { links, nextCursor: nextPage(page, Number(request.cursor ?? 0), content.length, request.size) };
    },
    keyOf(link, query: OneTrustListQuery) {
      const outgoing = lower(link.source.id) === lower(query.entityId);
      return { type: lower(link.ref?.linkTypeId ?? ''), subtype: null, to: [lower(outgoing ? link.target.id : link.source.id)], outgoing };
    },
  },

  get: {
    fields: onetrustLinkRefFields,
    validate: refValidator,
    buildRequest: (ref: OneTrustLinkRef, baseUrl) => ({ method: 'GET', url: linkUrl(baseUrl, ref), headers: { Accept: 'application/json' } }),
    parseResponse: (response, ref: OneTrustLinkRef) => {
      const body = objectOf(response.body) as Partial<OneTrustLinkInformation>;
      return typeof body.id === 'string' ? storedLinkOf(body as OneTrustLinkInformation, ref.linkTypeId) : null;
    },
  },

  find: {
    fields: onetrustFindFields,
    validate(input) {
      const checked = validateFields('onetrust', onetrustFindFields, input) as OneTrustFindInput;
      return { list: { entityType: checked.entityType, entityId: checked.entityId }, to: lower(checked.otherEntityId), type: checked.linkTypeId ? lower(checked.linkTypeId) : null, subtype: null };
    },
  },

  delete: {
    fields: onetrustLinkRefFields,
    validate: refValidator,
    buildRequest: (ref: OneTrustLinkRef, baseUrl) => ({ method: 'DELETE', url: linkUrl(baseUrl, ref), headers: { Accept: 'application/json' } }),
  },
};
