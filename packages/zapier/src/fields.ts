/**
 * The one translation of core's field model into Zapier's field schema, for input fields and
 * authentication fields alike, and of Zapier's `inputData` back into core's input.
 */
import { type Field, isFieldActive } from '@links/core';
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

/** Core `options` -> Zapier choices with labels, in core's order. */
function choices(field: Field) {
  return field.options?.map((option) => ({ value: option.value, label: option.label, sample: option.value }));
}

/**
 * One core field as a Zapier input field (static; conditions are handled by `toInputFields`). `searches` maps a
 * picker to the key of the "Find <record>" search whose result can fill the field (Zapier's `search`).
 */
export function toInputField(field: Field, searches: Readonly<Record<string, string>> = {}): PlainInputField {
  // A list of objects is a line-item group: Zapier sends it as an array of objects, one per row.
  // `children` excludes type, helpText, default and placeholder (Zapier's schema), so the rows carry them; a row's
  // field may be a dynamic dropdown with its search like any other (the schema's children are input fields).
  if (field.type === 'list') {
    return { key: field.key, label: field.label, required: field.required, children: field.fields!.map((child) => toInputField(child, searches)) };
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
  } else if (field.options) zapierField.choices = choices(field);
  if (field.default) zapierField.default = field.default;
  if (field.placeholder) zapierField.placeholder = field.placeholder;
  return zapierField;
}

/**
 * Core's fields as Zapier's `inputFields`: required fields first (Zapier's publishing checklist), then
 * conditional ones, then optional ones. A conditional field (`showWhen`) becomes a dynamic-field
 * function that shows it only while its condition holds, and the field it depends on gets
 * `altersDynamicFields` so that Zapier asks again when it changes.
 */
export function toInputFields(fields: readonly Field[], searches: Readonly<Record<string, string>> = {}): (PlainInputField | InputFieldFunction)[] {
  const controlling = new Set(fields.flatMap((field) => (field.showWhen ? [field.showWhen.field] : [])));
  const rank = (field: Field) => (field.showWhen ? 1 : field.required ? 0 : 2);
  return [...fields]
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => {
      const zapierField = toInputField(field, searches);
      if (controlling.has(field.key)) zapierField.altersDynamicFields = true;
      if (!field.showWhen) return zapierField;
      const showWhenActive: InputFieldFunction = (_z, bundle) => (isFieldActive(field, bundle.inputData ?? {}) ? [zapierField] : []);
      return showWhenActive;
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
