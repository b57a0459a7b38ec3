/**
 * What the apps' IML sources share: the file shape and the few IML pieces that are the same for every API.
 * Everything here is IML text (Make evaluates it); `test/differential.test.ts` proves what it renders
 * equal to core's requests.
 */
import type { Field } from '@links/core';
import type { ErrorSpec, RequestSpec } from '../iml/request.js';

/** One communication file: the comment lines it starts with, and its content. */
export interface CommunicationFile {
  comment: string[];
  spec: RequestSpec | RequestSpec[] | Record<string, RequestSpec>;
}

/** Every hand-written IML file of an app, keyed as the manifest names them (RPCs by id). */
export interface AppCommunication {
  base: CommunicationFile;
  connection: CommunicationFile;
  module: CommunicationFile;
  /** Whether Create a Link has core's If Already Linked (`ifExists`): its IML looks first for skip and fail. */
  ifExists: boolean;
  /** The lifecycle modules beyond Create a Link, by module id. */
  modules: Record<string, CommunicationFile>;
  /** By core picker (option source) id. */
  rpcs: Record<string, RpcIml>;
}

/** `{{expression}}`. */
export function iml(expression: string): string {
  return `{{${expression}}}`;
}

/**
 * The base URL to send to: the Base URL override trimmed (a blank one counts as none, as core's
 * `normalizeEmpty` has it), else the real service, without trailing slashes (core's `checkBaseUrl`).
 * `of` is `parameters` in a connection, `connection` in the Base.
 */
export function baseUrl(of: 'parameters' | 'connection', realService: string): string {
  return `replace(ifempty(trim(${of}.baseUrl), ${realService}), '/[/]+$/', '')`;
}

/** Text core trims: trimmed (a missing value is empty text). */
export function trimmed(path: string): string {
  return `trim(${path})`;
}

/** An optional text core trims and leaves out when blank: trimmed, or `undefined` (the member is not sent). */
export function optional(path: string): string {
  return `ifempty(trim(${path}), undefined)`;
}

/** The module's output: one bundle, the first link's normalized fields and `links` with every link. */
export const OUTPUT_COMMENT =
  'Output: one bundle (an action returns one), core\'s LinkResult of the first link and Created, and `links` with each of the request.';

/** A text as an IML string literal. */
export function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * `switch(value, 'a', 'label of a', ..., value)`: core's label for each known value (pairs whose label is
 * the value itself are left out), the value itself otherwise.
 */
export function labelSwitch(value: string, labels: readonly (readonly [string, string])[]): string {
  const pairs = labels.filter(([known, label]) => known !== label).flatMap(([known, label]) => [quoted(known), quoted(label)]);
  return pairs.length === 0 ? value : `switch(${[value, ...pairs, value].join(', ')})`;
}

/**
 * The connection's label as core's `describeAccount` words it (`personAccount`): "Full Name (handle)", or
 * whichever of the two is known, or the fallback. `name` and `handle` are IML paths into the response.
 */
export function personLabel(name: string, handle: string, fallback: string): string {
  return iml(`if(${name} && ${handle} && ${name} != ${handle}, ${name} + ' (' + ${handle} + ')', ifempty(${name}, ifempty(${handle}, ${quoted(fallback)})))`);
}

/**
 * A Delete a Link module: the API's delete request, then core's `sendDeleteLink` result `{ deleted, ref }`.
 * A link already gone is the API's not-found error (404, through the Base's error directive), or, with
 * **Succeed If Already Gone** (`missingOk`), `deleted: false`, as core's `missingOk` has it.
 */
export function deleteModule(comment: string, request: RequestSpec, refFields: readonly Field[]): CommunicationFile {
  return {
    comment: [comment, 'A 404 is the not-found error, or with missingOk `deleted: false`; the ref is the input as core checks it (trimmed).'],
    spec: {
      ...request,
      response: {
        valid: '{{statusCode < 400 || (parameters.missingOk && statusCode == 404)}}',
        output: { deleted: '{{statusCode < 400}}', ref: Object.fromEntries(refFields.map(({ key }) => [key, iml(trimmed(`parameters.${key}`))])) },
      },
    },
  };
}

/** Search Links' Limit unless set (Make's convention for searches: optional, 10). */
export const SEARCH_LIMIT = 10;

/**
 * An RPC's IML, from the core picker it translates: `at(param)` is the IML path of the module parameter the
 * picker's parameter comes from (`parameters.entity1Type`), so one source serves every field mapping.
 */
export interface RpcIml {
  file(at: (param: string) => string): CommunicationFile;
  /** What the search button's form asks besides Search (Make parameters), where the RPC needs more. */
  searchForm?: readonly Record<string, unknown>[];
}

/** The most options an RPC lists: three pages of the picker (Make recommends at most 3 requests per RPC). */
export function rpcLimit(pageSize: number): number {
  return 3 * pageSize;
}

/** The search text as core checks it (`checkOptionQuery`): trimmed. */
export const SEARCH = 'trim(parameters.search)';

/**
 * A JavaScript regular expression as an IML regex text, without backslashes (`\.` -> `[.]`, `\d` -> `[0-9]`),
 * whose escaping inside IML quotes Make does not document. Anything else with a backslash is refused.
 */
export function imlRegex(pattern: string): string {
  const plain = pattern.replace(/\\\./g, '[.]').replace(/\\d/g, '[0-9]');
  if (plain.includes('\\')) throw new Error(`No backslash-free IML form for the pattern ${pattern}`);
  return quoted(`/${plain}/`);
}

/** Core's `idFromUrl`: the id a pasted web address names (the rule's first group), else the text itself. */
export function idFromUrl(text: string, rule: { pattern: string } | undefined): string {
  if (!rule) return text;
  const id = `replace(${text}, ${imlRegex(rule.pattern)}, '$1')`;
  return `if(${id} != ${text}, ${id}, ${text})`;
}

/**
 * Core's filter of a page an API cannot search (`search: 'page'`): with a search text, only options whose
 * label, description or value holds it, letters compared in lower case.
 */
export function pageFilter(search: string, option: { label: string; description: string; value: string }): string {
  const holds = (part: string) => `contains(lower(${part}), lower(${search}))`;
  return `(${search} == '' || ${holds(option.label)} || ${holds(option.description)} || ${holds(option.value)})`;
}

/**
 * The next Spring page of a OneTrust search (core's `nextPage`), for `pagination`: `page` is the page the
 * previous answer was (its `number`, else the page asked for: `pagination.page - 2`, Make counting the first
 * extra page as 2).
 */
export function springPaging(pageSize: number, container = 'body.content'): { qs: Record<string, string>; condition: string } {
  const number = 'ifempty(body.number, pagination.page - 2)';
  return {
    qs: { page: `{{'' + (${number} + 1)}}` },
    condition: `{{length(${container}) > 0 && body.last != true && if(body.totalPages >= 0, ${number} + 1 < body.totalPages, body.last == false || length(${container}) >= ${pageSize})}}`,
  };
}

/**
 * Search Links Between Two Records (core's find): the Search Links request of the first record, every page,
 * keeping only the links core's `matchesFind` keeps (`match`, an IML condition over `item`, the listed link:
 * to the other record, of the type where given). `request` replaces members of the list request (DevRev
 * asks links.list for the one link type).
 */
export function findModule(comment: string[], search: RequestSpec, match: string, request: Partial<RequestSpec> = {}): CommunicationFile {
  const response = search.response!;
  const iterate = typeof response.iterate === 'object' && response.iterate !== null ? (response.iterate as { container: string; condition?: string }) : { container: String(response.iterate) };
  const listed = iterate.condition ? `${iterate.condition.slice(2, -2)} && ` : '';
  return {
    comment,
    spec: {
      ...search,
      ...request,
      ...(request.body && typeof search.body === 'object' && typeof request.body === 'object' ? { body: { ...(search.body as object), ...(request.body as object) } } : {}),
      response: { ...response, iterate: { container: iterate.container, condition: `{{${listed}(${match})}}` } },
    },
  };
}

/**
 * Make an API Call's path rule: relative to the connection's base URL, so the token only ever goes there.
 * A path starts with one `/`, and has no dot segment (`.` or `..`, also percent-encoded, which URL parsers
 * resolve the same), no backslash (some parsers read it as `/`), no white space and no fragment. Make checks
 * the parameter against it before the module runs (mapped values included); the IML checks it again.
 */
export const API_CALL_PATH_PATTERN = '^/(?![/\\\\])(?!(?:[^?]*/)?(?:\\.|%2[eE]){1,2}(?:[/?]|$))[^\\s\\\\#]*$';

/**
 * Make an API Call (Make's universal module), the same for every app: the path (relative to the Base's base
 * URL, with the Base's auth headers and error handling), method, headers and query string as key/value
 * lists, and a JSON body; the output is the response's body, headers and status code. A path the rule
 * refuses is never sent: the request's condition is false and the module outputs `refused` with why.
 */
export function apiCallModule(baseHeaderPairs?: string): CommunicationFile {
  // The Base's own spread header (Tracker's organization header) would be replaced by this one, so it comes
  // in here as key/value pairs ahead of the user's (arrays merge; a user's header of the same name wins).
  const pairs = baseHeaderPairs ? `merge(${baseHeaderPairs}, parameters.headers)` : 'parameters.headers';
  const userHeaders = `toCollection(${pairs}, 'key', 'value')`;
  const path = 'trim(parameters.url)';
  // The same rule without backslashes (their escaping inside IML quotes is undocumented): a backslash is
  // found as its percent-encoding.
  const allowed = [
    `(${path} == '/' || replace(${path}, '/^[/][^/]/', '') != ${path})`,
    `replace(lower(first(split(${path}, '?'))), '/(^|[/])([.]|%2e){1,2}([/]|$)/', '') == lower(first(split(${path}, '?')))`,
    `!contains(encodeURL(${path}), '%5C')`,
    `!contains(${path}, '#')`,
  ].join(' && ');
  return {
    comment: [
      'Make an API Call: the path is relative to the Base\'s base URL (the connection\'s), with its auth headers and errors; a path that',
      'is absolute, starts with //, or has a dot segment (. or .., also %2e) or a backslash is refused before the run (the parameter\'s',
      'pattern) and, should one reach the module, never sent (condition false).',
    ],
    spec: {
      condition: iml(allowed),
      url: iml(path),
      method: '{{ifempty(parameters.method, \'GET\')}}',
      headers: { '{{...}}': iml(userHeaders) },
      qs: { '{{...}}': "{{toCollection(parameters.qs, 'key', 'value')}}" },
      // A JSON parameter: Make parses the text before the communication reads it.
      body: '{{ifempty(parameters.body, undefined)}}',
      response: {
        output: { body: '{{body}}', headers: '{{headers}}', statusCode: '{{statusCode}}' },
      },
    },
  };
}

/** The If Already Linked option as Make hands it (absent: `create`, core's default). */
export const IF_EXISTS = "ifempty(parameters.ifExists, 'create')";

/**
 * How Create a Link looks for the link before creating it (core's `ifExists` skip and fail): up to `pages`
 * requests of the source record's links, each IML over the answer (`body`).
 */
export interface LookupPlan {
  /** The API's name, for the messages. */
  name: string;
  /** The Base's error directive, for the API's own errors on a look-up. */
  errors: ErrorSpec;
  pages: number;
  pageSize: number;
  /** The request members (url, method, qs, body) of look-up page `k` (0 first; `temp.next` is the previous page's next). */
  page(k: number): RequestSpec;
  /** Whether this page holds the link; the id of the link it holds; whether there is a page after page `k`; its cursor or number. */
  found: string;
  existing: string;
  more(k: number): string;
  next(k: number): string;
}

/**
 * Make's multiple requests before the create, for If Already Linked skip and fail: each look-up page runs
 * while the link is not found and the API has more pages, saving `temp.found` and `temp.existingId` for the
 * create request. With fail, a found link is an error (DuplicateDataError) and nothing is created; with
 * either, a source record with more links than the pages read is an error too (nothing is created: the
 * link may be on a page not read). The create request (last, and always sent) reads the existing link
 * instead of creating one when it was found.
 */
export function lookupRequests(plan: LookupPlan): RequestSpec[] {
  const checked = plan.pages * plan.pageSize;
  return Array.from({ length: plan.pages }, (_, k): RequestSpec => {
    const last = k === plan.pages - 1;
    // The response's temp comes first (Make renders it before everything else), so the check and the message read it.
    const refused = `(${IF_EXISTS} == 'fail' && temp.found)${last ? ' || (temp.more && !temp.found)' : ''}`;
    return {
      condition: k === 0 ? iml(`${IF_EXISTS} != 'create'`) : iml(`${IF_EXISTS} != 'create' && !temp.found && temp.more`),
      ...plan.page(k),
      response: {
        temp: { found: iml(plan.found), existingId: iml(`if(${plan.found}, ${plan.existing}, null)`), more: iml(plan.more(k)), next: iml(plan.next(k)) },
        valid: iml(`statusCode < 400 && !(${refused})`),
        // The Base's errors for the API's statuses (a component's error replaces the Base's), and the refusals on a 200.
        error: {
          ...plan.errors,
          '200': {
            type: "{{if(temp.found, 'DuplicateDataError', 'RuntimeError')}}",
            message: iml(
              `if(temp.found, ${quoted(`${plan.name} already has this link (link `)} + temp.existingId + ${quoted('); nothing was sent (If Already Linked is "fail")')}, ${quoted(`${plan.name}: the source record has more than ${checked} links to look through, so the link may be on a later page; nothing was sent (If Already Linked is "`)} + ${IF_EXISTS} + '")')`,
            ),
          },
        },
      },
    };
  });
}

/** The position (from 1) of `wanted` in the texts `keys`, found there (IML has no index-of): the count of keys before it, plus one. */
export function positionOf(keys: string, wanted: string): string {
  return `length(split(first(split(join(${keys}, ','), ${wanted})), ','))`;
}
