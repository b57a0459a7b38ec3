import type { AnyProvider, Field } from '@links/core';
import { locatorPicker, locatorProperty } from './locator';
import type { ICredentialDataDecryptedObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Shows a parameter only for Resource "Link" and the given operation, plus the field's own condition. */
export function showFor(operation: string, field?: Field): INodeProperties['displayOptions'] {
  return {
    show: {
      resource: ['link'],
      operation: [operation],
      ...(field?.showWhen ? { [field.showWhen.field]: [...field.showWhen.equals] } : {}),
    },
  };
}

function toOptions(field: Field): INodePropertyOptions[] {
  return (field.options ?? []).map((option) => ({ name: option.label, value: option.value, description: option.description }));
}

/**
 * Whether n8n may mark the parameter required. Not for a field shown only for some value of another: n8n checks
 * required parameters before the run and cannot evaluate that condition when the other field is an expression,
 * so it would refuse a valid workflow. Core checks the condition for every item, naming the field.
 */
function requiredInN8n(field: Field, nested: boolean): boolean | undefined {
  if (nested) return undefined;
  return field.required && !field.showWhen;
}

/** The description, plus when a conditional field is required (n8n shows no "required" mark for it). */
function describe(field: Field, siblings: readonly Field[]): string {
  if (!field.showWhen || !field.required) return field.description;
  const other = siblings.find((f) => f.key === field.showWhen!.field);
  const values = field.showWhen.equals.map((value) => `"${other?.options?.find((o) => o.value === value)?.label ?? value}"`).join(' or ');
  return `${field.description} Required when ${other?.label ?? field.showWhen.field} is ${values}.`;
}

/**
 * One core field as an n8n parameter of an operation (inside a collection when `nested`, where display options
 * do not apply).
 */
export function toNodeProperty(
  field: Field,
  nested = false,
  siblings: readonly Field[] = [],
  operation = 'create',
  pickers?: AnyProvider['pickers'],
): INodeProperties {
  const base = {
    displayName: field.label,
    name: field.key,
    description: describe(field, siblings),
    required: requiredInN8n(field, nested),
    placeholder: field.placeholder,
    ...(nested ? {} : { displayOptions: showFor(operation, field) }),
  };
  const picker = nested ? undefined : locatorPicker(field, pickers);
  if (picker) return locatorProperty(field, picker, base);
  if (field.dynamicOptions) {
    // A dropdown filled from the API; an expression can still give an ID directly.
    return { ...base, type: 'options', default: '', typeOptions: { loadOptionsMethod: loadOptionsMethodName(field.dynamicOptions) } };
  }
  switch (field.type) {
    case 'options':
      if (field.multiple) return { ...base, type: 'multiOptions', default: [], options: toOptions(field) };
      if (!field.required && field.default === undefined) {
        // An optional choice: "Any" (nothing sent) first.
        return { ...base, type: 'options', default: '', options: [{ name: 'Any', value: '', description: 'No filter: every value' }, ...toOptions(field)] };
      }
      // An open list (the API accepts more values): a dropdown, and an expression for any other value.
      return {
        ...base,
        type: 'options',
        default: field.default ?? field.options?.[0]?.value ?? '',
        options: toOptions(field),
        description: field.allowCustomValue ? `${base.description} Any other value the API accepts can be given as an expression.` : base.description,
      };
    case 'list':
      // A required list starts with one entry (its fields at their defaults), so that the editor shows what to fill in.
      return {
        ...base,
        type: 'fixedCollection',
        typeOptions: { multipleValues: true },
        default: field.required ? { values: [Object.fromEntries((field.fields ?? []).map((sub) => [sub.key, toNodeProperty(sub, true).default]))] } : {},
        placeholder: `Add ${field.label.replace(/s$/, '')}`,
        options: [{ displayName: field.label.replace(/s$/, ''), name: 'values', values: (field.fields ?? []).map((sub) => toNodeProperty(sub, true, field.fields)) }],
      };
    case 'json':
      return { ...base, type: 'json', default: '' };
    case 'string':
    case 'uuid':
      return { ...base, type: 'string', default: field.default ?? '', typeOptions: field.secret ? { password: true } : undefined };
  }
}

/** The fields in their order, each field shown only for a value of another placed right after that other one. */
function besideTheirCondition(fields: readonly Field[]): Field[] {
  const dependents = (key: string): Field[] => fields.filter((f) => f.showWhen?.field === key).flatMap((f) => [f, ...dependents(f.key)]);
  const known = new Set(fields.map((f) => f.key));
  return fields.filter((f) => !f.showWhen || !known.has(f.showWhen.field)).flatMap((f) => [f, ...dependents(f.key)]);
}

/** The parameters of one operation: required and conditional fields first, advanced ones in "Additional Fields". */
export function operationProperties(operation: string, fields: readonly Field[], pickers?: AnyProvider['pickers']): INodeProperties[] {
  const main = besideTheirCondition(fields.filter((f) => !f.advanced)).map((f) => toNodeProperty(f, false, fields, operation, pickers));
  const advanced = fields.filter((f) => f.advanced);
  if (advanced.length === 0) return main;
  return [
    ...main,
    {
      displayName: 'Additional Fields',
      name: 'additionalFields',
      type: 'collection',
      placeholder: 'Add Field',
      default: {},
      displayOptions: showFor(operation),
      options: advanced.map((f) => toNodeProperty(f, true, fields)),
    },
  ];
}

/** Credential fields as n8n credential properties. */
export function credentialProperties(fields: readonly Field[]): INodeProperties[] {
  return fields.map((field) => {
    const property = toNodeProperty(field, true, fields);
    return { ...property, required: field.required || undefined, default: property.default };
  });
}

/** The credential data n8n stores, as core's credential fields name them. */
export function credentialsOf(data: ICredentialDataDecryptedObject, fields: readonly Field[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field.key, data[field.key]]));
}

/** The node method that loads a dynamic dropdown (`devrev.customLinkTypes` -> `devrev_customLinkTypes`). */
export function loadOptionsMethodName(source: NonNullable<Field['dynamicOptions']>): string {
  return source.replace(/\W/g, '_');
}
