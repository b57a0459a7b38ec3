// Runs Resource "Link"'s operations: reads and checks every item, sends them through the operation's plan (core's
// flows), names link types given only by id, and turns each failure into the node error n8n shows.
import { type AnyProvider, type CheckedInput, DEFAULT_RETRY_POLICY, linkTypeNamer, type RequestEffect, restateOutcome, sendWithRetries, type Transport } from '@links/core';
import { type IExecuteFunctions, type INodeExecutionData, NodeOperationError, sleep } from 'n8n-workflow';
import { baseUrlFor, credentialSecrets, tokenMissing } from '../credential';
import { toNodeError } from '../errors';
import { BlockedByN8nError, DEFAULT_PARALLEL_REQUESTS, DEFAULT_TIMEOUT_MS, firstRequestAlone, n8nTransport } from '../transport';
import { operationNamed } from './link';

/** Core's transport over n8n's helper, re-sending only what the server refused (429, 503), as core's client does. */
export function retryingTransport(context: IExecuteFunctions, provider: AnyProvider, credentialType: string, timeoutMs: number, effect: RequestEffect = 'create'): Transport {
  const transport = n8nTransport(context, credentialType, provider, timeoutMs, effect === 'read' ? 'read' : 'create');
  return (request) => sendWithRetries(provider, () => transport(request), { policy: DEFAULT_RETRY_POLICY, sleep });
}

/** A failure restated for what the request did (a delete "may or may not have been deleted"); n8n's own refusal stays as it is. */
function restated(error: unknown, effect: RequestEffect): unknown {
  return error instanceof BlockedByN8nError ? error : restateOutcome(error, effect);
}

/**
 * Runs the node's operation for every input item: read and validate all items first (so bad input sends
 * nothing without Continue On Fail), then send through core's flows a few at a time (Create through core's bulk
 * create, which groups Yandex Tracker items that start from the same entity into one request). One output item
 * per link (Get Many: per listed link; Delete: `{ deleted, ref }`), paired with its input item.
 */
export async function executeLinkOperation(this: IExecuteFunctions, provider: AnyProvider, credentialType: string): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const operation = this.getNodeParameter('operation', 0, 'create');
  const spec = operationNamed(operation);
  if (!spec) throw new NodeOperationError(this.getNode(), `The operation "${String(operation)}" is not supported`);
  const outputs: INodeExecutionData[][] = items.map(() => []);
  let secrets = await credentialSecrets(this, provider, credentialType);
  const fail = (error: unknown, itemIndex: number) => {
    const nodeError = toNodeError(this.getNode(), restated(error, spec.effect), itemIndex, undefined, spec.effect, secrets);
    if (!this.continueOnFail()) throw nodeError;
    outputs[itemIndex] = [{ json: { error: nodeError.message, description: nodeError.description ?? null }, pairedItem: { item: itemIndex } }];
  };

  const baseUrl = await baseUrlFor(this, provider, credentialType);

  const { timeout, parallelRequests } = this.getNodeParameter('options', 0, {}) as { timeout?: number; parallelRequests?: number };
  const retrying = retryingTransport(this, provider, credentialType, timeout ?? DEFAULT_TIMEOUT_MS, spec.effect);
  const transport = (await tokenMissing(this, provider, credentialType)) ? firstRequestAlone(retrying) : retrying;
  const plan = spec.plan(this, provider, { transport, baseUrl, concurrency: parallelRequests ?? DEFAULT_PARALLEL_REQUESTS });

  // Every item is read and checked before anything is sent; an invalid one (with Continue On Fail) sends nothing.
  const checked = new Map<number, CheckedInput>();
  const invalid = new Map<number, unknown>();
  items.forEach((_, itemIndex) => {
    try {
      checked.set(itemIndex, plan.validate(itemIndex));
    } catch (error) {
      invalid.set(itemIndex, error);
      fail(error, itemIndex);
    }
  });
  const checkedInput = (itemIndex: number): CheckedInput => {
    if (invalid.has(itemIndex)) throw invalid.get(itemIndex);
    return checked.get(itemIndex)!;
  };

  // Item indexes go to core as the inputs, so that what core reports (a duplicate of input 2) names the item.
  const settled = await plan.send(items.map((_, itemIndex) => itemIndex), checkedInput);
  // n8n may have fetched a new OneTrust token while sending: that one is a secret too.
  if (settled.some((outcome) => outcome.status === 'rejected')) secrets = await credentialSecrets(this, provider, credentialType);
  // Link types the links give only by id (DevRev's custom link types) named from one list for the whole run.
  const name = linkTypeNamer(provider, { transport: retryingTransport(this, provider, credentialType, timeout ?? DEFAULT_TIMEOUT_MS, 'read'), baseUrl });
  // Outcomes in input order: the first failure (without Continue On Fail) is the one reported.
  for (const [index, outcome] of settled.entries()) {
    if (invalid.has(index)) continue;
    if (outcome.status === 'rejected') {
      fail(outcome.reason, index);
      continue;
    }
    outputs[index] = await Promise.all(outcome.value.map(async (json) => ({ json: await name(json), pairedItem: { item: index } })));
  }
  return [outputs.flat()];
}
