// Link types that a link names only by id (DevRev's custom link types), named from the provider's list of them:
// learned once per namer (a platform makes one per run), and only when a link needs it.
import type { AnyProvider } from './provider.js';
import { checkOptionQuery, collectOptions } from './pickers/search.js';
import type { SendOptions } from './send.js';
import type { LinkResult } from './types.js';

/** Gives a link (or anything else, returned as it is) the name of its link type where it names it only by id. */
export type LinkTypeNamer = <T>(value: T) => Promise<T>;

function isLinkOf(provider: AnyProvider, value: unknown): value is LinkResult {
  return typeof value === 'object' && value !== null && (value as LinkResult).provider === provider.id && typeof (value as LinkResult).linkTypeLabel === 'string' && 'raw' in value;
}

/**
 * A namer for one run: the first link whose type is named only by id sends the list of types (every page of
 * the provider's `linkTypeNames.source` picker), every later one reuses it. Where the list cannot be read (an
 * error, a type not in it), the label says what the link says of its type; the link itself is unchanged, as it
 * was created, fetched or listed.
 */
export function linkTypeNamer(provider: AnyProvider, options: SendOptions): LinkTypeNamer {
  const names = provider.linkTypeNames;
  const picker = names && Object.hasOwn(provider.pickers, names.source) ? provider.pickers[names.source] : undefined;
  let list: Promise<Map<string, string> | null> | undefined;
  const learn = () =>
    (list ??= collectOptions(provider, picker!, checkOptionQuery(provider, picker!, {}), options).then(
      (found) => new Map(found.map((option) => [option.value, option.label])),
      () => null,
    ));
  return async <T>(value: T): Promise<T> => {
    if (!names || !picker || !isLinkOf(provider, value)) return value;
    const type = names.unnamedType(value);
    if (type === null) return value;
    const name = (await learn())?.get(type) ?? null;
    return { ...value, linkTypeLabel: names.label(value, name) };
  };
}
