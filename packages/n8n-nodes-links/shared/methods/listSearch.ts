// listSearch methods: the From List mode of each resource locator, over core's option search, page by page.
import { type AnyProvider, checkOptionQuery, sendOptionSearch } from '@links/core';
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { baseUrlFor, credentialSecrets } from '../credential';
import { toNodeError } from '../errors';
import { listSearchMethodName, locatorPicker, plainValue } from '../locator';
import { DEFAULT_TIMEOUT_MS, n8nTransport } from '../transport';
import { OPERATIONS } from '../actions/link';

type ListSearch = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

/**
 * One `listSearch` method per ID field with a picker: a page of core's option search for the text typed, the
 * next page by n8n's `paginationToken` (core's cursor), the source's parameters read from the field's siblings.
 */
export function listSearchMethods(provider: AnyProvider, credentialType: string): Record<string, ListSearch> {
  const methods: Record<string, ListSearch> = {};
  // The operations' fields and the fields of their list entries (Tracker's Linked Entity ID in Links).
  const fields = OPERATIONS.flatMap((spec) => spec.fields(provider)).flatMap((field) => [field, ...(field.fields ?? [])]);
  for (const field of fields) {
    const picker = locatorPicker(field, provider.pickers);
    const name = picker && listSearchMethodName(picker.id, field.key);
    if (!picker || !name || methods[name]) continue;
    methods[name] = async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
      const baseUrl = await baseUrlFor(this, provider, credentialType);
      try {
        const params = Object.fromEntries(
          Object.entries(field.picker!.dependsOn ?? {}).map(([param, key]) => {
            const sibling = fields.find((f) => f.key === key);
            return [param, plainValue(this.getCurrentNodeParameter(key), sibling && locatorPicker(sibling, provider.pickers))];
          }),
        );
        const query = checkOptionQuery(provider, picker, { search: filter ?? '', cursor: paginationToken ?? null, params });
        const transport = n8nTransport(this, credentialType, provider, DEFAULT_TIMEOUT_MS, 'read');
        const page = await sendOptionSearch(provider, picker, query, { transport, baseUrl });
        return {
          results: page.options.map((option) => ({ name: option.label, value: option.value, ...(option.url ? { url: option.url } : {}) })),
          ...(page.nextCursor ? { paginationToken: page.nextCursor } : {}),
        };
      } catch (error) {
        throw toNodeError(this.getNode(), error, 0, undefined, 'read', await credentialSecrets(this, provider, credentialType));
      }
    };
  }
  return methods;
}
