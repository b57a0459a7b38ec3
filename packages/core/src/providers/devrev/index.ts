import { baseUrlField } from '../../fields.js';
import type { Provider } from '../../provider.js';
import { personAccount } from '../../account.js';
import { firstPageSource } from '../../pickers/search.js';
import { objectOf, stringAt } from '../../json.js';
import type { HttpResponse } from '../../types.js';
import { checkNotSelfLink, validateCredentialFields, validateFields } from '../../validation.js';
import { devrevExamples } from './examples.js';
import { devrevCredentialFields, devrevFields } from './fields.js';
import { customLinkLabel, linkResultOf, unnamedCustomType } from './links.js';
import { checkDevRevIds, devrevOperations } from './operations.js';
import { devrevCustomLinkTypes, devrevPickers } from './pickers.js';
import type { DevRevCreateLinkBody, DevRevCredentials, DevRevErrorBody, DevRevInput, DevRevLinkResponse } from './models.js';

const DEFAULT_BASE_URL = 'https://api.devrev.ai';

export const devrev: Provider<DevRevCredentials, DevRevInput> = {
  id: 'devrev',
  name: 'DevRev',
  fields: devrevFields,
  credentialFields: devrevCredentialFields,
  baseUrlField: baseUrlField(DEFAULT_BASE_URL),
  auth: {
    type: 'headers',
    headers: (credentials) => ({ Authorization: `Bearer ${credentials.token}` }),
  },
  defaultBaseUrl: () => DEFAULT_BASE_URL,
  pickers: devrevPickers,
  // The dropdown the platforms show today: the first page of the custom link types.
  optionSources: { 'devrev.customLinkTypes': firstPageSource(devrevCustomLinkTypes) },
  // Links give a custom link type by id only; its name comes from link-types.custom.list.
  linkTypeNames: { source: devrevCustomLinkTypes.id, unnamedType: unnamedCustomType, label: customLinkLabel },

  validateInput(input) {
    const checked = validateFields('devrev', devrevFields, input) as DevRevInput;
    checkDevRevIds(checked, ['source', 'target', 'customLinkType'], devrevFields);
    checkNotSelfLink('devrev', 'target', 'Target ID', checked.target, checked.source, 'source');
    return checked;
  },

  validateCredentials: (credentials) => validateCredentialFields('devrev', devrevCredentialFields, credentials),

  buildCreateRequest(input, baseUrl) {
    const body: DevRevCreateLinkBody = { source: input.source, target: input.target, link_type: input.linkType };
    if (input.customLinkType) body.custom_link_type = input.customLinkType;
    return { method: 'POST', url: `${baseUrl}/links.create`, headers: { Accept: 'application/json' }, json: body };
  },

  parseCreateResponse: (response: HttpResponse, input) => [linkResultOf((response.body as DevRevLinkResponse).link, response.body, input)],

  operations: devrevOperations,

  buildCredentialTestRequest: (baseUrl) => ({ method: 'GET', url: `${baseUrl}/dev-users.self`, headers: { Accept: 'application/json' } }),

  // dev-users.self: `{ dev_user: { id, display_name, full_name, email, ... } }`.
  describeAccount(body) {
    const user = objectOf(objectOf(body).dev_user);
    return personAccount(stringAt(user, 'full_name'), stringAt(user, 'display_name') ?? stringAt(user, 'email'), stringAt(user, 'id'), 'DevRev user');
  },

  examples: devrevExamples,

  readError(body) {
    const error = (typeof body === 'object' && body !== null ? body : {}) as DevRevErrorBody;
    const base = error.message ?? error.detail ?? (typeof body === 'string' ? body : '');
    const extra = [
      error.field_name && `field: ${error.field_name}`,
      error.allowed_values && `allowed values: ${error.allowed_values.join(', ')}`,
      error.existing_parent && `existing parent: ${error.existing_parent}`,
      error.reference_id && `reference id: ${error.reference_id}`,
    ].filter(Boolean);
    const message = [base || stringAt(error, 'type'), extra.length ? `(${extra.join('; ')})` : ''].filter(Boolean).join(' ');
    return { message, code: error.type ?? null, retryAfter: typeof error.retry_after === 'number' ? error.retry_after : null };
  },
};

export { DEVREV_LINK_TYPES } from './fields.js';
export type * from './models.js';
