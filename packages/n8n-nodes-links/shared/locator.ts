import { type AnyProvider, type Field, idFromUrl, InputError, type Picker, type ProviderId } from '@links/core';
import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

/** What a UUID field accepts in n8n's "By ID" mode (core checks it again, naming the field). */
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * The `listSearch` method of a field's picker (`devrev.works` for `source` -> `devrev_works_source`): one per
 * field, because the parameters come from that field's own siblings (OneTrust's Entity 2 ID from Entity 2 Type).
 */
export function listSearchMethodName(source: string, key: string): string {
  return `${source}_${key}`.replace(/\W/g, '_');
}

/** The picker a field names, where the provider describes it; fields with a fixed or loaded dropdown keep it. */
export function locatorPicker(field: Field, pickers: AnyProvider['pickers'] | undefined): Picker | undefined {
  if (!field.picker || field.dynamicOptions || (field.type !== 'string' && field.type !== 'uuid')) return undefined;
  return pickers && Object.hasOwn(pickers, field.picker.source) ? pickers[field.picker.source] : undefined;
}

/**
 * An ID field with a picker as n8n's resource locator: From List (a search over core's option source, page by
 * page), By ID (with the field's format) and, where core knows the service's web addresses, By URL.
 */
export function locatorProperty(field: Field, picker: Picker, base: Partial<INodeProperties>): INodeProperties {
  const modes: INodePropertyMode[] = [
    {
      displayName: 'From List',
      name: 'list',
      type: 'list',
      placeholder: `Select ${article(picker.label)}...`,
      typeOptions: { searchListMethod: listSearchMethodName(picker.id, field.key), searchable: true },
    },
    {
      displayName: 'By ID',
      name: 'id',
      type: 'string',
      placeholder: field.placeholder ?? '',
      ...(field.type === 'uuid' ? { validation: [{ type: 'regex', properties: { regex: UUID, errorMessage: `${field.label} must be a UUID` } }] } : {}),
    },
  ];
  if (picker.url) {
    modes.push({
      displayName: 'By URL',
      name: 'url',
      type: 'string',
      placeholder: picker.url.example,
      validation: [{ type: 'regex', properties: { regex: picker.url.pattern, errorMessage: `Not ${article(picker.label)} address such as ${picker.url.example}` } }],
      extractValue: { type: 'regex', regex: picker.url.pattern },
    });
  }
  return { ...base, displayName: field.label, name: field.key, type: 'resourceLocator', default: { mode: 'list', value: '' }, modes } as INodeProperties;
}

/**
 * The plain value of a parameter: a resource locator's `value` (a "By URL" address as the id core's URL rule
 * finds in it, or as it is when it holds none, so that core's check names the field), anything else as it is.
 * A locator is recognised by `__rl`, or for a field with a picker as n8n recognises one: by a `mode` and a
 * `value` (inside a fixed collection n8n keeps the value as it was stored, which may lack `__rl`).
 */
export function plainValue(value: unknown, picker: Picker | undefined): unknown {
  if (typeof value !== 'object' || value === null || !('__rl' in value || (picker && 'mode' in value && 'value' in value))) return value;
  const { mode, value: inner } = value as { mode?: unknown; value?: unknown };
  if (mode === 'url' && picker && typeof inner === 'string') return idFromUrl(picker, inner) ?? inner;
  return inner;
}

/** "a Work Item", "an Entity". */
function article(label: string): string {
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
}

/**
 * A parameter's value as the node sends it: as `plainValue`, except that a "By URL" address in which the
 * picker's URL rule finds no id is an input error naming the field (`path`), before anything is sent (n8n's
 * editor checks the address too, but not one set by an expression or an imported workflow).
 */
export function inputValue(value: unknown, field: Field, picker: Picker | undefined, provider: ProviderId, path = field.key): unknown {
  const plain = plainValue(value, picker);
  const { mode } = (typeof value === 'object' && value !== null ? value : {}) as { mode?: unknown };
  if (mode === 'url' && picker?.url && typeof plain === 'string' && idFromUrl(picker, plain) === null && plain === (value as { value?: unknown }).value) {
    throw new InputError(provider, path, 'format', `${field.label} (${path}) must be ${article(picker.label)} address such as ${picker.url.example}, or an ID given By ID; got "${plain.slice(0, 200)}"`);
  }
  return plain;
}
