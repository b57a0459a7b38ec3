// Get: one link by the ref core's fields describe (an id, or for Yandex Tracker the two entities).
import { sendGetLink } from '@links/core';
import type { IDataObject } from 'n8n-workflow';
import { eachItem, type LinkOperation, readInput } from '../plan';

export const get: LinkOperation = {
  value: 'get',
  name: 'Get',
  action: 'Get a link',
  description: 'Get one link by its reference (the ref a Create or Get Many output holds); a link that does not exist is an error',
  effect: 'read',
  fields: (provider) => provider.operations.get.fields,
  settings: () => [],
  plan: (context, provider, send) => ({
    validate: (itemIndex) => provider.operations.get.validate(readInput(context, provider.operations.get.fields, itemIndex, provider)),
    send: eachItem(send, async (ref) => [(await sendGetLink(provider, ref, send)) as unknown as IDataObject]),
  }),
};
