/**
 * The one translation of core's field model into Make's parameter syntax (mappable parameters of the
 * module, connection parameters). Nothing here knows an API: every rule is about a field type or flag.
 */
import type { Field, Provider } from '@links/core';
import { rpcOfField } from '../apps.js';

/** One Make parameter, as `imljson/parameters.json` describes it. */
export type MakeParameter = Record<string, unknown>;

export interface TranslationOptions {
  /** The most entries a list may have (Make checks `validate.maxItems` before the module runs). */
  maxItems?: number;
  /** What a picker's search form asks besides Search, by picker (Tracker's linked entity: its type). */
  searchForms?: Readonly<Record<string, readonly MakeParameter[]>>;
}

/**
 * Translates fields into Make parameters. A field shown only for some values of another field (core's
 * `showWhen`) becomes a nested parameter of those options, so Make shows it exactly when core uses it.
 */
export function toMakeParameters(fields: readonly Field[], translation: TranslationOptions = {}): MakeParameter[] {
  const conditional = fields.filter((field) => field.showWhen);
  for (const field of conditional) {
    const controller = fields.find((f) => f.key === field.showWhen!.field);
    if (controller?.type !== 'options') {
      throw new Error(`${field.key} is shown for values of ${field.showWhen!.field}, which is not an options field of the same list`);
    }
  }
  const parentOf = dependencyParents(fields);
  return fields.filter((field) => !field.showWhen && !parentOf.has(field.key)).map((field) => toMakeParameter(field, fields, conditional, parentOf, translation));
}

/**
 * A field whose picker reads other fields of the same list (core's `dependsOn`) is nested under the last of
 * them, so Make shows it, and loads its options, once that field has a value: field key -> parent key.
 */
function dependencyParents(fields: readonly Field[]): Map<string, string> {
  const parents = new Map<string, string>();
  const index = (key: string) => fields.findIndex((f) => f.key === key);
  for (const field of fields) {
    const keys = Object.values(field.picker?.dependsOn ?? {}).filter((key) => index(key) >= 0 && !fields[index(key)]!.showWhen);
    if (keys.length === 0 || field.showWhen) continue;
    parents.set(field.key, keys.reduce((last, key) => (index(key) > index(last) ? key : last)));
  }
  return parents;
}

/** Core's UUID check (`validateFields`: trimmed, any letter case), for a UUID field that became a select. */
const UUID_TEXT = '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';

/** Make's search button of a picker field: the same RPC, with a Search text (and what the RPC's form adds). */
export const SEARCH_PARAMETER: MakeParameter = {
  name: 'search',
  label: 'Search',
  type: 'text',
  help: 'Text to look for (a name or an ID; a pasted web address of a record is read as its ID). Empty: the first options.',
};

function toMakeParameter(
  field: Field,
  fields: readonly Field[],
  conditional: readonly Field[],
  parentOf: ReadonlyMap<string, string>,
  translation: TranslationOptions,
): MakeParameter {
  const parameter: MakeParameter = {
    name: field.key,
    label: field.label,
    type: makeType(field),
    help: field.description,
    required: field.required,
  };
  if (field.advanced) parameter.advanced = true;
  if (field.multiple) parameter.multiple = true;
  if (field.default !== undefined && field.default !== '') parameter.default = field.default;
  const children = fields.filter((f) => parentOf.get(f.key) === field.key).map((f) => toMakeParameter(f, fields, conditional, parentOf, translation));
  const rpc = rpcOfField(field);
  const staticOptions =
    field.type === 'options'
      ? field.options!.map((option) => {
          const nested = conditional.filter((f) => f.showWhen!.field === field.key && f.showWhen!.equals.includes(option.value));
          return {
            label: option.label,
            value: option.value,
            description: option.description,
            ...(nested.length > 0 ? { nested: nested.map((f) => toMakeParameter(f, fields, conditional, parentOf, translation)) } : {}),
          };
        })
      : undefined;
  if (rpc) {
    // The picker's RPC lists the options; a value can still be typed in or mapped (an ID from another module).
    const store = `rpc://${rpc.id}`;
    parameter.options = children.length > 0 ? { store, nested: children } : store;
    parameter.editable = true;
    // Any typed value is taken (Make checks a select's value against its options otherwise); a UUID keeps its form check.
    parameter.validate = field.type === 'uuid' ? { pattern: UUID_TEXT } : false;
    parameter.rpc = { url: rpc.id, label: `Search ${field.label}`, parameters: [SEARCH_PARAMETER, ...(translation.searchForms?.[rpc.source] ?? [])] };
  } else if (staticOptions) {
    parameter.options = children.length > 0 ? { store: staticOptions, nested: children } : staticOptions;
    // An open list (the API accepts more values): the user may type a value of their own.
    if (field.allowCustomValue) {
      parameter.editable = true;
      parameter.validate = false;
    }
  } else if (children.length > 0) {
    parameter.nested = children;
  }
  if (field.type === 'list') {
    parameter.spec = toMakeParameters(field.fields!, translation);
    const limits = { ...(field.required ? { minItems: 1 } : {}), ...(translation.maxItems ? { maxItems: translation.maxItems } : {}) };
    if (Object.keys(limits).length > 0) parameter.validate = limits;
  }
  // Make checks the value itself before anything runs (OneTrust's host name: the client secret goes there).
  if (field.pattern) parameter.validate = { pattern: field.pattern };
  return parameter;
}

function makeType(field: Field): string {
  if (field.picker) return 'select';
  switch (field.type) {
    case 'string':
      return field.secret ? 'password' : 'text';
    case 'uuid':
      return 'uuid';
    case 'options':
      return 'select';
    case 'list':
      return 'array';
    case 'json':
      // Make parses the text into an object before the communication reads it.
      return 'json';
  }
}

/** Core's rule for a base URL override (`checkBaseUrl`): https, or http on this machine's loopback only. */
const BASE_URL_PATTERN = '^(https://[^/?#@\\s]+|http://(localhost|127(\\.[0-9]{1,3}){3}|\\[::1\\])(:[0-9]+)?)(/[^?#\\s]*)?$';

/** The connection's fields: the provider's credential fields plus its base URL override. */
export function connectionFields(provider: Provider<any, any>): Field[] {
  return [...provider.credentialFields, provider.baseUrlField];
}

/** The connection's parameters; the base URL override follows core's rule (`checkBaseUrl`). */
export function connectionParameters(provider: Provider<any, any>): MakeParameter[] {
  return toMakeParameters(connectionFields(provider)).map((parameter) =>
    parameter.name === 'baseUrl' ? { ...parameter, validate: { pattern: BASE_URL_PATTERN } } : parameter,
  );
}
