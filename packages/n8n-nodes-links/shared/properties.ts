import type { AnyProvider, Field, FieldOption } from '@links/core';
import { locatorPicker, locatorProperty } from './locator';
import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

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
 * Where a parameter sits: among an operation's parameters (`root`), in an entry of a fixed collection (`list`:
 * display options apply, and name the operation's parameters with a leading `/`), or in a collection
 * (`collection`: Additional Fields and credentials, where display options do not apply).
 */
export interface Place {
  in: 'root' | 'list' | 'collection';
  operation?: string;
  /** The fields the parameter sits among (their labels and options describe the conditions). */
  siblings?: readonly Field[];
  /** The operation's own fields, which a field inside a list entry may depend on. */
  root?: readonly Field[];
  pickers?: AnyProvider['pickers'];
}

/**
 * Whether n8n may mark the parameter required. Not for a field shown only for some value of another: n8n checks
 * required parameters before the run and cannot evaluate that condition when the other field is an expression,
 * so it would refuse a valid workflow. Core checks the condition for every item, naming the field.
 */
function requiredInN8n(field: Field, place: Place): boolean | undefined {
  if (place.in !== 'root') return undefined;
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
 * The variants of an options field whose options are offered only for some value of another field
 * (`FieldOption.showWhen`): one parameter per value of the other field, with the options that fit it, plus one
 * with every option for any other value (the other field given as an expression), all of the same name (n8n
 * keeps the value of whichever is shown, so a saved workflow keeps working). Each variant is conditioned by
 * `hide` only: n8n shows a parameter whose `show` names a field holding an expression without checking anything
 * else, which would show every variant at once. `undefined` when the options carry no condition, or one n8n
 * cannot show (conditions on more than one field, or on a field without options).
 */
function optionVariants(field: Field, place: Place): { label: string; variants: { hide: IDataObject; options: FieldOption[] }[] } | undefined {
  const options = field.options ?? [];
  const keys = [...new Set(options.flatMap((option) => (option.showWhen ? [option.showWhen.field] : [])))];
  if (keys.length !== 1 || place.in === 'collection') return undefined;
  const key = keys[0]!;
  const other = [...(place.in === 'list' ? (place.root ?? []) : []), ...(place.siblings ?? [])].find((f) => f.key === key);
  if (!other?.options?.length) return undefined;
  const ref = place.in === 'list' ? `/${key}` : key;
  return {
    label: other.label,
    variants: [
      ...other.options.map(({ value }) => ({
        hide: { [ref]: [{ _cnd: { not: value } }] },
        options: options.filter((option) => !option.showWhen || option.showWhen.equals.includes(value)),
      })),
      { hide: { [ref]: other.options.map((option) => option.value) }, options: [...options] },
    ],
  };
}

/** A parameter's display options: the operation's (at the root), the field's own condition, and `hide`. */
function displayOptionsFor(field: Field, place: Place, hide?: IDataObject): INodeProperties['displayOptions'] {
  if (place.in === 'collection') return undefined;
  const show = place.in === 'root' ? showFor(place.operation ?? 'create', field)!.show! : field.showWhen ? { [`/${field.showWhen.field}`]: [...field.showWhen.equals] } : {};
  if (Object.keys(show).length === 0 && !hide) return undefined;
  return { ...(Object.keys(show).length ? { show } : {}), ...(hide ? { hide } : {}) } as INodeProperties['displayOptions'];
}

/**
 * One core field as the n8n parameters of an operation: one parameter, or one per set of options that fits a
 * value of another field (see `optionVariants`).
 */
export function toNodeProperties(field: Field, place: Place): INodeProperties[] {
  const conditional = field.type === 'options' && !field.multiple ? optionVariants(field, place) : undefined;
  if (!conditional) return [toNodeProperty(field, place)];
  const description = openListDescription(field, describe(field, place.siblings ?? []), conditional.label);
  return conditional.variants.map(({ hide, options }) => {
    const property = { ...toNodeProperty({ ...field, options }, place), description };
    const listed = property.options as INodePropertyOptions[] | undefined;
    const fallback = listed?.some((o) => o.value === property.default) ? property.default : (listed?.[0]?.value ?? '');
    return { ...property, default: fallback, displayOptions: displayOptionsFor(field, place, hide) };
  });
}

/** The one n8n parameter of a core field (the first variant of an options field with conditional options). */
export function toNodeProperty(field: Field, place: Place = { in: 'collection' }): INodeProperties {
  const siblings = place.siblings ?? [];
  const base = {
    displayName: field.label,
    name: field.key,
    description: describe(field, siblings),
    required: requiredInN8n(field, place),
    placeholder: field.placeholder,
    ...(place.in === 'collection' ? {} : { displayOptions: displayOptionsFor(field, place) }),
  };
  const picker = place.in === 'collection' ? undefined : locatorPicker(field, place.pickers);
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
        description: openListDescription(field, base.description),
      };
    case 'list': {
      // A required list starts with one entry (its fields at their defaults), so that the editor shows what to fill in.
      const entry: Place = { in: 'list', operation: place.operation, siblings: field.fields ?? [], root: siblings, pickers: place.pickers };
      const values = (field.fields ?? []).flatMap((sub) => toNodeProperties(sub, entry));
      const defaultOf = (property: INodeProperties | undefined) =>
        property?.type === 'resourceLocator' ? { __rl: true, ...(property.default as object) } : property?.default;
      const defaults = Object.fromEntries((field.fields ?? []).map((sub) => [sub.key, defaultOf(values.find((v) => v.name === sub.key))]));
      return {
        ...base,
        type: 'fixedCollection',
        typeOptions: { multipleValues: true },
        default: field.required ? { values: [defaults] } : {},
        placeholder: `Add ${field.label.replace(/s$/, '')}`,
        options: [{ displayName: field.label.replace(/s$/, ''), name: 'values', values }],
      };
    }
    case 'json':
      return { ...base, type: 'json', default: '' };
    case 'string':
    case 'uuid':
      return { ...base, type: 'string', default: field.default ?? '', typeOptions: field.secret ? { password: true } : undefined };
  }
}

/** An options field's description: which values the dropdown shows, and that any other value goes as an expression. */
function openListDescription(field: Field, description: string, conditionLabel?: string): string {
  const shown = conditionLabel ? ` The list shows the values that fit the chosen ${conditionLabel} (all of them when ${conditionLabel} is an expression).` : '';
  return field.allowCustomValue ? `${description}${shown} Any other value the API accepts can be given as an expression.` : `${description}${shown}`;
}

/** The fields in their order, each field shown only for a value of another placed right after that other one. */
function besideTheirCondition(fields: readonly Field[]): Field[] {
  const dependents = (key: string): Field[] => fields.filter((f) => f.showWhen?.field === key).flatMap((f) => [f, ...dependents(f.key)]);
  const known = new Set(fields.map((f) => f.key));
  return fields.filter((f) => !f.showWhen || !known.has(f.showWhen.field)).flatMap((f) => [f, ...dependents(f.key)]);
}

/** The parameters of one operation: required and conditional fields first, advanced ones in "Additional Fields". */
export function operationProperties(operation: string, fields: readonly Field[], pickers?: AnyProvider['pickers']): INodeProperties[] {
  const place: Place = { in: 'root', operation, siblings: fields, pickers };
  const main = besideTheirCondition(fields.filter((f) => !f.advanced)).flatMap((f) => toNodeProperties(f, place));
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
      options: advanced.map((f) => toNodeProperty(f, { in: 'collection', siblings: fields })),
    },
  ];
}

/** Credential fields as n8n credential properties. */
export function credentialProperties(fields: readonly Field[]): INodeProperties[] {
  return fields.map((field) => {
    const property = toNodeProperty(field, { in: 'collection', siblings: fields });
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
