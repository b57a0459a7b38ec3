// Delete: one link by its ref; If Link Is Missing says whether a link already gone fails the item.
import { sendDeleteLink } from '@links/core';
import type { IDataObject } from 'n8n-workflow';
import { showFor } from '../../properties';
import { eachItem, type LinkOperation, readInput } from '../plan';

/** The name of the Delete setting that says what a link already gone means. */
export const IF_MISSING = 'ifMissing';

export const deleteLink: LinkOperation = {
  value: 'delete',
  name: 'Delete',
  action: 'Delete a link',
  description: 'Delete one link by its reference; a link already gone is an error unless If Link Is Missing says otherwise',
  effect: 'delete',
  fields: (provider) => provider.operations.delete.fields,
  settings: () => [
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
  ],
  plan: (context, provider, send) => ({
    validate: (itemIndex) => provider.operations.delete.validate(readInput(context, provider.operations.delete.fields, itemIndex, provider)),
    send: eachItem(send, async (ref, itemIndex) => {
      const missingOk = context.getNodeParameter(IF_MISSING, itemIndex, 'error') === 'succeed';
      return [(await sendDeleteLink(provider, ref, { ...send, missingOk })) as unknown as IDataObject];
    }),
  }),
};
