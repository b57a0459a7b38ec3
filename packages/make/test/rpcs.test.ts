/**
 * The RPCs behind the ID fields are IML written by hand per core picker, so this test proves them equal to
 * core's pickers (`provider.pickers`), against the sandbox's seeded records (130 DevRev work items, 63 Tracker
 * entities, 73 OneTrust entities: several pages each): for search texts drawn from the records themselves,
 * padded, pasted as web addresses or made up, every request the RPC sends is the request core builds for
 * that page, and the options are core's, page by page (core's filter for the APIs that cannot search), up
 * to the RPC's limit. Where Make's RPCs cannot do what core does, the test states the difference it expects.
 */
import fc from 'fast-check';
import {
  checkOptionQuery,
  type HttpRequest,
  type OptionQuery,
  type Picker,
  type PickerOption,
  type Provider,
  type ProviderId,
  providers,
  sendOptionSearch,
} from '@links/core';
import { type Sandbox, SANDBOX_CREDENTIALS as C, SEED, startSandbox } from '@links/sandbox';
import { fieldSetsOf, MAKE_APPS, type RpcDescriptor, rpcOfField, rpcsOf } from '../src/apps.js';
import { rpcLimit } from '../src/communication/common.js';
import { type LocalApp, loadMakeApp, type MakeConnection, runConnection, runRpcPages, toHttpRequest } from '../src/iml/index.js';
import { fetchTransport } from './support/fetch-transport.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const transport = fetchTransport;

/** A request as the server reads it: method, lower-case headers, path, query pairs (sorted) and JSON body. */
function comparable(request: HttpRequest): unknown {
  const url = new URL(request.url);
  const query = [...url.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b));
  url.search = '';
  return {
    method: request.method,
    url: url.href,
    query,
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
    json: request.json,
  };
}

interface Setup {
  connection: MakeConnection;
  authHeaders: Record<string, string>;
}

async function setupFor(provider: ProviderId, app: LocalApp): Promise<Setup> {
  if (provider === 'devrev') {
    return { connection: { token: C.devrev.token, baseUrl: sandbox.url }, authHeaders: providers.devrev.auth.headers({ token: C.devrev.token } as never) };
  }
  if (provider === 'yandex-tracker') {
    const credentials = { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId };
    return { connection: { ...credentials, baseUrl: sandbox.url }, authHeaders: providers['yandex-tracker'].auth.headers(providers['yandex-tracker'].validateCredentials(credentials) as never) };
  }
  const { connection } = await runConnection(app, { ...C.onetrust, baseUrl: sandbox.url });
  return { connection, authHeaders: (providers.onetrust.auth as { headers(token: string): Record<string, string> }).headers(String(connection.accessToken)) };
}

/**
 * What the RPC must list, from core: core's pages one after the other (`sendOptionSearch`, which filters a
 * page the API cannot search), as Make reads them: the next page while the previous one had options, up to
 * the RPC's limit. `sameType` stops where core's typed cursor moves on to another type (Tracker's linked entity).
 */
async function corePages(provider: Provider<any, any>, picker: Picker, query: OptionQuery, authHeaders: Record<string, string>, sameType?: string): Promise<{ requests: HttpRequest[]; options: PickerOption[] }> {
  const requests: HttpRequest[] = [];
  const options: PickerOption[] = [];
  const limit = rpcLimit(picker.pageSize);
  let cursor = query.cursor;
  for (;;) {
    const page = await sendOptionSearch(provider, picker, { ...query, cursor }, {
      baseUrl: sandbox.url,
      authHeaders,
      transport: async (request) => {
        requests.push(request);
        return transport(request);
      },
    });
    options.push(...page.options);
    if (page.options.length === 0 || options.length >= limit || page.nextCursor === null) break;
    if (sameType && !page.nextCursor.startsWith(`${sameType}:`)) break;
    cursor = page.nextCursor;
  }
  return { requests, options: options.slice(0, limit) };
}

/** Search texts from the records' own words: a word of a label, in other letter case, padded; an ID; nothing. */
function searches(labels: readonly string[], extra: readonly string[]): fc.Arbitrary<string> {
  const words = [...new Set(labels.flatMap((label) => label.split(/\s+/)).filter((w) => w.length > 2))];
  return fc.oneof(
    fc.constant(''),
    fc.constantFrom(...(words.length > 0 ? words : ['none'])).map((w) => w.toLowerCase()),
    fc.constantFrom(...(words.length > 0 ? words : ['none'])).map((w) => ` ${w.toUpperCase()}\n`),
    fc.constantFrom(...extra, 'no such thing at all'),
  );
}

/** The module parameters an RPC reads for a picker's parameters, from an example query. */
function moduleParametersFor(rpc: RpcDescriptor, params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([param, value]) => [rpc.params[param] ?? param, value]));
}

interface RpcCase {
  provider: ProviderId;
  source: string;
  /** The picker's parameters to try. */
  params: Record<string, unknown>[];
  /** Search texts beyond the records' words (IDs, web addresses). */
  extra: string[];
  /** Make's search form members beyond Search, with the core cursor they start at (Tracker's linked entity type). */
  forms?: { form: Record<string, unknown>; cursor: string | null; type: string }[];
}

const ot = SEED.onetrust;
const someEntity = Object.values(ot.entities)[0] as unknown as { id: string; entityType: string };
const CASES: RpcCase[] = [
  {
    provider: 'devrev',
    source: 'devrev.works',
    params: [{}, { types: ['issue'] }, { types: ['ticket'] }],
    extra: ['ISS-12', 'tkt-3', ' https://app.devrev.ai/acme/works/ISS-7 ', `${SEED.devrev.devOrg}:issue/5`],
  },
  { provider: 'devrev', source: 'devrev.customLinkTypes', params: [{}], extra: ['blocks', 'implem'] },
  {
    provider: 'yandex-tracker',
    source: 'yandex-tracker.entities',
    params: [{ entityType: 'project' }, { entityType: 'portfolio' }, { entityType: 'goal' }],
    extra: ['https://tracker.yandex.com/pages/projects/2', '2'],
  },
  {
    provider: 'yandex-tracker',
    source: 'yandex-tracker.anyEntities',
    params: [{}],
    extra: ['https://tracker.yandex.ru/goals/3'],
    forms: [
      { form: {}, cursor: null, type: 'project' },
      { form: { searchEntityType: 'portfolio' }, cursor: 'portfolio:1', type: 'portfolio' },
      { form: { searchEntityType: 'goal' }, cursor: 'goal:1', type: 'goal' },
    ],
  },
  { provider: 'onetrust', source: 'onetrust.entities', params: [{ entityType: 'models' }, { entityType: 'datasets' }, { entityType: 'aisystems' }], extra: ['1 |'] },
  { provider: 'onetrust', source: 'onetrust.entityTypes', params: [{}], extra: ['ai'] },
  { provider: 'onetrust', source: 'onetrust.linkTypes', params: [{ entityType: someEntity.entityType, entityId: someEntity.id }], extra: [] },
  { provider: 'onetrust', source: 'onetrust.linkedEntities', params: [{ entityType: someEntity.entityType, entityId: someEntity.id }], extra: [] },
];

describe.each(CASES.map((c) => [c.source, c] as const))('%s: the RPC lists core’s options, page by page', (_, rpcCase) => {
  const provider = providers[rpcCase.provider] as Provider<any, any>;
  const picker = provider.pickers[rpcCase.source]!;
  const app = loadMakeApp(rpcCase.provider);
  const rpcs = rpcsOf(MAKE_APPS[rpcCase.provider]).filter((rpc) => rpc.source === rpcCase.source);

  test('every field with this picker is fed by one of its RPCs, each in the app', () => {
    expect(rpcs.length).toBeGreaterThan(0);
    for (const rpc of rpcs) expect(Object.keys(app.rpcs)).toContain(rpc.id);
  });

  test('the requests are core’s and the options core’s, for searches drawn from the records', async () => {
    const setup = await setupFor(rpcCase.provider, app);
    const labels = (await corePages(provider, picker, checkOptionQuery(provider, picker, { params: rpcCase.params[0] }), setup.authHeaders)).options.map((o) => o.label);
    const forms = rpcCase.forms ?? [{ form: {}, cursor: null, type: '' }];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...rpcs), fc.constantFrom(...rpcCase.params), fc.constantFrom(...forms), searches(labels, rpcCase.extra), async (rpc, params, form, search) => {
        const query = { ...checkOptionQuery(provider, picker, { search, params }), cursor: form.cursor };
        const core = await corePages(provider, picker, query, setup.authHeaders, form.type || undefined);
        const run = await runRpcPages(app, rpc.id, { ...moduleParametersFor(rpc, params), ...form.form, ...(search ? { search } : {}) }, setup.connection);
        if (!run.result.ok) throw new Error(run.result.error.message);
        const options = rpcCase.source === 'onetrust.linkedEntities' ? distinctByValuePerPage(run) : run.result.output;
        expect(options).toStrictEqual(core.options.map(({ value, label, description }) => ({ label, value, description })));
        expect(run.runs.map((r) => comparable(toHttpRequest(r.request)))).toStrictEqual(
          core.requests.slice(0, run.runs.length).map(comparable),
        );
      }),
      { numRuns: 25 },
    );
  });
});

/**
 * The linked-entity RPC lists an entity once per link on a page (IML cannot keep the first of each computed
 * value); core lists it once. The comparison keeps the first of each value within each page.
 */
function distinctByValuePerPage(run: { runs: { result: { ok: boolean; output?: unknown } }[] }): unknown[] {
  return run.runs.flatMap((r) => {
    const seen = new Set<string>();
    return ((r.result as { output: { value: string }[] }).output ?? []).filter((option) => !seen.has(option.value) && seen.add(option.value));
  });
}

describe('every ID field the API can list has an RPC, and still takes a typed or mapped value', () => {
  test.each(Object.values(MAKE_APPS).map((app) => [app.folder, app] as const))('%s', (_, descriptor) => {
    const app = loadMakeApp(descriptor.provider.id);
    const parameters = Object.values(app.modules).flatMap((module) => flatten((module.code.mappableParams as Record<string, unknown>[]) ?? []));
    for (const fields of fieldSetsOf(descriptor)) {
      for (const field of flattenFields(fields)) {
        const rpc = rpcOfField(field);
        if (!rpc) continue;
        const made = parameters.filter((p) => p.name === field.key && (p.options === `rpc://${rpc.id}` || (p.options as { store?: string })?.store === `rpc://${rpc.id}`));
        expect(made.length).toBeGreaterThan(0);
        for (const parameter of made) {
          expect(parameter).toMatchObject({ type: 'select', editable: true, rpc: { url: rpc.id, parameters: expect.arrayContaining([expect.objectContaining({ name: 'search' })]) } });
        }
      }
    }
  });

  test('a field whose picker reads other fields is nested under the last of them (OneTrust: Link Type under Entity 1 ID under Entity 1 Type)', () => {
    const app = loadMakeApp('onetrust');
    const entity1Type = (app.modules.createLink!.code.mappableParams as Record<string, any>[]).find((p) => p.name === 'entity1Type')!;
    expect(entity1Type.options.store).toBe('rpc://listEntityTypes');
    const [entity1Id] = entity1Type.options.nested;
    expect(entity1Id).toMatchObject({ name: 'entity1Id', options: { store: 'rpc://listEntitiesForEntity1Type' } });
    expect(entity1Id.options.nested[0]).toMatchObject({ name: 'linkTypeId', options: 'rpc://listLinkTypesForEntity1TypeEntity1Id' });
  });
});

function flatten(parameters: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return parameters.flatMap((p) => {
    const options = p.options as { nested?: Record<string, unknown>[] } | Record<string, unknown>[] | string | undefined;
    const nested = Array.isArray(options) ? options.flatMap((o) => (o.nested as Record<string, unknown>[]) ?? []) : typeof options === 'object' ? (options.nested ?? []) : [];
    return [p, ...flatten(nested), ...flatten((p.spec as Record<string, unknown>[]) ?? []), ...flatten((p.nested as Record<string, unknown>[]) ?? [])];
  });
}

function flattenFields(fields: readonly import('@links/core').Field[]): import('@links/core').Field[] {
  return fields.flatMap((f) => [f, ...flattenFields(f.fields ?? [])]);
}

describe('RPC failures are core’s errors', () => {
  test('an expired token is InvalidAccessTokenError, the API’s message, never the token', async () => {
    const app = loadMakeApp('devrev');
    const run = await runRpcPages(app, 'listWorks', {}, { token: 'not-a-valid-token-1234', baseUrl: sandbox.url });
    expect(run.result).toMatchObject({ ok: false, error: { type: 'InvalidAccessTokenError' } });
    expect(JSON.stringify(run.result)).not.toContain('not-a-valid-token-1234');
  });

  test('a missing entity’s links (OneTrust link types) are the API’s 404, not an empty list', async () => {
    const app = loadMakeApp('onetrust');
    const { connection } = await runConnection(app, { ...C.onetrust, baseUrl: sandbox.url });
    const run = await runRpcPages(app, 'listLinkTypes', { entityType: 'models', entityId: '00000000-0000-4000-8000-000000000000' }, connection);
    expect(run.runs[0]!.response.status).toBeGreaterThanOrEqual(400);
    expect(run.result.ok).toBe(false);
  });
});

