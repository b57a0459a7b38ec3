/**
 * Hidden triggers that feed dynamic dropdowns, one per core picker (`Field.picker`) and the fields its
 * parameters come from: DevRev work items and custom link types, Tracker entities of the chosen type,
 * OneTrust entities, entity types and the link types learned from entity 1's links. Zapier calls them when the
 * user opens the dropdown, and again with `bundle.meta.page` 1, 2, ... for "Load more": the cursor of the next
 * page, whatever the API's kind, is kept with `z.cursor`.
 */
import { checkOptionQuery, type Field, InputError, isInputError, type OptionQuery, type Picker, type PickerOption, type Provider, sendOptionSearch } from '@links/core';
import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import { connectionSecrets, readConnection } from './connection.js';
import { withZapierErrors } from './errors.js';
import { zapierTransport } from './transport.js';

export interface OptionChoice {
  id: string;
  name: string;
  description: string;
}

export interface OptionTrigger {
  key: string;
  noun: string;
  display: { label: string; description: string; hidden: true };
  operation: {
    canPaginate: true;
    perform: (z: ZObject, bundle: Bundle) => Promise<OptionChoice[]>;
    sample: OptionChoice;
    outputFields: PlainOutputField[];
  };
}

/** A core option as the choice a dropdown (and a "Find <record>" search) returns: `id` is the value sent. */
export function toChoice(option: PickerOption): OptionChoice {
  return { id: option.value, name: option.label, description: option.description };
}

/** "Entity" -> "Entities", "Work Item" -> "Work Items". */
export function plural(noun: string): string {
  return /[^aeiou]y$/i.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

/** The first choice of core's documented first page of the picker, through the picker's own parser. */
export function choiceSample(provider: Provider<any, any>, source: string): OptionChoice {
  const picker = provider.pickers[source]!;
  const example = provider.examples.pickers[source];
  if (!example) throw new TypeError(`${provider.name}: no documented example of ${source}`);
  const [first] = picker.parseResponse(example.response, checkOptionQuery(provider, picker, example.query)).options;
  if (!first) throw new TypeError(`${provider.name}: the documented example of ${source} has no option`);
  return toChoice(first);
}

/**
 * Core's check of a picker's query, with an error in a parameter (`params.entityType`) naming the Zapier field the
 * parameter comes from instead: `fieldOf` maps parameter to field, `explain` words the message.
 */
export function checkPickerQuery(
  provider: Provider<any, any>,
  picker: Picker,
  input: Parameters<typeof checkOptionQuery>[2],
  fieldOf: Readonly<Record<string, string>>,
  explain: (field: string, error: InputError) => string,
): OptionQuery {
  try {
    return checkOptionQuery(provider, picker, input);
  } catch (error) {
    const param = isInputError(error) && error.field.startsWith('params.') ? error.field.slice('params.'.length) : undefined;
    const field = param === undefined ? undefined : fieldOf[param];
    if (!field) throw error;
    throw new InputError(provider.id, field, (error as InputError).rule, explain(field, error as InputError));
  }
}

/** What each choice holds, for Zapier's field labels. */
export function choiceOutputFields(picker: Picker): PlainOutputField[] {
  return [
    { key: 'id', label: `${picker.label} ID`, type: 'string' },
    { key: 'name', label: 'Name', type: 'string' },
    { key: 'description', label: 'Description', type: 'string' },
  ];
}

type PickerRef = NonNullable<Field['picker']>;

/**
 * Zapier's key for the hidden trigger of a picker and the fields it reads (`devrev.customLinkTypes` ->
 * `devrev_customLinkTypes`; `onetrust.entities` from `entity2Type` -> `onetrust_entities_entity2Type`).
 */
export function optionTriggerKey(picker: PickerRef): string {
  const from = Object.values(picker.dependsOn ?? {});
  return [picker.source, ...from].join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

function fieldsWithPickers(fields: readonly Field[]): Field[] {
  return fields.flatMap((field) => [...(field.picker ? [field] : []), ...fieldsWithPickers(field.fields ?? [])]);
}

/** The hidden triggers of every picker the given fields name (each once). */
export function optionTriggers(provider: Provider<any, any>, fields: readonly Field[]): Record<string, OptionTrigger> {
  const triggers: Record<string, OptionTrigger> = {};
  for (const field of fieldsWithPickers(fields)) {
    const ref = field.picker!;
    const key = optionTriggerKey(ref);
    if (triggers[key]) continue;
    const picker = provider.pickers[ref.source];
    if (!picker) throw new TypeError(`${provider.name}: field ${field.key} names the picker ${ref.source}, which the provider lacks`);
    const dependsOn = Object.entries(ref.dependsOn ?? {});
    const labelOf = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
    triggers[key] = {
      key,
      noun: picker.label,
      display: { label: `List ${plural(picker.label)}`, description: `Lists the choices of ${field.label} for a dropdown: ${picker.description}`, hidden: true },
      operation: {
        canPaginate: true,
        perform: (z, bundle) =>
          withZapierErrors(z, connectionSecrets(provider, bundle.authData), async () => {
            const inputData = bundle.inputData ?? {};
            const params = Object.fromEntries(dependsOn.flatMap(([param, from]) => (inputData[from] === undefined ? [] : [[param, inputData[from]]])));
            const page = Number(bundle.meta?.page ?? 0);
            const cursor = page > 0 ? await z.cursor.get() : null;
            // Zapier asks for one page more than there is: the last page left no cursor.
            if (page > 0 && !cursor) return [];
            // An error in a parameter names the field the user fills first, not the picker's parameter.
            const query = checkPickerQuery(provider, picker, { cursor, params }, Object.fromEntries(dependsOn), (from, error) => `Choose ${labelOf(from)} (${from}) first: ${error.message}`);
            const { baseUrl } = readConnection(provider, bundle.authData);
            const result = await sendOptionSearch(provider, picker, query, { transport: zapierTransport(z, { provider: provider.id, authenticate: true }), baseUrl });
            // The next page's cursor; after the last page an empty one, so that a further "Load more" is empty
            // instead of this page again. (A first page that is also the last leaves the store as Zapier made it.)
            if (result.nextCursor !== null || page > 0) await z.cursor.set(result.nextCursor ?? '');
            return result.options.map(toChoice);
          }),
        sample: choiceSample(provider, ref.source),
        outputFields: choiceOutputFields(picker),
      },
    };
  }
  return triggers;
}
