import { devrev, InputError, isInputError, parseErrorResponse, RateLimitError, sendCreateLink, type HttpRequest } from '@links/core';

const BASE = 'https://api.devrev.ai';

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (isInputError(error)) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('devrev request', () => {
  it('builds links.create with snake_case body', () => {
    const input = devrev.validateInput({ source: ' ISS-1 ', target: 'don:core:dvrv-us-1:devo/demo:issue/2', linkType: 'is_parent_of' });
    expect(devrev.buildCreateRequest(input, BASE)).toEqual({
      method: 'POST',
      url: 'https://api.devrev.ai/links.create',
      headers: { Accept: 'application/json' },
      json: { source: 'ISS-1', target: 'don:core:dvrv-us-1:devo/demo:issue/2', link_type: 'is_parent_of' },
    });
  });

  it('sends custom_link_type only with custom_link', () => {
    const input = devrev.validateInput({
      source: 'ISS-1',
      target: 'TKT-9',
      linkType: 'custom_link',
      customLinkType: 'don:core:dvrv-us-1:devo/demo:custom_link_type/1',
    });
    expect(devrev.buildCreateRequest(input, BASE).json).toEqual({
      source: 'ISS-1',
      target: 'TKT-9',
      link_type: 'custom_link',
      custom_link_type: 'don:core:dvrv-us-1:devo/demo:custom_link_type/1',
    });
  });

  it.each(devrev.fields.find((f) => f.key === 'linkType')!.options!.map((o) => o.value).filter((v) => v !== 'custom_link'))(
    'accepts link type %s',
    (linkType) => {
      const input = devrev.validateInput({ source: 'ISS-1', target: 'ISS-2', linkType });
      expect(devrev.buildCreateRequest(input, BASE).json).toEqual({ source: 'ISS-1', target: 'ISS-2', link_type: linkType });
    },
  );

  it('sends the token as Bearer', () => {
    expect(devrev.auth.type === 'headers' && devrev.auth.headers({ token: 'abc' })).toEqual({ Authorization: 'Bearer abc' });
  });
});

describe('devrev validation', () => {
  it.each([
    [{ target: 'ISS-2', linkType: 'imports' }, 'source', 'required', 'Source ID (source) is required'],
    [{ source: 'ISS-1', target: 'ISS-2', linkType: 'is_best_friend_of' }, 'linkType', 'enum', 'Link Type (linkType) must be one of'],
    [{ source: 'ISS-1', target: 'ISS-2', linkType: 'custom_link' }, 'customLinkType', 'required', 'is required when linkType is "custom_link"'],
    [{ source: 'ISS-1', target: 'ISS-2', linkType: 'imports', customLinkType: 'don:core:x:y' }, 'customLinkType', 'notAllowed', 'only used when linkType is "custom_link"'],
    [{ source: 'not an id', target: 'ISS-2', linkType: 'imports' }, 'source', 'format', 'must be a DevRev ID'],
    [{ source: 'ISS-1', target: 42.5, linkType: 'imports' }, 'target', 'format', 'must be a DevRev ID'],
    [{ source: 'ISS-1', target: { id: 1 }, linkType: 'imports' }, 'target', 'type', 'must be text, got an object'],
  ])('%j fails on %s (%s)', (input, field, rule, message) => {
    const error = inputError(() => devrev.validateInput(input));
    expect(error).toMatchObject({ field, rule, provider: 'devrev', kind: 'input' });
    expect(error.message).toContain(message);
  });
});

describe('devrev conditional fields', () => {
  it('a padded "custom_link" still takes and sends its Custom Link Type', () => {
    const input = devrev.validateInput({ source: 'ISS-1', target: 'ISS-2', linkType: ' custom_link\n', customLinkType: 'don:core:dvrv-us-1:devo/demo:custom_link_type/1' });
    expect(devrev.buildCreateRequest(input, BASE).json).toEqual({
      source: 'ISS-1',
      target: 'ISS-2',
      link_type: 'custom_link',
      custom_link_type: 'don:core:dvrv-us-1:devo/demo:custom_link_type/1',
    });
    expect(() => devrev.validateInput({ source: 'ISS-1', target: 'ISS-2', linkType: ' custom_link ' })).toThrow(expect.objectContaining({ field: 'customLinkType', rule: 'required' }));
  });
});

describe('devrev response and errors', () => {
  const link = {
    id: 'don:core:dvrv-us-1:devo/demo:link/7',
    display_id: 'LNK-7',
    link_type: 'is_parent_of',
    source: { type: 'issue', id: 'don:core:dvrv-us-1:devo/demo:issue/1', display_id: 'ISS-1', title: 'Login fails', owned_by: [] },
    target: { type: 'issue', id: 'don:core:dvrv-us-1:devo/demo:issue/2', display_id: 'ISS-2', title: 'Fix SSO', owned_by: [] },
    created_date: '2026-01-02T03:04:05.000Z',
  };

  it('normalizes the 201 link', async () => {
    const requests: HttpRequest[] = [];
    const input = devrev.validateInput({ source: 'ISS-1', target: 'ISS-2', linkType: 'is_parent_of' });
    const results = await sendCreateLink(devrev, input, {
      baseUrl: BASE,
      transport: async (request) => {
        requests.push(request);
        return { status: 201, headers: {}, body: { link } };
      },
    });
    expect(requests).toHaveLength(1);
    expect(results).toEqual([
      {
        provider: 'devrev',
        id: link.id,
        linkType: 'is_parent_of',
        linkTypeLabel: 'is parent of',
        source: { id: link.source.id, type: 'issue', name: 'Login fails', displayId: 'ISS-1' },
        target: { id: link.target.id, type: 'issue', name: 'Fix SSO', displayId: 'ISS-2' },
        createdAt: '2026-01-02T03:04:05.000Z',
        raw: { link },
      },
    ]);
  });

  it.each([
    [{ type: 'issue', title: 'Login fails' }, 'Login fails'],
    [{ type: 'ticket', title: 'Cannot pay' }, 'Cannot pay'],
    [{ type: 'conversation', title: 'Chat' }, 'Chat'],
    [{ type: 'product', name: 'Payments' }, 'Payments'],
    [{ type: 'feature', name: 'Saved Cards' }, 'Saved Cards'],
    [{ type: 'dev_user', display_name: 'jane' }, 'jane'],
    [{ type: 'rev_org', display_name: 'Acme' }, 'Acme'],
    [{ type: 'issue' }, null],
    [{ type: 'some_new_type', name: 'New' }, 'New'],
  ])('reads the name of %j from the key its type uses', (end, name) => {
    const ends = { source: { id: 'don:core:dvrv-us-1:devo/demo:x/1', ...end }, target: { id: 'don:core:dvrv-us-1:devo/demo:x/2', type: 'issue' } };
    const [result] = devrev.parseCreateResponse({ status: 201, headers: {}, body: { link: { ...link, ...ends } } }, devrev.validateInput({ source: 'ISS-1', target: 'ISS-2', linkType: 'is_parent_of' }));
    expect(result!.source.name).toBe(name);
    expect(result!.target.name).toBeNull();
  });

  it.each([
    [400, { type: 'invalid_enum_value', message: 'Invalid value', field_name: 'link_type', value: 'x', allowed_values: ['imports', 'serves'] }, 'InvalidRequestError', 'Invalid value (field: link_type; allowed values: imports, serves)'],
    [400, { type: 'missing_required_field', message: 'Missing field', field_name: 'target' }, 'InvalidRequestError', 'Missing field (field: target)'],
    [400, { type: 'artifact_already_attached_to_a_parent', message: 'Already has a parent', existing_parent: 'ISS-9', is_same: false }, 'InvalidRequestError', 'Already has a parent (existing parent: ISS-9)'],
    [401, { type: 'unauthenticated', message: 'Bad token' }, 'AuthenticationError', 'Bad token'],
    [403, { type: 'forbidden', detail: 'No access' }, 'PermissionError', 'No access'],
    [404, { type: 'not_found', message: 'Object not found' }, 'NotFoundError', 'Object not found'],
    [413, { type: 'request_entity_too_large', message: 'Too large', max_bytes: 10 }, 'InvalidRequestError', 'Too large'],
    [500, { type: 'internal_error', message: 'Oops', reference_id: 'ref-1' }, 'ServerError', 'Oops (reference id: ref-1)'],
    [503, { type: 'service_unavailable' }, 'ServerError', 'service_unavailable'],
  ])('classifies HTTP %i', (status, body, name, message) => {
    const error = parseErrorResponse(devrev, { status, headers: {}, body });
    expect(error.name).toBe(name);
    expect(error.apiMessage).toBe(message);
    expect(error.message).toBe(`DevRev returned HTTP ${status}: ${message}`);
    expect(error.apiCode).toBe(body.type);
    expect(error.isRetryable).toBe(status === 503);
  });

  it('reads retry_after from the body when there is no header', () => {
    const error = parseErrorResponse(devrev, { status: 429, headers: {}, body: { type: 'too_many_requests', retry_after: 7 } });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBe(7);
    expect(error.isRetryable).toBe(true);
  });
});

describe('devrev custom link types', () => {
  it('lists them as options for the Custom Link Type dropdown', () => {
    const source = devrev.optionSources!['devrev.customLinkTypes']!;
    expect(source.buildRequest(BASE)).toEqual({ method: 'GET', url: `${BASE}/link-types.custom.list`, headers: { Accept: 'application/json' } });
    const body = { custom_link_types: [{ id: 'don:core:dvrv-us-1:devo/demo:custom_link_type/1', name: 'Blocks release', forward_name: 'blocks release of', backward_name: 'release blocked by' }] };
    expect(source.parse({ status: 200, headers: {}, body })).toEqual([
      { value: body.custom_link_types[0]!.id, label: 'Blocks release', description: 'blocks release of / release blocked by' },
    ]);
  });
});
