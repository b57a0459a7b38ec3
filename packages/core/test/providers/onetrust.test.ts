import { checkBaseUrl, checkHostname, onetrust, parseErrorResponse, parseRetryAfter, sendCreateLink } from '@links/core';

const BASE = 'https://app-eu.onetrust.com';
const LINK_TYPE = '2aa71ead-0c9a-416a-8471-bdfb67c8d113';
const E1 = '0f79003f-b177-4f02-aa83-9bf11deec7c7';
const E2 = '296c0a2d-b5f6-450d-8b13-3c2327775042';
const TYPE_ID = '8a0b318a-d206-4ff9-b1db-00c8c8611d37';

const minimal = { linkTypeId: LINK_TYPE, entity1Type: 'aisystems', entity1Id: E1, entity2Type: 'models', entity2Id: E2 };

describe('onetrust request', () => {
  it('puts linkTypeId in the query and the entities in LinkRequest', () => {
    expect(onetrust.buildCreateRequest(onetrust.validateInput(minimal), BASE)).toEqual({
      method: 'POST',
      url: `${BASE}/api/ai-governance/v1/links?linkTypeId=${LINK_TYPE}`,
      headers: { Accept: 'application/json' },
      json: { entity1: { id: E1, entityType: { name: 'aisystems' } }, entity2: { id: E2, entityType: { name: 'models' } } },
    });
  });

  it('adds entity type ids and attributes when given (attributes as JSON text or object)', () => {
    const attributes = { textAttributeName: [{ value: 'Text' }], optionBasedAttributeName: [{ id: TYPE_ID }] };
    for (const given of [attributes, JSON.stringify(attributes)]) {
      const input = onetrust.validateInput({ ...minimal, entity1TypeId: TYPE_ID, entity2Type: 'vendors', attributes: given });
      expect(onetrust.buildCreateRequest(input, BASE).json).toEqual({
        entity1: { id: E1, entityType: { id: TYPE_ID, name: 'aisystems' } },
        entity2: { id: E2, entityType: { name: 'vendors' } },
        attributes,
      });
    }
  });

  it('omits empty attributes', () => {
    const input = onetrust.validateInput({ ...minimal, attributes: '{}' });
    expect(onetrust.buildCreateRequest(input, BASE).json).not.toHaveProperty('attributes');
  });

  it('exchanges client credentials with a form body and no scope', () => {
    const credentials = onetrust.validateCredentials({ hostname: 'App-EU.OneTrust.com', clientId: 'id', clientSecret: 's3cret' });
    expect(onetrust.defaultBaseUrl(credentials)).toBe('https://app-eu.onetrust.com');
    expect(onetrust.auth.type === 'client-credentials' && onetrust.auth.buildTokenRequest(credentials, BASE)).toEqual({
      method: 'POST',
      url: `${BASE}/api/access/v1/oauth/token`,
      headers: { Accept: 'application/json' },
      form: { grant_type: 'client_credentials', client_id: 'id', client_secret: 's3cret' },
    });
  });

  it('reads the token and its lifetime', () => {
    const auth = onetrust.auth;
    if (auth.type !== 'client-credentials') throw new Error('unexpected');
    expect(auth.parseTokenResponse({ status: 200, headers: {}, body: { access_token: 'tok', token_type: 'bearer', expires_in: 7200 } })).toEqual({ accessToken: 'tok', expiresInSeconds: 7200 });
    expect(auth.headers('tok')).toEqual({ Authorization: 'Bearer tok' });
  });
});

describe('onetrust validation', () => {
  it.each([
    [{ ...minimal, linkTypeId: 'abc' }, 'linkTypeId', 'uuid'],
    [{ ...minimal, entity1Id: undefined }, 'entity1Id', 'required'],
    [{ ...minimal, entity2Id: `${E2}x` }, 'entity2Id', 'uuid'],
    [{ ...minimal, entity2TypeId: 'nope' }, 'entity2TypeId', 'uuid'],
    [{ ...minimal, attributes: '{not json' }, 'attributes', 'type'],
    [{ ...minimal, attributes: '[1]' }, 'attributes', 'type'],
    [{ ...minimal, attributes: { a: [] } }, 'attributes.a', 'format'],
    [{ ...minimal, attributes: { a: [{ colour: 'red' }] } }, 'attributes.a[0]', 'format'],
    [{ ...minimal, attributes: { a: [{ id: 'x' }] } }, 'attributes.a[0]', 'format'],
  ])('%#: fails on %s', (input, field, rule) => {
    expect(() => onetrust.validateInput(input)).toThrow(expect.objectContaining({ field, rule }));
  });

  it.each(['evil.example/', 'user@host.com', 'https://x.com', 'host.com:1', 'a.com#', '10.0.0.1', '[::1]', '', 'localhost', 'a..b.com', '-a.com', 'app.onetrust.com/path', 'app.onetrust.com?x=1'])(
    'rejects host name %j',
    (hostname) => {
      expect(() => onetrust.validateCredentials({ hostname, clientId: 'id', clientSecret: 'secret' })).toThrow(
        expect.objectContaining({ field: 'hostname', rule: hostname === '' ? 'required' : 'hostname' }),
      );
    },
  );

  it.each(['app.onetrust.com', 'app-eu.onetrust.com', 'trial.onetrust.com', 'customer.my-onetrust.example'])('accepts host name %s', (host) => {
    expect(checkHostname('onetrust', 'hostname', 'Host Name', host)).toBe(host);
  });

  it.each([
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
    ['https://proxy.example.com/onetrust', 'https://proxy.example.com/onetrust'],
  ])('accepts base URL %s', (url, expected) => expect(checkBaseUrl('onetrust', url)).toBe(expected));

  it.each(['http://proxy.example.com', 'http://127.0.0.1.evil.example', 'http://127.evil.example:4010', 'ftp://x', 'https://user:pw@x.com', 'https://x.com?a=1', 'not a url'])('rejects base URL %s', (url) => {
    expect(() => checkBaseUrl('onetrust', url)).toThrow(expect.objectContaining({ field: 'baseUrl', rule: 'url' }));
  });
});

describe('onetrust response and errors', () => {
  it('normalizes LinkInformation', async () => {
    const body = {
      id: 'c0f18be7-1205-4417-874c-e5b8d292ac9f',
      linkType: { id: '8857005c-662f-4f90-9e4e-481b225a666a', name: 'ai-system-composition' },
      linkTypeLabel: { id: 5, entityType1ToEntityType2EntityLinkName: 'is composed of', entityType2ToEntityType1EntityLinkName: 'is a component of' },
      entity1: { id: E1, name: 'AISystem 1', entityType: { name: 'aisystems' } },
      entity2: { id: E2, name: 'Model Test', entityType: { name: 'models' } },
      auditFields: { createdDate: '2026-02-10T13:10:23.267Z' },
    };
    const results = await sendCreateLink(onetrust, onetrust.validateInput(minimal), { baseUrl: BASE, transport: async () => ({ status: 200, headers: {}, body }) });
    expect(results).toEqual([
      {
        provider: 'onetrust',
        id: body.id,
        linkType: 'ai-system-composition',
        linkTypeLabel: 'is composed of',
        source: { id: E1, type: 'aisystems', name: 'AISystem 1', displayId: null },
        target: { id: E2, type: 'models', name: 'Model Test', displayId: null },
        createdAt: '2026-02-10T13:10:23.267Z',
        raw: body,
      },
    ]);
  });

  it.each([
    [400, { message: 'Invalid link type for entities' }, 'InvalidRequestError', 'Invalid link type for entities'],
    [400, 'Entity type mismatch', 'InvalidRequestError', 'Entity type mismatch'],
    [401, undefined, 'AuthenticationError', 'Unauthorized: the credentials are missing, wrong or expired'],
    [401, { error: 'invalid_token', error_description: 'Token expired' }, 'AuthenticationError', 'Token expired'],
    [403, '', 'PermissionError', 'Forbidden: the credentials lack the permission or scope for this request'],
    [500, undefined, 'ServerError', 'Internal server error'],
  ])('classifies HTTP %i with body %j', (status, body, name, message) => {
    const error = parseErrorResponse(onetrust, { status, headers: {}, body });
    expect(error.name).toBe(name);
    expect(error.apiMessage).toBe(message);
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('garbage', now)).toBeNull();
    const error = parseErrorResponse(onetrust, { status: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, body: undefined }, now);
    expect(error).toMatchObject({ name: 'RateLimitError', retryAfter: 5, isRetryable: true });
  });
});

describe('base URL fields', () => {
  it('default to the real service, or to the host name for OneTrust', async () => {
    const { devrev, yandexTracker } = await import('@links/core');
    expect(devrev.baseUrlField).toMatchObject({ key: 'baseUrl', default: 'https://api.devrev.ai', required: false, advanced: true });
    expect(yandexTracker.baseUrlField.default).toBe('https://api.tracker.yandex.net');
    expect(onetrust.baseUrlField.default).toBe('');
    expect(onetrust.baseUrlField.description).toContain('https:// followed by the Host Name');
  });

  it('an absent link id is null, never undefined', async () => {
    const body = { linkType: { name: 'x' }, entity1: { id: E1 }, entity2: { id: E2 } };
    const [link] = await sendCreateLink(onetrust, onetrust.validateInput(minimal), { baseUrl: BASE, transport: async () => ({ status: 200, headers: {}, body }) });
    expect(link!.id).toBeNull();
    expect(link!.createdAt).toBeNull();
  });
});
