// DevRev's option sources: work items (works.list, or works.get for a display id), and custom link types
// (link-types.custom.list, every page).
import type { FieldOption } from '../../fields.js';
import { objectOf, stringAt } from '../../json.js';
import type { OptionQuery, Picker, PickerOption } from '../../pickers/contract.js';
import type { HttpRequest } from '../../types.js';
import type { DevRevCustomLinkTypeList } from './models.js';

/** Work item types works.list filters by. */
export const DEVREV_WORK_TYPES: readonly FieldOption[] = [
  { value: 'issue', label: 'Issue', description: 'Issues (ISS-).' },
  { value: 'ticket', label: 'Ticket', description: 'Tickets (TKT-).' },
];

const PAGE_SIZE = 50;
const DISPLAY_ID = /^[A-Za-z]+-\d+$/;
const accept = { Accept: 'application/json' };

interface DevRevWork {
  id: string;
  display_id?: string;
  title?: string;
  type?: string;
}

const workOption = (work: DevRevWork): PickerOption => ({
  value: work.id,
  label: work.title || work.display_id || work.id,
  description: [work.display_id, work.type].filter(Boolean).join(' · ') || work.id,
});

export const devrevWorks: Picker = {
  id: 'devrev.works',
  label: 'Work Item',
  description: 'Issues and tickets, by title or display ID (ISS-12); a pasted app.devrev.ai address of one is read as its display ID.',
  params: [
    {
      key: 'types',
      label: 'Work Types',
      description: 'Only work items of these types. Empty: issues and tickets.',
      type: 'options',
      required: false,
      multiple: true,
      options: DEVREV_WORK_TYPES,
    },
  ],
  // works.list has no text filter: a display id or DON is looked up with works.get, other text filters each page.
  search: 'page',
  url: { pattern: '^https?://app\\.devrev\\.ai/(?:[^?#]*/)?([A-Za-z]+-\\d+)(?:[/?#].*)?$', example: 'https://app.devrev.ai/acme/works/ISS-12' },
  pageSize: PAGE_SIZE,
  cursor: 'opaque',
  buildRequest(query: OptionQuery, baseUrl): HttpRequest {
    if (DISPLAY_ID.test(query.search) || query.search.startsWith('don:')) {
      return { method: 'POST', url: `${baseUrl}/works.get`, headers: accept, json: { id: DISPLAY_ID.test(query.search) ? query.search.toUpperCase() : query.search } };
    }
    const types = (query.params.types as string[] | undefined) ?? DEVREV_WORK_TYPES.map((t) => t.value);
    return { method: 'POST', url: `${baseUrl}/works.list`, headers: accept, json: { type: types, limit: PAGE_SIZE, ...(query.cursor ? { cursor: query.cursor } : {}) } };
  },
  parseResponse(response) {
    const body = objectOf(response.body);
    if (body.work) return { options: [workOption(body.work as DevRevWork)], nextCursor: null };
    const works = Array.isArray(body.works) ? (body.works as DevRevWork[]) : [];
    return { options: works.filter((w) => typeof w?.id === 'string').map(workOption), nextCursor: stringAt(body, 'next_cursor') };
  },
};

export const devrevCustomLinkTypes: Picker = {
  id: 'devrev.customLinkTypes',
  label: 'Custom Link Type',
  description: 'The custom link types of your organization (link-types.custom.list), every page.',
  params: [],
  // link-types.custom.list filters by exact names only: text filters each page.
  search: 'page',
  pageSize: PAGE_SIZE,
  cursor: 'opaque',
  buildRequest: (query, baseUrl) => ({
    method: 'GET',
    url: `${baseUrl}/link-types.custom.list${query.cursor ? `?${new URLSearchParams({ cursor: query.cursor })}` : ''}`,
    headers: accept,
  }),
  parseResponse(response) {
    const body = response.body as DevRevCustomLinkTypeList | undefined;
    const options = (body?.custom_link_types ?? body?.result ?? []).map((type) => ({
      value: type.id,
      label: type.name ?? type.forward_name ?? type.display_id ?? type.id,
      description: [type.forward_name, type.backward_name].filter(Boolean).join(' / ') || type.id,
    }));
    return { options, nextCursor: typeof body?.next_cursor === 'string' && body.next_cursor !== '' ? body.next_cursor : null };
  },
};

export const devrevPickers: Readonly<Record<string, Picker>> = { [devrevWorks.id]: devrevWorks, [devrevCustomLinkTypes.id]: devrevCustomLinkTypes };
