// Every route: a valid request succeeds and is counted under its name; a fault on that name answers in the API's format.
import { ROUTE_NAMES, SEED, type RouteName, type Sandbox } from '../src/index.js';
import { call, devrevHeaders, jsonInit, onetrustToken, trackerHeaders, useSandbox, type Reply } from './helpers.js';

const ctx = useSandbox();
const { onetrust: ot, yandexTracker: yt } = SEED;

async function otAuth(sandbox: Sandbox) {
  return { authorization: `Bearer ${await onetrustToken(sandbox)}` };
}
const otCreate = async (sandbox: Sandbox, auth: Record<string, string>) =>
  (
    await call(
      `${sandbox.url}/api/ai-governance/v1/links?linkTypeId=${ot.linkTypes.related.id}`,
      jsonInit('POST', { entity1: { id: ot.entities.refundAgent.id, entityType: { name: 'aiagents' } }, entity2: { id: ot.entities.contosoVendor.id, entityType: { name: 'vendors' } } }, auth),
    )
  ).json as { id: string };

/**
 * A valid request per route. `prepare` runs first (uncounted by the assertions) and returns the auth headers and
 * what `send` needs (`id`); without `prepare`, the API's sandbox headers are used.
 */
interface Sample {
  prepare?: (sandbox: Sandbox) => Promise<Record<string, string>>;
  send: (sandbox: Sandbox, prepared: Record<string, string>) => Promise<Reply>;
  /** The API's error format for a 503 fault. */
  api: 'onetrust' | 'tracker' | 'devrev';
}

const V1 = (s: Sandbox) => `${s.url}/api/ai-governance/v1`;
const otPrepare = async (s: Sandbox) => otAuth(s);
const SAMPLES: Record<RouteName, Sample> = {
  'onetrust.token': {
    api: 'onetrust',
    send: (s) =>
      call(`${s.url}/api/access/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=sandbox-client-id&client_secret=sandbox-client-secret',
      }),
  },
  'onetrust.create': {
    api: 'onetrust',
    prepare: otPrepare,
    send: (s, auth) =>
      call(
        `${V1(s)}/links?linkTypeId=${ot.linkTypes.related.id}`,
        jsonInit('POST', { entity1: { id: ot.entities.refundAgent.id, entityType: { name: 'aiagents' } }, entity2: { id: ot.entities.contosoVendor.id, entityType: { name: 'vendors' } } }, auth),
      ),
  },
  'onetrust.get': {
    api: 'onetrust',
    prepare: async (s) => {
      const auth = await otAuth(s);
      return { ...auth, id: (await otCreate(s, auth)).id };
    },
    send: (s, { id, ...auth }) => call(`${V1(s)}/links/${id}?linkTypeId=${ot.linkTypes.related.id}`, { headers: auth }),
  },
  'onetrust.delete': {
    api: 'onetrust',
    prepare: async (s) => {
      const auth = await otAuth(s);
      return { ...auth, id: (await otCreate(s, auth)).id };
    },
    send: (s, { id, ...auth }) => call(`${V1(s)}/links/${id}?linkTypeId=${ot.linkTypes.related.id}`, { method: 'DELETE', headers: auth }),
  },
  'onetrust.list': {
    api: 'onetrust',
    prepare: otPrepare,
    send: (s, auth) =>
      call(`${V1(s)}/linked-entity-types/entity-types/names/aiagents/entities/${ot.entities.refundAgent.id}/links/pages`, jsonInit('POST', { fullText: '' }, auth)),
  },
  'onetrust.entitiesSearch': {
    api: 'onetrust',
    prepare: otPrepare,
    send: (s, auth) => call(`${V1(s)}/entities/search?entityTypeName=models`, jsonInit('POST', { queryRequest: { criteria: { fullText: '' } } }, auth)),
  },
  'onetrust.entityBasicDetailsSearch': {
    api: 'onetrust',
    prepare: otPrepare,
    send: (s, auth) => call(`${V1(s)}/entity-basic-details/search`, jsonInit('POST', { criteria: { fullText: 'model' } }, auth)),
  },
  'onetrust.entityTypesSearch': {
    api: 'onetrust',
    prepare: otPrepare,
    send: (s, auth) => call(`${V1(s)}/entity-types/search`, jsonInit('POST', { fullText: '' }, auth)),
  },
  'onetrust.entityGet': {
    api: 'onetrust',
    prepare: otPrepare,
    send: (s, auth) => call(`${V1(s)}/entities/${ot.entities.intentClassifier.id}?entityTypeName=models`, { headers: auth }),
  },
  'tracker.create': {
    api: 'tracker',
    send: (s, h) => call(`${s.url}/v2/entities/project/${yt.entities.websiteRedesign.id}/links`, jsonInit('POST', { relationship: 'relates', entity: yt.entities.launchEu.id }, h)),
  },
  'tracker.list': { api: 'tracker', send: (s, h) => call(`${s.url}/v2/entities/project/${yt.entities.observabilityStack.id}/links?fields=summary`, { headers: h }) },
  'tracker.delete': {
    api: 'tracker',
    send: (s, h) => call(`${s.url}/v2/entities/project/${yt.entities.observabilityStack.id}/links?right=${yt.entities.incidentResponseRunbooks.id}`, { method: 'DELETE', headers: h }),
  },
  'tracker.search': { api: 'tracker', send: (s, h) => call(`${s.url}/v3/entities/goal/_search?perPage=5&fields=summary`, jsonInit('POST', { input: 'launch' }, h)) },
  'tracker.myself': { api: 'tracker', send: (s, h) => call(`${s.url}/v3/myself`, { headers: h }) },
  'devrev.create': { api: 'devrev', send: (s, h) => call(`${s.url}/links.create`, jsonInit('POST', { source: 'ISS-1', target: 'ISS-2', link_type: 'is_related_to' }, h)) },
  'devrev.list': { api: 'devrev', send: (s, h) => call(`${s.url}/links.list?object=ISS-80&limit=1`, { headers: h }) },
  'devrev.get': { api: 'devrev', send: (s, h) => call(`${s.url}/links.get`, jsonInit('POST', { id: ctx.sandbox.state.seededLinks.devrev[0]!.id }, h)) },
  'devrev.delete': { api: 'devrev', send: (s, h) => call(`${s.url}/links.delete`, jsonInit('POST', { id: ctx.sandbox.state.seededLinks.devrev[0]!.id }, h)) },
  'devrev.self': { api: 'devrev', send: (s, h) => call(`${s.url}/dev-users.self`, { headers: h }) },
  'devrev.customLinkTypes': { api: 'devrev', send: (s, h) => call(`${s.url}/link-types.custom.list`, { headers: h }) },
  'devrev.worksList': { api: 'devrev', send: (s, h) => call(`${s.url}/works.list`, jsonInit('POST', { type: ['ticket'], limit: 5 }, h)) },
  'devrev.worksGet': { api: 'devrev', send: (s, h) => call(`${s.url}/works.get?id=ISS-12`, { headers: h }) },
};

// The record type makes this table name every route; the test below checks it against ROUTE_NAMES at run time too.
const sampled = [...ROUTE_NAMES];
const DEFAULT_HEADERS = { onetrust: {}, tracker: trackerHeaders, devrev: devrevHeaders };
const prepare = async (sample: Sample) => (await sample.prepare?.(ctx.sandbox)) ?? { ...DEFAULT_HEADERS[sample.api] };

it('has a sample for every route name', () => {
  expect(Object.keys(SAMPLES).sort()).toEqual([...ROUTE_NAMES].sort());
});

describe('every route', () => {
  it.each(sampled)('%s succeeds and is counted under its name', async (name) => {
    const sample = SAMPLES[name]!;
    const prepared = await prepare(sample);
    const before = ctx.sandbox.state.counters.byRoute[name];
    const reply = await sample.send(ctx.sandbox, prepared);
    expect(reply.status).toBeGreaterThanOrEqual(200);
    expect(reply.status).toBeLessThan(300);
    expect(ctx.sandbox.state.counters.byRoute[name]).toBe(before + 1);
  });

  it.each(sampled.filter((name) => name !== 'onetrust.token'))('%s answers 401 in its API format without the Authorization header, changing nothing', async (name) => {
    const sample = SAMPLES[name]!;
    const { authorization, ...rest } = await prepare(sample);
    expect(authorization).toEqual(expect.any(String));
    const links = () => ctx.sandbox.state.allLinks(sample.api === 'tracker' ? 'yandexTracker' : sample.api).length;
    const before = links();
    const reply = await sample.send(ctx.sandbox, rest);
    expect(reply.status).toBe(401);
    if (sample.api === 'onetrust') expect(reply.json).toMatchObject({ error: 'invalid_token' });
    if (sample.api === 'tracker') expect(reply.json).toMatchObject({ statusCode: 401 });
    if (sample.api === 'devrev') expect(reply.json).toMatchObject({ type: 'unauthenticated' });
    expect(links()).toBe(before);
  });

  it.each(sampled)('%s answers an injected 503 in its API format, then works again', async (name) => {
    const sample = SAMPLES[name]!;
    const prepared = await prepare(sample);
    ctx.sandbox.state.addFaults({ route: name, status: 503, retryAfter: 2 });
    const faulted = await sample.send(ctx.sandbox, prepared);
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('retry-after')).toBe('2');
    if (sample.api === 'onetrust') expect(faulted.text).toBe('');
    if (sample.api === 'tracker') expect(faulted.json).toMatchObject({ statusCode: 503 });
    if (sample.api === 'devrev') expect(faulted.json).toMatchObject({ type: 'service_unavailable' });
    const again = await sample.send(ctx.sandbox, prepared);
    expect(again.status).toBeLessThan(300);
    expect(ctx.sandbox.state.requestLog.filter((r) => r.route === name).map((r) => r.outcome)).toEqual([503, again.status]);
  });
});
