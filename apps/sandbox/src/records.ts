/**
 * The records the three APIs answer with, built in one place: the routes use these builders, and so do the links
 * that exist before any request (`seededLinks()`), so a seeded record has exactly the shape of a created one.
 */
import {
  DEVREV_OBJECTS,
  DEVREV_SEED_LINKS,
  DEVREV_WORK_DETAILS,
  ONETRUST_ENTITIES,
  ONETRUST_ENTITY_TYPE_DETAILS,
  ONETRUST_LINK_TYPES,
  ONETRUST_SEED_LINKS,
  SEED,
  TRACKER_ENTITIES,
  TRACKER_ENTITY_DETAILS,
  TRACKER_SEED_LINKS,
  seedUuid,
  type DevRevCustomLinkType,
  type DevRevSeedObject,
  type OneTrustEntityTypeName,
  type OneTrustLinkType,
  type OneTrustLinkTypeLabel,
  type OneTrustNumberedEntity,
  type TrackerSeedEntity,
} from './seed.js';
import type { DevRevLinkRecord, DevRevLinkRef, OneTrustLinkRecord, StoredLinks, TrackerLinkRecord } from './state.js';

// ---------------------------------------------------------------------------------------------------------------
// OneTrust
// ---------------------------------------------------------------------------------------------------------------

const OT_ENTITY_TYPES = SEED.onetrust.entityTypes;
const OT_USER = { id: SEED.onetrust.userId, name: null, email: null, initials: null };

export function findOneTrustEntity(id: string, type?: OneTrustEntityTypeName): OneTrustNumberedEntity | undefined {
  const lower = id.toLowerCase();
  return ONETRUST_ENTITIES.find((e) => e.id === lower && (type === undefined || e.entityType === type));
}

/** The link type's (entityType1 -> entityType2) pair, if it allows one; `'*'` matches any type. */
export function findOneTrustLabel(
  linkType: OneTrustLinkType,
  type1: OneTrustEntityTypeName,
  type2: OneTrustEntityTypeName,
): OneTrustLinkTypeLabel | undefined {
  const matches = (pattern: string, type: string) => pattern === '*' || pattern === type;
  return linkType.labels.find((l) => matches(l.entityType1, type1) && matches(l.entityType2, type2));
}

/** An entity as `LinkInformation` gives it (`number` is null there, as in OneTrust's example). */
function linkedEntity(entity: OneTrustNumberedEntity) {
  return { linkEntityDetail: null, id: entity.id, number: null, name: entity.name, entityType: { ...OT_ENTITY_TYPES[entity.entityType] }, deleted: false };
}

/** A stored relationship record with the `LinkInformation` that create and get answer. */
export function onetrustLinkRecord(input: {
  id: string;
  linkType: OneTrustLinkType;
  label: OneTrustLinkTypeLabel;
  entity1: OneTrustNumberedEntity;
  entity2: OneTrustNumberedEntity;
  attributes: Record<string, unknown[]> | null;
  context: unknown;
  at: string;
}): OneTrustLinkRecord {
  const { id, linkType, label, entity1, entity2, at } = input;
  const response = {
    id,
    linkType: { id: linkType.id, name: linkType.name, nameKey: linkType.nameKey, idOrNamePresent: true },
    linkTypeLabel: {
      id: label.id,
      entityType1ToEntityType2EntityLinkName: label.forwardName,
      entityType1ToEntityType2EntityLinkNameKey: label.forwardNameKey,
      entityType2ToEntityType1EntityLinkName: label.backwardName,
      entityType2ToEntityType1EntityLinkNameKey: label.backwardNameKey,
    },
    entity1: linkedEntity(entity1),
    entity2: linkedEntity(entity2),
    schemaId: linkType.schemaId,
    entityLinkDetail: null,
    auditFields: { createdDate: at, lastUpdatedDate: at, createdBy: OT_USER, lastModifiedBy: { ...OT_USER } },
  };
  return {
    id,
    linkTypeId: linkType.id,
    entity1: { id: entity1.id, entityType: entity1.entityType },
    entity2: { id: entity2.id, entityType: entity2.entityType },
    attributes: input.attributes,
    context: input.context,
    response,
  };
}

/** An end of a link as the links list gives it: with its number and a `displayLabel`. */
function listedEntity(ref: { id: string; entityType: OneTrustEntityTypeName }) {
  const entity = findOneTrustEntity(ref.id, ref.entityType)!;
  return {
    linkEntityDetail: { extendedBaseAttributes: {}, displayLabel: entity.name },
    id: entity.id,
    number: entity.number,
    name: entity.name,
    entityType: { ...OT_ENTITY_TYPES[entity.entityType] },
    deleted: false,
  };
}

/** An item of the links list: `relationshipTypeDetail` (whose `id` is the link type id), `source` = entity1, `target` = entity2. */
export function onetrustLinkListItem(record: OneTrustLinkRecord) {
  const linkType = ONETRUST_LINK_TYPES.find((t) => t.id === record.linkTypeId)!;
  const response = record.response as { auditFields: { createdDate: string; lastUpdatedDate: string }; linkTypeLabel: Record<string, unknown> };
  const label = response.linkTypeLabel;
  return {
    createdDate: response.auditFields.createdDate,
    id: record.id,
    lastUpdatedDate: response.auditFields.lastUpdatedDate,
    relationshipTypeDetail: {
      id: linkType.id,
      name: linkType.name,
      nameKey: linkType.nameKey,
      schemaName: linkType.name,
      seeded: true,
      moduleName: 'CustomEntityManagement',
      description: linkType.description,
      descriptionKey: linkType.descriptionKey,
      entityType1ToEntityType2EntityLinkName: label.entityType1ToEntityType2EntityLinkName,
      entityType1ToEntityType2EntityLinkNameKey: label.entityType1ToEntityType2EntityLinkNameKey,
      entityType2ToEntityType1EntityLinkName: label.entityType2ToEntityType1EntityLinkName,
      entityType2ToEntityType1EntityLinkNameKey: label.entityType2ToEntityType1EntityLinkNameKey,
      enableAudit: true,
      allowNewCustomLinkAssociation: true,
      auditFields: { createdDate: '2025-01-20T09:00:00.000Z', lastUpdatedDate: '2025-01-20T09:00:00.000Z' },
    },
    source: listedEntity(record.entity1),
    target: listedEntity(record.entity2),
  };
}

/** Stable audit dates of a seeded entity, from its number. */
function entityAudit(entity: OneTrustNumberedEntity) {
  const created = new Date(Date.parse('2025-03-03T08:00:00.000Z') + entity.number * 86_400_000).toISOString();
  const updated = new Date(Date.parse(created) + 5 * 3_600_000).toISOString();
  return { createdDate: created, lastUpdatedDate: updated, createdBy: OT_USER, lastModifiedBy: { ...OT_USER } };
}

/** `EntityInformation`: what the full entity search and the entity get answer. */
export function onetrustEntityInformation(entity: OneTrustNumberedEntity) {
  return {
    id: entity.id,
    number: entity.number,
    name: entity.name,
    orgGroupId: SEED.onetrust.orgGroupId,
    schemaId: ONETRUST_ENTITY_TYPE_DETAILS[entity.entityType].schemaId,
    entityType: { ...OT_ENTITY_TYPES[entity.entityType] },
    workflowAndStage: null,
    entityDetail: { description: [{ id: null, value: `${entity.name} (sandbox record)`, disabled: false }] },
    attributes: {},
    auditFields: entityAudit(entity),
  };
}

/** What the basic-details search answers: `displayLabel` is `<number> | <name>`. */
export function onetrustEntityBasicDetails(entity: OneTrustNumberedEntity) {
  return {
    displayLabel: `${entity.number} | ${entity.name}`,
    entityType: { ...OT_ENTITY_TYPES[entity.entityType] },
    id: entity.id,
    name: entity.name,
    number: entity.number,
    orgGroupId: SEED.onetrust.orgGroupId,
    schemaId: ONETRUST_ENTITY_TYPE_DETAILS[entity.entityType].schemaId,
  };
}

/** `EntityTypeInformation`: what the entity type search answers. */
export function onetrustEntityTypeInformation(name: OneTrustEntityTypeName) {
  const detail = ONETRUST_ENTITY_TYPE_DETAILS[name];
  return {
    ...OT_ENTITY_TYPES[name],
    description: detail.description,
    descriptionKey: detail.descriptionKey,
    workflowType: null,
    enabled: true,
    moduleScopes: [...detail.moduleScopes],
    settings: {
      enableWorkflow: false,
      enableWorkflowStageTracking: false,
      enableAudit: true,
      assessable: true,
      enableTask: true,
      enableRisk: true,
      enableDocument: true,
      enableControl: true,
      enableWebForm: false,
      enableComment: true,
    },
    auditFields: { createdDate: '2024-02-06T06:13:00.737Z', lastUpdatedDate: '2025-11-26T04:38:53.007Z' },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Yandex Tracker
// ---------------------------------------------------------------------------------------------------------------

export function findTrackerEntity(idOrShortId: string, type?: string): TrackerSeedEntity | undefined {
  return TRACKER_ENTITIES.find((e) => (type === undefined || e.entityType === type) && (e.id === idOrShortId || String(e.shortId) === idOrShortId));
}

/** The keys `?fields=` can name on entities (search results and links' `linkFieldValues`). */
export const TRACKER_FIELD_KEYS = ['summary', 'description', 'entityStatus', 'author', 'lead', 'start', 'end'] as const;
export type TrackerFieldKey = (typeof TRACKER_FIELD_KEYS)[number];

function trackerUserRef(baseUrl: string, login: string) {
  const user = SEED.yandexTracker.users.find((u) => u.login === login)!;
  return { self: `${baseUrl}/v2/users/${user.uid}`, id: String(user.uid), display: user.display };
}

/** Tracker's timestamp form: `2025-01-06T07:30:00.000+0000`. */
const trackerTime = (iso: string) => iso.replace(/Z$/, '+0000');

/** One field of an entity, as Tracker returns it under `fields` (users as `{ self, id, display }`). */
export function trackerFieldValue(entity: TrackerSeedEntity, key: TrackerFieldKey, baseUrl: string): unknown {
  const detail = TRACKER_ENTITY_DETAILS[entity.id]!;
  switch (key) {
    case 'summary':
      return entity.summary;
    case 'author':
      return trackerUserRef(baseUrl, SEED.yandexTracker.user.login);
    case 'lead':
      return trackerUserRef(baseUrl, detail.lead);
    default:
      return detail[key];
  }
}

/** An entity as the search answers it: the fixed keys, and `fields` with the keys asked for. */
export function trackerEntityValue(entity: TrackerSeedEntity, fields: readonly TrackerFieldKey[], baseUrl: string) {
  const detail = TRACKER_ENTITY_DETAILS[entity.id]!;
  return {
    self: `${baseUrl}/v2/entities/${entity.entityType}/${encodeURIComponent(entity.id)}`,
    id: entity.id,
    version: 1,
    shortId: entity.shortId,
    entityType: entity.entityType,
    createdBy: trackerUserRef(baseUrl, SEED.yandexTracker.user.login),
    createdAt: trackerTime(detail.createdAt),
    updatedAt: trackerTime(detail.updatedAt),
    fields: Object.fromEntries(fields.map((key) => [key, trackerFieldValue(entity, key, baseUrl)])),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// DevRev
// ---------------------------------------------------------------------------------------------------------------

const WORK_TYPES: ReadonlySet<string> = new Set(['issue', 'ticket']);

export function findDevRevObject(id: string): DevRevSeedObject | undefined {
  return DEVREV_OBJECTS.find((o) => o.id === id || o.display_id === id);
}

const devUser = (displayId: string) => ({ ...SEED.devrev.devUsers.find((u) => u.display_id === displayId)! });

/** A link end in the published shape: `title` for work items, `name` for parts, with the owners. */
export function devrevLinkEnd(o: DevRevSeedObject): DevRevLinkRef {
  const detail = DEVREV_WORK_DETAILS[o.id];
  return {
    type: o.type,
    id: o.id,
    display_id: o.display_id,
    ...(WORK_TYPES.has(o.type) ? { title: o.name } : { name: o.name }),
    owned_by: [detail ? devUser(detail.owner) : { ...SEED.devrev.devUser }],
  };
}

export function devrevLinkRecord(input: {
  n: number;
  linkType: string;
  customType?: DevRevCustomLinkType;
  source: DevRevSeedObject;
  target: DevRevSeedObject;
  at: string;
}): DevRevLinkRecord {
  const { n, customType, at } = input;
  const user = { ...SEED.devrev.devUser };
  return {
    id: `${SEED.devrev.devOrg}:link/${n}`,
    display_id: `LNK-${n}`,
    link_type: input.linkType,
    ...(customType ? { custom_link_type: { id: customType.id, display_id: customType.display_id } } : {}),
    source: devrevLinkEnd(input.source),
    target: devrevLinkEnd(input.target),
    created_date: at,
    created_by: user,
    modified_date: at,
    modified_by: { ...user },
    object_version: 1,
  };
}

/** A work item (issue or ticket) as `works.list` and `works.get` answer it. */
export function devrevWork(o: DevRevSeedObject) {
  const detail = DEVREV_WORK_DETAILS[o.id]!;
  const part = findDevRevObject(detail.part)!;
  return {
    type: o.type,
    id: o.id,
    display_id: o.display_id,
    title: o.name,
    body: detail.body,
    owned_by: [devUser(detail.owner)],
    reported_by: [{ ...SEED.devrev.devUser }],
    applies_to_part: { type: part.type, id: part.id, display_id: part.display_id, name: part.name, owned_by: [{ ...SEED.devrev.devUser }] },
    stage: { name: detail.stage },
    tags: [],
    ...(detail.priority ? { priority: detail.priority } : {}),
    ...(detail.severity ? { severity: detail.severity } : {}),
    created_by: { ...SEED.devrev.devUser },
    created_date: detail.created_date,
    modified_by: { ...SEED.devrev.devUser },
    modified_date: detail.modified_date,
  };
}

/** A custom link type as `link-types.custom.list` answers it. */
export function devrevCustomLinkType(t: DevRevCustomLinkType, index: number) {
  const created = new Date(Date.parse('2024-05-06T10:00:00.000Z') + index * 86_400_000).toISOString();
  return {
    id: t.id,
    display_id: t.display_id,
    name: t.name,
    forward_name: t.forward_name,
    backward_name: t.backward_name,
    source_types: t.source_types.map((s) => ({ ...s })),
    target_types: t.target_types.map((s) => ({ ...s })),
    is_deprecated: t.is_deprecated ?? false,
    ...(t.tooltip ? { tooltip: t.tooltip } : {}),
    created_by: { ...SEED.devrev.devUser },
    created_date: created,
    modified_by: { ...SEED.devrev.devUser },
    modified_date: created,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Links that exist before any request
// ---------------------------------------------------------------------------------------------------------------

/** First number of seeded DevRev links (`link/900001`, `LNK-900001`), far from the created links' 1, 2, ... */
export const DEVREV_SEEDED_LINK_BASE = 900_000;

const at = (base: string, step: number, i: number) => new Date(Date.parse(base) + i * step * 60_000).toISOString();

let built: StoredLinks | undefined;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The pre-existing links of the three APIs (what `reset()` restores), in new arrays. The records are built once and
 * frozen: no route changes a stored record (a delete removes it from its array), so every reset can share them.
 */
export function seededLinks(): StoredLinks {
  built ??= deepFreeze(buildSeededLinks());
  return { onetrust: [...built.onetrust], yandexTracker: [...built.yandexTracker], devrev: [...built.devrev] };
}

function buildSeededLinks(): StoredLinks {
  const onetrust = ONETRUST_SEED_LINKS.map(([typeKey, key1, key2], i) => {
    const linkType = SEED.onetrust.linkTypes[typeKey];
    const entity1 = SEED.onetrust.entities[key1]!;
    const entity2 = SEED.onetrust.entities[key2]!;
    const label = findOneTrustLabel(linkType, entity1.entityType, entity2.entityType)!;
    const id = seedUuid(`onetrust:link:${typeKey}:${key1}:${key2}`);
    return onetrustLinkRecord({ id, linkType, label, entity1, entity2, attributes: null, context: null, at: at('2025-11-03T10:00:00.000Z', 37, i) });
  });
  const entities = SEED.yandexTracker.entities;
  const yandexTracker = TRACKER_SEED_LINKS.map(([from, relationship, to], i): TrackerLinkRecord => {
    const source = entities[from]!;
    const target = entities[to]!;
    return {
      seq: -(i + 1),
      source: { entityType: source.entityType, id: source.id },
      target: { entityType: target.entityType, id: target.id },
      relationship,
      createdAt: at('2025-10-01T09:00:00.000Z', 53, i),
    };
  });
  const devrev = DEVREV_SEED_LINKS.map(([linkType, source, target, customKey], i) =>
    devrevLinkRecord({
      n: DEVREV_SEEDED_LINK_BASE + i + 1,
      linkType,
      ...(customKey ? { customType: SEED.devrev.customLinkTypes[customKey] } : {}),
      source: findDevRevObject(source)!,
      target: findDevRevObject(target)!,
      at: at('2025-02-03T12:00:00.000Z', 41, i),
    }),
  );
  return { onetrust, yandexTracker, devrev };
}
