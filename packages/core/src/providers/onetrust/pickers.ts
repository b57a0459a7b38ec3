// OneTrust's option sources: entities of a type by name (entities/search), entity types, and link types as
// the links of an entity show them (OneTrust has no endpoint that lists link types).
import { objectOf } from '../../json.js';
import type { Picker, PickerOption } from '../../pickers/contract.js';
import type { HttpRequest } from '../../types.js';
import { buildUrl } from '../../url.js';
import { ONETRUST_ENTITY_TYPES, ONETRUST_LISTABLE_TYPES } from './fields.js';
import type { OneTrustListedLink, OneTrustPage } from './models.js';

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
    const items = content(page).filter((e) => typeof e.id === 'string');
    const options = items.map((entity): PickerOption => {
      const name = typeof entity.name === 'string' ? entity.name : (entity.id as string);
      const label = typeof entity.displayLabel === 'string' ? entity.displayLabel : typeof entity.number === 'number' ? `${entity.number} | ${name}` : name;
      return { value: entity.id as string, label, description: `${objectOf(entity.entityType).name ?? query.params.entityType} ${entity.id as string}` };
    });
    return { options, nextCursor: nextPage(page, Number(query.cursor ?? 0), content(page).length) };
  },
};

export const onetrustEntityTypes: Picker = {
  id: 'onetrust.entityTypes',
  label: 'Entity Type',
  description: 'The AI Governance entity types, by name.',
  params: [],
  search: 'server',
  pageSize: PAGE_SIZE,
  cursor: 'page',
  buildRequest: (query, baseUrl) =>
    search(['entity-types', 'search'], { page: query.cursor ?? '0', size: String(PAGE_SIZE), sort: 'name,asc' }, { fullText: query.search, filters: [] }, baseUrl),
  parseResponse(response, query) {
    const page = pageOf(response.body);
    const options = content(page)
      .filter((t) => typeof t.name === 'string')
      .map((type): PickerOption => {
        const name = type.name as string;
        return { value: name, label: ONETRUST_ENTITY_TYPES.find((t) => t.value === name)?.label ?? name, description: `${name}${typeof type.id === 'string' ? ` (${type.id})` : ''}` };
      });
    return { options, nextCursor: nextPage(page, Number(query.cursor ?? 0), content(page).length) };
  },
};

export const onetrustLinkTypes: Picker = {
  id: 'onetrust.linkTypes',
  label: 'Link Type',
  description: 'The link types of an entity\'s existing links (OneTrust cannot list link types): each page of its links shows the types they use.',
  params: [typeParam, { key: 'entityId', label: 'Entity ID', description: 'The UUID of the entity whose links show the link types.', type: 'uuid', required: true }],
  search: 'page',
  pageSize: PAGE_SIZE,
  cursor: 'page',
  buildRequest: (query, baseUrl) =>
    search(
      ['linked-entity-types', 'entity-types', 'names', query.params.entityType as string, 'entities', query.params.entityId as string, 'links', 'pages'],
      { page: query.cursor ?? '0', size: String(PAGE_SIZE), sort: 'id,asc' },
      { fullText: '', filters: [] },
      baseUrl,
    ),
  parseResponse(response, query) {
    const page = pageOf(response.body);
    const types = new Map<string, PickerOption>();
    for (const link of content(page) as unknown as OneTrustListedLink[]) {
      const detail = link.relationshipTypeDetail;
      if (!detail?.id || types.has(detail.id)) continue;
      const names = [detail.entityType1ToEntityType2EntityLinkName, detail.entityType2ToEntityType1EntityLinkName].filter(Boolean).join(' / ');
      types.set(detail.id, { value: detail.id, label: detail.name ?? detail.id, description: names || detail.id });
    }
    return { options: [...types.values()], nextCursor: nextPage(page, Number(query.cursor ?? 0), content(page).length) };
  },
};

export const onetrustPickers: Readonly<Record<string, Picker>> = {
  [onetrustEntities.id]: onetrustEntities,
  [onetrustEntityTypes.id]: onetrustEntityTypes,
  [onetrustLinkTypes.id]: onetrustLinkTypes,
};
