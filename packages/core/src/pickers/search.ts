import { InputError } from '../errors/index.js';
import type { FieldOption } from '../fields.js';
import type { AnyProvider, OptionSource } from '../provider.js';
import { type SendOptions, sendOrThrow } from '../send.js';
import { validateFields } from '../validation.js';
import type { OptionPage, OptionQuery, Picker, PickerOption } from './contract.js';

const MAX_SEARCH = 200;
const MAX_CURSOR = 2000;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The provider's option source `source`, or an input error naming it. */
export function pickerOf(provider: AnyProvider, source: unknown): Picker {
  const picker = typeof source === 'string' && Object.hasOwn(provider.pickers, source) ? provider.pickers[source] : undefined;
  if (!picker) {
    throw new InputError(provider.id, 'source', 'enum', `Option source (source) must be one of ${Object.keys(provider.pickers).map((id) => `"${id}"`).join(', ')}, got ${JSON.stringify(source) ?? String(source)}`);
  }
  return picker;
}

/** The id in a pasted web address, by the picker's URL rule; `null` when the text is not such an address. */
export function idFromUrl(picker: Picker, text: string): string | null {
  if (!picker.url) return null;
  const match = new RegExp(picker.url.pattern).exec(text.trim());
  return match?.[1] ?? null;
}

function checkText(provider: AnyProvider, field: string, label: string, value: unknown, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new InputError(provider.id, field, 'type', `${label} (${field}) must be text, got ${typeof value}`);
  if (value.length > max) throw new InputError(provider.id, field, 'format', `${label} (${field}) must be at most ${max} characters`);
  if (LONE_SURROGATE.test(value)) throw new InputError(provider.id, field, 'format', `${label} (${field}) must be valid text: it holds a broken character (a lone UTF-16 surrogate)`);
  return value;
}

/**
 * Checks a search of an option source: `search` (text; a pasted web address becomes the id it names),
 * `cursor` (as a previous page gave it) and `params` (the source's parameters, named `params.<key>`).
 */
export function checkOptionQuery(provider: AnyProvider, picker: Picker, input: { search?: unknown; cursor?: unknown; params?: unknown } = {}): OptionQuery {
  const text = (checkText(provider, 'search', 'Search', input.search, MAX_SEARCH) ?? '').trim();
  const cursor = checkText(provider, 'cursor', 'Cursor', input.cursor, MAX_CURSOR);
  if (picker.cursor === 'page' && cursor && !/^\d{1,9}$/.test(cursor)) {
    throw new InputError(provider.id, 'cursor', 'format', `Cursor (cursor) must be a page number as a previous page gave it, got "${cursor}"`);
  }
  const params = validateFields(provider.id, picker.params, input.params ?? {}, 'params', 'The parameters');
  return { search: idFromUrl(picker, text) ?? text, cursor: cursor === '' ? null : cursor, params };
}

/** Whether an option matches a search the API could not apply: its label, description or value holds the text. */
function matches(option: PickerOption, search: string): boolean {
  const text = search.toLowerCase();
  return [option.label, option.description, option.value].some((part) => part.toLowerCase().includes(text));
}

/** One page of a validated option search. */
export async function sendOptionSearch(provider: AnyProvider, picker: Picker, query: OptionQuery, options: SendOptions): Promise<OptionPage> {
  const response = await sendOrThrow(provider, picker.buildRequest(query, options.baseUrl), options, 'read');
  const page = picker.parseResponse(response, query);
  return picker.search === 'page' && query.search ? { ...page, options: page.options.filter((option) => matches(option, query.search)) } : page;
}

/**
 * Every option of a validated search, all pages (a dropdown that lists them all, such as DevRev's custom link
 * types), each value once. Stops at the last page or at a cursor already seen.
 */
export async function collectOptions(provider: AnyProvider, picker: Picker, query: OptionQuery, options: SendOptions): Promise<PickerOption[]> {
  const found = new Map<string, PickerOption>();
  const seen = new Set<string>();
  let cursor = query.cursor;
  for (;;) {
    const page = await sendOptionSearch(provider, picker, { ...query, cursor }, options);
    for (const option of page.options) if (!found.has(option.value)) found.set(option.value, option);
    if (page.nextCursor === null || seen.has(page.nextCursor)) return [...found.values()];
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/** The first page of a picker without search or parameters, as the older `optionSources` dropdowns load it. */
export function firstPageSource(picker: Picker): OptionSource {
  const query: OptionQuery = { search: '', cursor: null, params: {} };
  return {
    buildRequest: (baseUrl) => picker.buildRequest(query, baseUrl),
    parse: (response) => picker.parseResponse(response, query).options.map(({ value, label, description }): FieldOption => ({ value, label, description })),
  };
}
