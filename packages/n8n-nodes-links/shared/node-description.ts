import { type AnyProvider, type Field, isSuccess, parseErrorResponse } from '@links/core';
import {
  type ILoadOptionsFunctions,
  type INodeProperties,
  type INodePropertyOptions,
  type INodeType,
  type INodeTypeDescription,
  NodeConnectionTypes,
} from 'n8n-workflow';
import { credentialTestFor, credentialTestName } from './credential';
import { toNodeError } from './errors';
import { baseUrlFor } from './execute';
import { createLinkProperties, loadOptionsMethodName } from './properties';
import { DEFAULT_PARALLEL_REQUESTS, DEFAULT_TIMEOUT_MS, n8nTransport } from './transport';

/**
 * Resource "Link" and Operation "Create" even with one operation, so that later operations (list, delete)
 * can be added without breaking saved workflows.
 */
const resourceAndOperation: INodeProperties[] = [
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
    options: [{ name: 'Create', value: 'create', action: 'Create a link', description: 'Create a link between two records' }],
    default: 'create',
  },
];

/** Settings of the request itself, not of the link. */
const requestOptions: INodeProperties = {
  displayName: 'Options',
  name: 'options',
  type: 'collection',
  placeholder: 'Add Option',
  default: {},
  displayOptions: { show: { resource: ['link'], operation: ['create'] } },
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
      description: 'How long to wait for each response, in milliseconds. After a timeout the link may or may not exist, so it is not re-sent.',
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
    properties: [...resourceAndOperation, ...createLinkProperties(provider.fields), requestOptions],
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
      let baseUrl: string;
      try {
        baseUrl = await baseUrlFor(this, provider, credentialType);
      } catch (error) {
        throw toNodeError(this.getNode(), error, 0, provider);
      }
      try {
        const response = await n8nTransport(this, credentialType, provider, DEFAULT_TIMEOUT_MS, 'read')(source.buildRequest(baseUrl));
        if (!isSuccess(response)) throw parseErrorResponse(provider, response);
        return source.parse(response).map((option) => ({ name: option.label, value: option.value, description: option.description }));
      } catch (error) {
        throw toNodeError(this.getNode(), error, 0);
      }
    };
  }
  return { loadOptions, credentialTest: { [credentialTestName(credentialType)]: credentialTestFor(provider) } };
}
