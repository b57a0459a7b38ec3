// No timers: the bulk flow the HTTP client uses, and any platform can use with its own `send`.
import { groupForBatching, type IndexedInput, mergeGroup, splitGroupResults } from './batching.js';
import { settleWithLimit } from './concurrency.js';
import type { Batching } from './provider.js';
import type { CheckedInput } from './validation.js';

export interface BulkOptions<I extends CheckedInput, R> {
  /** Checks one raw input and throws (an `InputError`) when it is wrong. Every input is checked before anything is sent. */
  validate(input: unknown, index: number): I;
  /** Sends one input, or a group merged by `batching`, and resolves with its results in input order. */
  send(input: I): Promise<R[]>;
  /** Inputs that may share one request (Yandex Tracker links from the same entity). */
  batching?: Batching<I>;
  /** Requests in flight at once. */
  concurrency: number;
}

/**
 * The bulk flow: validate every input, group those that share a request, send the groups a few at a
 * time, and split the results back. One settled result per input, in input order: an invalid input is
 * rejected with its own error and sends nothing; the inputs of a failed group share the group's error.
 */
export async function sendInBulk<I extends CheckedInput, R>(inputs: readonly unknown[], options: BulkOptions<I, R>): Promise<PromiseSettledResult<R[]>[]> {
  const results: PromiseSettledResult<R[]>[] = new Array(inputs.length);
  const valid: IndexedInput<I>[] = [];
  inputs.forEach((input, index) => {
    try {
      valid.push({ index, input: options.validate(input, index) });
    } catch (reason) {
      results[index] = { status: 'rejected', reason };
    }
  });
  const groups = groupForBatching(options, valid);
  const settled = await settleWithLimit(
    groups.map((group) => () => options.send(mergeGroup(options, group))),
    options.concurrency,
  );
  settled.forEach((outcome, g) => {
    const group = groups[g]!;
    const split = outcome.status === 'fulfilled' ? splitGroupResults(options, group, outcome.value) : null;
    group.forEach(({ index }, i) => {
      results[index] = split ? { status: 'fulfilled', value: split[i]! } : outcome;
    });
  });
  return results;
}
