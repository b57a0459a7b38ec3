import type { Field, FieldOption } from '../../fields.js';
import { HOSTNAME_PATTERN } from '../../url.js';

/** AI Governance entity types; the list is open because other modules' types (vendors) also link. */
export const ONETRUST_ENTITY_TYPES: readonly FieldOption[] = [
  { value: 'models', label: 'Model', description: 'An AI model.' },
  { value: 'datasets', label: 'Dataset', description: 'A dataset.' },
  { value: 'aisystems', label: 'AI System', description: 'An AI system.' },
  { value: 'aiagents', label: 'AI Agent', description: 'An AI agent.' },
  { value: 'vendors', label: 'Vendor', description: 'A vendor (from the Vendor module).' },
];

function entityFields(n: 1 | 2, role: string): Field[] {
  return [
    {
      key: `entity${n}Type`,
      label: `Entity ${n} Type`,
      description: `The entity type of ${role}, by name (models, datasets, aisystems, aiagents, or another type the link type allows).`,
      type: 'options',
      required: true,
      options: ONETRUST_ENTITY_TYPES,
      allowCustomValue: true,
      example: n === 1 ? 'aisystems' : 'models',
      picker: { source: 'onetrust.entityTypes' },
    },
    {
      key: `entity${n}Id`,
      label: `Entity ${n} ID`,
      description: `The UUID of ${role}.`,
      type: 'uuid',
      required: true,
      placeholder: '0f79003f-b177-4f02-aa83-9bf11deec7c7',
      example: n === 1 ? '0f79003f-b177-4f02-aa83-9bf11deec7c7' : '296c0a2d-b5f6-450d-8b13-3c2327775042',
      picker: { source: 'onetrust.entities', dependsOn: { entityType: `entity${n}Type` } },
    },
  ];
}

export const onetrustFields: readonly Field[] = [
  {
    key: 'linkTypeId',
    label: 'Link Type ID',
    description:
      'The UUID of the link (relationship) type to create. OneTrust has no endpoint that lists link types: copy linkType.id from an existing link of that type.',
    type: 'uuid',
    required: true,
    placeholder: '2aa71ead-0c9a-416a-8471-bdfb67c8d113',
    example: '2aa71ead-0c9a-416a-8471-bdfb67c8d113',
    picker: { source: 'onetrust.linkTypes', dependsOn: { entityType: 'entity1Type', entityId: 'entity1Id' } },
  },
  ...entityFields(1, 'the first entity (the link reads from entity 1 to entity 2)'),
  ...entityFields(2, 'the second entity'),
  {
    key: 'entity1TypeId',
    label: 'Entity 1 Type ID',
    description: 'Optional UUID of the first entity\'s type, for types whose names are ambiguous.',
    type: 'uuid',
    required: false,
    advanced: true,
    picker: { source: 'onetrust.entityTypeIds' },
  },
  {
    key: 'entity2TypeId',
    label: 'Entity 2 Type ID',
    description: 'Optional UUID of the second entity\'s type, for types whose names are ambiguous.',
    type: 'uuid',
    required: false,
    advanced: true,
    picker: { source: 'onetrust.entityTypeIds' },
  },
  {
    key: 'attributes',
    label: 'Attributes',
    description:
      'Custom attributes the link type defines, as a JSON object: attribute name -> list of values, each {"value": "..."} or {"id": "..."} holding the UUID of an option.',
    type: 'json',
    required: false,
    advanced: true,
    placeholder: '{"textAttributeName": [{"value": "Text"}]}',
    example: { textAttributeName: [{ value: 'Text' }] },
  },
];

export const onetrustCredentialFields: readonly Field[] = [
  {
    key: 'hostname',
    label: 'Host Name',
    description: 'Your OneTrust host name without https://, such as app.onetrust.com, app-eu.onetrust.com or trial.onetrust.com.',
    type: 'string',
    required: true,
    placeholder: 'app.onetrust.com',
    default: 'app.onetrust.com',
    pattern: HOSTNAME_PATTERN.source,
  },
  {
    key: 'clientId',
    label: 'Client ID',
    description: 'The client ID of an OneTrust API client credential with the AI_GOVERNANCE or AI_GOVERNANCE_WRITE scope.',
    type: 'string',
    required: true,
  },
  {
    key: 'clientSecret',
    label: 'Client Secret',
    description: 'The client secret of that credential.',
    type: 'string',
    required: true,
    secret: true,
  },
];

/** The entity types whose links OneTrust lists (the `entityTypeName` of the links pages endpoint). */
export const ONETRUST_LISTABLE_TYPES: readonly FieldOption[] = ONETRUST_ENTITY_TYPES.filter((type) => type.value !== 'vendors');

const listedTypeField: Field = {
  key: 'entityType',
  label: 'Entity Type',
  description: 'The type of the entity whose links to list: models, datasets, aisystems or aiagents.',
  type: 'options',
  required: true,
  options: ONETRUST_LISTABLE_TYPES,
  example: 'aisystems',
};

const listedIdField: Field = {
  key: 'entityId',
  label: 'Entity ID',
  description: 'The UUID of the entity whose links to list.',
  type: 'uuid',
  required: true,
  placeholder: '0f79003f-b177-4f02-aa83-9bf11deec7c7',
  example: '0f79003f-b177-4f02-aa83-9bf11deec7c7',
  picker: { source: 'onetrust.entities', dependsOn: { entityType: 'entityType' } },
};

/** List: the links of one entity, in pages of up to 50. */
export const onetrustListFields: readonly Field[] = [listedTypeField, listedIdField];

/** Get and delete: a link by its id and its link type id (both are required by the API). */
export const onetrustLinkRefFields: readonly Field[] = [
  {
    key: 'linkId',
    label: 'Link ID',
    description: 'The UUID of the link (relationship record), as a create or a list returned it.',
    type: 'uuid',
    required: true,
    placeholder: 'c0f18be7-1205-4417-874c-e5b8d292ac9f',
    example: 'c0f18be7-1205-4417-874c-e5b8d292ac9f',
  },
  {
    key: 'linkTypeId',
    label: 'Link Type ID',
    description: 'The UUID of the link\'s type: OneTrust needs it to find the link.',
    type: 'uuid',
    required: true,
    placeholder: '8857005c-662f-4f90-9e4e-481b225a666a',
    example: '8857005c-662f-4f90-9e4e-481b225a666a',
  },
];

/** Find: the links between two entities, of one link type where given. */
export const onetrustFindFields: readonly Field[] = [
  { ...listedTypeField, description: 'The type of one of the two entities: models, datasets, aisystems or aiagents.' },
  { ...listedIdField, description: 'The UUID of that entity.' },
  {
    key: 'otherEntityId',
    label: 'Other Entity ID',
    description: 'The UUID of the entity at the other end.',
    type: 'uuid',
    required: true,
    placeholder: '296c0a2d-b5f6-450d-8b13-3c2327775042',
    example: '296c0a2d-b5f6-450d-8b13-3c2327775042',
    picker: { source: 'onetrust.linkedEntities', dependsOn: { entityType: 'entityType', entityId: 'entityId' } },
  },
  {
    key: 'linkTypeId',
    label: 'Link Type ID',
    description: 'Only links of this type. Empty: every type.',
    type: 'uuid',
    required: false,
    picker: { source: 'onetrust.linkTypes', dependsOn: { entityType: 'entityType', entityId: 'entityId' } },
  },
];
