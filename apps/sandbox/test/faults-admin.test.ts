import { ROUTE_NAMES, SEED, startSandbox, type SandboxSnapshot } from '../src/index.js';
import { call, devrevHeaders, jsonInit, onetrustToken, trackerHeaders, useSandbox } from './helpers.js';

const ctx = useSandbox();

const admin = (path: string, method = 'GET', body?: unknown) =>
  call(`${ctx.sandbox.url}/__admin${path}`, body === undefined ? { method } : jsonInit(method, body));
const devrevCreate = (source = 'ISS-1', target = 'ISS-2') =>
  call(`${ctx.sandbox.url}/links.create`, jsonInit('POST', { source, target, link_type: 'is_related_to' }, devrevHeaders));
const trackerCreate = () =>
  call(
    `${ctx.sandbox.url}/v2/entities/project/${SEED.yandexTracker.entities.websiteRedesign.id}/links`,
    jsonInit('POST', { relationship: 'relates', entity: SEED.yandexTracker.entities.launchEu.id }, trackerHeaders),
  );
const snapshot = async () => (await admin('/state')).json as SandboxSnapshot;

describe('faults', () => {
  it('reset destroys the socket before any response', async () => {
    await admin('/faults', 'POST', { route: 'devrev.create', reset: true });
    await expect(devrevCreate()).rejects.toThrow();
    expect(ctx.sandbox.state.links.devrev).toHaveLength(0);
    expect((await devrevCreate()).status).toBe(201);
    const state = await snapshot();
    expect(state.requests.byRoute['devrev.create']).toBe(2);
    expect(state.requestLog.map((r) => r.outcome)).toEqual(['reset', 201]);
  });

  it('hang never answers (the client times out) and close() releases it', async () => {
    const sandbox = await startSandbox();
    sandbox.state.addFaults({ route: 'tracker.myself', hang: true, times: 2 });
    await expect(fetch(`${sandbox.url}/v2/myself`, { headers: trackerHeaders, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    const pending = fetch(`${sandbox.url}/v2/myself`, { headers: trackerHeaders });
    const settled = pending.then(
      () => 'resolved',
      () => 'rejected',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await sandbox.close();
    expect(await settled).toBe('rejected');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('storeThen500 stores the link and answers 500 in the API format', async () => {
    ctx.sandbox.state.addFaults([
      { route: 'devrev.create', storeThen500: true },
      { route: 'tracker.create', storeThen500: true },
      { route: 'onetrust.create', storeThen500: true },
    ]);
    const devrev = await devrevCreate();
    expect(devrev.status).toBe(500);
    expect(devrev.json).toMatchObject({ type: 'internal_error', reference_id: expect.any(String) });
    expect(ctx.sandbox.state.links.devrev).toHaveLength(1);

    const tracker = await trackerCreate();
    expect(tracker.status).toBe(500);
    expect(tracker.json).toMatchObject({ statusCode: 500 });
    expect(ctx.sandbox.state.links.yandexTracker).toHaveLength(1);

    const token = await onetrustToken(ctx.sandbox);
    const { entities, linkTypes } = SEED.onetrust;
    const onetrust = await call(
      `${ctx.sandbox.url}/api/ai-governance/v1/links?linkTypeId=${linkTypes.modelTrainingData.id}`,
      jsonInit(
        'POST',
        {
          entity1: { id: entities.creditRiskModel.id, entityType: { name: 'models' } },
          entity2: { id: entities.loanApplications.id, entityType: { name: 'datasets' } },
        },
        { authorization: `Bearer ${token}` },
      ),
    );
    expect(onetrust.status).toBe(500);
    expect(onetrust.text).toBe('');
    expect(ctx.sandbox.state.links.onetrust).toHaveLength(1);
  });

  it('status faults answer without processing, with Retry-After in seconds or as a date', async () => {
    await admin('/faults', 'POST', [
      { route: 'devrev.create', status: 429, retryAfter: 3 },
      { route: 'devrev.create', status: 503, retryAfterDate: true, retryAfter: 2 },
      { route: 'tracker.create', status: 429 },
    ]);
    const limited = await devrevCreate();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.json).toMatchObject({ type: 'too_many_requests', retry_after: 3 });
    expect(limited.headers.get('x-ratelimit-limit')).not.toBeNull();

    const unavailable = await devrevCreate();
    expect(unavailable.status).toBe(503);
    const date = Date.parse(unavailable.headers.get('retry-after') ?? '');
    expect(date).toBeGreaterThan(Date.now() - 1000);
    expect(unavailable.json).toMatchObject({ type: 'service_unavailable' });

    const tracker = await trackerCreate();
    expect(tracker.status).toBe(429);
    expect(tracker.headers.get('retry-after')).toBeNull();
    expect(ctx.sandbox.state.links.devrev).toHaveLength(0);
    expect(ctx.sandbox.state.links.yandexTracker).toHaveLength(0);

    expect((await devrevCreate()).status).toBe(201);
    expect(ctx.sandbox.state.faults).toEqual([]);
  });

  it('OneTrust faults use its forms: 429 with ot-* headers, 503 with an empty body', async () => {
    ctx.sandbox.state.addFaults([
      { route: 'onetrust.token', status: 429, retryAfter: 1 },
      { route: 'onetrust.token', status: 503 },
    ]);
    const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' };
    const limited = await call(`${ctx.sandbox.url}/api/access/v1/oauth/token`, form);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ot-period')).toBe('MINUTE');
    expect(limited.headers.get('retry-after')).toBe('1');
    const unavailable = await call(`${ctx.sandbox.url}/api/access/v1/oauth/token`, form);
    expect(unavailable.status).toBe(503);
    expect(unavailable.text).toBe('');
  });

  it('latency delays the answer', async () => {
    ctx.sandbox.state.addFaults({ route: 'devrev.self', latencyMs: 300 });
    const started = Date.now();
    expect((await call(`${ctx.sandbox.url}/dev-users.self`, { headers: devrevHeaders })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('rejects invalid faults with 400 and adds nothing', async () => {
    const reply = await admin('/faults', 'POST', [{ route: 'devrev.create', status: 500 }, { route: 'nope', reset: true }]);
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: expect.stringContaining('route') });
    expect((await admin('/faults', 'POST', { route: 'devrev.create' })).status).toBe(400);
    expect((await admin('/faults', 'POST', { route: 'devrev.create', status: 500, reset: true })).status).toBe(400);
    expect(ctx.sandbox.state.faults).toEqual([]);
  });

  it('DELETE /__admin/faults clears them', async () => {
    await admin('/faults', 'POST', { route: 'devrev.create', status: 500, times: 5 });
    expect((await admin('/faults')).json).toEqual({ faults: [expect.objectContaining({ route: 'devrev.create', times: 5, remaining: 5 })] });
    await admin('/faults', 'DELETE');
    expect((await devrevCreate()).status).toBe(201);
  });
});

describe('admin API', () => {
  it('reports links, counters, faults and rate limits, and resets everything', async () => {
    await devrevCreate();
    await call(`${ctx.sandbox.url}/nowhere`);
    await admin('/rate-limits', 'POST', { devrev: { limit: 100, windowMs: 1000 } });
    await admin('/faults', 'POST', { route: 'onetrust.create', status: 500 });
    await onetrustToken(ctx.sandbox);

    const state = await snapshot();
    expect(state.links.devrev).toHaveLength(1);
    expect(Object.keys(state.requests.byRoute).sort()).toEqual([...ROUTE_NAMES].sort());
    expect(state.requests).toMatchObject({ total: 3, unmatched: 1, byRoute: { 'devrev.create': 1, 'onetrust.token': 1 } });
    expect(state.faults).toHaveLength(1);
    expect(state.rateLimits).toEqual({ devrev: { limit: 100, windowMs: 1000 } });
    expect(state.tokens.onetrust).toEqual({ active: 1, expired: 0, ttlSeconds: 3600 });
    expect(JSON.stringify(state)).not.toMatch(/sandbox-(client-secret|devrev-token|tracker)/);

    await admin('/expire-tokens', 'POST');
    expect((await snapshot()).tokens.onetrust).toMatchObject({ active: 0, expired: 1 });

    expect((await admin('/reset', 'POST')).status).toBe(200);
    const after = await snapshot();
    expect(after.links).toEqual({ onetrust: [], yandexTracker: [], devrev: [] });
    expect(after.requests.total).toBe(0);
    expect(after.faults).toEqual([]);
    expect(after.rateLimits).toEqual({});
    expect(after.tokens.onetrust).toEqual({ active: 0, expired: 0, ttlSeconds: 3600 });
    // Sequences restart too.
    expect((await devrevCreate()).json).toMatchObject({ link: { display_id: 'LNK-1' } });
  });

  it('answers unknown admin routes with 404 and validates rate limits', async () => {
    expect((await admin('/nope')).status).toBe(404);
    expect((await admin('/rate-limits', 'POST', { jira: { limit: 1, windowMs: 1 } })).status).toBe(400);
    expect((await admin('/token-ttl', 'POST', { seconds: 0 })).status).toBe(400);
    expect((await admin('/token-ttl', 'POST', { seconds: 60 })).json).toEqual({ ttlSeconds: 60 });
  });

  it('answers unknown API paths with 404 and wrong methods with 405 in the API format', async () => {
    const devrev = await call(`${ctx.sandbox.url}/works.create`, { method: 'POST', headers: devrevHeaders });
    expect(devrev.status).toBe(404);
    expect(devrev.json).toMatchObject({ type: 'not_found' });
    const tracker = await call(`${ctx.sandbox.url}/v2/myself`, { method: 'POST', headers: trackerHeaders });
    expect(tracker.status).toBe(405);
    expect(tracker.headers.get('allow')).toBe('GET');
    const onetrust = await call(`${ctx.sandbox.url}/api/unknown`);
    expect(onetrust.json).toMatchObject({ status: 404 });
  });
});

describe('startSandbox options', () => {
  it('applies tokenTtlSeconds and rateLimits from the start, listening on 127.0.0.1', async () => {
    const sandbox = await startSandbox({ tokenTtlSeconds: 120, rateLimits: { yandexTracker: { limit: 0, windowMs: 1000 } } });
    try {
      expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
      const token = await call(`${sandbox.url}/api/access/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=sandbox-client-id&client_secret=sandbox-client-secret',
      });
      expect(token.json).toMatchObject({ expires_in: 120 });
      expect((await call(`${sandbox.url}/v2/myself`, { headers: trackerHeaders })).status).toBe(429);
      sandbox.state.reset();
      expect(sandbox.state.rateLimits).toEqual({ yandexTracker: { limit: 0, windowMs: 1000 } });
    } finally {
      await sandbox.close();
    }
  });
});
