/**
 * The Create Link action: core's fields (and core's "If Already Linked" option) in, core's create through
 * z.request, core's normalized result out (link types given only by id named by core's linkTypeNamer).
 */
import { type CreatedLink, type HttpRequest, type IfExists, linkTypeNamer, type Provider, sendCreateLinks, type Transport } from '@links/core';
import type { Bundle, PlainInputField, PlainOutputField, ZObject } from 'zapier-platform-core';
import { connectionSecrets, readConnection } from './connection.js';
import { withZapierErrors, type ZapierErrorContext } from './errors.js';
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

/**
 * Marks the error context when the create request itself goes out (not the list that "If Already Linked"
 * reads first), so that only an unknown outcome of the create says the link may have been created.
 */
function watchingCreates(transport: Transport, create: HttpRequest, context: ZapierErrorContext): Transport {
  return (request) => {
    if (request.method === create.method && request.url === create.url) context.sendsCreate = true;
    return transport(request);
  };
}

export function createLinkAction(
  provider: Provider<any, any>,
  description: string,
  sampleLinks: readonly CreatedLink[],
  searches: Readonly<Record<string, string>> = {},
): CreateLinkAction {
  const fields = [...provider.fields, ...provider.operations.create.optionFields];
  return {
    key: CREATE_LINK_KEY,
    noun: 'Link',
    display: { label: 'Create Link', description },
    operation: {
      inputFields: toInputFields(fields, searches),
      perform: (z, bundle) => {
        const context: ZapierErrorContext = { sendsCreate: false };
        return withZapierErrors(z, connectionSecrets(provider, bundle.authData), async () => {
          const { baseUrl } = readConnection(provider, bundle.authData);
          const inputData = bundle.inputData ?? {};
          const input = provider.validateInput(fromInputData(provider.fields, inputData));
          // beforeRequest adds the authentication headers; core classifies whatever comes back.
          const requests = zapierTransport(z, { provider: provider.id, authenticate: true });
          const transport = watchingCreates(requests, provider.buildCreateRequest(input, baseUrl), context);
          const [result] = await sendCreateLinks(provider, [input], { transport, baseUrl, concurrency: 1, ifExists: inputData.ifExists as IfExists, validate: (checked) => checked as never });
          if (result!.status === 'rejected') throw result!.reason;
          // One namer for this run. A list it cannot read leaves the fallback label; it never fails the step.
          const name = linkTypeNamer(provider, { transport: requests, baseUrl });
          return toCreateLinkOutput(await Promise.all(result!.value.map(name)));
        }, context);
      },
      sample: toCreateLinkOutput(sampleLinks),
      outputFields: CREATE_LINK_OUTPUT_FIELDS,
    },
  };
}
