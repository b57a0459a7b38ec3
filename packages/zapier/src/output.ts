/**
 * What the Create Link step returns: one object (Zapier wants one per create), flat so that every value
 * can be mapped into later steps. Its top-level fields describe the first link (the only one for
 * OneTrust and DevRev); `links` is a line-item list of every link created (several for Yandex Tracker).
 */
import { type CreatedLink, type LinkEnd, type LinkResult, PROVIDER_NAMES } from '@links/core';
import type { PlainOutputField } from 'zapier-platform-core';

export interface LinkOutput {
  id: string | null;
  linkType: string;
  linkTypeLabel: string;
  sourceId: string;
  sourceType: string | null;
  sourceName: string | null;
  sourceDisplayId: string | null;
  targetId: string;
  targetType: string | null;
  targetName: string | null;
  targetDisplayId: string | null;
  createdAt: string | null;
  /** "Customer Support Assistant (aisystems) is composed of Support Intent Classifier (models)". */
  summary: string;
}

/** A link a create returned: `created` is false when it existed and was kept ("Skip and Return the Existing Link"). */
export interface CreatedLinkOutput extends LinkOutput {
  created: boolean;
}

export interface CreateLinkOutput extends CreatedLinkOutput {
  /** The product name: OneTrust, Yandex Tracker, DevRev. */
  service: string;
  linkCount: number;
  /** Every link's summary, joined with "; ". */
  allLinks: string;
  links: CreatedLinkOutput[];
}

/** One result of Find Link. */
export interface FoundLinkOutput extends LinkOutput {
  service: string;
}

function describeEnd(end: LinkEnd): string {
  const name = end.name ?? end.displayId ?? end.id;
  return end.type ? `${name} (${end.type})` : name;
}

export function toLinkOutput(link: LinkResult): LinkOutput {
  return {
    id: link.id,
    linkType: link.linkType,
    linkTypeLabel: link.linkTypeLabel,
    sourceId: link.source.id,
    sourceType: link.source.type,
    sourceName: link.source.name,
    sourceDisplayId: link.source.displayId,
    targetId: link.target.id,
    targetType: link.target.type,
    targetName: link.target.name,
    targetDisplayId: link.target.displayId,
    createdAt: link.createdAt,
    summary: `${describeEnd(link.source)} ${link.linkTypeLabel} ${describeEnd(link.target)}`,
  };
}

export function toFoundLinkOutput(link: LinkResult): FoundLinkOutput {
  return { ...toLinkOutput(link), service: PROVIDER_NAMES[link.provider] };
}

export function toCreateLinkOutput(links: readonly CreatedLink[]): CreateLinkOutput {
  const outputs = links.map((link) => ({ ...toLinkOutput(link), created: link.created }));
  const first = outputs[0];
  if (!first) throw new TypeError('A create returned no link');
  return {
    ...first,
    service: PROVIDER_NAMES[links[0]!.provider],
    linkCount: outputs.length,
    allLinks: outputs.map((link) => link.summary).join('; '),
    links: outputs,
  };
}

const LINK_OUTPUT_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'Link ID', type: 'string' },
  { key: 'linkType', label: 'Link Type', type: 'string' },
  { key: 'linkTypeLabel', label: 'Link Type Label', type: 'string' },
  { key: 'sourceId', label: 'Source ID', type: 'string' },
  { key: 'sourceType', label: 'Source Type', type: 'string' },
  { key: 'sourceName', label: 'Source Name', type: 'string' },
  { key: 'sourceDisplayId', label: 'Source Display ID', type: 'string' },
  { key: 'targetId', label: 'Target ID', type: 'string' },
  { key: 'targetType', label: 'Target Type', type: 'string' },
  { key: 'targetName', label: 'Target Name', type: 'string' },
  { key: 'targetDisplayId', label: 'Target Display ID', type: 'string' },
  { key: 'createdAt', label: 'Created At', type: 'datetime' },
  { key: 'summary', label: 'Summary', type: 'string' },
];

const SERVICE_FIELD: PlainOutputField = { key: 'service', label: 'Service', type: 'string' };
const CREATED_LINK_OUTPUT_FIELDS: PlainOutputField[] = [...LINK_OUTPUT_FIELDS, { key: 'created', label: 'Created', type: 'boolean' }];

/** The same for every API, because core's `LinkResult` is. */
export const CREATE_LINK_OUTPUT_FIELDS: PlainOutputField[] = [
  ...CREATED_LINK_OUTPUT_FIELDS,
  SERVICE_FIELD,
  { key: 'linkCount', label: 'Number of Links', type: 'integer' },
  { key: 'allLinks', label: 'All Links', type: 'string' },
  { key: 'links', label: 'Links', children: CREATED_LINK_OUTPUT_FIELDS },
];

/** Each result of Find Link. */
export const FIND_LINK_OUTPUT_FIELDS: PlainOutputField[] = [...LINK_OUTPUT_FIELDS, SERVICE_FIELD];
