// What every operation of Resource "Link" is made of: its texts and fields (from core), its own settings, and
// its plan: how one item is read and checked, and how the checked items are sent through core's flows.
import { type AnyProvider, type CheckedInput, type Field, type ProviderId, type RequestEffect, sendInBulk, type Transport } from '@links/core';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { inputValue, locatorPicker } from '../locator';

/** The n8n operations of Resource "Link". */
export type NodeOperation = 'create' | 'delete' | 'get' | 'getAll';

export type Settled = PromiseSettledResult<IDataObject[]>;

/** How requests go out: core's transport over n8n's helper, the credential's base URL, and how many at once. */
export interface SendSettings {
  transport: Transport;
  baseUrl: string;
  concurrency: number;
}

/**
 * What one operation does with the node's items. `validate` reads and checks one item (throwing an
 * `InputError` naming the field); `send` gets every item's checked input, indexed by item, and settles each
 * with the item's output objects.
 */
export interface Plan {
  validate(itemIndex: number): CheckedInput;
  send(items: readonly number[], checked: (itemIndex: number) => CheckedInput): Promise<Settled[]>;
}

/**
 * One n8n operation as a translation of one core operation: its texts, its fields (core's), the settings it
 * adds (If Already Linked, Return All and Limit, If Link Is Missing), what its requests do (for error messages)
 * and its plan. Nothing here is specific to an API beyond the provider's own field model.
 */
export interface LinkOperation {
  value: NodeOperation;
  name: string;
  action: string;
  /** What the operation does, for people and for AI agents choosing it. */
  description: string;
  effect: RequestEffect;
  fields(provider: AnyProvider): readonly Field[];
  settings(provider: AnyProvider): INodeProperties[];
  plan(context: IExecuteFunctions, provider: AnyProvider, send: SendSettings): Plan;
}

/** A fixed collection's entries, each picker field's resource locator as its plain value. */
function listEntries(value: unknown, field: Field, pickers: AnyProvider['pickers'], provider: ProviderId): unknown {
  const entries = (value as IDataObject | undefined)?.values ?? [];
  if (!Array.isArray(entries)) return entries;
  return entries.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null) return entry;
    const plain = { ...(entry as IDataObject) };
    for (const sub of field.fields ?? []) {
      if (Object.hasOwn(plain, sub.key)) plain[sub.key] = inputValue(plain[sub.key], sub, locatorPicker(sub, pickers), provider, `${field.key}[${index}].${sub.key}`) as IDataObject[string];
    }
    return plain;
  });
}

/** Reads one item's parameters for these fields into core's input shape (fixed collections become lists). */
export function readInput(context: IExecuteFunctions, fields: readonly Field[], itemIndex: number, provider: AnyProvider): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields.filter((f) => !f.advanced)) {
    const value = inputValue(context.getNodeParameter(field.key, itemIndex, ''), field, locatorPicker(field, provider.pickers), provider.id);
    input[field.key] = field.type === 'list' ? listEntries(value, field, provider.pickers, provider.id) : value;
  }
  if (fields.some((f) => f.advanced)) Object.assign(input, context.getNodeParameter('additionalFields', itemIndex, {}));
  return input;
}

/**
 * A plan's `send` for an operation that handles each item on its own (Get, Get Many, Delete): through core's
 * bulk flow (which keeps one result per input), a few at a time; each item settles with its output objects.
 */
export function eachItem(send: SendSettings, run: (input: CheckedInput, itemIndex: number) => Promise<IDataObject[]>): Plan['send'] {
  return async (items, checked) => {
    const settled = await sendInBulk<{ itemIndex: number }, IDataObject[]>(items, {
      validate: (itemIndex) => (checked(itemIndex as number) && { itemIndex: itemIndex as number }),
      send: async ({ itemIndex }) => [await run(checked(itemIndex), itemIndex)],
      concurrency: send.concurrency,
    });
    return settled.map((outcome): Settled => (outcome.status === 'fulfilled' ? { status: 'fulfilled', value: outcome.value[0] ?? [] } : outcome));
  };
}

