// Yandex Tracker's option source: projects, portfolios or goals by name (POST /v2/entities/<type>/_search).
import { objectOf } from '../../json.js';
import type { Picker, PickerOption } from '../../pickers/contract.js';
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

export const trackerEntities: Picker = {
  id: 'yandex-tracker.entities',
  label: 'Entity',
  description: 'Projects, portfolios or goals of one type, by name; each shows its short ID. A pasted tracker.yandex address of one is read as its short ID.',
  params: [{ key: 'entityType', label: 'Entity Type', description: 'Which entities to search.', type: 'options', required: true, options: TRACKER_ENTITY_TYPES }],
  search: 'server',
  // The short id in Tracker's web address of a project, portfolio or goal stands in for the id in every path.
  url: {
    pattern: '^https?://tracker\\.yandex\\.(?:ru|com)/(?:pages/)?(?:projects|portfolios|goals)/(\\d+)(?:[/?#].*)?$',
    example: 'https://tracker.yandex.com/pages/projects/42',
  },
  pageSize: PAGE_SIZE,
  cursor: 'page',
  buildRequest(query, baseUrl) {
    const page = query.cursor ?? '1';
    return {
      method: 'POST',
      url: buildUrl(baseUrl, ['v2', 'entities', query.params.entityType as string, '_search'], { perPage: String(PAGE_SIZE), page, fields: 'summary' }),
      headers: { Accept: 'application/json' },
      json: query.search ? { input: query.search } : {},
    };
  },
  parseResponse(response, query) {
    const body = objectOf(response.body);
    const values = Array.isArray(body.values) ? (body.values as TrackerSearchValue[]) : [];
    const page = Number(query.cursor ?? '1');
    const pages = typeof body.pages === 'number' ? body.pages : page;
    return {
      options: values.filter((v) => typeof v?.id === 'string').map((v) => entityOption(v, query.params.entityType as string)),
      nextCursor: values.length > 0 && page < pages ? String(page + 1) : null,
    };
  },
};

export const trackerPickers: Readonly<Record<string, Picker>> = { [trackerEntities.id]: trackerEntities };
