/**
 * The Find Link search: core's find (the links between two records, of one type where given) or, with the
 * other record left empty, the links of one record (core's list, filtered by the type where given). Zapier's
 * searches answer an array; an empty one is "nothing found", never an error. Link types the links give only by
 * id (DevRev's custom link types) are named by core's linkTypeNamer.
 */
import { collectLinks, type Field, type FindQuery, linkTypeNamer, type Provider, sendFindLinks, type StoredLink } from '@links/core';
import type { Bundle, PlainInputField, PlainOutputField, ZObject } from 'zapier-platform-core';
import { connectionSecrets, readConnection } from './connection.js';
import { withZapierErrors } from './errors.js';
import { fromInputData, type InputFieldFunction, toInputFields } from './fields.js';
import { plural } from './option-triggers.js';
import { FIND_LINK_OUTPUT_FIELDS, type FoundLinkOutput, toFoundLinkOutput } from './output.js';
import { zapierTransport } from './transport.js';

export const FIND_LINK_KEY = 'find_link';

export interface FindLinkSearch {
  key: typeof FIND_LINK_KEY;
  noun: string;
  display: { label: string; description: string };
  operation: {
    inputFields: (PlainInputField | InputFieldFunction)[];
    perform: (z: ZObject, bundle: Bundle) => Promise<FoundLinkOutput[]>;
    sample: FoundLinkOutput;
    outputFields: PlainOutputField[];
  };
}

/**
 * Find's fields as Zapier shows them: the other record is optional. It is the find field the list lacks;
 * the record it pairs with is the list's field of the same type (DevRev `object`, Tracker and OneTrust `entityId`).
 */
export function findFields(provider: Provider<any, any>): { fields: Field[]; otherKey: string; recordKey: string } {
  const { find, list } = provider.operations;
  const listKeys = new Set(list.fields.map((field) => field.key));
  const other = find.fields.find((field) => field.required && !listKeys.has(field.key));
  const record = other && list.fields.find((field) => field.required && field.type === other.type && find.fields.some((f) => f.key === field.key));
  if (!other || !record) throw new TypeError(`${provider.name}: the find fields name no other record`);
  const fields = find.fields.map((field) =>
    field === other ? { ...field, required: false, description: `${field.description} Empty: every link of the record, of the type where given.` } : field,
  );
  return { fields, otherKey: other.key, recordKey: record.key };
}

export function findLinkSearch(provider: Provider<any, any>, noun: string, searches: Readonly<Record<string, string>> = {}): FindLinkSearch {
  const { fields, otherKey, recordKey } = findFields(provider);
  const { list, find } = provider.operations;
  const example = provider.examples.list;
  const exampleQuery = list.validate(example.input);
  const sampleLink = list.parseResponse(example.pages[0]!, exampleQuery, { cursor: null, size: list.pageSize ?? 50 }).links[0]!;
  return {
    key: FIND_LINK_KEY,
    noun: 'Link',
    display: { label: 'Find Link', description: `Finds the links between two ${plural(noun)} (of one type, if given), or every link of one ${noun}.` },
    operation: {
      inputFields: toInputFields(fields, searches),
      perform: (z, bundle) =>
        withZapierErrors(z, connectionSecrets(provider, bundle.authData), async () => {
          const { baseUrl } = readConnection(provider, bundle.authData);
          const input = fromInputData(fields, bundle.inputData ?? {});
          const other = input[otherKey];
          const oneRecord = other === undefined || other === null || (typeof other === 'string' && other.trim() === '');
          // Without the other record, core's find checks every other field with the record standing in for it.
          const query: FindQuery = find.validate(oneRecord ? { ...input, [otherKey]: input[recordKey] } : input);
          const options = { transport: zapierTransport(z, { provider: provider.id, authenticate: true }), baseUrl };
          const links: StoredLink[] = oneRecord
            ? (await collectLinks(provider, query.list, options)).filter((link) => ofType(list.keyOf(link, query.list), query))
            : await sendFindLinks(provider, query, options);
          // One namer for this run: however many links name their type only by id, the list of types is read once.
          const name = linkTypeNamer(provider, options);
          return (await Promise.all(links.map(name))).map(toFoundLinkOutput);
        }),
      sample: toFoundLinkOutput(sampleLink),
      outputFields: FIND_LINK_OUTPUT_FIELDS,
    },
  };
}

function ofType(key: { type: string; subtype: string | null }, query: FindQuery): boolean {
  return (query.type === null || key.type === query.type) && (query.subtype === null || key.subtype === query.subtype);
}
