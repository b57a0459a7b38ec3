// OneTrust's option sources: entities of a type by name (entities/search), entity types, and what the links
// of an entity show: the link types they use (OneTrust has no endpoint that lists link types) and the
// entities at their other ends.
import { objectOf } from '../../json.js';
import type { OptionPage, OptionQuery, Picker, PickerOption } from '../../pickers/contract.js';
import type { HttpRequest, HttpResponse } from '../../types.js';
import { buildUrl } from '../../url.js';
import { ONETRUST_ENTITY_TYPES, ONETRUST_LISTABLE_TYPES } from './fields.js';
import type { OneTrustListedEntity, OneTrustListedLink, OneTrustPage } from './models.js';

/** The documented maximum page size of the searches and the links pages. */
const PAGE_SIZE = 50;
const V1 = ['api', 'ai-governance', 'v1'];

/** A search page's next page (Spring's page fields), as a cursor. */
function nextPage(body: Partial<OneTrustPage<unknown>>, requested: number, received: number): string | null {
  if (received === 0 || body.last === true) return null;
  const number = typeof body.number === 'number' ? body.number : requested;
  if (typeof body.totalPages === 'number') return number + 1 < body.totalPages ? String(number + 1) : null;
  return body.last === false || received >= PAGE_SIZE ? String(number + 1) : null;
}

function search(path: string[], query: Record<string, string>, json: unknown, baseUrl: string): HttpRequest {
  return { method: 'POST', url: buildUrl(baseUrl, [...V1, ...path], query), headers: { Accept: 'application/json' }, json };
}

const pageOf = (body: unknown) => objectOf(body) as Partial<OneTrustPage<Record<string, unknown>>>;
const content = (page: Partial<OneTrustPage<Record<string, unknown>>>) => (Array.isArray(page.content) ? page.content : []);

const typeParam = {
  key: 'entityType',
  label: 'Entity Type',
  description: 'The type of the entities: models, datasets, aisystems or aiagents.',
  type: 'options',
  required: true,
  options: ONETRUST_LISTABLE_TYPES,
} as const;

/** An entity as a person reads it: its display label, else "number | name", else its name or id. */
function entityOption(entity: Record<string, unknown>, fallbackType: unknown): PickerOption {
  const name = typeof entity.name === 'string' ? entity.name : (entity.id as string);
  const detail = objectOf(entity.linkEntityDetail).displayLabel;
  const label = typeof entity.displayLabel === 'string' ? entity.displayLabel : typeof detail === 'string' ? detail : typeof entity.number === 'number' ? `${entity.number} | ${name}` : name;
  return { value: entity.id as string, label, description: `${objectOf(entity.entityType).name ?? fallbackType} ${entity.id as string}` };
}

export const onetrustEntities: Picker = {
  id: 'onetrust.entities',
  label: 'Entity',
  description: 'AI Governance entities of one type, by name, shown with their number ("9 | Test Dataset1").',
  params: [typeParam],
  search: 'server',
  pageSize: PAGE_SIZE,
  cursor: 'page',
  buildRequest: (query, baseUrl) =>
    search(
      ['entities', 'search'],
      { entityTypeName: query.params.entityType as string, page: query.cursor ?? '0', size: String(PAGE_SIZE), sort: 'name,asc' },
      { queryRequest: { criteria: { fullText: query.search, filters: [] } } },
      baseUrl,
    ),
  parseResponse(response, query) {
    const page = pageOf(response.body);
    const options = content(page)
      .filter((e) => typeof e.id === 'string')
      .map((entity) => entityOption(entity, query.params.entityType));
    return { options, nextCursor: nextPage(page, Number(query.cursor ?? 0), content(page).length) };
  },
};

/** The entity types by name, each option's value its name (`byName`) or its UUID. */
function entityTypePicker(id: string, label: string, byName: boolean): Picker {
  return {
    id,
    label,
    description: byName ? 'The AI Governance entity types, by name.' : 'The AI Governance entity types, by name; each option is the type\'s UUID.',
    params: [],
    search: 'server',
    pageSize: PAGE_SIZE,
    cursor: 'page',
    buildRequest: (query, baseUrl) =>
      search(['entity-types', 'search'], { page: query.cursor ?? '0', size: String(PAGE_SIZE), sort: 'name,asc' }, { fullText: query.search, filters: [] }, baseUrl),
    parseResponse(response, query) {
      const page = pageOf(response.body);
      const options = content(page)
        .filter((t) => typeof t.name === 'string' && (byName || typeof t.id === 'string'))
        .map((type): PickerOption => {
          const name = type.name as string;
          const known = ONETRUST_ENTITY_TYPES.find((t) => t.value === name)?.label ?? name;
          if (!byName) return { value: type.id as string, label: known, description: name };
          return { value: name, label: known, description: `${name}${typeof type.id === 'string' ? ` (${type.id})` : ''}` };
        });
      return { options, nextCursor: nextPage(page, Number(query.cursor ?? 0), content(page).length) };
    },
  };
}

export const onetrustEntityTypes = entityTypePicker('onetrust.entityTypes', 'Entity Type', true);
/** For the optional Entity 1/2 Type ID of a create: the same types, by UUID. */
export const onetrustEntityTypeIds = entityTypePicker('onetrust.entityTypeIds', 'Entity Type ID', false);

const linkedParams = [typeParam, { key: 'entityId', label: 'Entity ID', description: 'The UUID of the entity whose links are read.', type: 'uuid', required: true }] as const;

/** One page of an entity's links, read by the pickers that learn from them. */
const linksPageRequest = (query: OptionQuery, baseUrl: string) =>
  search(
    ['linked-entity-types', 'entity-types', 'names', query.params.entityType as string, 'entities', query.params.entityId as string, 'links', 'pages'],
    { page: query.cursor ?? '0', size: String(PAGE_SIZE), sort: 'id,asc' },
    { fullText: '', filters: [] },
    baseUrl,
  );

/** A links page's options, one per distinct value `optionOf` reads from a link (`null`: none). */
function fromLinks(response: HttpResponse, query: OptionQuery, optionOf: (link: OneTrustListedLink) => PickerOption | null): OptionPage {
  const page = pageOf(response.body);
  const found = new Map<string, PickerOption>();
  for (const link of content(page) as unknown as OneTrustListedLink[]) {
    const option = optionOf(link);
    if (option && !found.has(option.value)) found.set(option.value, option);
  }
  return { options: [...found.values()], nextCursor: nextPage(page, Number(query.cursor ?? 0), content(page).length) };
}

/** A picker that learns its options from an entity's links, one per distinct value `optionOf` reads from a link. */
function fromLinksPicker(id: string, label: string, description: string, optionOf: (link: OneTrustListedLink, query: OptionQuery) => PickerOption | null): Picker {
  return {
    id,
    label,
    description,
    params: linkedParams,
    search: 'page',
    pageSize: PAGE_SIZE,
    cursor: 'page',
    buildRequest: linksPageRequest,
    parseResponse: (response, query) => fromLinks(response, query, (link) => optionOf(link, query)),
  };
}

export const onetrustLinkTypes = fromLinksPicker(
  'onetrust.linkTypes',
  'Link Type',
  'The link types of an entity\'s existing links (OneTrust cannot list link types): each page of its links shows the types they use.',
  ({ relationshipTypeDetail: detail }) => {
    if (!detail?.id) return null;
    const names = [detail.entityType1ToEntityType2EntityLinkName, detail.entityType2ToEntityType1EntityLinkName].filter(Boolean).join(' / ');
    return { value: detail.id, label: detail.name ?? detail.id, description: names || detail.id };
  },
);

export const onetrustLinkedEntities = fromLinksPicker(
  'onetrust.linkedEntities',
  'Linked Entity',
  'The entities an entity is already linked with, of any type, read from its links page by page.',
  (link, query) => {
    const other = [link.source, link.target].find((end): end is OneTrustListedEntity => typeof end?.id === 'string' && end.id !== query.params.entityId);
    return other ? entityOption(other as unknown as Record<string, unknown>, 'entity') : null;
  },
);

export const onetrustPickers: Readonly<Record<string, Picker>> = {
  [onetrustEntities.id]: onetrustEntities,
  [onetrustEntityTypes.id]: onetrustEntityTypes,
  [onetrustEntityTypeIds.id]: onetrustEntityTypeIds,
  [onetrustLinkTypes.id]: onetrustLinkTypes,
  [onetrustLinkedEntities.id]: onetrustLinkedEntities,
};
