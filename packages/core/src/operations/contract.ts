// How a provider describes the link lifecycle beyond Create: list, get, find, delete, and "if already
// linked". Interfaces only; the generic behaviour over them is in the files beside this one.
import type { Field } from '../fields.js';
import type { HttpRequest, HttpResponse, LinkResult } from '../types.js';
import type { CheckedInput } from '../validation.js';

/**
 * What addresses one stored link for get and delete, keyed as the get and delete fields name it: DevRev
 * `{ id }`, OneTrust `{ linkId, linkTypeId }`, Yandex Tracker `{ entityType, entityId, linkedEntityId }`.
 */
export type LinkRef = Readonly<Record<string, string>>;

/** A link as the service stores it, with what addresses it (`null` where the API gave no id). */
export interface StoredLink<Raw = unknown> extends LinkResult<Raw> {
  ref: LinkRef | null;
}

/** A link a create returned: `created` is false when it already existed and was kept (`ifExists: 'skip'`). */
export interface CreatedLink<Raw = unknown> extends StoredLink<Raw> {
  created: boolean;
}

/** What a create does when the same link exists: send anyway, return the existing one, or fail. */
export type IfExists = 'create' | 'skip' | 'fail';

/** One page to ask for: `cursor` is `null` for the first page; `size` is the page size. */
export interface PageRequest {
  cursor: string | null;
  size: number;
}

/** One page of links, and the cursor of the next (`null` on the last page). */
export interface LinkPage {
  links: StoredLink[];
  nextCursor: string | null;
}

/**
 * What makes two links the same link: their type (with DevRev's custom link type as `subtype`), the ids the
 * other record goes by, and whether the link leaves the listed record (`outgoing`) or arrives at it.
 */
export interface LinkKey {
  type: string;
  subtype: string | null;
  to: readonly string[];
  outgoing: boolean;
}

/** List the links of one record. */
export interface ListOperation<Query extends CheckedInput = CheckedInput> {
  fields: readonly Field[];
  /** The page size asked for: the largest the API documents; `null` where the API answers everything at once. */
  pageSize: number | null;
  /** How many links a platform returns unless the user asks for all ("Limit"). */
  defaultLimit: number;
  validate(input: unknown): Query;
  buildRequest(query: Query, baseUrl: string, page: PageRequest): HttpRequest;
  parseResponse(response: HttpResponse, query: Query, page: PageRequest): LinkPage;
  /** The key of a listed link, as seen from the listed record. */
  keyOf(link: StoredLink, query: Query): LinkKey;
}

/** Get or delete one link, addressed by its ref. */
export interface RefOperation<Ref extends CheckedInput = CheckedInput> {
  fields: readonly Field[];
  validate(input: unknown): Ref;
  buildRequest(ref: Ref, baseUrl: string): HttpRequest;
}

export interface GetOperation<Ref extends CheckedInput = CheckedInput> extends RefOperation<Ref> {
  /** The link; `null` when the API answered but holds no such link (Tracker reads the record's links). */
  parseResponse(response: HttpResponse, ref: Ref): StoredLink | null;
}

export type DeleteOperation<Ref extends CheckedInput = CheckedInput> = RefOperation<Ref>;

/** Find the links between two records: a list of one of them, filtered. */
export interface FindQuery<Query extends CheckedInput = CheckedInput> {
  list: Query;
  /** An id the other record goes by. */
  to: string;
  /** Only links of this type (and DevRev custom link type), where given. */
  type: string | null;
  subtype: string | null;
}

export interface FindOperation<Query extends CheckedInput = CheckedInput> {
  fields: readonly Field[];
  validate(input: unknown): FindQuery<Query>;
}

/** How a create's links are recognised among the links listed from its source record. */
export interface CreateOperation<Input extends CheckedInput = CheckedInput, Query extends CheckedInput = CheckedInput> {
  /** The create's own options, the same for every API (`ifExists`). */
  optionFields: readonly Field[];
  /**
   * The list that shows the links this input would create; inputs with the same `key` share one list.
   * Throws an `InputError` where the API cannot list them (a OneTrust type it does not list links of).
   */
  source(input: Input): { key: string; query: Query };
  /** One key per link the input creates, in result order, as seen from the source record. */
  wanted(input: Input): LinkKey[];
  /** The input that creates only the links at these positions (a Tracker input links several entities). */
  only(input: Input, positions: readonly number[]): Input;
  /** What addresses a link the create returned. */
  refOf(link: LinkResult, input: Input): LinkRef | null;
}

/** The lifecycle operations of one provider. */
export interface Operations<Input extends CheckedInput = CheckedInput> {
  create: CreateOperation<Input, any>;
  list: ListOperation<any>;
  get: GetOperation<any>;
  find: FindOperation<any>;
  delete: DeleteOperation<any>;
}
