/**
 * "Find <record>" searches linked from the dropdowns of the ID fields (Zapier's D014): a user can map the id a
 * search step found instead of choosing one. Each is core's picker with the text the user gives, first page.
 */
import { type Provider, sendOptionSearch } from '@links/core';
import type { Bundle, PlainInputField, PlainOutputField, ZObject } from 'zapier-platform-core';
import { connectionSecrets, readConnection } from './connection.js';
import { withZapierErrors } from './errors.js';
import { toInputField } from './fields.js';
import { checkPickerQuery, choiceOutputFields, choiceSample, type OptionChoice, plural, toChoice } from './option-triggers.js';
import { zapierTransport } from './transport.js';

export interface RecordSearch {
  key: string;
  noun: string;
  display: { label: string; description: string };
  operation: {
    inputFields: PlainInputField[];
    perform: (z: ZObject, bundle: Bundle) => Promise<OptionChoice[]>;
    sample: OptionChoice;
    outputFields: PlainOutputField[];
  };
}

/** The search key of a picker: `devrev.works` (Work Item) -> `find_work_item`. */
export function recordSearchKey(provider: Provider<any, any>, source: string): string {
  return `find_${provider.pickers[source]!.label.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
}

export function recordSearch(provider: Provider<any, any>, source: string): RecordSearch {
  const picker = provider.pickers[source];
  if (!picker) throw new TypeError(`${provider.name}: no picker ${source}`);
  const params = picker.params.filter((param) => param.required);
  return {
    key: recordSearchKey(provider, source),
    noun: picker.label,
    display: { label: `Find ${picker.label}`, description: `Finds ${plural(picker.label).toLowerCase()} to link, by the text given: ${picker.description}` },
    operation: {
      inputFields: [
        { key: 'search', label: 'Search', required: true, type: 'string', helpText: `What to look for: a name${picker.url ? ', an id or a web address' : ''} (up to 200 characters).` },
        ...params.map((param) => toInputField(param)),
      ],
      perform: (z, bundle) =>
        withZapierErrors(z, connectionSecrets(provider, bundle.authData), async () => {
          const inputData = bundle.inputData ?? {};
          // The parameters are fields of the search itself: an error names the field (entityType), not `params.entityType`.
          const query = checkPickerQuery(
            provider,
            picker,
            { search: inputData.search, params: Object.fromEntries(params.map((p) => [p.key, inputData[p.key]])) },
            Object.fromEntries(params.map((p) => [p.key, p.key])),
            (field, error) => error.message.replace(`(params.${field})`, `(${field})`),
          );
          if (query.search === '') return [];
          const { baseUrl } = readConnection(provider, bundle.authData);
          const page = await sendOptionSearch(provider, picker, query, { transport: zapierTransport(z, { provider: provider.id, authenticate: true }), baseUrl });
          return page.options.map(toChoice);
        }),
      sample: choiceSample(provider, source),
      outputFields: choiceOutputFields(picker),
    },
  };
}
