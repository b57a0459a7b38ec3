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
    },
    {
      key: `entity${n}Id`,
      label: `Entity ${n} ID`,
      description: `The UUID of ${role}.`,
      type: 'uuid',
      required: true,
      placeholder: '0f79003f-b177-4f02-aa83-9bf11deec7c7',
      example: n === 1 ? '0f79003f-b177-4f02-aa83-9bf11deec7c7' : '296c0a2d-b5f6-450d-8b13-3c2327775042',
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
  },
  {
    key: 'entity2TypeId',
    label: 'Entity 2 Type ID',
    description: 'Optional UUID of the second entity\'s type, for types whose names are ambiguous.',
    type: 'uuid',
    required: false,
    advanced: true,
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
