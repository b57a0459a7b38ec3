// Get Many: the links of one record, every page (Return All) or up to Limit, one output item per link.
import { collectLinks } from '@links/core';
import type { IDataObject } from 'n8n-workflow';
import { showFor } from '../../properties';
import { eachItem, type LinkOperation, readInput } from '../plan';

export const getAll: LinkOperation = {
  value: 'getAll',
  name: 'Get Many',
  action: 'Get many links',
  description: 'List the links of one record, one output item per link, reading every page (Return All) or up to Limit',
  effect: 'read',
  fields: (provider) => provider.operations.list.fields,
  settings: (provider) => [
    {
      displayName: 'Return All',
      name: 'returnAll',
      type: 'boolean',
      default: false,
      description: 'Whether to return all results or only up to a given limit',
      displayOptions: showFor('getAll'),
    },
    {
      displayName: 'Limit',
      name: 'limit',
      type: 'number',
      typeOptions: { minValue: 1 },
      default: provider.operations.list.defaultLimit,
      description: 'Max number of results to return',
      displayOptions: { show: { ...showFor('getAll')!.show, returnAll: [false] } },
    },
  ],
  plan: (context, provider, send) => ({
    validate: (itemIndex) => provider.operations.list.validate(readInput(context, provider.operations.list.fields, itemIndex, provider)),
    send: eachItem(send, async (query, itemIndex) => {
      const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
      const limit = returnAll ? undefined : (context.getNodeParameter('limit', itemIndex, provider.operations.list.defaultLimit) as number);
      return (await collectLinks(provider, query, { ...send, limit })) as unknown as IDataObject[];
    }),
  }),
};
