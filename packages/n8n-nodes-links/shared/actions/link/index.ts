// Resource "Link": its operations, in the order the editor lists them, and their parameters.
import type { AnyProvider } from '@links/core';
import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../properties';
import type { LinkOperation } from '../plan';
import { create } from './create.operation';
import { deleteLink } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

export const OPERATIONS: readonly LinkOperation[] = [create, deleteLink, get, getAll];

export function operationNamed(value: unknown): LinkOperation | undefined {
  return OPERATIONS.find((operation) => operation.value === value);
}

/** The Operation parameter, then each operation's fields (from core) and settings. */
export function description(provider: AnyProvider): INodeProperties[] {
  return [
    {
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: { show: { resource: ['link'] } },
      options: OPERATIONS.map(({ name, value, action, description }) => ({ name, value, action, description })),
      default: 'create',
    },
    ...OPERATIONS.flatMap((operation) => [...operationProperties(operation.value, operation.fields(provider), provider.pickers), ...operation.settings(provider)]),
  ];
}
