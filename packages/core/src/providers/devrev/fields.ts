import type { Field, FieldOption } from '../../fields.js';

/** `link_type` values, as documented for `links.create`. */
export const DEVREV_LINK_TYPES: readonly FieldOption[] = [
  { value: 'is_related_to', label: 'Is Related To', description: 'The source is related to the target.' },
  { value: 'is_dependent_on', label: 'Is Dependent On', description: 'The source depends on the target (between a ticket and an issue: ticket to issue only).' },
  { value: 'is_parent_of', label: 'Is Parent Of', description: 'The source is the parent of the target (one parent per target, no cycles, at most two levels).' },
  { value: 'is_part_of', label: 'Is Part Of', description: 'The source is part of the target.' },
  { value: 'is_duplicate_of', label: 'Is Duplicate Of', description: 'The source duplicates the target.' },
  { value: 'is_follow_up_of', label: 'Is Follow-Up Of', description: 'The source follows up on the target.' },
  { value: 'is_merged_into', label: 'Is Merged Into', description: 'The source was merged into the target (one per source).' },
  { value: 'is_converted_to', label: 'Is Converted To', description: 'The source was converted into the target.' },
  { value: 'is_analyzed_by', label: 'Is Analyzed By', description: 'The source is analyzed by the target.' },
  { value: 'developed_with', label: 'Developed With', description: 'The source is developed with the target.' },
  { value: 'imports', label: 'Imports', description: 'The source imports the target.' },
  { value: 'serves', label: 'Serves', description: 'The source serves the target.' },
  { value: 'custom_link', label: 'Custom Link', description: 'A custom link type of your organization: choose it in Custom Link Type.' },
];

const OBJECT_ID_HELP =
  'A DevRev object ID (DON) such as don:core:dvrv-us-1:devo/demo:issue/1, or a work item display ID such as ISS-1 or TKT-9.';

export const devrevFields: readonly Field[] = [
  {
    key: 'source',
    label: 'Source ID',
    description: `The object the link starts from. ${OBJECT_ID_HELP}`,
    type: 'string',
    required: true,
    placeholder: 'ISS-1',
    example: 'ISS-1',
    picker: { source: 'devrev.works' },
  },
  {
    key: 'linkType',
    label: 'Link Type',
    description: 'How the source relates to the target, read from source to target: "ISS-1 is parent of ISS-2".',
    type: 'options',
    required: true,
    options: DEVREV_LINK_TYPES,
    default: 'is_related_to',
    example: 'is_related_to',
  },
  {
    key: 'target',
    label: 'Target ID',
    description: `The object the link points to. ${OBJECT_ID_HELP}`,
    type: 'string',
    required: true,
    placeholder: 'ISS-2',
    example: 'ISS-2',
    picker: { source: 'devrev.works' },
  },
  {
    key: 'customLinkType',
    label: 'Custom Link Type',
    description: 'The ID of one of your custom link types (from link-types.custom.list). Used only with the link type "custom_link".',
    type: 'string',
    required: true,
    dynamicOptions: 'devrev.customLinkTypes',
    picker: { source: 'devrev.customLinkTypes' },
    showWhen: { field: 'linkType', equals: ['custom_link'] },
    placeholder: 'don:core:dvrv-us-1:devo/demo:custom_link_type/1',
    example: 'don:core:dvrv-us-1:devo/demo:custom_link_type/1',
  },
];

export const devrevCredentialFields: readonly Field[] = [
  {
    key: 'token',
    label: 'Access Token',
    description: 'A DevRev personal access token (PAT) or application access token, sent in the Authorization header as a Bearer token.',
    type: 'string',
    required: true,
    secret: true,
  },
];

/** `direction` of links.list: which side of the link the listed object is on. */
export const DEVREV_DIRECTIONS: readonly FieldOption[] = [
  { value: 'is_source', label: 'Links From It', description: 'Links whose source is the object.' },
  { value: 'is_target', label: 'Links To It', description: 'Links whose target is the object.' },
];

const objectField = (key: string, label: string, role: string): Field => ({
  key,
  label,
  description: `${role} ${OBJECT_ID_HELP}`,
  type: 'string',
  required: true,
  placeholder: 'ISS-1',
  example: 'ISS-1',
  picker: { source: 'devrev.works' },
});

/** List: the links of one object (links.list). */
export const devrevListFields: readonly Field[] = [
  objectField('object', 'Object ID', 'The object whose links to list.'),
  {
    key: 'direction',
    label: 'Direction',
    description: 'Only the links from the object, or only those to it. Empty: both.',
    type: 'options',
    required: false,
    options: DEVREV_DIRECTIONS,
  },
  {
    key: 'linkTypes',
    label: 'Link Types',
    description: 'Only links of these types. Empty: every type.',
    type: 'options',
    required: false,
    multiple: true,
    options: DEVREV_LINK_TYPES,
  },
];

/** Get and delete: one link by its ID. */
export const devrevLinkRefFields: readonly Field[] = [
  {
    key: 'id',
    label: 'Link ID',
    description: 'The ID of the link, as a create or a list returned it: don:core:dvrv-us-1:devo/demo:link/42.',
    type: 'string',
    required: true,
    placeholder: 'don:core:dvrv-us-1:devo/demo:link/42',
    example: 'don:core:dvrv-us-1:devo/demo:link/42',
  },
];

/** Find: the links between two objects, either direction. */
export const devrevFindFields: readonly Field[] = [
  objectField('object', 'Object ID', 'One of the two objects.'),
  { ...objectField('otherObject', 'Other Object ID', 'The other object.'), placeholder: 'ISS-2', example: 'ISS-2' },
  {
    key: 'linkType',
    label: 'Link Type',
    description: 'Only links of this type. Empty: every type.',
    type: 'options',
    required: false,
    options: DEVREV_LINK_TYPES,
  },
  {
    key: 'customLinkType',
    label: 'Custom Link Type',
    description: 'Only links of this custom link type. Used only with the link type "custom_link".',
    type: 'string',
    required: false,
    picker: { source: 'devrev.customLinkTypes' },
    showWhen: { field: 'linkType', equals: ['custom_link'] },
  },
];
