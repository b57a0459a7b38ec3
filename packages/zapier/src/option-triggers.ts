/**
 * Hidden triggers that feed dynamic dropdowns (`Field.dynamicOptions`), one per option source a
 * provider declares: DevRev's custom link types. Zapier calls them when the user opens the dropdown.
 */
import { type Field, isSuccess, parseErrorResponse, type Provider } from '@links/core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { connectionSecrets, readConnection } from './connection.js';
import { withZapierErrors } from './errors.js';
import { optionTriggerKey } from './fields.js';
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
  operation: { perform: (z: ZObject, bundle: Bundle) => Promise<OptionChoice[]> };
}

function fieldsWithOptions(fields: readonly Field[]): Field[] {
  return fields.flatMap((field) => [...(field.dynamicOptions ? [field] : []), ...fieldsWithOptions(field.fields ?? [])]);
}

export function optionTriggers(provider: Provider<any, any>): Record<string, OptionTrigger> {
  const triggers: Record<string, OptionTrigger> = {};
  for (const field of fieldsWithOptions(provider.fields)) {
    const sourceKey = field.dynamicOptions!;
    const source = provider.optionSources?.[sourceKey];
    if (!source) throw new TypeError(`${provider.name}: field ${field.key} names the option source ${sourceKey}, which the provider lacks`);
    const key = optionTriggerKey(sourceKey);
    triggers[key] = {
      key,
      noun: field.label,
      display: { label: `List ${field.label}s`, description: `Lists the choices of ${field.label} for a dropdown.`, hidden: true },
      operation: {
        perform: (z, bundle) =>
          withZapierErrors(z, connectionSecrets(provider, bundle.authData), async () => {
            const { baseUrl } = readConnection(provider, bundle.authData);
            const response = await zapierTransport(z, { provider: provider.id, authenticate: true })(source.buildRequest(baseUrl));
            if (!isSuccess(response)) throw parseErrorResponse(provider, response);
            return source.parse(response).map((option) => ({ id: option.value, name: option.label, description: option.description }));
          }),
      },
    };
  }
  return triggers;
}
