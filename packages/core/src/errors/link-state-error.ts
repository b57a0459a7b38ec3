import { PROVIDER_NAMES, type ProviderId } from '../types.js';
import { LinksError } from './links-error.js';

/** Enough of a link to name it in a message. */
interface NamedLink {
  id: string | null;
  linkTypeLabel: string;
  source: { id: string; displayId: string | null; name: string | null };
  target: { id: string; displayId: string | null; name: string | null };
}

/** "ISS-1 is parent of ISS-2 (link don:...)". */
export function describeLink(link: NamedLink): string {
  const end = (e: NamedLink['source']) => e.displayId ?? e.name ?? e.id;
  return `${end(link.source)} ${link.linkTypeLabel} ${end(link.target)}${link.id ? ` (link ${link.id})` : ''}`;
}

/**
 * A create with `ifExists: 'fail'` found the link already there (listed from the source record, or an
 * earlier identical input of the same batch). Nothing was sent for this input.
 */
export class LinkExistsError<L extends NamedLink = NamedLink> extends LinksError {
  readonly kind = 'conflict';
  readonly isRetryable = false;
  /** The link that exists, as listed; `null` for a duplicate of an earlier input of the same batch. */
  readonly existing: L | null;
  /** For a duplicate within one batch: the index of the input that creates the link. */
  readonly duplicateOf: number | null;

  constructor(provider: ProviderId, existing: L | null, duplicateOf: number | null, what: string) {
    const found = existing ? `already has this link: ${describeLink(existing)}` : `is asked for the same link by input ${duplicateOf} of this batch (${what})`;
    super(provider, `${PROVIDER_NAMES[provider]} ${found}; nothing was sent for this input (If Already Linked is "fail")`);
    this.existing = existing;
    this.duplicateOf = duplicateOf;
  }
}

/**
 * The API answered, but holds no such link (Yandex Tracker, whose links have no id: "get" reads the record's
 * links and finds none to the other record). An API's own 404 is a `NotFoundError`; both have kind `not_found`.
 */
export class LinkNotFoundError extends LinksError {
  readonly kind = 'not_found';
  readonly isRetryable = false;
  readonly ref: Readonly<Record<string, string>>;

  constructor(provider: ProviderId, ref: Readonly<Record<string, string>>) {
    const what = Object.entries(ref)
      .map(([key, value]) => `${key} "${value}"`)
      .join(', ');
    super(provider, `${PROVIDER_NAMES[provider]} has no such link (${what})`);
    this.ref = ref;
  }
}
