// Pickers: option sources that search or list records or types page by page, for the fields that take
// their ids. Interfaces only; the generic behaviour is in search.ts.
import type { Field } from '../fields.js';
import type { HttpRequest, HttpResponse } from '../types.js';

/** One choice: the id to use, what a person reads, and the record's web address where the service has one. */
export interface PickerOption {
  value: string;
  label: string;
  description: string;
  url?: string;
}

/** One page of options, and the cursor of the next (`null` on the last). */
export interface OptionPage {
  options: PickerOption[];
  nextCursor: string | null;
}

/** A validated search: the text (`''` for none), the page, and the source's parameters. */
export interface OptionQuery {
  search: string;
  cursor: string | null;
  params: Record<string, unknown>;
}

/**
 * How a pasted web address becomes an id, as data a platform can use itself (n8n's "By URL" mode): a regular
 * expression whose first capture group is the id, and an example address.
 */
export interface UrlRule {
  pattern: string;
  example: string;
}

export interface Picker {
  /** The option source id, such as `devrev.works`: what `Field.picker.source` names. */
  id: string;
  /** What the options are ("Work Item"). */
  label: string;
  description: string;
  /** The source's parameters in the neutral field model (the entity type of OneTrust's entities). */
  params: readonly Field[];
  /**
   * Where `search` is applied: `server` (the API filters), or `page` (the API cannot, so each page it answers
   * is filtered here: a page may hold fewer options than asked for, even none, and still have a next one).
   */
  search: 'server' | 'page';
  /** A pasted web address of a record, as an id; absent where the service's addresses are not known. */
  url?: UrlRule;
  /** The number of options asked for per page. */
  pageSize: number;
  /** What a cursor is: the API's own token (`opaque`), or a page number (`page`, checked as one before sending). */
  cursor: 'opaque' | 'page';
  buildRequest(query: OptionQuery, baseUrl: string): HttpRequest;
  parseResponse(response: HttpResponse, query: OptionQuery): OptionPage;
}
