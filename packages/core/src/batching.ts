import type { Batching } from './provider.js';
import type { LinkResult } from './types.js';
import type { CheckedInput } from './validation.js';

/** A validated input and where it came from (its index among the caller's inputs). */
export interface IndexedInput<I extends CheckedInput = CheckedInput> {
  index: number;
  input: I;
}

/** Anything that may batch: a provider, or `{ batching }`. */
interface MayBatch<I> {
  batching?: Batching<I>;
}

/**
 * Groups inputs that can share one request (Yandex Tracker links from the same entity), keeping first-seen
 * order and the provider's size cap; without batching every input is its own group.
 */
export function groupForBatching<I extends CheckedInput>(provider: MayBatch<I>, entries: readonly IndexedInput<I>[]): IndexedInput<I>[][] {
  const batching = provider.batching;
  if (!batching) return entries.map((entry) => [entry]);
  const groups: IndexedInput<I>[][] = [];
  const open = new Map<string, { group: IndexedInput<I>[]; size: number }>();
  for (const entry of entries) {
    const key = batching.key(entry.input);
    const size = batching.size(entry.input);
    let current = open.get(key);
    if (!current || current.size + size > batching.maxSize) {
      current = { group: [], size: 0 };
      open.set(key, current);
      groups.push(current.group);
    }
    current.group.push(entry);
    current.size += size;
  }
  return groups;
}

/** The input to send for a group: the input itself, or the group merged into one. */
export function mergeGroup<I extends CheckedInput>(provider: MayBatch<I>, group: readonly IndexedInput<I>[]): I {
  return group.length === 1 ? group[0]!.input : provider.batching!.merge(group.map((entry) => entry.input));
}

/** Splits the results of a group's request back into each input's own results, in group order. */
export function splitGroupResults<I extends CheckedInput, R = LinkResult>(provider: MayBatch<I>, group: readonly IndexedInput<I>[], results: R[]): R[][] {
  let offset = 0;
  return group.map(({ input }) => {
    const size = provider.batching?.size(input) ?? 1;
    offset += size;
    return results.slice(offset - size, offset);
  });
}
