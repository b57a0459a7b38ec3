import type { StoredLink } from '../../operations/contract.js';
import type { LinkEnd, LinkResult } from '../../types.js';
import { DEVREV_LINK_TYPES } from './fields.js';
import type { DevRevLink, DevRevObjectSummary } from './models.js';

/** A DevRev `link` normalized; `requested` fills in ends the API left out (a create's own ids). */
export function linkResultOf(link: DevRevLink, raw: unknown, requested?: { source: string; target: string }): LinkResult {
  const customName = link.custom_link_type?.forward_name ?? link.custom_link_type?.name;
  return {
    provider: 'devrev',
    id: link.id ?? null,
    linkType: link.link_type,
    linkTypeLabel: customName ?? linkTypePhrase(link.link_type),
    source: toLinkEnd(link.source, requested?.source),
    target: toLinkEnd(link.target, requested?.target),
    createdAt: link.created_date ?? null,
    raw,
  };
}

/** A listed or fetched link, with its ref (`{ id }`); `raw` is the link object. */
export function storedLinkOf(link: DevRevLink): StoredLink {
  return { ...linkResultOf(link, link), ref: link.id ? { id: link.id } : null };
}

/** `is_parent_of` -> `is parent of`. */
function linkTypePhrase(linkType: string): string {
  return DEVREV_LINK_TYPES.some((o) => o.value === linkType) ? linkType.replace(/_/g, ' ') : linkType;
}

function toLinkEnd(summary: DevRevObjectSummary | undefined, requested: string | undefined): LinkEnd {
  return {
    id: summary?.id ?? requested ?? '',
    type: summary?.type ?? null,
    name: summary ? nameOf(summary) : null,
    displayId: summary?.display_id ?? null,
  };
}

/**
 * The object's name. DevRev's schema keys it by type: `title` for work items, conversations and articles,
 * `name` for parts, `display_name` for users and organizations. Each type carries exactly one of the three,
 * so the first one present is that type's name (one rule, which Make's IML applies the same way).
 */
function nameOf(summary: DevRevObjectSummary): string | null {
  return summary.title || summary.name || summary.display_name || null;
}

/** The ids an end goes by: its DON and its display id. */
export function idsOf(end: LinkEnd): string[] {
  return end.displayId ? [end.id, end.displayId] : [end.id];
}

/** The custom link type of a listed or fetched link (whose `raw` is the link object), where it has one. */
export function customTypeOf(link: LinkResult): string | null {
  return (link.raw as Partial<DevRevLink> | null)?.custom_link_type?.id ?? null;
}

/** The custom link type object of a link: `raw` is the link (listed, fetched) or links.create's `{ link }`. */
function customTypeObject(link: LinkResult): DevRevLink['custom_link_type'] {
  const raw = link.raw as (Partial<DevRevLink> & { link?: Partial<DevRevLink> }) | null;
  return (raw?.link ?? raw)?.custom_link_type;
}

/** A custom link's type id, when the link gives no name for it (links.create and links.list give only its ids). */
export function unnamedCustomType(link: LinkResult): string | null {
  if (link.linkType !== 'custom_link') return null;
  const type = customTypeObject(link);
  return type?.id && !type.forward_name && !type.name ? type.id : null;
}

/** A custom link's label: its type's name, else the type's display id or id ("custom link custom_link_type-1"). */
export function customLinkLabel(link: LinkResult, name: string | null): string {
  if (name) return name;
  const type = customTypeObject(link);
  return `custom link ${type?.display_id ?? type?.id ?? ''}`.trim();
}
