import { InputError } from '../../errors/index.js';
import { baseUrlField } from '../../fields.js';
import type { Provider } from '../../provider.js';
import { personAccount } from '../../account.js';
import { objectOf, stringAt } from '../../json.js';
import type { HttpResponse, LinkEnd } from '../../types.js';
import { checkNotSelfLink, validateCredentialFields, validateFields } from '../../validation.js';
import { devrevExamples } from './examples.js';
import { DEVREV_LINK_TYPES, devrevCredentialFields, devrevFields } from './fields.js';
import type { DevRevCreateLinkBody, DevRevCustomLinkTypeList, DevRevCredentials, DevRevErrorBody, DevRevInput, DevRevLinkResponse, DevRevObjectSummary } from './models.js';

const DEFAULT_BASE_URL = 'https://api.devrev.ai';

// A DON (don:core:dvrv-us-1:devo/demo:issue/1) or a display id (ISS-1, TKT-9).
const OBJECT_ID = /^(?:don:[a-z0-9_-]+:[^\s]+|[A-Za-z]+-[A-Za-z0-9]+)$/;

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
  optionSources: {
    'devrev.customLinkTypes': {
      buildRequest: (baseUrl) => ({ method: 'GET', url: `${baseUrl}/link-types.custom.list`, headers: { Accept: 'application/json' } }),
      parse(response) {
        const body = response.body as DevRevCustomLinkTypeList | undefined;
        return (body?.custom_link_types ?? body?.result ?? []).map((type) => ({
          value: type.id,
          label: type.name ?? type.forward_name ?? type.display_id ?? type.id,
          description: [type.forward_name, type.backward_name].filter(Boolean).join(' / ') || type.id,
        }));
      },
    },
  },

  validateInput(input) {
    const checked = validateFields('devrev', devrevFields, input) as DevRevInput;
    for (const key of ['source', 'target', 'customLinkType'] as const) {
      const value = checked[key];
      if (value !== undefined && !OBJECT_ID.test(value)) {
        const label = devrevFields.find((f) => f.key === key)!.label;
        throw new InputError('devrev', key, 'format', `${label} (${key}) must be a DevRev ID such as don:core:dvrv-us-1:devo/demo:issue/1 or ISS-1; got "${value}"`);
      }
    }
    checkNotSelfLink('devrev', 'target', 'Target ID', checked.target, checked.source, 'source');
    return checked;
  },

  validateCredentials: (credentials) => validateCredentialFields('devrev', devrevCredentialFields, credentials),

  buildCreateRequest(input, baseUrl) {
    const body: DevRevCreateLinkBody = { source: input.source, target: input.target, link_type: input.linkType };
    if (input.customLinkType) body.custom_link_type = input.customLinkType;
    return { method: 'POST', url: `${baseUrl}/links.create`, headers: { Accept: 'application/json' }, json: body };
  },

  parseCreateResponse(response: HttpResponse, input) {
    const { link } = response.body as DevRevLinkResponse;
    const customName = link.custom_link_type?.forward_name ?? link.custom_link_type?.name;
    return [
      {
        provider: 'devrev',
        id: link.id ?? null,
        linkType: link.link_type,
        linkTypeLabel: customName ?? linkTypePhrase(link.link_type),
        source: toLinkEnd(link.source, input.source),
        target: toLinkEnd(link.target, input.target),
        createdAt: link.created_date ?? null,
        raw: response.body,
      },
    ];
  },

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

/** `is_parent_of` -> `is parent of`. */
function linkTypePhrase(linkType: string): string {
  return DEVREV_LINK_TYPES.some((o) => o.value === linkType) ? linkType.replace(/_/g, ' ') : linkType;
}

function toLinkEnd(summary: DevRevObjectSummary | undefined, requested: string): LinkEnd {
  return {
    id: summary?.id ?? requested,
    type: summary?.type ?? null,
    name: summary ? nameOf(summary) : null,
    displayId: summary?.display_id ?? null,
  };
}

/**
 * The object's name. DevRev's schema keys it by type: `title` for work items, conversations and articles,
 * `name` for parts, `display_name` for users and organizations. Each type carries exactly one of the three,
 * so the first one present is that type's name (one rule, which Make's IML applies the same way).
 */
function nameOf(summary: DevRevObjectSummary): string | null {
  return summary.title || summary.name || summary.display_name || null;
}

export { DEVREV_LINK_TYPES } from './fields.js';
export type * from './models.js';
