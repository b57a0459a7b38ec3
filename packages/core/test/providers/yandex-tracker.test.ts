import { isInputError, parseErrorResponse, sendCreateLink, yandexTracker } from '@links/core';

const BASE = 'https://api.tracker.yandex.net';

describe('yandex tracker request', () => {
  it('sends one link as the documented single object', () => {
    const input = yandexTracker.validateInput({ entityType: 'project', entityId: '6582874de6db7f5f12345678', links: [{ relationship: 'relates', entity: '65868f3fe2b9ef7412345678' }] });
    expect(yandexTracker.buildCreateRequest(input, BASE)).toEqual({
      method: 'POST',
      url: 'https://api.tracker.yandex.net/v2/entities/project/6582874de6db7f5f12345678/links',
      headers: { Accept: 'application/json' },
      json: { relationship: 'relates', entity: '65868f3fe2b9ef7412345678' },
    });
  });

  it('sends several links as an array', () => {
    const input = yandexTracker.validateInput({
      entityType: 'goal',
      entityId: 42,
      links: [
        { relationship: 'is dependent by', entity: 'a1' },
        { relationship: 'parent entity', entity: 'b2' },
      ],
    });
    expect(yandexTracker.buildCreateRequest(input, BASE)).toMatchObject({
      url: 'https://api.tracker.yandex.net/v2/entities/goal/42/links',
      json: [
        { relationship: 'is dependent by', entity: 'a1' },
        { relationship: 'parent entity', entity: 'b2' },
      ],
    });
  });

  it.each([
    ['../x?y#z', '..%2Fx%3Fy%23z'],
    ['a/b', 'a%2Fb'],
    ['a%2Fb', 'a%252Fb'],
    ['with space', 'with%20space'],
    ['проект', '%D0%BF%D1%80%D0%BE%D0%B5%D0%BA%D1%82'],
  ])('keeps entity id %s one path segment', (entityId, encoded) => {
    const input = yandexTracker.validateInput({ entityType: 'project', entityId, links: [{ relationship: 'relates', entity: 'x' }] });
    const url = yandexTracker.buildCreateRequest(input, BASE).url;
    expect(url).toBe(`${BASE}/v2/entities/project/${encoded}/links`);
    expect(new URL(url).pathname.split('/')).toHaveLength(6);
  });

  it.each([
    [{ tokenKind: 'oauth', token: 't', orgKind: 'yandex360', orgId: '1' }, { Authorization: 'OAuth t', 'X-Org-ID': '1' }],
    [{ tokenKind: 'iam', token: 't', orgKind: 'cloud', orgId: 'c' }, { Authorization: 'Bearer t', 'X-Cloud-Org-ID': 'c' }],
  ])('authenticates %j', (credentials, headers) => {
    const checked = yandexTracker.validateCredentials(credentials);
    expect(yandexTracker.auth.type === 'headers' && yandexTracker.auth.headers(checked)).toEqual(headers);
  });

  it('accepts relationship values beyond the documented three', () => {
    const input = yandexTracker.validateInput({ entityType: 'project', entityId: 'p', links: [{ relationship: 'works towards', entity: 'g' }] });
    expect(input.links[0]!.relationship).toBe('works towards');
  });
});

describe('yandex tracker validation', () => {
  it.each([
    [{ entityType: 'issue', entityId: 'p', links: [{ relationship: 'relates', entity: 'x' }] }, 'entityType', 'enum'],
    [{ entityType: 'project', entityId: '  ', links: [{ relationship: 'relates', entity: 'x' }] }, 'entityId', 'required'],
    [{ entityType: 'project', entityId: 'p', links: [] }, 'links', 'nonEmpty'],
    [{ entityType: 'project', entityId: 'p', links: 'x' }, 'links', 'type'],
    [{ entityType: 'project', entityId: 'p', links: [{ relationship: 'relates', entity: 'x' }, { relationship: 'relates' }] }, 'links[1].entity', 'required'],
    [{ entityType: 'project', entityId: 'p', links: [{ entity: 'x' }] }, 'links[0].relationship', 'required'],
    [{ entityType: 'project', entityId: '..', links: [{ relationship: 'relates', entity: 'x' }] }, 'entityId', 'format'],
    [{ entityType: 'project', entityId: 'p\uD800', links: [{ relationship: 'relates', entity: 'x' }] }, 'entityId', 'format'],
    [{ entityType: 'project', entityId: 'p', links: [{ relationship: 'relates', entity: '\uDC00x' }] }, 'links[0].entity', 'format'],
    [{ tokenKind: 'oauth' }, 'token', 'required'],
  ])('%j fails on %s', (input, field, rule) => {
    const validate = 'tokenKind' in input ? () => yandexTracker.validateCredentials(input) : () => yandexTracker.validateInput(input);
    expect(validate).toThrow(expect.objectContaining({ field, rule, kind: 'input' }));
    try {
      validate();
    } catch (error) {
      expect(isInputError(error) && error.message).toContain(`(${field})`);
    }
  });
});

describe('yandex tracker response and errors', () => {
  it('reports what was linked although the API returns no body', async () => {
    const input = yandexTracker.validateInput({
      entityType: 'project',
      entityId: 'p1',
      links: [
        { relationship: 'is dependent by', entity: 'e1' },
        { relationship: 'relates', entity: 'e2' },
      ],
    });
    const results = await sendCreateLink(yandexTracker, input, { baseUrl: BASE, transport: async () => ({ status: 200, headers: {}, body: undefined }) });
    expect(results).toEqual([
      { provider: 'yandex-tracker', id: null, linkType: 'is dependent by', linkTypeLabel: 'blocks', source: { id: 'p1', type: 'project', name: null, displayId: null }, target: { id: 'e1', type: null, name: null, displayId: null }, createdAt: null, raw: null },
      { provider: 'yandex-tracker', id: null, linkType: 'relates', linkTypeLabel: 'relates to', source: { id: 'p1', type: 'project', name: null, displayId: null }, target: { id: 'e2', type: null, name: null, displayId: null }, createdAt: null, raw: null },
    ]);
  });

  it.each([
    [400, { errors: {}, errorMessages: ['Invalid parameter value'], statusCode: 400 }, 'InvalidRequestError', 'Invalid parameter value'],
    [404, { errors: {}, errorMessages: ['Object not found'], statusCode: 404 }, 'NotFoundError', 'Object not found'],
    [422, { errors: { relationship: 'Unknown value' }, errorMessages: [], statusCode: 422 }, 'InvalidRequestError', 'relationship: Unknown value'],
    [401, { errors: {}, errorMessages: ['Not authorized'], statusCode: 401 }, 'AuthenticationError', 'Not authorized'],
    [409, { errorMessages: ['Conflict'], statusCode: 409 }, 'ConflictError', 'Conflict'],
    [429, undefined, 'RateLimitError', 'Too many requests'],
  ])('classifies HTTP %i', (status, body, name, message) => {
    const error = parseErrorResponse(yandexTracker, { status, headers: { 'retry-after': '3' }, body });
    expect(error.name).toBe(name);
    expect(error.apiMessage).toBe(message);
    expect(error.retryAfter).toBe(3);
  });
});
