import { type AnyProvider, checkOptionQuery, collectOptions, type Field, isSuccess, parseErrorResponse, sendOptionSearch } from '@links/core';
import {
  type ILoadOptionsFunctions,
  type INodeListSearchResult,
  type INodeProperties,
  type INodePropertyOptions,
  type INodeType,
  type INodeTypeDescription,
  NodeConnectionTypes,
} from 'n8n-workflow';
import { credentialTestFor, credentialTestName } from './credential';
import { toNodeError } from './errors';
import { baseUrlFor } from './execute';
import { listSearchMethodName, locatorPicker, plainValue } from './locator';
import { type NodeOperation, OPERATIONS } from './operations';
import { loadOptionsMethodName, operationProperties, showFor, toNodeProperty } from './properties';
import { DEFAULT_PARALLEL_REQUESTS, DEFAULT_TIMEOUT_MS, n8nTransport } from './transport';

/** Resource "Link" and its operations, each a translation of one core operation (`OPERATIONS`). */
function resourceAndOperation(): INodeProperties[] {
  return [
    {
      displayName: 'Resource',
      name: 'resource',
      type: 'options',
      noDataExpression: true,
      options: [{ name: 'Link', value: 'link' }],
      default: 'link',
    },
    {
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: { show: { resource: ['link'] } },
      options: OPERATIONS.map(({ name, value, action, description }) => ({ name, value, action, description })),
      default: 'create',
    },
  ];
}

/** The name of the Delete option that says what a link already gone means. */
export const IF_MISSING = 'ifMissing';

/** What each operation adds to its fields: Create's If Already Linked, Get Many's Return All and Limit, Delete's If Link Is Missing. */
function operationOptions(provider: AnyProvider, operation: NodeOperation): INodeProperties[] {
  switch (operation) {
    case 'create':
      return provider.operations.create.optionFields.map((field) => ({ ...toNodeProperty(field, { in: 'root', operation: 'create' }), noDataExpression: true }));
    case 'getAll':
      return [
        {
          displayName: 'Return All',
          name: 'returnAll',
          type: 'boolean',
          default: false,
          description: 'Whether to return all results or only up to a given limit',
          displayOptions: showFor('getAll'),
        },
        {
          displayName: 'Limit',
          name: 'limit',
          type: 'number',
          typeOptions: { minValue: 1 },
          default: provider.operations.list.defaultLimit,
          description: 'Max number of results to return',
          displayOptions: { show: { resource: ['link'], operation: ['getAll'], returnAll: [false] } },
        },
      ];
    case 'delete':
      return [
        {
          displayName: 'If Link Is Missing',
          name: IF_MISSING,
          type: 'options',
          noDataExpression: true,
          default: 'error',
          description: 'What to do when the link does not exist (already deleted, or never there)',
          displayOptions: showFor('delete'),
          options: [
            { name: 'Error', value: 'error', description: 'Fail the item with the API\'s "not found" error' },
            { name: 'Count as Success', value: 'succeed', description: 'Output deleted = false for the item, and go on' },
          ],
        },
      ];
    case 'get':
      return [];
  }
}

/** Settings of the request itself, not of the link. */
const requestOptions: INodeProperties = {
  displayName: 'Options',
  name: 'options',
  type: 'collection',
  placeholder: 'Add Option',
  default: {},
  displayOptions: { show: { resource: ['link'] } },
  options: [
    {
      displayName: 'Parallel Requests',
      name: 'parallelRequests',
      type: 'number',
      typeOptions: { minValue: 1, maxValue: 16 },
      default: DEFAULT_PARALLEL_REQUESTS,
      description: 'How many requests to send at once. Lower it if the API rate limits you; 1 sends the items one by one.',
    },
    {
      displayName: 'Timeout',
      name: 'timeout',
      type: 'number',
      typeOptions: { minValue: 1000 },
      default: DEFAULT_TIMEOUT_MS,
      description: 'How long to wait for each response, in milliseconds. After a timeout a create or delete may or may not have happened, so nothing is re-sent.',
    },
  ],
};

/**
 * The parts of a node description that every Links node shares; each node adds its name, icon, texts and its
 * credential (`testedBy` naming the `credentialTest` method of `linkNodeMethods`).
 */
export function linkNodeDescription(provider: AnyProvider, displayName: string) {
  return {
    group: ['transform'],
    version: 1,
    defaults: { name: displayName },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    properties: [
      ...resourceAndOperation(),
      ...OPERATIONS.flatMap((spec) => [...operationProperties(spec.value, spec.fields(provider), provider.pickers), ...operationOptions(provider, spec.value)]),
      requestOptions,
    ],
  } satisfies Partial<INodeTypeDescription>;
}

/**
 * `loadOptions` methods for every dropdown the provider can fill from its API (DevRev's custom link types), and
 * the credential test that applies core's rules (`credentialTestName(credentialType)`).
 */
export function linkNodeMethods(provider: AnyProvider, credentialType: string): INodeType['methods'] {
  const loadOptions: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {};
  for (const [key, source] of Object.entries(provider.optionSources ?? {})) {
    if (!source) continue;
    loadOptions[loadOptionsMethodName(key as NonNullable<Field['dynamicOptions']>)] = async function (this: ILoadOptionsFunctions) {
      const baseUrl = await baseUrlFor(this, provider, credentialType);
      try {
        const transport = n8nTransport(this, credentialType, provider, DEFAULT_TIMEOUT_MS, 'read');
        // Every page where core describes the source as a picker; otherwise its one request.
        const picker = Object.hasOwn(provider.pickers, key) ? provider.pickers[key] : undefined;
        if (picker) {
          const options = await collectOptions(provider, picker, checkOptionQuery(provider, picker, {}), { transport, baseUrl });
          return options.map((option) => ({ name: option.label, value: option.value, description: option.description }));
        }
        const response = await transport(source.buildRequest(baseUrl));
        if (!isSuccess(response)) throw parseErrorResponse(provider, response);
        return source.parse(response).map((option) => ({ name: option.label, value: option.value, description: option.description }));
      } catch (error) {
        throw toNodeError(this.getNode(), error, 0);
      }
    };
  }
  return { loadOptions, listSearch: listSearchMethods(provider, credentialType), credentialTest: { [credentialTestName(credentialType)]: credentialTestFor(provider) } };
}

type ListSearch = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

/**
 * One `listSearch` method per ID field with a picker: a page of core's option search for the text typed, the
 * next page by n8n's `paginationToken` (core's cursor), the source's parameters read from the field's siblings.
 */
function listSearchMethods(provider: AnyProvider, credentialType: string): Record<string, ListSearch> {
  const methods: Record<string, ListSearch> = {};
  // The operations' fields and the fields of their list entries (Tracker's Linked Entity ID in Links).
  const fields = OPERATIONS.flatMap((spec) => spec.fields(provider)).flatMap((field) => [field, ...(field.fields ?? [])]);
  for (const field of fields) {
    const picker = locatorPicker(field, provider.pickers);
    const name = picker && listSearchMethodName(picker.id, field.key);
    if (!picker || !name || methods[name]) continue;
    methods[name] = async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
      const baseUrl = await baseUrlFor(this, provider, credentialType);
      try {
        const params = Object.fromEntries(
          Object.entries(field.picker!.dependsOn ?? {}).map(([param, key]) => {
            const sibling = fields.find((f) => f.key === key);
            return [param, plainValue(this.getCurrentNodeParameter(key), sibling && locatorPicker(sibling, provider.pickers))];
          }),
        );
        const query = checkOptionQuery(provider, picker, { search: filter ?? '', cursor: paginationToken ?? null, params });
        const transport = n8nTransport(this, credentialType, provider, DEFAULT_TIMEOUT_MS, 'read');
        const page = await sendOptionSearch(provider, picker, query, { transport, baseUrl });
        return {
          results: page.options.map((option) => ({ name: option.label, value: option.value, ...(option.url ? { url: option.url } : {}) })),
          ...(page.nextCursor ? { paginationToken: page.nextCursor } : {}),
        };
      } catch (error) {
        throw toNodeError(this.getNode(), error, 0, undefined, 'read');
      }
    };
  }
  return methods;
}
