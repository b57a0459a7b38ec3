import { InputError } from '../../errors/index.js';
import type { StoredLink } from '../../operations/contract.js';
import { buildUrl, isDotSegment } from '../../url.js';
import type { TrackerListedLink, TrackerListQuery } from './models.js';

/** Read "source <phrase> target", where the source is the current entity. */
export const TRACKER_PHRASES: Readonly<Record<string, string>> = {
  relates: 'relates to',
  'depends on': 'depends on',
  'is dependent by': 'blocks',
  'parent entity': 'is a child of',
  'child entity': 'is the parent of',
  'is supported by': 'is supported by',
  'works towards': 'works towards',
};

export const phraseOf = (relationship: string): string => TRACKER_PHRASES[relationship] ?? relationship;

/** `/v2/entities/<type>/<id>/links`, each part one encoded path segment. */
export function linksUrl(baseUrl: string, entityType: string, entityId: string, query?: Record<string, string>): string {
  return buildUrl(baseUrl, ['v2', 'entities', entityType, entityId, 'links'], query);
}

/** The fields asked for of each linked entity. */
export const LINKED_FIELDS = 'id,shortId,summary,entityType';

/** Refuses ids that are dot segments (they would change the route). */
export function checkNotDotSegments(checked: Record<string, unknown>, keys: readonly string[], labels: Record<string, string>): void {
  for (const key of keys) {
    const value = checked[key];
    if (typeof value === 'string' && isDotSegment(value)) {
      throw new InputError('yandex-tracker', key, 'format', `${labels[key]} (${key}) cannot be "${value}"`);
    }
  }
}

/** One element of the links response, normalized: the listed entity is always the source. */
export function storedLinkOf(item: TrackerListedLink, query: TrackerListQuery): StoredLink {
  const other = item.linkFieldValues ?? ({} as TrackerListedLink['linkFieldValues']);
  const shortId = other.shortId === undefined || other.shortId === null ? null : String(other.shortId);
  return {
    provider: 'yandex-tracker',
    id: null,
    linkType: item.type,
    linkTypeLabel: phraseOf(item.type),
    source: { id: query.entityId, type: query.entityType, name: null, displayId: null },
    target: { id: String(other.id ?? ''), type: typeof other.entityType === 'string' ? other.entityType : null, name: typeof other.summary === 'string' ? other.summary : null, displayId: shortId },
    createdAt: null,
    raw: item,
    ref: { entityType: query.entityType, entityId: query.entityId, linkedEntityId: String(other.id ?? '') },
  };
}
