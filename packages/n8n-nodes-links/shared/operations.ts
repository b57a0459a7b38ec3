import type { AnyProvider, Field, RequestEffect } from '@links/core';

/** The n8n operations of Resource "Link", in the order the editor lists them. */
export type NodeOperation = 'create' | 'delete' | 'get' | 'getAll';

/**
 * Each n8n operation as a translation of one core operation: its fields, what its requests do (for error
 * messages) and its texts. Nothing here is specific to an API beyond the provider's own field model.
 */
export interface OperationSpec {
  value: NodeOperation;
  name: string;
  action: string;
  description: string;
  effect: RequestEffect;
  fields(provider: AnyProvider): readonly Field[];
}

export const OPERATIONS: readonly OperationSpec[] = [
  {
    value: 'create',
    name: 'Create',
    action: 'Create a link',
    description: 'Create a link between two records, or return the existing one (If Already Linked)',
    effect: 'create',
    fields: (provider) => provider.fields,
  },
  {
    value: 'delete',
    name: 'Delete',
    action: 'Delete a link',
    description: 'Delete one link; a link already gone is an error unless If Link Is Missing says otherwise',
    effect: 'delete',
    fields: (provider) => provider.operations.delete.fields,
  },
  {
    value: 'get',
    name: 'Get',
    action: 'Get a link',
    description: 'Get one link; a link that does not exist is an error',
    effect: 'read',
    fields: (provider) => provider.operations.get.fields,
  },
  {
    value: 'getAll',
    name: 'Get Many',
    action: 'Get many links',
    description: 'List the links of one record, one output item per link, reading every page (Return All) or up to Limit',
    effect: 'read',
    fields: (provider) => provider.operations.list.fields,
  },
];

export function operationSpec(value: unknown): OperationSpec | undefined {
  return OPERATIONS.find((spec) => spec.value === value);
}
