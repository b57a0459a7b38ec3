// The parts of a node description that every Links node shares: Resource "Link", its operations (generated from
// core's field model) and the request settings.
import type { AnyProvider } from '@links/core';
import { type INodeProperties, type INodeTypeDescription, NodeConnectionTypes } from 'n8n-workflow';
import { DEFAULT_PARALLEL_REQUESTS, DEFAULT_TIMEOUT_MS } from '../transport';
import * as link from './link';

const resource: INodeProperties = {
  displayName: 'Resource',
  name: 'resource',
  type: 'options',
  noDataExpression: true,
  options: [{ name: 'Link', value: 'link' }],
  default: 'link',
};

/** Settings of the requests themselves, not of the link. */
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
 * The shared part of a Links node's description; each node adds its name, icon, texts and its credential
 * (`testedBy` naming the `credentialTest` method of `linkNodeMethods`).
 */
export function versionDescription(provider: AnyProvider, displayName: string) {
  return {
    group: ['transform'],
    version: 1,
    defaults: { name: displayName },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    properties: [resource, ...link.description(provider), requestOptions],
  } satisfies Partial<INodeTypeDescription>;
}
