import { InputError } from '../../errors/index.js';
import { baseUrlField } from '../../fields.js';
import type { Provider } from '../../provider.js';
import { objectOf, stringAt } from '../../json.js';
import { buildUrl, checkHostname } from '../../url.js';
import { checkNotSelfLink, UUID_PATTERN, validateCredentialFields, validateFields } from '../../validation.js';
import { onetrustExamples } from './examples.js';
import { onetrustCredentialFields, onetrustFields } from './fields.js';
import { linkResultOf } from './links.js';
import { onetrustOperations } from './operations.js';
import { onetrustPickers } from './pickers.js';
import type {
  OneTrustAttributeValue,
  OneTrustCredentials,
  OneTrustEntityRef,
  OneTrustInput,
  OneTrustLinkInformation,
  OneTrustLinkRequest,
  OneTrustTokenResponse,
} from './models.js';

export const onetrust: Provider<OneTrustCredentials, OneTrustInput> = {
  id: 'onetrust',
  name: 'OneTrust',
  fields: onetrustFields,
  credentialFields: onetrustCredentialFields,
  baseUrlField: baseUrlField(null),
  auth: {
    type: 'client-credentials',
    buildTokenRequest: (credentials, baseUrl) => ({
      method: 'POST',
      url: `${baseUrl}/api/access/v1/oauth/token`,
      headers: { Accept: 'application/json' },
      // No scope: OneTrust fixes scopes when the client credential is made.
      form: { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret },
    }),
    parseTokenResponse(response) {
      const body = response.body as Partial<OneTrustTokenResponse> | undefined;
      const accessToken = stringAt(body, 'access_token');
      if (!accessToken) throw new TypeError('OneTrust token response has no access_token');
      const expiresIn = Number(body?.expires_in);
      return { accessToken, expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600 };
    },
    headers: (accessToken) => ({ Authorization: `Bearer ${accessToken}` }),
  },
  pickers: onetrustPickers,
  defaultBaseUrl: (credentials) => `https://${credentials.hostname}`,

  validateInput(input) {
    const checked = validateFields('onetrust', onetrustFields, input) as OneTrustInput;
    checkNotSelfLink('onetrust', 'entity2Id', 'Entity 2 ID', checked.entity2Id, checked.entity1Id, 'entity1Id');
    if (checked.attributes) checked.attributes = checkAttributes(checked.attributes);
    return checked;
  },

  validateCredentials(credentials) {
    const checked = validateCredentialFields<OneTrustCredentials>('onetrust', onetrustCredentialFields, credentials);
    return { ...checked, hostname: checkHostname('onetrust', 'hostname', 'Host Name', checked.hostname) };
  },

  buildCreateRequest(input, baseUrl) {
    const body: OneTrustLinkRequest = {
      entity1: entityRef(input.entity1Id, input.entity1Type, input.entity1TypeId),
      entity2: entityRef(input.entity2Id, input.entity2Type, input.entity2TypeId),
    };
    if (input.attributes && Object.keys(input.attributes).length > 0) body.attributes = input.attributes;
    return {
      method: 'POST',
      url: buildUrl(baseUrl, ['api', 'ai-governance', 'v1', 'links'], { linkTypeId: input.linkTypeId }),
      headers: { Accept: 'application/json' },
      json: body,
    };
  },

  parseCreateResponse: (response, input) => [linkResultOf(response.body as OneTrustLinkInformation, response.body, input)],

  operations: onetrustOperations,

  // The token exchange is the credential test and names no user: the connection is the client at its host
  // (the token response's tenant, where given, is the id).
  describeAccount: (body, credentials) => ({ label: `${credentials.clientId} @ ${credentials.hostname}`, id: stringAt(objectOf(body), 'tenantId') }),

  examples: onetrustExamples,

  // The body is undocumented: a JSON object, a JSON string or nothing.
  readError(body) {
    if (typeof body === 'string') return { message: body.trim(), code: null };
    const message =
      stringAt(body, 'message') ??
      stringAt(body, 'error_description') ??
      stringAt(body, 'detail') ??
      stringAt(body, 'title') ??
      stringAt(body, 'error') ??
      (body && typeof body === 'object' ? JSON.stringify(body).slice(0, 500) : '');
    return { message, code: stringAt(body, 'error') ?? stringAt(body, 'code') };
  },
};

function entityRef(id: string, typeName: string, typeId: string | undefined): OneTrustEntityRef {
  return { id, entityType: typeId ? { id: typeId, name: typeName } : { name: typeName } };
}

/** `attributes`: attribute name -> non-empty list of `{ value }` or `{ id: uuid }` objects. */
function checkAttributes(attributes: Record<string, unknown>): Record<string, OneTrustAttributeValue[]> {
  const fail = (field: string, problem: string): never => {
    throw new InputError('onetrust', field, 'format', `Attributes (${field}) ${problem}`);
  };
  for (const [name, values] of Object.entries(attributes)) {
    const field = `attributes.${name}`;
    if (!Array.isArray(values) || values.length === 0) fail(field, 'must be a non-empty list of {"value": "..."} or {"id": "..."} objects, the id a UUID');
    (values as unknown[]).forEach((value, index) => {
      const at = `${field}[${index}]`;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(at, 'must be an object');
      const { id, value: text } = value as OneTrustAttributeValue;
      if (id === undefined && text === undefined) fail(at, 'needs a "value" or an "id"');
      if (text !== undefined && typeof text !== 'string') fail(at, '"value" must be text');
      if (id !== undefined && (typeof id !== 'string' || !UUID_PATTERN.test(id))) fail(at, '"id" must be a UUID');
    });
  }
  return attributes as Record<string, OneTrustAttributeValue[]>;
}

export { ONETRUST_ENTITY_TYPES } from './fields.js';
export type * from './models.js';
