import { objectOf } from '../../json.js';
import type { StoredLink } from '../../operations/contract.js';
import type { LinkEnd, LinkResult } from '../../types.js';
import type { OneTrustLinkedEntity, OneTrustLinkInformation, OneTrustListedEntity, OneTrustListedLink } from './models.js';

/** What a request said, for the parts a response leaves out. */
export interface Requested {
  linkTypeId: string;
  entity1Id?: string;
  entity1Type?: string;
  entity2Id?: string;
  entity2Type?: string;
}

/** `LinkInformation` (create and get), normalized. */
export function linkResultOf(link: OneTrustLinkInformation, raw: unknown, requested: Requested): LinkResult {
  return {
    provider: 'onetrust',
    id: link.id ?? null,
    linkType: link.linkType?.name ?? link.linkType?.id ?? requested.linkTypeId,
    linkTypeLabel: link.linkTypeLabel?.entityType1ToEntityType2EntityLinkName ?? link.linkType?.name ?? requested.linkTypeId,
    source: toLinkEnd(link.entity1, requested.entity1Id, requested.entity1Type),
    target: toLinkEnd(link.entity2, requested.entity2Id, requested.entity2Type),
    createdAt: link.auditFields?.createdDate ?? null,
    raw,
  };
}

/** A fetched link (`LinkInformation`) with its ref. */
export function storedLinkOf(link: OneTrustLinkInformation, linkTypeId: string): StoredLink {
  const typeId = link.linkType?.id ?? linkTypeId;
  return { ...linkResultOf(link, link, { linkTypeId: typeId }), ref: link.id ? { linkId: link.id, linkTypeId: typeId } : null };
}

/**
 * One link of a links page, normalized: `relationshipTypeDetail` is its type (its id is the link type id),
 * `source` and `target` its ends. A page item in the `LinkInformation` shape is read too.
 */
export function listedLinkOf(item: OneTrustListedLink): StoredLink | null {
  const asInformation = item as unknown as Partial<OneTrustLinkInformation>;
  const detail = item.relationshipTypeDetail;
  const typeId = detail?.id ?? asInformation.linkType?.id;
  if (typeof item.id !== 'string' || !typeId) return null;
  const source = item.source ?? asInformation.entity1;
  const target = item.target ?? asInformation.entity2;
  return {
    provider: 'onetrust',
    id: item.id,
    linkType: detail?.name ?? asInformation.linkType?.name ?? typeId,
    linkTypeLabel:
      detail?.entityType1ToEntityType2EntityLinkName ?? asInformation.linkTypeLabel?.entityType1ToEntityType2EntityLinkName ?? detail?.name ?? asInformation.linkType?.name ?? typeId,
    source: listedEnd(source),
    target: listedEnd(target),
    createdAt: item.createdDate ?? asInformation.auditFields?.createdDate ?? null,
    raw: item,
    ref: { linkId: item.id, linkTypeId: typeId },
  };
}

function toLinkEnd(entity: OneTrustLinkedEntity | undefined, id?: string, type?: string): LinkEnd {
  return { id: entity?.id ?? id ?? '', type: entity?.entityType?.name ?? type ?? null, name: entity?.name ?? null, displayId: null };
}

/** A links page names an entity with its number and a display label such as "9 | Test Dataset1". */
function listedEnd(entity: OneTrustListedEntity | undefined): LinkEnd {
  const number = entity?.number;
  return { ...toLinkEnd(entity), displayId: displayLabelOf(entity) ?? (typeof number === 'number' ? String(number) : null) };
}

function displayLabelOf(entity: unknown): string | null {
  const label = objectOf(objectOf(entity).linkEntityDetail).displayLabel;
  return typeof label === 'string' && label !== '' ? label : null;
}
