import type { Field, FieldOption } from '../../fields.js';

export const TRACKER_ENTITY_TYPES: readonly FieldOption[] = [
  { value: 'project', label: 'Project', description: 'A project.' },
  { value: 'portfolio', label: 'Portfolio', description: 'A portfolio of projects.' },
  { value: 'goal', label: 'Goal', description: 'A goal.' },
];

const goals = { field: 'entityType', equals: ['goal'] } as const;
const projects = { field: 'entityType', equals: ['project'] } as const;

/**
 * `relationship` values. The first three are documented for every entity type; the others only for goals
 * or projects (`showWhen` names the current entity's type). The API's list is open (`allowCustomValue`).
 */
export const TRACKER_RELATIONSHIPS: readonly FieldOption[] = [
  { value: 'relates', label: 'Relates', description: 'A simple link.' },
  { value: 'depends on', label: 'Depends On', description: 'The current entity depends on the linked one.' },
  { value: 'is dependent by', label: 'Is Dependent By', description: 'The current entity is a blocker for the linked one.' },
  { value: 'parent entity', label: 'Parent Entity', description: 'Goals: the linked goal is the parent of the current one.', showWhen: goals },
  { value: 'child entity', label: 'Child Entity', description: 'Goals: the linked goal is a child of the current one.', showWhen: goals },
  { value: 'is supported by', label: 'Is Supported By', description: 'Goals: the current goal is supported by the linked entity.', showWhen: goals },
  { value: 'works towards', label: 'Works Towards', description: 'Projects: the current project works towards the linked goal.', showWhen: projects },
];

/** The relationships offered for a current entity of this type. */
export function trackerRelationshipsFor(entityType: string): FieldOption[] {
  return TRACKER_RELATIONSHIPS.filter((option) => !option.showWhen || option.showWhen.equals.includes(entityType));
}

export const trackerLinkFields: readonly Field[] = [
  {
    key: 'relationship',
    label: 'Relationship',
    description: 'How the current entity relates to the linked one.',
    type: 'options',
    required: true,
    options: TRACKER_RELATIONSHIPS,
    allowCustomValue: true,
    default: 'relates',
    example: 'depends on',
  },
  {
    key: 'entity',
    label: 'Linked Entity ID',
    description: 'The ID (or short ID) of the entity to link the current entity with.',
    type: 'string',
    required: true,
    placeholder: '6582874de6db7f5f12345678',
    example: '65868f3fe2b9ef7412345678',
    picker: { source: 'yandex-tracker.anyEntities' },
  },
];

const entityTypeField: Field = {
  key: 'entityType',
  label: 'Entity Type',
  description: 'The type of the current entity, the one the links start from.',
  type: 'options',
  required: true,
  options: TRACKER_ENTITY_TYPES,
  default: 'project',
  example: 'project',
};

const entityIdField: Field = {
  key: 'entityId',
  label: 'Entity ID',
  description: 'The ID or short ID of the current entity.',
  type: 'string',
  required: true,
  placeholder: '6582874de6db7f5f12345678',
  example: '6582874de6db7f5f12345678',
  picker: { source: 'yandex-tracker.entities', dependsOn: { entityType: 'entityType' } },
};

export const trackerFields: readonly Field[] = [
  entityTypeField,
  entityIdField,
  {
    key: 'links',
    label: 'Links',
    description: 'One or more entities to link the current entity with; all are created in one request.',
    type: 'list',
    required: true,
    fields: trackerLinkFields,
    example: [{ relationship: 'depends on', entity: '65868f3fe2b9ef7412345678' }],
  },
];

export const TRACKER_TOKEN_KINDS: readonly FieldOption[] = [
  { value: 'oauth', label: 'OAuth Token', description: 'An OAuth token, sent in the Authorization header after the word OAuth.' },
  { value: 'iam', label: 'IAM Token', description: 'A Yandex Cloud IAM token, sent in the Authorization header as a Bearer token.' },
];

export const TRACKER_ORG_KINDS: readonly FieldOption[] = [
  { value: 'yandex360', label: 'Yandex 360 for Business', description: 'The organization ID is sent as X-Org-ID.' },
  { value: 'cloud', label: 'Yandex Cloud Organization', description: 'The organization ID is sent as X-Cloud-Org-ID.' },
];

export const trackerCredentialFields: readonly Field[] = [
  {
    key: 'tokenKind',
    label: 'Token Kind',
    description: 'Which kind of token you have.',
    type: 'options',
    required: true,
    options: TRACKER_TOKEN_KINDS,
    default: 'oauth',
  },
  {
    key: 'token',
    label: 'Token',
    description: 'The OAuth or IAM token.',
    type: 'string',
    required: true,
    secret: true,
  },
  {
    key: 'orgKind',
    label: 'Organization Kind',
    description: 'Where your Tracker organization lives.',
    type: 'options',
    required: true,
    options: TRACKER_ORG_KINDS,
    default: 'yandex360',
  },
  {
    key: 'orgId',
    label: 'Organization ID',
    description: 'Your organization ID, from Tracker\'s Administration > Organizations page.',
    type: 'string',
    required: true,
  },
];

/** List: the links of one entity (one response, both directions, each read from the entity). */
export const trackerListFields: readonly Field[] = [
  { ...entityTypeField, description: 'The type of the entity whose links to list.' },
  { ...entityIdField, description: 'The ID or short ID of the entity whose links to list.' },
];

const linkedEntityField: Field = {
  key: 'linkedEntityId',
  label: 'Linked Entity ID',
  description: 'The ID or short ID of the entity at the other end of the link.',
  type: 'string',
  required: true,
  placeholder: '65868f3fe2b9ef7412345678',
  example: '65868f3fe2b9ef7412345678',
  picker: { source: 'yandex-tracker.anyEntities' },
};

/** Get and delete: a Tracker link has no id of its own; it is the link between two entities. */
export const trackerLinkRefFields: readonly Field[] = [entityTypeField, entityIdField, linkedEntityField];

/** Find: the links between two entities, of one relationship where given. */
export const trackerFindFields: readonly Field[] = [
  entityTypeField,
  entityIdField,
  linkedEntityField,
  {
    key: 'relationship',
    label: 'Relationship',
    description: 'Only links of this relationship, read from the current entity. Empty: any.',
    type: 'options',
    required: false,
    options: TRACKER_RELATIONSHIPS,
    allowCustomValue: true,
  },
];
