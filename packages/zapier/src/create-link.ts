/** The Create Link action: core's fields in, one send through z.request, core's normalized result out. */
import { type LinkResult, type Provider, sendCreateLink } from '@links/core';
import type { Bundle, PlainInputField, PlainOutputField, ZObject } from 'zapier-platform-core';
import { connectionSecrets, readConnection } from './connection.js';
import { withZapierErrors } from './errors.js';
import { fromInputData, type InputFieldFunction, toInputFields } from './fields.js';
import { CREATE_LINK_OUTPUT_FIELDS, type CreateLinkOutput, toCreateLinkOutput } from './output.js';
import { zapierTransport } from './transport.js';

export const CREATE_LINK_KEY = 'create_link';

export interface CreateLinkAction {
  key: typeof CREATE_LINK_KEY;
  noun: string;
  display: { label: string; description: string };
  operation: {
    inputFields: (PlainInputField | InputFieldFunction)[];
    perform: (z: ZObject, bundle: Bundle) => Promise<CreateLinkOutput>;
    sample: CreateLinkOutput;
    outputFields: PlainOutputField[];
  };
}

export function createLinkAction(provider: Provider<any, any>, description: string, sampleLinks: readonly LinkResult[]): CreateLinkAction {
  return {
    key: CREATE_LINK_KEY,
    noun: 'Link',
    display: { label: 'Create Link', description },
    operation: {
      inputFields: toInputFields(provider.fields),
      perform: (z, bundle) =>
        withZapierErrors(z, connectionSecrets(provider, bundle.authData), async () => {
          const { baseUrl } = readConnection(provider, bundle.authData);
          const input = provider.validateInput(fromInputData(provider.fields, bundle.inputData ?? {}));
          // beforeRequest adds the authentication headers; core classifies whatever comes back.
          const transport = zapierTransport(z, { provider: provider.id, authenticate: true });
          return toCreateLinkOutput(await sendCreateLink(provider, input, { transport, baseUrl }));
        }, { sendsCreate: true }),
      sample: toCreateLinkOutput(sampleLinks),
      outputFields: CREATE_LINK_OUTPUT_FIELDS,
    },
  };
}
