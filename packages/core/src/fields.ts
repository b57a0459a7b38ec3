/**
 * The neutral field model. Each provider describes its input once with it; the n8n, Zapier and Make
 * packages translate it into their own schemas, and `validateInput` checks input against it.
 */
export type FieldType =
  /** Free text. */
  | 'string'
  /** A UUID (RFC 4122 text form). */
  | 'uuid'
  /** One value of `options`; `allowCustomValue` admits others the API may accept. */
  | 'options'
  /** A list of objects, each described by `fields`. */
  | 'list'
  /** A JSON object; its shape is checked by the provider's own rules. */
  | 'json';

export interface FieldOption {
  value: string;
  label: string;
  description: string;
  /**
   * Offered only when another field of the operation has one of these values (Tracker's goal-only
   * relationships). An editor hint: the value itself is still accepted everywhere.
   */
  showWhen?: FieldCondition;
}

/**
 * Where a field's values can be picked from: an option source (a key of the provider's `pickers`) that
 * searches or lists records or types page by page, and turns a pasted web address into an id.
 */
export interface FieldPicker {
  /** The option source id, such as `devrev.works` or `onetrust.entities`. */
  source: string;
  /**
   * The source's parameters that other fields of the same operation supply: source parameter -> field key
   * (the entities of OneTrust's Entity 1 ID come from the type in `entity1Type`: `{ entityType: 'entity1Type' }`).
   */
  dependsOn?: Readonly<Record<string, string>>;
}

/** Shows (and requires, when `required`) a field only when another field has one of these values. */
export interface FieldCondition {
  field: string;
  equals: readonly string[];
}

export interface Field {
  /** Stable camelCase key: the input property and the parameter name on every platform. */
  key: string;
  label: string;
  /** What the field is, for people and for AI agents filling it in. */
  description: string;
  type: FieldType;
  required: boolean;
  options?: readonly FieldOption[];
  /** For `options`: values outside the list are passed through (the API's list is open). */
  allowCustomValue?: boolean;
  /** For `options`: the value is a list of option values (none given means no filter). */
  multiple?: boolean;
  /**
   * An option source id (a key of the provider's `optionSources`, such as `devrev.customLinkTypes`): a
   * platform shows a dropdown fed by its first page. Kept for the platforms that translate it today;
   * `picker` is the full description (search, paging, parameters, URLs).
   */
  dynamicOptions?: string;
  /** Where the value can be picked from: a searchable, paged option source. */
  picker?: FieldPicker;
  /** For `list`: the fields of each entry. */
  fields?: readonly Field[];
  showWhen?: FieldCondition;
  default?: string;
  placeholder?: string;
  example?: unknown;
  /** A regular expression the value must match, for platforms that validate input themselves (Make). */
  pattern?: string;
  /** A secret: platforms show it as a password and never log or echo it. */
  secret?: boolean;
  /** For settings most users leave alone (such as the base URL). */
  advanced?: boolean;
}

/** Returns whether a conditional field applies to the given input. */
export function isFieldActive(field: Field, input: Readonly<Record<string, unknown>>): boolean {
  if (!field.showWhen) return true;
  // Compared as validation will read it (trimmed), so " custom_link " switches its fields on as well.
  const value = input[field.showWhen.field];
  return typeof value === 'string' && field.showWhen.equals.includes(value.trim());
}

/** The base URL override every credential has: the real service unless set (sandbox, proxies). */
export function baseUrlField(realServiceUrl: string | null): Field {
  return {
    key: 'baseUrl',
    label: 'Base URL',
    description:
      'Leave as is to use the real service. Change it only to reach a proxy or the Links sandbox (http:// is accepted for localhost only).' +
      (realServiceUrl ? '' : ' Empty means https:// followed by the Host Name.'),
    type: 'string',
    required: false,
    default: realServiceUrl ?? '',
    placeholder: realServiceUrl ?? 'https://app.onetrust.com',
    advanced: true,
  };
}

/** What a create does when the link already exists (`ifExists`). */
export const IF_EXISTS_OPTIONS: readonly FieldOption[] = [
  { value: 'create', label: 'Create Anyway', description: 'Send the create without looking: no list request, and an existing link may be made twice.' },
  {
    value: 'skip',
    label: 'Skip and Return the Existing Link',
    description: 'List the source record\'s links first (once per record per run); an existing link is returned with created = false and nothing is sent for it.',
  },
  { value: 'fail', label: 'Fail', description: 'List the source record\'s links first; an existing link is an error that names it, and nothing is sent for that input.' },
];

/** The "If Already Linked" option of every create, the same for every API. */
export const ifExistsField: Field = {
  key: 'ifExists',
  label: 'If Already Linked',
  description:
    'What to do when the same link (same records, same type) already exists. None of the three APIs refuses a second identical create, so Skip and Fail look first.',
  type: 'options',
  required: false,
  options: IF_EXISTS_OPTIONS,
  default: 'create',
};
