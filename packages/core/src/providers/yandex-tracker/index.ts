import { personAccount } from '../../account.js';
import { baseUrlField } from '../../fields.js';
import { objectOf, stringAt } from '../../json.js';
import type { Provider } from '../../provider.js';
import { checkNotSelfLink, validateCredentialFields, validateFields } from '../../validation.js';
import { trackerExamples } from './examples.js';
import { trackerCredentialFields, trackerFields } from './fields.js';
import { checkNotDotSegments, linksUrl, phraseOf } from './links.js';
import { trackerOperations } from './operations.js';
import { trackerPickers } from './pickers.js';
import type { TrackerCredentials, TrackerErrorBody, TrackerInput } from './models.js';

const DEFAULT_BASE_URL = 'https://api.tracker.yandex.net';

export const yandexTracker: Provider<TrackerCredentials, TrackerInput> = {
  id: 'yandex-tracker',
  name: 'Yandex Tracker',
  fields: trackerFields,
  credentialFields: trackerCredentialFields,
  baseUrlField: baseUrlField(DEFAULT_BASE_URL),
  auth: {
    type: 'headers',
    headers: (credentials) => ({
      Authorization: `${credentials.tokenKind === 'iam' ? 'Bearer' : 'OAuth'} ${credentials.token}`,
      [credentials.orgKind === 'cloud' ? 'X-Cloud-Org-ID' : 'X-Org-ID']: credentials.orgId,
    }),
  },
  // Links that start from the same entity go out as one array request.
  batching: {
    key: (input) => `${input.entityType}\u0000${input.entityId}`,
    merge: (inputs) => ({ ...inputs[0]!, links: inputs.flatMap((input) => input.links) }),
    size: (input) => input.links.length,
    maxSize: 100,
  },
  pickers: trackerPickers,
  defaultBaseUrl: () => DEFAULT_BASE_URL,

  validateInput(input) {
    const checked = validateFields('yandex-tracker', trackerFields, input) as TrackerInput;
    checkNotDotSegments(checked, ['entityId'], { entityId: 'Entity ID' });
    checked.links.forEach((link, i) => checkNotSelfLink('yandex-tracker', `links[${i}].entity`, 'Linked Entity ID', link.entity, checked.entityId, 'entityId'));
    return checked;
  },

  validateCredentials: (credentials) =>
    validateCredentialFields('yandex-tracker', trackerCredentialFields, credentials),

  buildCreateRequest(input, baseUrl) {
    const links = input.links.map(({ relationship, entity }) => ({ relationship, entity }));
    return {
      method: 'POST',
      url: linksUrl(baseUrl, input.entityType, input.entityId),
      headers: { Accept: 'application/json' },
      // The documented single-link form is one object; several links go as an array.
      json: links.length === 1 ? links[0] : links,
    };
  },

  // Tracker answers 200 without a body: the results say what was linked, from the request.
  parseCreateResponse: (response, input) =>
    input.links.map((link) => ({
      provider: 'yandex-tracker' as const,
      id: null,
      linkType: link.relationship,
      linkTypeLabel: phraseOf(link.relationship),
      source: { id: input.entityId, type: input.entityType, name: null, displayId: null },
      target: { id: link.entity, type: null, name: null, displayId: null },
      createdAt: null,
      raw: response.body ?? null,
    })),

  operations: trackerOperations,

  buildCredentialTestRequest: (baseUrl) => ({ method: 'GET', url: `${baseUrl}/v2/myself`, headers: { Accept: 'application/json' } }),

  // /v2/myself: `{ uid, login, display, email, ... }`.
  describeAccount(body) {
    const user = objectOf(body);
    const uid = user.uid;
    return personAccount(stringAt(user, 'display'), stringAt(user, 'login'), typeof uid === 'number' || typeof uid === 'string' ? String(uid) : null, 'Yandex Tracker user');
  },

  examples: trackerExamples,

  readError(body) {
    if (typeof body === 'string') return { message: body, code: null };
    const error = (typeof body === 'object' && body !== null ? body : {}) as TrackerErrorBody;
    const fieldErrors = Object.entries(error.errors ?? {}).map(([field, problem]) => `${field}: ${problem}`);
    return { message: [...(error.errorMessages ?? []), ...fieldErrors].join('; '), code: null };
  },
};

export { TRACKER_ENTITY_TYPES, TRACKER_ORG_KINDS, TRACKER_RELATIONSHIPS, TRACKER_TOKEN_KINDS, trackerRelationshipsFor } from './fields.js';
export type * from './models.js';
