// Create: core's create fields and If Already Linked, sent through core's bulk create (validation, If Already
// Linked, Yandex Tracker batching, concurrency).
import { type CheckedInput, type IfExists, sendCreateLinks } from '@links/core';
import { toNodeProperty } from '../../properties';
import { type LinkOperation, readInput, type Settled } from '../plan';

export const create: LinkOperation = {
  value: 'create',
  name: 'Create',
  action: 'Create a link',
  description: 'Create a link between two records, or return the existing one (If Already Linked)',
  effect: 'create',
  fields: (provider) => provider.fields,
  // If Already Linked: one choice for the whole run (it decides whether core lists before creating).
  settings: (provider) => provider.operations.create.optionFields.map((field) => ({ ...toNodeProperty(field, { in: 'root', operation: 'create' }), noDataExpression: true })),
  plan: (context, provider, send) => ({
    validate: (itemIndex) => provider.validateInput(readInput(context, provider.fields, itemIndex, provider)) as CheckedInput,
    send: async (items, checked) => {
      const ifExists = context.getNodeParameter('ifExists', 0, 'create') as IfExists;
      const settled = await sendCreateLinks(provider, items, { ...send, ifExists, validate: (itemIndex) => checked(itemIndex as number) });
      return settled as unknown as Settled[];
    },
  }),
};
