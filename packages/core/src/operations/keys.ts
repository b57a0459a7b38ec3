import type { FindQuery, LinkKey } from './contract.js';

function shareAnId(a: readonly string[], b: readonly string[]): boolean {
  return a.some((id) => id !== '' && b.includes(id));
}

/** Whether two keys are the same link: same type and subtype, same direction, and the other record in common. */
export function sameLink(a: LinkKey, b: LinkKey): boolean {
  return a.type === b.type && a.subtype === b.subtype && a.outgoing === b.outgoing && shareAnId(a.to, b.to);
}

/** Whether a listed link is one `findLinks` asked for: to that record, of that type where given, either direction. */
export function matchesFind(key: LinkKey, query: Pick<FindQuery, 'to' | 'type' | 'subtype'>): boolean {
  return (
    shareAnId(key.to, [query.to]) && (query.type === null || key.type === query.type) && (query.subtype === null || key.subtype === query.subtype)
  );
}
