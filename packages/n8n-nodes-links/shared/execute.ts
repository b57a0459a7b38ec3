import { type AnyProvider, type CheckedInput, DEFAULT_RETRY_POLICY, sendCreateLinks, sendWithRetries, type Transport } from '@links/core';
import { type IDataObject, type IExecuteFunctions, type ILoadOptionsFunctions, type INodeExecutionData, sleep } from 'n8n-workflow';
import { readCredentials } from './credential';
import { toNodeError } from './errors';
import { DEFAULT_PARALLEL_REQUESTS, DEFAULT_TIMEOUT_MS, n8nTransport } from './transport';

/** Reads one item's parameters into core's input shape (fixed collections become lists). */
function readInput(context: IExecuteFunctions, provider: AnyProvider, itemIndex: number): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of provider.fields.filter((f) => !f.advanced)) {
    const value = context.getNodeParameter(field.key, itemIndex, '');
    input[field.key] = field.type === 'list' ? ((value as IDataObject).values ?? []) : value;
  }
  if (provider.fields.some((f) => f.advanced)) Object.assign(input, context.getNodeParameter('additionalFields', itemIndex, {}));
  return input;
}

/** The base URL for this node's credential, checked by core before anything is sent. */
export async function baseUrlFor(context: IExecuteFunctions | ILoadOptionsFunctions, provider: AnyProvider, credentialType: string): Promise<string> {
  return readCredentials(provider, await context.getCredentials(credentialType)).baseUrl;
}

/** Core's transport over n8n's helper, re-sending only what the server refused (429, 503), as core's client does. */
export function retryingTransport(context: IExecuteFunctions, provider: AnyProvider, credentialType: string, timeoutMs: number): Transport {
  const transport = n8nTransport(context, credentialType, provider, timeoutMs);
  return (request) => sendWithRetries(provider, () => transport(request), { policy: DEFAULT_RETRY_POLICY, sleep });
}

/**
 * Create Link for every input item: read and validate all items first (so bad input sends nothing), then hand
 * them to core's bulk create, which groups Yandex Tracker items that start from the same entity into one
 * request, sends a few at a time and gives the results back per item.
 */
export async function executeCreateLink(this: IExecuteFunctions, provider: AnyProvider, credentialType: string): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const outputs: INodeExecutionData[][] = items.map(() => []);
  const fail = (error: unknown, itemIndex: number) => {
    const nodeError = toNodeError(this.getNode(), error, itemIndex);
    if (!this.continueOnFail()) throw nodeError;
    outputs[itemIndex] = [{ json: { error: nodeError.message, description: nodeError.description ?? null }, pairedItem: { item: itemIndex } }];
  };

  let baseUrl: string;
  try {
    baseUrl = await baseUrlFor(this, provider, credentialType);
  } catch (error) {
    throw toNodeError(this.getNode(), error, 0, provider);
  }

  const valid: { index: number; input: CheckedInput }[] = [];
  items.forEach((_, itemIndex) => {
    try {
      valid.push({ index: itemIndex, input: provider.validateInput(readInput(this, provider, itemIndex)) as CheckedInput });
    } catch (error) {
      fail(error, itemIndex);
    }
  });

  const { timeout, parallelRequests } = this.getNodeParameter('options', 0, {}) as { timeout?: number; parallelRequests?: number };
  const transport = retryingTransport(this, provider, credentialType, timeout ?? DEFAULT_TIMEOUT_MS);
  const settled = await sendCreateLinks(
    provider,
    valid.map(({ input }) => input),
    { transport, baseUrl, concurrency: parallelRequests ?? DEFAULT_PARALLEL_REQUESTS, validate: (input) => input as CheckedInput },
  );
  // Outcomes in input order: the first failure (without Continue On Fail) is the one reported.
  settled.forEach((outcome, i) => {
    const index = valid[i]!.index;
    if (outcome.status === 'rejected') return fail(outcome.reason, index);
    outputs[index] = outcome.value.map((link) => ({ json: link as unknown as IDataObject, pairedItem: { item: index } }));
  });
  return [outputs.flat()];
}
