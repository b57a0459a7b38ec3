import type { AnyProvider } from '../provider.js';
import type { SendOptions } from '../send.js';
import type { FindQuery, StoredLink } from './contract.js';
import { matchesFind } from './keys.js';
import { sendListPages } from './list.js';

/** The links between two records (of one type, where given): every page of the first record's links, filtered. */
export async function sendFindLinks(provider: AnyProvider, query: FindQuery, options: SendOptions): Promise<StoredLink[]> {
  const found: StoredLink[] = [];
  for await (const page of sendListPages(provider, query.list, options)) {
    for (const link of page) if (matchesFind(provider.operations.list.keyOf(link, query.list), query)) found.push(link);
  }
  return found;
}
