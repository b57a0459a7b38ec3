// loadOptions methods: the dropdowns filled from the API (DevRev's custom link types), every page of core's picker.
import { type AnyProvider, checkOptionQuery, collectOptions, type Field, isSuccess, parseErrorResponse } from '@links/core';
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { baseUrlFor, credentialSecrets } from '../credential';
import { toNodeError } from '../errors';
import { loadOptionsMethodName } from '../properties';
import { DEFAULT_TIMEOUT_MS, n8nTransport } from '../transport';

/** One `loadOptions` method per option source the provider fills a dropdown from. */
export function loadOptionsMethods(provider: AnyProvider, credentialType: string): Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> {
  const loadOptions: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {};
  for (const [key, source] of Object.entries(provider.optionSources ?? {})) {
    if (!source) continue;
    loadOptions[loadOptionsMethodName(key as NonNullable<Field['dynamicOptions']>)] = async function (this: ILoadOptionsFunctions) {
      const baseUrl = await baseUrlFor(this, provider, credentialType);
      try {
        const transport = n8nTransport(this, credentialType, provider, DEFAULT_TIMEOUT_MS, 'read');
        // Every page where core describes the source as a picker; otherwise its one request.
        const picker = Object.hasOwn(provider.pickers, key) ? provider.pickers[key] : undefined;
        if (picker) {
          const options = await collectOptions(provider, picker, checkOptionQuery(provider, picker, {}), { transport, baseUrl });
          return options.map((option) => ({ name: option.label, value: option.value, description: option.description }));
        }
        const response = await transport(source.buildRequest(baseUrl));
        if (!isSuccess(response)) throw parseErrorResponse(provider, response);
        return source.parse(response).map((option) => ({ name: option.label, value: option.value, description: option.description }));
      } catch (error) {
        throw toNodeError(this.getNode(), error, 0, undefined, 'read', await credentialSecrets(this, provider, credentialType));
      }
    };
  }
  return loadOptions;
}
