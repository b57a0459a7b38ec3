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
  /**
   * An option source id (a key of the provider's `optionSources`, such as `devrev.customLinkTypes`): a
   * platform shows a dropdown fed by it.
   */
  dynamicOptions?: string;
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
  const value = input[field.showWhen.field];
  return typeof value === 'string' && field.showWhen.equals.includes(value);
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
