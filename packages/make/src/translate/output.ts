/**
 * What every Create a Link module outputs: one bundle (Make actions output exactly one) that is core's
 * normalized LinkResult of the first link created, plus `links` with every LinkResult of the request.
 * OneTrust and DevRev create one link per run, so `links` has one entry; Yandex Tracker creates one per
 * linked entity. The same shape in every app, and the same field names as n8n and Zapier.
 */
import { type DeleteResult, type Field, type LinkEnd, type LinkRef, type LinkResult, type Provider, type StoredLink, isFieldActive } from '@links/core';
import type { MakeParameter } from './parameters.js';

/** A link of a create's output: core's LinkResult, and `created` (false: it existed and was kept, If Already Linked skip). */
export type CreatedResult = LinkResult & { created: boolean };
export type ModuleOutput = CreatedResult & { links: CreatedResult[] };

/** The module's bundle for the results core returns (each `created` unless it says otherwise). */
export function moduleOutput(results: readonly (LinkResult & { created?: boolean })[]): ModuleOutput {
  if (results.length === 0) throw new Error('A create returned no link');
  const links = results.map(({ created, ...link }) => ({ ...(link as LinkResult), created: created ?? true }));
  return { ...links[0]!, links };
}

const LINK_END: Record<keyof LinkEnd, MakeParameter> = {
  id: { name: 'id', label: 'ID', type: 'text' },
  type: { name: 'type', label: 'Type', type: 'text' },
  name: { name: 'name', label: 'Name', type: 'text' },
  displayId: { name: 'displayId', label: 'Display ID', type: 'text' },
};

/** Typed against core's LinkResult, so a field added there fails to compile here until it is described. */
const LINK_RESULT: Record<keyof LinkResult, MakeParameter> = {
  provider: { name: 'provider', label: 'Provider', type: 'text' },
  id: { name: 'id', label: 'Link ID', type: 'text' },
  linkType: { name: 'linkType', label: 'Link Type', type: 'text' },
  linkTypeLabel: { name: 'linkTypeLabel', label: 'Link Type Label', type: 'text' },
  source: { name: 'source', label: 'Source', type: 'collection', spec: Object.values(LINK_END) },
  target: { name: 'target', label: 'Target', type: 'collection', spec: Object.values(LINK_END) },
  createdAt: { name: 'createdAt', label: 'Created At', type: 'date' },
  raw: { name: 'raw', label: 'API Response', type: 'any' },
};

const CREATED: MakeParameter = { name: 'created', label: 'Created', type: 'boolean' };

/** The module's interface: the LinkResult fields and Created, then `links`. */
export function moduleInterface(): MakeParameter[] {
  const link = [...Object.values(LINK_RESULT), CREATED];
  return [...link, { name: 'links', label: 'Links', type: 'array', spec: link }];
}

/** Get a Link's output: core's StoredLink, the LinkResult fields and `ref` keyed as the get fields name it. */
export function getInterface(provider: Provider<any, any>): MakeParameter[] {
  const ref = provider.operations.get.fields.map((field: Field) => ({ name: field.key, label: field.label, type: 'text' }));
  return [...Object.values(LINK_RESULT), { name: 'ref', label: 'Link Reference', type: 'collection', spec: ref }];
}

/** Search Links' Limit, placed last: optional, 10 unless set (Make's convention for searches), not advanced. */
export function limitParameter(defaultLimit: number): MakeParameter {
  return {
    name: 'limit',
    label: 'Limit',
    type: 'uinteger',
    help: `The most links to output (every page is read until then). Default: ${defaultLimit}.`,
    required: false,
    default: defaultLimit,
    validate: { min: 1 },
  };
}

/** Search Links' samples: core's StoredLinks of the first page of its documented list example. */
export function searchSamples(provider: Provider<any, any>): StoredLink {
  const { input, pages } = provider.examples.list;
  const list = provider.operations.list;
  const query = list.validate(input);
  const [link] = list.parseResponse(pages[0]!, query, { cursor: null, size: list.pageSize ?? 0 }).links;
  if (!link) throw new Error(`${provider.id}: the documented list example has no link`);
  return link;
}

/** Get a Link's samples: core's StoredLink for its documented get example. */
export function getSamples(provider: Provider<any, any>): StoredLink {
  const { input, response } = provider.examples.get;
  const link = provider.operations.get.parseResponse(response, provider.operations.get.validate(input));
  if (!link) throw new Error(`${provider.id}: the documented get example has no link`);
  return link;
}

/** An input made of the fields' examples (or defaults), as a user would fill the module in. */
export function exampleInput(fields: readonly Field[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const value = field.example ?? field.default;
    if (value !== undefined && isFieldActive(field, input)) input[field.key] = value;
  }
  return input;
}

/** The module's samples: what core makes of its documented create example (`provider.examples.create`). */
export function moduleSamples(provider: Provider<any, any>): ModuleOutput {
  const { input, response } = provider.examples.create;
  return moduleOutput(provider.parseCreateResponse(response, provider.validateInput(input)));
}

/** Delete a Link's option: core's `missingOk` (a link already gone is `deleted: false`, not an error). */
export const MISSING_OK_PARAMETER: MakeParameter = {
  name: 'missingOk',
  label: 'Succeed If Already Gone',
  type: 'boolean',
  help: 'Yes: a link that no longer exists (the API answers 404) outputs Deleted = No instead of failing. No: it is a not-found error.',
  required: false,
  default: false,
};

/** Delete a Link's output: core's DeleteResult, `{ deleted, ref }`, the ref keyed as the delete fields name it. */
export function deleteInterface(provider: Provider<any, any>): MakeParameter[] {
  const ref = provider.operations.delete.fields.map((field: Field) => ({ name: field.key, label: field.label, type: 'text' }));
  return [
    { name: 'deleted', label: 'Deleted', type: 'boolean' },
    { name: 'ref', label: 'Link Reference', type: 'collection', spec: ref },
  ];
}

/** Delete a Link's samples: core's result for its documented delete example. */
export function deleteSamples(provider: Provider<any, any>): DeleteResult {
  return { deleted: true, ref: provider.operations.delete.validate(provider.examples.delete.input) as LinkRef };
}

const EXAMPLE_BASE = 'https://base.example';

/** A documented request of the API as a path relative to its base URL (Make an API Call's example): core's list request. */
export function examplePath(provider: Provider<any, any>): { method: string; path: string } {
  const list = provider.operations.list;
  const request = list.buildRequest(list.validate(provider.examples.list.input), EXAMPLE_BASE, { cursor: null, size: list.pageSize ?? 0 });
  const url = new URL(request.url);
  return { method: request.method, path: `${url.pathname}${url.search}` };
}

/** Make an API Call's parameters: the path (relative, checked by `pattern`), method, headers, query string and JSON body. */
export function apiCallParameters(provider: Provider<any, any>, pattern: string, baseUrlLabel: string): MakeParameter[] {
  const example = examplePath(provider);
  const pairs = (name: string, label: string, help: string): MakeParameter => ({
    name,
    label,
    type: 'array',
    help,
    required: false,
    spec: [
      { name: 'key', label: 'Key', type: 'text', required: true },
      { name: 'value', label: 'Value', type: 'text' },
    ],
  });
  return [
    {
      name: 'url',
      label: 'URL',
      type: 'text',
      help: `A path relative to ${baseUrlLabel}, starting with /. For example: ${example.path.split('?')[0]}. Absolute URLs, // and dot segments (. or ..) are refused.`,
      required: true,
      validate: { pattern },
    },
    {
      name: 'method',
      label: 'Method',
      type: 'select',
      required: true,
      default: 'GET',
      options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => ({ label: method, value: method })),
    },
    pairs('headers', 'Headers', 'Headers of your own; the connection\'s authorization and organization headers are added.'),
    pairs('qs', 'Query String', 'Query parameters, each encoded.'),
    { name: 'body', label: 'Body', type: 'json', help: 'A JSON body (left out when empty, and with GET).', required: false },
  ];
}

/** Make an API Call's output: the response's body, headers and status code. */
export const API_CALL_INTERFACE: MakeParameter[] = [
  { name: 'body', label: 'Body', type: 'any' },
  { name: 'headers', label: 'Headers', type: 'collection' },
  { name: 'statusCode', label: 'Status Code', type: 'number' },
];

/** Make an API Call's samples: the API's documented answer to the example request (core's list example). */
export function apiCallSamples(provider: Provider<any, any>): Record<string, unknown> {
  const page = provider.examples.list.pages[0]!;
  return { body: page.body, headers: page.headers, statusCode: page.status };
}
