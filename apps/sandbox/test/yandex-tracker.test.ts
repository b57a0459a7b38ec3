import { SANDBOX_CREDENTIALS, SEED, TRACKER_ENTITIES } from '../src/index.js';
import { call, jsonInit, trackerHeaders, useSandbox } from './helpers.js';

const { entities } = SEED.yandexTracker;
const creds = SANDBOX_CREDENTIALS.yandexTracker;
const ctx = useSandbox();

const linksUrl = (type: string, id: string, version = 'v2') =>
  `${ctx.sandbox.url}/${version}/entities/${type}/${encodeURIComponent(id)}/links`;
const post = (url: string, body: unknown, headers: Record<string, string> = trackerHeaders) => call(url, jsonInit('POST', body, headers));

describe('Yandex Tracker seed', () => {
  it('uses 24-hex ids (except the encoding probe) and unique shortIds', () => {
    for (const entity of TRACKER_ENTITIES) {
      if (entity !== entities.encodingProbe) expect(entity.id).toMatch(/^[0-9a-f]{24}$/);
    }
    expect(new Set(TRACKER_ENTITIES.map((e) => e.shortId)).size).toBe(TRACKER_ENTITIES.length);
  });
});

describe('Yandex Tracker create links', () => {
  it('creates one link with 200 and an empty body', async () => {
    const reply = await post(linksUrl('project', entities.websiteRedesign.id), {
      relationship: 'depends on',
      entity: entities.paymentsMigration.id,
    });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(ctx.sandbox.state.links.yandexTracker).toEqual([
      expect.objectContaining({
        source: { entityType: 'project', id: entities.websiteRedesign.id },
        target: { entityType: 'project', id: entities.paymentsMigration.id },
        relationship: 'depends on',
      }),
    ]);
  });

  it('creates an array of links, by shortId, under /v3/ too', async () => {
    const reply = await post(
      linksUrl('goal', String(entities.reduceChurn.shortId), 'v3'),
      [
        { relationship: 'is supported by', entity: entities.websiteRedesign.id },
        { relationship: 'parent entity', entity: String(entities.launchEu.shortId) },
      ],
    );
    expect(reply.status).toBe(200);
    expect(ctx.sandbox.state.links.yandexTracker).toHaveLength(2);
  });

  it('is all-or-nothing: one invalid element stores nothing and names the field', async () => {
    const url = linksUrl('project', entities.websiteRedesign.id);
    const invalid = await post(url, [
      { relationship: 'relates', entity: entities.paymentsMigration.id },
      { relationship: 'parent entity', entity: entities.mobileOffline.id },
    ]);
    expect(invalid.status).toBe(422);
    expect(invalid.json).toEqual({
      errors: { '[1].relationship': expect.stringContaining('Invalid value') },
      errorMessages: [expect.stringContaining('[1].relationship')],
      statusCode: 422,
    });
    const unknown = await post(url, [
      { relationship: 'relates', entity: entities.paymentsMigration.id },
      { relationship: 'relates', entity: 'ffffffffffffffffffffffff' },
    ]);
    expect(unknown.status).toBe(404);
    expect(ctx.sandbox.state.links.yandexTracker).toHaveLength(0);
  });

  it.each([
    ['an empty array', [], 422],
    ['a missing entity', { relationship: 'relates' }, 422],
    ['a missing relationship', { entity: '65868f3fe2b9ef7491afe166' }, 422],
    ['an unknown field', { relationship: 'relates', entity: '65868f3fe2b9ef7491afe166', extra: 1 }, 422],
    ['a non-string entity', { relationship: 'relates', entity: 2 }, 422],
    ['a self link', { relationship: 'relates', entity: '6582874de6db7f5f2c2ad6ba' }, 422],
    ['a string body', 'relates', 422],
  ])('rejects %s', async (_name, body, status) => {
    const reply = await post(linksUrl('project', entities.websiteRedesign.id), body);
    expect(reply.status).toBe(status);
    expect(reply.json).toMatchObject({ statusCode: status, errorMessages: [expect.any(String)] });
  });

  it('answers 400 for an unknown entity type and 404 for an unknown entity', async () => {
    const body = { relationship: 'relates', entity: entities.paymentsMigration.id };
    expect((await post(linksUrl('issue', entities.websiteRedesign.id), body)).status).toBe(400);
    expect((await post(linksUrl('project', 'ffffffffffffffffffffffff'), body)).status).toBe(404);
    expect((await post(linksUrl('goal', entities.websiteRedesign.id), body)).status).toBe(404);
  });

  it('round-trips an id that needs path-segment encoding, decoding it exactly once', async () => {
    const id = entities.encodingProbe.id;
    const body = { relationship: 'relates', entity: entities.websiteRedesign.id };
    const encoded = await post(linksUrl('project', id), body);
    expect(encoded.status).toBe(200);
    expect(ctx.sandbox.state.links.yandexTracker[0]?.source.id).toBe('weird id/../x?y#z');

    const doubleEncoded = await post(linksUrl('project', encodeURIComponent(id)), body);
    expect(doubleEncoded.status).toBe(404);
    // Without encoding, the '/' splits the segment (and fetch resolves '..'): a different path.
    const raw = await post(`${ctx.sandbox.url}/v2/entities/project/${id}/links`, body);
    expect(raw.status).toBe(404);
    expect(ctx.sandbox.state.links.yandexTracker).toHaveLength(1);

    const listed = await call(`${linksUrl('project', entities.websiteRedesign.id)}?fields=id,summary`, { headers: trackerHeaders });
    expect(listed.json).toEqual([{ type: 'relates', linkFieldValues: { id, summary: 'Path encoding probe' } }]);
  });

  it('requires application/json and reports malformed JSON in the Tracker format', async () => {
    const url = linksUrl('project', entities.websiteRedesign.id);
    const text = await call(url, { method: 'POST', headers: { ...trackerHeaders, 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    expect(text.json).toMatchObject({ statusCode: 415 });
    const malformed = await call(url, { method: 'POST', headers: { ...trackerHeaders, 'content-type': 'application/json' }, body: '[{' });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ errors: {}, statusCode: 400 });
  });
});

describe('Yandex Tracker auth', () => {
  const url = () => `${ctx.sandbox.url}/v2/myself`;

  it('accepts OAuth + X-Org-ID and Bearer IAM + X-Cloud-Org-ID', async () => {
    const oauth = await call(url(), { headers: trackerHeaders });
    expect(oauth.status).toBe(200);
    expect(oauth.json).toMatchObject({ uid: SEED.yandexTracker.user.uid, login: 'sandbox.user', display: 'Sandbox User', email: expect.any(String) });
    const iam = await call(url(), { headers: { authorization: `Bearer ${creds.iamToken}`, 'x-cloud-org-id': creds.cloudOrgId } });
    expect(iam.status).toBe(200);
    const iamWith360 = await call(url(), { headers: { authorization: `Bearer ${creds.iamToken}`, 'x-org-id': creds.orgId } });
    expect(iamWith360.status).toBe(200);
  });

  it.each([
    ['no Authorization', { 'x-org-id': creds.orgId }, 401],
    ['a wrong token', { authorization: 'OAuth nope', 'x-org-id': creds.orgId }, 401],
    ['the IAM token under OAuth', { authorization: `OAuth ${creds.iamToken}`, 'x-org-id': creds.orgId }, 401],
    ['no org header', { authorization: `OAuth ${creds.oauthToken}` }, 401],
    ['both org headers', { ...trackerHeaders, 'x-cloud-org-id': creds.cloudOrgId }, 401],
    ['an unknown org', { authorization: `OAuth ${creds.oauthToken}`, 'x-org-id': 'other-org' }, 403],
    ['the cloud org id in X-Org-ID', { authorization: `OAuth ${creds.oauthToken}`, 'x-org-id': creds.cloudOrgId }, 403],
  ])('rejects %s', async (_name, headers, status) => {
    const reply = await call(url(), { headers });
    expect(reply.status).toBe(status);
    expect(reply.json).toEqual({ errors: {}, errorMessages: [expect.any(String)], statusCode: status });
    expect(reply.text).not.toContain(creds.oauthToken);
  });
});

describe('Yandex Tracker read and delete', () => {
  it('lists links from both ends and deletes by right=', async () => {
    const project = entities.websiteRedesign;
    await post(linksUrl('project', project.id), [
      { relationship: 'depends on', entity: entities.paymentsMigration.id },
      { relationship: 'works towards', entity: entities.reduceChurn.id },
    ]);
    const fromProject = await call(`${linksUrl('project', project.id)}?fields=id,summary`, { headers: trackerHeaders });
    expect(fromProject.json).toEqual([
      { type: 'depends on', linkFieldValues: { id: entities.paymentsMigration.id, summary: 'Payments provider migration' } },
      { type: 'works towards', linkFieldValues: { id: entities.reduceChurn.id, summary: 'Reduce churn by 10% in 2025' } },
    ]);
    const fromOther = await call(linksUrl('project', entities.paymentsMigration.id), { headers: trackerHeaders });
    expect(fromOther.json).toEqual([{ type: 'is dependent by', linkFieldValues: { id: project.id } }]);

    const del = await call(`${linksUrl('project', project.id)}?right=${entities.paymentsMigration.id}`, {
      method: 'DELETE',
      headers: trackerHeaders,
    });
    expect(del.status).toBe(200);
    expect(ctx.sandbox.state.links.yandexTracker).toHaveLength(1);
    const again = await call(`${linksUrl('project', project.id)}?right=${entities.paymentsMigration.id}`, {
      method: 'DELETE',
      headers: trackerHeaders,
    });
    expect(again.status).toBe(404);
  });
});

describe('Yandex Tracker rate limit', () => {
  it('answers 429 in the Tracker format with Retry-After', async () => {
    ctx.sandbox.state.setRateLimits({ yandexTracker: { limit: 1, windowMs: 10_000 } });
    expect((await call(`${ctx.sandbox.url}/v2/myself`, { headers: trackerHeaders })).status).toBe(200);
    const limited = await call(`${ctx.sandbox.url}/v2/myself`, { headers: trackerHeaders });
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ statusCode: 429 });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
