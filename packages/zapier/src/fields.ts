/**
 * The one translation of core's field model into Zapier's field schema, for input fields and
 * authentication fields alike, and of Zapier's `inputData` back into core's input.
 */
import { type Field, type FieldOption, isFieldActive } from '@links/core';
import type { AuthField, Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { optionTriggerKey } from './option-triggers.js';

/** A dynamic-field function: Zapier calls it again whenever a field with `altersDynamicFields` changes. */
export type InputFieldFunction = (z: ZObject, bundle: Bundle) => PlainInputField[];

/** Help text: core's description, plus what a Zapier user needs to know about the field's kind. */
function helpText(field: Field): string {
  const notes = [field.description];
  if (field.type === 'options' && field.allowCustomValue) {
    notes.push('Other values the API accepts can be entered as a custom value.');
  }
  if (field.type === 'json' && field.example !== undefined) {
    notes.push(`Example: \`${JSON.stringify(field.example)}\``);
  }
  return notes.join(' ');
}

/** What the Zap editor has put in the fields so far (`bundle.inputData` while it asks for the fields). */
export type EditorInput = Readonly<Record<string, unknown>>;

/**
 * Whether an option is offered for the editor's input. An option with `showWhen` is left out only once the field
 * it names holds a plain value outside its list: while that field is empty, or mapped from an earlier step (the
 * editor passes `{{123__key}}` then, the value is only known when the Zap runs), every option is offered.
 */
function isOffered(option: FieldOption, input: EditorInput): boolean {
  if (!option.showWhen) return true;
  const value = input[option.showWhen.field];
  if (typeof value !== 'string' || value.trim() === '' || value.includes('{{')) return true;
  return option.showWhen.equals.includes(value.trim());
}

/** Core `options` -> Zapier choices with labels, in core's order: all of them, or those offered for the editor's input. */
function choices(field: Field, input?: EditorInput) {
  return field.options
    ?.filter((option) => !input || isOffered(option, input))
    .map((option) => ({ value: option.value, label: option.label, sample: option.value }));
}

/** The fields whose values decide which options a field (or, for a list, a field of its rows) offers. */
function optionConditionFields(field: Field): string[] {
  const own = (field.options ?? []).flatMap((option) => (option.showWhen ? [option.showWhen.field] : []));
  return [...new Set([...own, ...(field.fields ?? []).flatMap(optionConditionFields)])];
}

/**
 * One core field as a Zapier input field (conditions are handled by `toInputFields`). `searches` maps a picker to
 * the key of the "Find <record>" search whose result can fill the field (Zapier's `search`). With the editor's
 * `input`, the choices (a row's too) are the options offered for it; without, all of them.
 */
export function toInputField(field: Field, searches: Readonly<Record<string, string>> = {}, input?: EditorInput): PlainInputField {
  // A list of objects is a line-item group: Zapier sends it as an array of objects, one per row.
  // `children` excludes type, helpText, default and placeholder (Zapier's schema), so the rows carry them; a row's
  // field may be a dynamic dropdown with its search like any other (the schema's children are input fields).
  if (field.type === 'list') {
    return { key: field.key, label: field.label, required: field.required, children: field.fields!.map((child) => toInputField(child, searches, input)) };
  }
  const zapierField: PlainInputField = {
    key: field.key,
    label: field.label,
    required: field.required,
    helpText: helpText(field),
  };
  if (field.type === 'json') {
    // Zapier's JSON field: the editor checks the syntax; core accepts the object or its text.
    zapierField.type = 'json';
    zapierField.schema = { type: 'object' };
  } else {
    zapierField.type = 'string';
  }
  // A field core can list the values of is a dynamic dropdown (which still takes a typed or mapped value).
  if (field.picker) {
    zapierField.dynamic = `${optionTriggerKey(field.picker)}.id.name`;
    // The "Find <record>" search linked from the dropdown (Zapier's D014), where the picker's records have one.
    const search = searches[field.picker.source];
    if (search) zapierField.search = `${search}.id`;
  } else if (field.options) zapierField.choices = choices(field, input);
  if (field.default) zapierField.default = field.default;
  if (field.placeholder) zapierField.placeholder = field.placeholder;
  return zapierField;
}

/**
 * Core's fields as Zapier's `inputFields`: required fields first (Zapier's publishing checklist), then
 * conditional ones, then optional ones. A field that depends on another one's value becomes a dynamic-field
 * function reading the editor's `bundle.inputData`, and the field it depends on gets `altersDynamicFields` so
 * that Zapier asks again when it changes: a conditional field (`showWhen`) is shown only while its condition
 * holds; a field with options offered only for some values of another field (`FieldOption.showWhen`, on the
 * field or on a field of its rows, as Zapier's line items cannot hold functions) offers those that fit.
 */
export function toInputFields(fields: readonly Field[], searches: Readonly<Record<string, string>> = {}): (PlainInputField | InputFieldFunction)[] {
  const keys = new Set(fields.map((field) => field.key));
  const controlling = new Set(fields.flatMap((field) => [...(field.showWhen ? [field.showWhen.field] : []), ...optionConditionFields(field)]));
  for (const key of controlling) if (!keys.has(key)) throw new TypeError(`A field depends on ${key}, which is no field of the operation`);
  const rank = (field: Field) => (field.showWhen ? 1 : field.required ? 0 : 2);
  return [...fields]
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => {
      const alters = (zapierField: PlainInputField) => (controlling.has(field.key) ? { ...zapierField, altersDynamicFields: true } : zapierField);
      if (!field.showWhen && optionConditionFields(field).length === 0) return alters(toInputField(field, searches));
      const dependent: InputFieldFunction = (_z, bundle) => {
        const input = bundle.inputData ?? {};
        return isFieldActive(field, input) ? [alters(toInputField(field, searches, input))] : [];
      };
      return dependent;
    });
}

/**
 * Core credential fields as Zapier authentication fields: the same translation, with secrets as password
 * fields. Credentials are text or fixed choices, which is all Zapier's auth fields can hold.
 */
export function toAuthFields(fields: readonly Field[]): AuthField[] {
  return fields.map((field) => {
    if (field.type === 'list' || field.type === 'json' || field.picker || field.dynamicOptions || field.showWhen) {
      throw new TypeError(`Credential field ${field.key}: Zapier auth fields hold text or fixed choices only`);
    }
    const { type, ...rest } = toInputField(field);
    return { ...rest, type: field.secret ? 'password' : (type as 'string') } as AuthField;
  });
}

/**
 * Zapier's `inputData` as core input: only the provider's keys, and a line-item group that arrives as a
 * single object (one row mapped without line items) becomes a one-row list. Everything else goes to
 * core's validation as it came, so that core's messages name the fields.
 */
export function fromInputData(fields: readonly Field[], inputData: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const value = inputData[field.key];
    if (value === undefined) continue;
    const isSingleRow = field.type === 'list' && typeof value === 'object' && value !== null && !Array.isArray(value);
    input[field.key] = isSingleRow ? [value] : value;
  }
  return input;
}
