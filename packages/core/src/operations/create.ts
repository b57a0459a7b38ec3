// Create with "if already linked": the one implementation of the bulk create, for the HTTP client and for
// any platform that passes its own transport. No timers.
import { sendInBulk } from '../bulk.js';
import { settleWithLimit } from '../concurrency.js';
import { sendCreateLink } from '../create-link.js';
import { InputError, LinkExistsError } from '../errors/index.js';
import { IF_EXISTS_OPTIONS } from '../fields.js';
import type { AnyProvider } from '../provider.js';
import type { SendOptions } from '../send.js';
import { type CheckedInput, quoteList } from '../validation.js';
import type { CreatedLink, IfExists, LinkKey, StoredLink } from './contract.js';
import { sameLink } from './keys.js';
import { collectLinks } from './list.js';

export interface CreateOptions {
  /** When the same link already exists: `create` (default: send anyway), `skip` (return it), `fail` (an error naming it). */
  ifExists?: IfExists;
}

export interface BulkCreateOptions extends SendOptions, CreateOptions {
  /** Requests in flight at once (lists and creates alike). */
  concurrency: number;
  /** Checks one raw input; default `provider.validateInput`. A platform passes one that reads its item first. */
  validate?: (input: unknown, index: number) => CheckedInput;
}

/** Checks the `ifExists` option (absent means `create`). */
export function checkIfExists(provider: AnyProvider, value: unknown): IfExists {
  if (value === undefined || value === null || value === '') return 'create';
  const allowed = IF_EXISTS_OPTIONS.map((o) => o.value);
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new InputError(provider.id, 'ifExists', 'enum', `If Already Linked (ifExists) must be one of ${quoteList(allowed)}, got ${JSON.stringify(value) ?? String(value)}`);
  }
  return value as IfExists;
}

/** Where each link of an input comes from: listed already, created by this input, or a duplicate of an earlier one. */
type Slot = { kind: 'existing'; link: StoredLink } | { kind: 'new' } | { kind: 'duplicate'; index: number; position: number };

interface Plan {
  index: number;
  slots: Slot[];
}

type Outcome<T> = PromiseSettledResult<T>;
const rejected = (reason: unknown): PromiseRejectedResult => ({ status: 'rejected', reason });

/**
 * Creates links in bulk, one settled result per input in input order. With `ifExists` `skip` or `fail`,
 * the links of each source record are listed first, once per record whatever the number of inputs (all
 * pages, a few records at a time); each link an input asks for is then found among them, or among the
 * links earlier inputs of the same call ask for, or created. Creates go out as `sendInBulk` sends them
 * (Yandex Tracker links from one entity in one request). A duplicate within the call shares the outcome of
 * its first occurrence (`created: false`). Skip and fail cannot see a link someone else creates between the
 * list and the create: no API offers a create-if-absent.
 */
export async function sendCreateLinks(provider: AnyProvider, inputs: readonly unknown[], options: BulkCreateOptions): Promise<Outcome<CreatedLink[]>[]> {
  const ifExists = checkIfExists(provider, options.ifExists);
  const operation = provider.operations.create;
  const validate = options.validate ?? ((input: unknown) => provider.validateInput(input) as CheckedInput);
  const create = async (input: CheckedInput): Promise<CreatedLink[]> =>
    (await sendCreateLink(provider, input, options)).map((link) => ({ ...link, ref: operation.refOf(link, input), created: true }));
  if (ifExists === 'create') return sendInBulk(inputs, { validate, send: create, batching: provider.batching, concurrency: options.concurrency });

  // 1. Validate every input and find the record whose links show its links.
  const results: Outcome<CreatedLink[]>[] = new Array(inputs.length);
  const entries: { index: number; input: CheckedInput; source: { key: string; query: CheckedInput } }[] = [];
  inputs.forEach((raw, index) => {
    try {
      const input = validate(raw, index);
      entries.push({ index, input, source: operation.source(input) });
    } catch (reason) {
      results[index] = rejected(reason);
    }
  });

  // 2. One list per source record.
  const queries = new Map<string, CheckedInput>();
  for (const entry of entries) if (!queries.has(entry.source.key)) queries.set(entry.source.key, entry.source.query);
  const keys = [...queries.keys()];
  const listed = await settleWithLimit(
    keys.map((key) => async () => {
      const query = queries.get(key)!;
      return (await collectLinks(provider, query, options)).map((link) => ({ link, key: provider.operations.list.keyOf(link, query) }));
    }),
    options.concurrency,
  );
  const existing = new Map(keys.map((key, i) => [key, listed[i]!]));

  // 3. Decide, input by input, which links exist, which repeat an earlier input, which to create.
  const asked = new Map<string, { key: LinkKey; index: number; position: number }[]>();
  const plans: Plan[] = [];
  const toCreate: { index: number; input: CheckedInput }[] = [];
  for (const { index, input, source } of entries) {
    const list = existing.get(source.key)!;
    if (list.status === 'rejected') {
      results[index] = list;
      continue;
    }
    const earlier = asked.get(source.key) ?? [];
    const mine: { key: LinkKey; index: number; position: number }[] = [];
    const slots = operation.wanted(input).map((wanted, position): Slot => {
      const found = list.value.find((listedLink) => sameLink(listedLink.key, wanted));
      if (found) return { kind: 'existing', link: found.link };
      const repeat = [...earlier, ...mine].find((other) => sameLink(other.key, wanted));
      if (repeat) return { kind: 'duplicate', index: repeat.index, position: repeat.position };
      mine.push({ key: wanted, index, position });
      return { kind: 'new' };
    });
    if (ifExists === 'fail') {
      const conflict = slots.find((slot) => slot.kind !== 'new');
      if (conflict?.kind === 'existing') {
        results[index] = rejected(new LinkExistsError(provider.id, conflict.link, null, ''));
        continue;
      }
      if (conflict?.kind === 'duplicate') {
        results[index] = rejected(new LinkExistsError(provider.id, null, conflict.index, `link ${conflict.position + 1} of that input`));
        continue;
      }
    }
    asked.set(source.key, [...earlier, ...mine]);
    plans.push({ index, slots });
    const positions = slots.flatMap((slot, position) => (slot.kind === 'new' ? [position] : []));
    if (positions.length > 0) toCreate.push({ index, input: operation.only(input, positions) });
  }

  // 4. Send the creates.
  const sent = await sendInBulk(
    toCreate.map((entry) => entry.input),
    { validate: (input) => input as CheckedInput, send: create, batching: provider.batching, concurrency: options.concurrency },
  );
  const createdBy = new Map(toCreate.map((entry, i) => [entry.index, sent[i]!]));

  // 5. Put every input's links back in the order it asked for them.
  const planOf = new Map(plans.map((plan) => [plan.index, plan]));
  const linkAt = (index: number, position: number): Outcome<CreatedLink> => {
    const plan = planOf.get(index)!;
    const slot = plan.slots[position]!;
    if (slot.kind === 'existing') return { status: 'fulfilled', value: { ...slot.link, created: false } };
    if (slot.kind === 'duplicate') {
      const first = linkAt(slot.index, slot.position);
      return first.status === 'fulfilled' ? { status: 'fulfilled', value: { ...first.value, created: false } } : first;
    }
    const outcome = createdBy.get(index)!;
    if (outcome.status === 'rejected') return outcome;
    const offset = plan.slots.slice(0, position).filter((s) => s.kind === 'new').length;
    return { status: 'fulfilled', value: outcome.value[offset]! };
  };
  for (const plan of plans) {
    const links = plan.slots.map((_, position) => linkAt(plan.index, position));
    const failed = links.find((link) => link.status === 'rejected');
    results[plan.index] = failed ?? { status: 'fulfilled', value: links.map((link) => (link as PromiseFulfilledResult<CreatedLink>).value) };
  }
  return results;
}
