// Yandex Tracker's option sources: projects, portfolios or goals by name (POST /v2/entities/<type>/_search),
// of one type, or of every type one after the other (a linked entity may be of any type).
import { InputError } from '../../errors/index.js';
import { objectOf } from '../../json.js';
import type { OptionPage, Picker, PickerOption } from '../../pickers/contract.js';
import type { HttpRequest, HttpResponse } from '../../types.js';
import { buildUrl } from '../../url.js';
import { TRACKER_ENTITY_TYPES } from './fields.js';

const PAGE_SIZE = 50;

interface TrackerSearchValue {
  id: string;
  shortId?: number | string;
  entityType?: string;
  summary?: string;
  fields?: { summary?: string };
}

const entityOption = (value: TrackerSearchValue, type: string): PickerOption => {
  const summary = value.fields?.summary ?? value.summary;
  const shortId = value.shortId === undefined || value.shortId === null ? null : String(value.shortId);
  return {
    value: value.id,
    label: typeof summary === 'string' && summary !== '' ? summary : shortId ? `#${shortId}` : value.id,
    description: [shortId ? `#${shortId}` : null, value.entityType ?? type].filter(Boolean).join(' · '),
  };
};

const URL_RULE = {
  pattern: '^https?://tracker\\.yandex\\.(?:ru|com)/(?:pages/)?(?:projects|portfolios|goals)/(\\d+)(?:[/?#].*)?$',
  example: 'https://tracker.yandex.com/pages/projects/42',
};

function searchRequest(type: string, page: string, search: string, baseUrl: string): HttpRequest {
  return {
    method: 'POST',
    url: buildUrl(baseUrl, ['v2', 'entities', type, '_search'], { perPage: String(PAGE_SIZE), page, fields: 'summary' }),
    headers: { Accept: 'application/json' },
    json: search ? { input: search } : {},
  };
}

/** One search page's options, and whether the type has a page after `page`. */
function searchPage(response: HttpResponse, type: string, page: number): { options: PickerOption[]; more: boolean } {
  const body = objectOf(response.body);
  const values = Array.isArray(body.values) ? (body.values as TrackerSearchValue[]) : [];
  const pages = typeof body.pages === 'number' ? body.pages : page;
  return { options: values.filter((v) => typeof v?.id === 'string').map((v) => entityOption(v, type)), more: values.length > 0 && page < pages };
}

export const trackerEntities: Picker = {
  id: 'yandex-tracker.entities',
  label: 'Entity',
  description: 'Projects, portfolios or goals of one type, by name; each shows its short ID. A pasted tracker.yandex address of one is read as its short ID.',
  params: [{ key: 'entityType', label: 'Entity Type', description: 'Which entities to search.', type: 'options', required: true, options: TRACKER_ENTITY_TYPES }],
  search: 'server',
  // The short id in Tracker's web address of a project, portfolio or goal stands in for the id in every path.
  url: URL_RULE,
  pageSize: PAGE_SIZE,
  cursor: 'page',
  buildRequest: (query, baseUrl) => searchRequest(query.params.entityType as string, query.cursor ?? '1', query.search, baseUrl),
  parseResponse(response, query): OptionPage {
    const page = Number(query.cursor ?? '1');
    const { options, more } = searchPage(response, query.params.entityType as string, page);
    return { options, nextCursor: more ? String(page + 1) : null };
  },
};

const TYPES = TRACKER_ENTITY_TYPES.map((type) => type.value);
const TYPED_CURSOR = /^([a-z]+):(\d{1,9})$/;

/** A cursor of `trackerAnyEntities`: the type searched and its page (`project:2`); the first page of projects without one. */
function typedCursor(cursor: string | null): { type: string; page: number } {
  if (cursor === null) return { type: TYPES[0]!, page: 1 };
  const match = TYPED_CURSOR.exec(cursor);
  if (!match || !TYPES.includes(match[1]!)) {
    throw new InputError('yandex-tracker', 'cursor', 'format', `Cursor (cursor) must be an entity type and a page as a previous page gave it (project:2), got "${cursor}"`);
  }
  return { type: match[1]!, page: Number(match[2]) };
}

export const trackerAnyEntities: Picker = {
  id: 'yandex-tracker.anyEntities',
  label: 'Entity',
  description: 'Projects, then portfolios, then goals, by name; each shows its short ID and type. A pasted tracker.yandex address of one is read as its short ID.',
  params: [],
  search: 'server',
  url: URL_RULE,
  pageSize: PAGE_SIZE,
  cursor: 'opaque',
  buildRequest(query, baseUrl) {
    const { type, page } = typedCursor(query.cursor);
    return searchRequest(type, String(page), query.search, baseUrl);
  },
  parseResponse(response, query): OptionPage {
    const { type, page } = typedCursor(query.cursor);
    const { options, more } = searchPage(response, type, page);
    const next = TYPES[TYPES.indexOf(type) + 1];
    return { options, nextCursor: more ? `${type}:${page + 1}` : next ? `${next}:1` : null };
  },
};

export const trackerPickers: Readonly<Record<string, Picker>> = { [trackerEntities.id]: trackerEntities, [trackerAnyEntities.id]: trackerAnyEntities };
