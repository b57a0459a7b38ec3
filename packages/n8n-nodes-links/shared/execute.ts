import {
  type AnyProvider,
  type CheckedInput,
  collectLinks,
  DEFAULT_RETRY_POLICY,
  linkTypeNamer,
  type Field,
  type ProviderId,
  type RequestEffect,
  restateOutcome,
  sendCreateLinks,
  sendDeleteLink,
  sendGetLink,
  sendInBulk,
  sendWithRetries,
  type Transport,
} from '@links/core';
import {
  type IDataObject,
  type IExecuteFunctions,
  type ILoadOptionsFunctions,
  type INodeExecutionData,
  NodeOperationError,
  sleep,
} from 'n8n-workflow';
import { readCredentials } from './credential';
import { inputValue, locatorPicker } from './locator';
import { toNodeError } from './errors';
import { operationSpec, type OperationSpec } from './operations';
import { BlockedByN8nError, DEFAULT_PARALLEL_REQUESTS, DEFAULT_TIMEOUT_MS, n8nTransport } from './transport';

/** Reads one item's parameters for these fields into core's input shape (fixed collections become lists). */
function readInput(context: IExecuteFunctions, fields: readonly Field[], itemIndex: number, provider: AnyProvider): Record<string, unknown> {
  const pickers = provider.pickers;
  const input: Record<string, unknown> = {};
  for (const field of fields.filter((f) => !f.advanced)) {
    const value = inputValue(context.getNodeParameter(field.key, itemIndex, ''), field, locatorPicker(field, pickers), provider.id);
    input[field.key] = field.type === 'list' ? listEntries(value, field, pickers, provider.id) : value;
  }
  if (fields.some((f) => f.advanced)) Object.assign(input, context.getNodeParameter('additionalFields', itemIndex, {}));
  return input;
}

/** A fixed collection's entries, each picker field's resource locator as its plain value. */
function listEntries(value: unknown, field: Field, pickers: AnyProvider['pickers'], provider: ProviderId): unknown {
  const entries = (value as IDataObject | undefined)?.values ?? [];
  if (!Array.isArray(entries)) return entries;
  return entries.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null) return entry;
    const plain = { ...(entry as IDataObject) };
    for (const sub of field.fields ?? []) if (Object.hasOwn(plain, sub.key)) plain[sub.key] = inputValue(plain[sub.key], sub, locatorPicker(sub, pickers), provider, `${field.key}[${index}].${sub.key}`) as IDataObject[string];
    return plain;
  });
}

/** The base URL for this node's credential, checked by core before anything is sent. */
export async function baseUrlFor(context: IExecuteFunctions | ILoadOptionsFunctions, provider: AnyProvider, credentialType: string): Promise<string> {
  try {
    return readCredentials(provider, await context.getCredentials(credentialType)).baseUrl;
  } catch (error) {
    // A problem in the credential's fields: the error names the credential.
    throw toNodeError(context.getNode(), error, 0, provider);
  }
}

/** Core's transport over n8n's helper, re-sending only what the server refused (429, 503), as core's client does. */
export function retryingTransport(context: IExecuteFunctions, provider: AnyProvider, credentialType: string, timeoutMs: number, effect: RequestEffect = 'create'): Transport {
  const transport = n8nTransport(context, credentialType, provider, timeoutMs, effect === 'read' ? 'read' : 'create');
  return (request) => sendWithRetries(provider, () => transport(request), { policy: DEFAULT_RETRY_POLICY, sleep });
}

/** A failure restated for what the request did (a delete "may or may not have been deleted"); n8n's own refusal stays as it is. */
function restated(error: unknown, effect: RequestEffect): unknown {
  return error instanceof BlockedByN8nError ? error : restateOutcome(error, effect);
}

type Settled = PromiseSettledResult<IDataObject[]>;

/**
 * What one operation does with the node's items. `validate` reads and checks one item (throwing an
 * `InputError` naming the field); `send` gets every item's checked input, indexed by item, and settles each.
 */
interface Plan {
  validate(itemIndex: number): CheckedInput;
  send(inputs: readonly number[], checked: (itemIndex: number) => CheckedInput): Promise<Settled[]>;
}

function planFor(context: IExecuteFunctions, provider: AnyProvider, spec: OperationSpec, send: { transport: Transport; baseUrl: string; concurrency: number }): Plan {
  const fields = spec.fields(provider);
  // One result per item for core's bulk flow (which keeps one result per unbatched input): the item's output items.
  const each = (run: (input: CheckedInput, itemIndex: number) => Promise<IDataObject[]>) => async (items: readonly number[], checked: (itemIndex: number) => CheckedInput) => {
    const settled = await sendInBulk<{ itemIndex: number }, IDataObject[]>(items, {
      validate: (itemIndex) => (checked(itemIndex as number) && { itemIndex: itemIndex as number }),
      send: async ({ itemIndex }) => [await run(checked(itemIndex), itemIndex)],
      concurrency: send.concurrency,
    });
    return settled.map((outcome): Settled => (outcome.status === 'fulfilled' ? { status: 'fulfilled', value: outcome.value[0] ?? [] } : outcome));
  };
  switch (spec.value) {
    case 'create':
      return {
        validate: (itemIndex) => provider.validateInput(readInput(context, fields, itemIndex, provider)) as CheckedInput,
        send: async (items, checked) => {
          const ifExists = context.getNodeParameter('ifExists', 0, 'create') as string;
          const settled = await sendCreateLinks(provider, items, { ...send, ifExists: ifExists as 'create', validate: (itemIndex) => checked(itemIndex as number) });
          return settled as unknown as Settled[];
        },
      };
    case 'get':
      return {
        validate: (itemIndex) => provider.operations.get.validate(readInput(context, fields, itemIndex, provider)),
        send: each(async (ref) => [(await sendGetLink(provider, ref, send)) as unknown as IDataObject]),
      };
    case 'getAll':
      return {
        validate: (itemIndex) => provider.operations.list.validate(readInput(context, fields, itemIndex, provider)),
        send: each(async (query, itemIndex) => {
          const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
          const limit = returnAll ? undefined : (context.getNodeParameter('limit', itemIndex, provider.operations.list.defaultLimit) as number);
          return (await collectLinks(provider, query, { ...send, limit })) as unknown as IDataObject[];
        }),
      };
    case 'delete':
      return {
        validate: (itemIndex) => provider.operations.delete.validate(readInput(context, fields, itemIndex, provider)),
        send: each(async (ref, itemIndex) => {
          const missingOk = context.getNodeParameter('ifMissing', itemIndex, 'error') === 'succeed';
          return [(await sendDeleteLink(provider, ref, { ...send, missingOk })) as unknown as IDataObject];
        }),
      };
  }
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
  const spec = operationSpec(operation);
  if (!spec) throw new NodeOperationError(this.getNode(), `The operation "${String(operation)}" is not supported`);
  const outputs: INodeExecutionData[][] = items.map(() => []);
  const fail = (error: unknown, itemIndex: number) => {
    const nodeError = toNodeError(this.getNode(), restated(error, spec.effect), itemIndex, undefined, spec.effect);
    if (!this.continueOnFail()) throw nodeError;
    outputs[itemIndex] = [{ json: { error: nodeError.message, description: nodeError.description ?? null }, pairedItem: { item: itemIndex } }];
  };

  const baseUrl = await baseUrlFor(this, provider, credentialType);

  const { timeout, parallelRequests } = this.getNodeParameter('options', 0, {}) as { timeout?: number; parallelRequests?: number };
  const transport = retryingTransport(this, provider, credentialType, timeout ?? DEFAULT_TIMEOUT_MS, spec.effect);
  const plan = planFor(this, provider, spec, { transport, baseUrl, concurrency: parallelRequests ?? DEFAULT_PARALLEL_REQUESTS });

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
