import { SANDBOX_CREDENTIALS, SANDBOX_EXTRA_CREDENTIALS, SEED } from '../src/index.js';
import { call, jsonInit, onetrustToken, useSandbox } from './helpers.js';

const { entities, linkTypes, entityTypes } = SEED.onetrust;
const ctx = useSandbox();

const tokenUrl = () => `${ctx.sandbox.url}/api/access/v1/oauth/token`;
const linksUrl = (linkTypeId: string = linkTypes.aiSystemComposition.id) =>
  `${ctx.sandbox.url}/api/ai-governance/v1/links?linkTypeId=${linkTypeId}`;
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const validForm = {
  grant_type: 'client_credentials',
  client_id: SANDBOX_CREDENTIALS.onetrust.clientId,
  client_secret: SANDBOX_CREDENTIALS.onetrust.clientSecret,
};
const composition = {
  entity1: { id: entities.supportAssistant.id, entityType: { name: 'aisystems' } },
  entity2: { id: entities.intentClassifier.id, entityType: { name: 'models' } },
  attributes: null,
  context: null,
};

async function create(body: unknown, linkTypeId?: string, token?: string) {
  const bearer = token ?? (await onetrustToken(ctx.sandbox));
  return call(linksUrl(linkTypeId), jsonInit('POST', body, { authorization: `Bearer ${bearer}` }));
}

describe('OneTrust token endpoint', () => {
  it('issues a bearer token for client credentials', async () => {
    const reply = await call(tokenUrl(), form(validForm));
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 3600,
      scope: 'AI_GOVERNANCE',
      tenantId: SEED.onetrust.tenantId,
      jti: expect.any(String),
    });
  });

  it('rejects another grant type with 400 unsupported_grant_type', async () => {
    const reply = await call(tokenUrl(), form({ ...validForm, grant_type: 'password' }));
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('rejects bad client credentials with 401 invalid_client and never echoes the secret', async () => {
    const reply = await call(tokenUrl(), form({ ...validForm, client_secret: 'wrong-secret-value' }));
    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ error: 'invalid_client' });
    expect(reply.text).not.toContain('wrong-secret-value');
  });

  it('requires a form body, accepts an empty scope and rejects asking for one', async () => {
    expect((await call(tokenUrl(), jsonInit('POST', validForm))).status).toBe(415);
    const scoped = await call(tokenUrl(), form({ ...validForm, scope: 'AI_GOVERNANCE' }));
    expect(scoped.status).toBe(400);
    expect(scoped.json).toMatchObject({ error: 'invalid_scope' });
    expect((await call(tokenUrl(), form({ ...validForm, scope: '' }))).status).toBe(200);
    expect((await call(tokenUrl(), form({ ...validForm, audience: 'x' }))).json).toMatchObject({ error: 'invalid_request' });
  });

  it('expires tokens after expires_in and on admin expire-tokens', async () => {
    const token = await onetrustToken(ctx.sandbox);
    expect((await create(composition, undefined, token)).status).toBe(200);
    ctx.sandbox.state.expireTokens();
    const expired = await create(composition, undefined, token);
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({ error: 'invalid_token', error_description: 'Access token expired' });

    ctx.sandbox.state.setTokenTtl(1);
    const short = await onetrustToken(ctx.sandbox);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await create(composition, undefined, short)).status).toBe(401);
  });
});

describe('OneTrust create link', () => {
  it('answers 200 with LinkInformation shaped like the spec example', async () => {
    const reply = await create(composition);
    expect(reply.status).toBe(200);
    const now = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const user = { id: SEED.onetrust.userId, name: null, email: null, initials: null };
    expect(reply.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      linkType: {
        id: linkTypes.aiSystemComposition.id,
        name: 'ai-system-composition',
        nameKey: 'CE.Link.AISystemComposition.Name',
        idOrNamePresent: true,
      },
      linkTypeLabel: {
        id: 5,
        entityType1ToEntityType2EntityLinkName: 'is composed of',
        entityType1ToEntityType2EntityLinkNameKey: 'CE.Link.AISystemComposition.ForwardLabel',
        entityType2ToEntityType1EntityLinkName: 'is a component of',
        entityType2ToEntityType1EntityLinkNameKey: 'CE.Link.AISystemComposition.BackwardLabel',
      },
      entity1: {
        linkEntityDetail: null,
        id: entities.supportAssistant.id,
        number: null,
        name: 'Customer Support Assistant',
        entityType: entityTypes.aisystems,
        deleted: false,
      },
      entity2: {
        linkEntityDetail: null,
        id: entities.intentClassifier.id,
        number: null,
        name: 'Support Intent Classifier',
        entityType: entityTypes.models,
        deleted: false,
      },
      schemaId: linkTypes.aiSystemComposition.schemaId,
      entityLinkDetail: null,
      auditFields: { createdDate: now, lastUpdatedDate: now, createdBy: user, lastModifiedBy: user },
    });
    expect(ctx.sandbox.state.links.onetrust).toHaveLength(1);
  });

  it('stores duplicates separately', async () => {
    const token = await onetrustToken(ctx.sandbox);
    await create(composition, undefined, token);
    await create(composition, undefined, token);
    expect(ctx.sandbox.state.snapshot().links.onetrust).toHaveLength(2);
  });

  it('answers 401 as a JSON object without or with a bad token', async () => {
    const none = await call(linksUrl(), jsonInit('POST', composition));
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ error: 'invalid_token' });
    const bad = await call(linksUrl(), jsonInit('POST', composition, { authorization: 'Bearer not-a-token' }));
    expect(bad.status).toBe(401);
  });

  it('answers 403 as a JSON string for a read-only token', async () => {
    const { clientId, clientSecret } = SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly;
    const reply = await create(composition, undefined, await onetrustToken(ctx.sandbox, clientId, clientSecret));
    expect(reply.status).toBe(403);
    expect(typeof reply.json).toBe('string');
  });

  it.each([
    ['missing linkTypeId', { ...composition }, 'none', 400],
    ['linkTypeId not a UUID', composition, 'abc', 400],
    ['unknown link type', composition, '00000000-0000-4000-8000-000000000000', 404],
    ['missing entity2', { entity1: composition.entity1 }, undefined, 400],
    ['entity id not a UUID', { ...composition, entity1: { id: 'x', entityType: { name: 'aisystems' } } }, undefined, 400],
    ['unknown entity type', { ...composition, entity2: { id: entities.intentClassifier.id, entityType: { name: 'widgets' } } }, undefined, 400],
    ['entity type id mismatch', { ...composition, entity2: { id: entities.intentClassifier.id, entityType: { name: 'models', id: entityTypes.datasets.id } } }, undefined, 400],
    ['entity not seeded', { ...composition, entity2: { id: '00000000-0000-4000-8000-000000000001', entityType: { name: 'models' } } }, undefined, 404],
    ['entity under the wrong type', { ...composition, entity2: { id: entities.intentClassifier.id, entityType: { name: 'datasets' } } }, undefined, 404],
    ['pair not allowed by the link type', { ...composition, entity2: { id: entities.loanApplications.id, entityType: { name: 'datasets' } } }, undefined, 400],
    ['reversed pair', { entity1: composition.entity2, entity2: composition.entity1 }, undefined, 400],
    ['unknown property', { ...composition, linkType: 'x' }, undefined, 400],
    ['attributes not arrays', { ...composition, attributes: { note: 'x' } }, undefined, 400],
    ['attribute value without value or id', { ...composition, attributes: { note: [{}] } }, undefined, 400],
  ])('rejects %s', async (_name, body, linkTypeId, status) => {
    const token = await onetrustToken(ctx.sandbox);
    const url =
      linkTypeId === 'none' ? `${ctx.sandbox.url}/api/ai-governance/v1/links` : linksUrl(linkTypeId ?? linkTypes.aiSystemComposition.id);
    const reply = await call(url, jsonInit('POST', body, { authorization: `Bearer ${token}` }));
    expect(reply.status).toBe(status);
    if (status === 400) expect(typeof reply.json).toBe('string');
    if (status === 404) expect(reply.json).toMatchObject({ status: 404, error: 'Not Found' });
    expect(ctx.sandbox.state.links.onetrust).toHaveLength(0);
  });

  it('accepts attributes, the related link type for any pair, and the model-vendor example', async () => {
    const token = await onetrustToken(ctx.sandbox);
    const withAttributes = await create(
      { ...composition, attributes: { note: [{ value: 'Primary' }], tier: [{ id: '5d435d40-462c-4045-afea-9b9d1eae4888' }] } },
      undefined,
      token,
    );
    expect(withAttributes.status).toBe(200);
    const related = await create(
      {
        entity1: { id: entities.refundAgent.id, entityType: { name: 'aiagents' } },
        entity2: { id: entities.contosoVendor.id, entityType: { name: 'vendors', id: entityTypes.vendors.id } },
      },
      linkTypes.related.id,
      token,
    );
    expect(related.status).toBe(200);
    const vendor = await create(
      {
        entity1: { id: 'b4c4991c-ab14-4bb2-abae-dad255a513c3', entityType: { name: 'models' } },
        entity2: { id: '690c2d22-d864-4ec7-92ad-850c678a1cd3', entityType: { name: 'vendors' } },
        attributes: null,
        context: null,
      },
      linkTypes.modelVendorSource.id,
      token,
    );
    expect(vendor.status).toBe(200);
    expect(vendor.json).toMatchObject({ linkTypeLabel: { entityType1ToEntityType2EntityLinkName: 'is sourced from' } });
  });

  it('requires application/json and answers a JSON string for malformed JSON', async () => {
    const token = await onetrustToken(ctx.sandbox);
    const text = await call(linksUrl(), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: JSON.stringify(composition),
    });
    expect(text.status).toBe(415);
    const malformed = await call(linksUrl(), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body: '{"entity1":',
    });
    expect(malformed.status).toBe(400);
    expect(typeof malformed.json).toBe('string');
  });
});

describe('OneTrust read endpoints', () => {
  it('gets, lists in pages and deletes links', async () => {
    const token = await onetrustToken(ctx.sandbox);
    const auth = { authorization: `Bearer ${token}` };
    const created = (await create(composition, undefined, token)).json as { id: string };
    await create(
      { ...composition, entity2: { id: entities.refundAgent.id, entityType: { name: 'aiagents' } } },
      undefined,
      token,
    );
    const typeId = linkTypes.aiSystemComposition.id;
    const one = `${ctx.sandbox.url}/api/ai-governance/v1/links/${created.id}?linkTypeId=${typeId}`;

    const got = await call(one, { headers: auth });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id: created.id });
    expect((await call(`${ctx.sandbox.url}/api/ai-governance/v1/links/${created.id}?linkTypeId=${linkTypes.related.id}`, { headers: auth })).status).toBe(404);

    const pages = (page: number, size: number, body?: unknown) =>
      call(
        `${ctx.sandbox.url}/api/ai-governance/v1/linked-entity-types/entity-types/names/aisystems/entities/${entities.supportAssistant.id}/links/pages?page=${page}&size=${size}`,
        body === undefined ? { method: 'POST', headers: auth } : jsonInit('POST', body, auth),
      );
    const first = await pages(0, 1, { fullText: null, filters: [] });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ totalElements: 2, totalPages: 2, number: 0, size: 1, numberOfElements: 1, first: true, last: false });
    const filtered = await pages(0, 10, { fullText: 'refund' });
    expect(filtered.json).toMatchObject({ totalElements: 1 });
    expect((await pages(0, 51)).status).toBe(400);

    expect((await call(one, { method: 'DELETE', headers: auth })).status).toBe(200);
    expect((await call(one, { headers: auth })).status).toBe(404);
    expect(ctx.sandbox.state.links.onetrust).toHaveLength(1);
  });
});

describe('OneTrust rate limit', () => {
  it('answers 429 with the ot-* headers and Retry-After', async () => {
    ctx.sandbox.state.setRateLimits({ onetrust: { limit: 2, windowMs: 60_000 } });
    const token = await onetrustToken(ctx.sandbox);
    expect((await create(composition, undefined, token)).status).toBe(200);
    const limited = await create(composition, undefined, token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('ot-ratelimit-event-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(limited.headers.get('ot-requests-allowed')).toBe('2');
    expect(limited.headers.get('ot-period')).toBe('MINUTE');
    expect(limited.headers.get('ot-request-made')).toBe('3');
  });
});
