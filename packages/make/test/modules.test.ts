/**
 * Search Links Between Two Records (core's find) and Make an API Call (Make's universal module), sent to the
 * sandbox: the find module outputs what core's `sendFindLinks` finds between the records a create module
 * linked; the API call module sends the path under the connection's base URL with its auth, and refuses a
 * path that would leave it before anything is sent.
 */
import fc from 'fast-check';
import { type Provider, type ProviderId, providers, sendCreateLinks, sendFindLinks } from '@links/core';
import { type Sandbox, SANDBOX_CREDENTIALS as C, SEED, startSandbox } from '@links/sandbox';
import { MAKE_APPS } from '../src/apps.js';
import { API_CALL_PATH_PATTERN } from '../src/communication/common.js';
import { examplePath } from '../src/translate/output.js';
import { type LocalApp, loadMakeApp, type MakeConnection, moduleParameters, renderModuleRequest, runConnection, runModule, runSearch } from '../src/iml/index.js';
import { fetchTransport } from './support/fetch-transport.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const transport = fetchTransport;

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

interface Setup {
  connection: MakeConnection;
  authHeaders: Record<string, string>;
  secret: string;
}

async function setupFor(provider: ProviderId, app: LocalApp): Promise<Setup> {
  if (provider === 'devrev') {
    return { connection: { token: C.devrev.token, baseUrl: sandbox.url }, authHeaders: providers.devrev.auth.headers({ token: C.devrev.token } as never), secret: C.devrev.token };
  }
  if (provider === 'yandex-tracker') {
    const credentials = { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId };
    return {
      connection: { ...credentials, baseUrl: sandbox.url },
      authHeaders: providers['yandex-tracker'].auth.headers(providers['yandex-tracker'].validateCredentials(credentials) as never),
      secret: C.yandexTracker.oauthToken,
    };
  }
  const { connection } = await runConnection(app, { ...C.onetrust, baseUrl: sandbox.url });
  const token = String(connection.accessToken);
  return { connection, authHeaders: (providers.onetrust.auth as { headers(t: string): Record<string, string> }).headers(token), secret: token };
}

const OT = SEED.onetrust;
const TR = SEED.yandexTracker.entities;

/** Links to make first, and finds between their records (with and without a type) to compare with core. */
const FIND_CASES: { provider: ProviderId; creates: Record<string, unknown>[]; finds: Record<string, unknown>[] }[] = [
  {
    provider: 'devrev',
    creates: [
      { source: 'ISS-21', target: 'ISS-22', linkType: 'is_related_to' },
      { source: 'ISS-21', target: 'ISS-22', linkType: 'is_dependent_on' },
      { source: 'ISS-23', target: 'ISS-21', linkType: 'is_related_to' },
      { source: 'ISS-21', target: 'TKT-9', linkType: 'is_related_to' },
    ],
    finds: [
      { object: 'ISS-21', otherObject: 'ISS-22' },
      { object: ' ISS-21\n', otherObject: 'ISS-22', linkType: 'is_dependent_on' },
      { object: 'ISS-21', otherObject: 'ISS-23' },
      { object: 'ISS-22', otherObject: 'ISS-21', linkType: 'is_related_to' },
      { object: 'ISS-21', otherObject: 'TKT-40' },
    ],
  },
  {
    provider: 'yandex-tracker',
    creates: [{ entityType: 'project', entityId: TR.websiteRedesign.id, links: [{ relationship: 'depends on', entity: TR.paymentsMigration.id }, { relationship: 'relates', entity: TR.mobileOffline.id }] }],
    finds: [
      { entityType: 'project', entityId: TR.websiteRedesign.id, linkedEntityId: TR.paymentsMigration.id },
      { entityType: 'project', entityId: TR.websiteRedesign.id, linkedEntityId: TR.paymentsMigration.id, relationship: 'relates' },
      { entityType: 'project', entityId: TR.websiteRedesign.id, linkedEntityId: ` ${TR.mobileOffline.id} `, relationship: 'relates' },
    ],
  },
  {
    provider: 'onetrust',
    creates: [
      { linkTypeId: OT.linkTypes.aiSystemComposition.id, entity1Type: 'aisystems', entity1Id: OT.entities.supportAssistant.id, entity2Type: 'models', entity2Id: OT.entities.intentClassifier.id },
    ],
    finds: [
      { entityType: 'aisystems', entityId: OT.entities.supportAssistant.id, otherEntityId: OT.entities.intentClassifier.id },
      { entityType: 'models', entityId: OT.entities.intentClassifier.id, otherEntityId: OT.entities.supportAssistant.id.toUpperCase(), linkTypeId: OT.linkTypes.aiSystemComposition.id },
      { entityType: 'aisystems', entityId: OT.entities.supportAssistant.id, otherEntityId: OT.entities.intentClassifier.id, linkTypeId: OT.linkTypes.related.id },
    ],
  },
];

describe.each(FIND_CASES.map((c) => [c.provider, c] as const))('%s: Search Links Between Two Records is core’s find', (id, findCase) => {
  const provider = providers[id] as Provider<any, any>;
  const app = loadMakeApp(id);

  test('the links between the records the create module linked, of the type where given, are core’s', async () => {
    const setup = await setupFor(id, app);
    for (const input of findCase.creates) {
      const created = await runModule(app, 'createLink', moduleParameters(provider.fields, input), setup.connection);
      if (!created.result.ok) throw new Error(created.result.error.message);
    }
    let found = 0;
    for (const input of findCase.finds) {
      const core = await sendFindLinks(provider, provider.operations.find.validate(input), { baseUrl: sandbox.url, authHeaders: setup.authHeaders, transport });
      const run = await runSearch(app, 'findLinks', { ...moduleParameters(provider.operations.find.fields, input), limit: 500 }, setup.connection);
      if (!run.result.ok) throw new Error(run.result.error.message);
      expect(asJson(run.result.output)).toStrictEqual(asJson(core));
      found += core.length;
    }
    // The cases find links and miss some: neither an empty nor an unfiltered answer passes.
    expect(found).toBeGreaterThan(0);
  });

  test('an unknown record is the API’s error, as in Search Links', async () => {
    const setup = await setupFor(id, app);
    const missing = id === 'devrev' ? { object: 'ISS-99999', otherObject: 'ISS-1' } : id === 'yandex-tracker' ? { entityType: 'portfolio', entityId: 'no-such-portfolio', linkedEntityId: TR.reduceChurn.id } : { entityType: 'models', entityId: '11111111-2222-4333-8444-555555555555', otherEntityId: OT.entities.intentClassifier.id };
    const run = await runSearch(app, 'findLinks', moduleParameters(provider.operations.find.fields, missing), setup.connection);
    expect(run.runs[0]!.response.status).toBeGreaterThanOrEqual(400);
    expect(run.result.ok).toBe(false);
  });
});

const pattern = new RegExp(API_CALL_PATH_PATTERN);
/** Paths that would leave the base URL or read as something else: each is refused by the pattern and by the IML. */
const HOSTILE = [
  'https://evil.example/x',
  'http://127.0.0.1:1/x',
  '//evil.example/x',
  '/\\evil.example/x',
  'links.list',
  '/../x',
  '/a/../../x',
  '/a/..',
  '/./x',
  '/%2e%2e/x',
  '/a/%2E%2e/x',
  '/a/.%2e?x=1',
  '/a\\..\\x',
  '/a#frag',
  '',
];

describe.each(Object.values(MAKE_APPS).map((a) => [a.folder, a] as const))('%s: Make an API Call', (_, descriptor) => {
  const id = descriptor.provider.id;
  const provider = descriptor.provider as Provider<any, any>;
  const app = loadMakeApp(id);

  test('is the app’s universal module, named as Make asks', () => {
    expect(app.modules.makeApiCall!.metadata).toMatchObject({ moduleType: 'universal', label: 'Make an API Call', description: 'Performs an arbitrary authorized API call.' });
  });

  test('sends core’s documented list request by its relative path, with the connection’s auth: the answer is what the API gives core', async () => {
    const setup = await setupFor(id, app);
    const list = provider.operations.list;
    // A record the sandbox has (Tracker's documented example is not seeded).
    const input = id === 'yandex-tracker' ? { entityType: 'project', entityId: TR.websiteRedesign.id } : provider.examples.list.input;
    const coreRequest = list.buildRequest(list.validate(input), sandbox.url, { cursor: null, size: list.pageSize ?? 0 });
    const relative = new URL(coreRequest.url);
    const path = relative.pathname.slice(new URL(sandbox.url).pathname.replace(/\/$/, '').length);
    const query = relative.searchParams;
    const example = { method: coreRequest.method };
    const parameters = {
      url: `  ${path}  `,
      method: example.method,
      qs: [...query.entries()].map(([key, value]) => ({ key, value })),
      headers: [{ key: 'X-Links-Test', value: 'yes' }],
      ...(coreRequest.json !== undefined ? { body: coreRequest.json } : {}),
    };
    const rendered = renderModuleRequest(app, 'makeApiCall', parameters, setup.connection);
    const sentUrl = new URL(rendered.url);
    const coreUrl = new URL(coreRequest.url);
    expect(sentUrl.origin + sentUrl.pathname).toBe(coreUrl.origin + coreUrl.pathname);
    expect([...sentUrl.searchParams.entries()].sort()).toStrictEqual([...coreUrl.searchParams.entries()].sort());
    const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
    expect(lower(rendered.headers)).toMatchObject({ ...lower(setup.authHeaders), 'x-links-test': 'yes' });
    expect(rendered.body).toStrictEqual(coreRequest.json);

    const run = await runModule(app, 'makeApiCall', parameters, setup.connection);
    const direct = await transport({ ...coreRequest, headers: { ...coreRequest.headers, ...setup.authHeaders } });
    expect(run.result).toStrictEqual({ ok: true, output: { body: asJson(direct.body), headers: expect.any(Object), statusCode: direct.status } });
  });

  test('an error status is the Base’s error: the API’s message, never the token', async () => {
    const setup = await setupFor(id, app);
    const connection = id === 'onetrust' ? { ...setup.connection, accessToken: 'revoked-token-0000' } : { ...setup.connection, token: 'wrong-token-0000' };
    const run = await runModule(app, 'makeApiCall', { url: examplePath(provider).path.split('?')[0], method: examplePath(provider).method }, connection);
    expect(run.response.status).toBe(401);
    expect(run.result).toMatchObject({ ok: false, error: { type: 'InvalidAccessTokenError', message: expect.stringMatching(/^\[401\] /) } });
    expect(JSON.stringify(run.result)).not.toMatch(/wrong-token-0000|revoked-token-0000/);
  });

  test.each(HOSTILE)('the path %j is refused by the parameter’s pattern, and the module sends nothing', (path) => {
    expect(pattern.test(path)).toBe(false);
    const [parameter] = (app.modules.makeApiCall!.code.mappableParams as { name: string; validate?: { pattern: string } }[]).filter((p) => p.name === 'url');
    expect(parameter!.validate!.pattern).toBe(API_CALL_PATH_PATTERN);
    expect(() => renderModuleRequest(app, 'makeApiCall', { url: path, method: 'GET' }, { token: 't', tokenKind: 'oauth', orgId: '1', apiBaseUrl: 'https://base.example/api', baseUrl: 'https://base.example/api' })).toThrow(/did not send a request/);
  });

  test('any path the pattern accepts is sent under the base URL, its path included', () => {
    const base = 'https://base.example/api/v9';
    const connection = { token: 't', tokenKind: 'oauth', orgKind: 'yandex360', orgId: '1', apiBaseUrl: base, baseUrl: base, hostname: 'base.example' };
    const segment = fc.stringMatching(/^[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(fc.stringMatching(/^[a-z=&.%/]{0,10}$/), { nil: undefined }), (segments, query) => {
        const path = `/${segments.join('/')}${query !== undefined ? `?${query}` : ''}`;
        if (!pattern.test(path)) return;
        const rendered = renderModuleRequest(app, 'makeApiCall', { url: path, method: 'GET' }, connection);
        const url = new URL(rendered.url);
        expect(url.origin).toBe('https://base.example');
        expect(url.pathname.startsWith('/api/v9/')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Create a Link's If Already Linked (core's `ifExists`), against the sandbox and core's `sendCreateLinks`: skip
 * returns the existing link (created = false) and sends no create, fail is an error naming it with nothing sent,
 * create sends anyway; a link the look-up does not find is created once.
 */
const IF_EXISTS_CASES: { provider: 'devrev' | 'onetrust'; input: Record<string, unknown>; others: Record<string, unknown>[]; createRoute: string }[] = [
  {
    provider: 'devrev',
    input: { source: 'ISS-31', target: 'ISS-32', linkType: 'custom_link', customLinkType: SEED.devrev.customLinkTypes.blocks.id },
    // Same ends, another type or custom type; another target: none of them is the link.
    others: [
      { source: 'ISS-31', target: 'ISS-32', linkType: 'is_related_to' },
      { source: 'ISS-31', target: 'ISS-32', linkType: 'custom_link', customLinkType: SEED.devrev.customLinkTypes.clones.id },
      { source: 'ISS-31', target: 'ISS-33', linkType: 'custom_link', customLinkType: SEED.devrev.customLinkTypes.blocks.id },
    ],
    createRoute: 'devrev.create',
  },
  {
    provider: 'onetrust',
    input: { linkTypeId: OT.linkTypes.modelTrainingData.id, entity1Type: 'models', entity1Id: OT.entities.creditRiskModel.id, entity2Type: 'datasets', entity2Id: OT.entities.loanApplications.id },
    others: [{ linkTypeId: OT.linkTypes.related.id, entity1Type: 'models', entity1Id: OT.entities.creditRiskModel.id, entity2Type: 'datasets', entity2Id: OT.entities.loanApplications.id }],
    createRoute: 'onetrust.create',
  },
];

describe.each(IF_EXISTS_CASES.map((c) => [c.provider, c] as const))('%s: Create a Link, If Already Linked', (id, ifCase) => {
  const provider = providers[id] as Provider<any, any>;
  const app = loadMakeApp(id);
  const creates = () => sandbox.state.snapshot().requestLog.filter((r) => r.route === ifCase.createRoute).length;
  const params = (input: Record<string, unknown>, ifExists?: string) => ({ ...moduleParameters(provider.fields, input), ...(ifExists ? { ifExists } : {}) });
  const strip = ({ ref: _ref, ...link }: Record<string, unknown>) => link;

  test('skip and fail find the link among the others, as core does; create sends anyway', async () => {
    const setup = await setupFor(id, app);
    const coreOptions = { baseUrl: sandbox.url, authHeaders: setup.authHeaders, transport, concurrency: 1 };
    // The others first, so that the link is found among links of other types and ends.
    for (const other of ifCase.others) {
      const made = await runModule(app, 'createLink', params(other), setup.connection);
      if (!made.result.ok) throw new Error(`${JSON.stringify(other)}: ${made.result.error.message}`);
    }

    // Not there yet: skip creates it (created = true), one create request.
    let before = creates();
    const first = await runModule(app, 'createLink', params(ifCase.input, 'skip'), setup.connection);
    if (!first.result.ok) throw new Error(first.result.error.message);
    expect(creates() - before).toBe(1);
    expect(first.result.output).toMatchObject({ created: true, links: [expect.objectContaining({ created: true })] });
    const made = first.result.output as { id: string };

    // There now: skip sends no create and outputs the existing link, created = false, as core's skip does.
    before = creates();
    const skipped = await runModule(app, 'createLink', params(ifCase.input, 'skip'), setup.connection);
    if (!skipped.result.ok) throw new Error(skipped.result.error.message);
    expect(creates() - before).toBe(0);
    const [core] = await sendCreateLinks(provider, [ifCase.input], { ...coreOptions, ifExists: 'skip' });
    if (core!.status !== 'fulfilled') throw core!.reason;
    const coreLink = strip(core!.value[0] as unknown as Record<string, unknown>);
    expect(coreLink.created).toBe(false);
    expect(coreLink.id).toBe(made.id);
    const output = skipped.result.output as Record<string, unknown>;
    expect(output).toMatchObject({ id: made.id, created: false, linkType: coreLink.linkType, source: { id: (coreLink.source as { id: string }).id }, target: { id: (coreLink.target as { id: string }).id } });
    // DevRev reads the link with links.get, which answers the object links.list lists: exactly core's output.
    if (id === 'devrev') expect(asJson({ ...output, links: undefined })).toStrictEqual(asJson(coreLink));

    // fail: an error naming the link, nothing sent; core fails the same way.
    before = creates();
    const failed = await runModule(app, 'createLink', params(ifCase.input, 'fail'), setup.connection);
    expect(creates() - before).toBe(0);
    expect(failed.result).toStrictEqual({
      ok: false,
      error: { type: 'DuplicateDataError', message: `${provider.name} already has this link (link ${made.id}); nothing was sent (If Already Linked is "fail")` },
    });
    const [coreFail] = await sendCreateLinks(provider, [ifCase.input], { ...coreOptions, ifExists: 'fail' });
    expect(coreFail!.status).toBe('rejected');

    // create (the default): sent anyway, as core's create.
    before = creates();
    const again = await runModule(app, 'createLink', params(ifCase.input), setup.connection);
    expect(again.result.ok).toBe(true);
    expect(creates() - before).toBe(1);
    expect(again.runs).toHaveLength(1);
  });

  test('a source record with more links than the look-up reads is an error, and nothing is created', async () => {
    const full = id === 'devrev'
      ? { links: Array.from({ length: provider.operations.list.pageSize! }, (_, n) => ({ id: `don:core:x:link/${n}`, link_type: 'custom_link', source: { id: 'x' }, target: { id: `y${n}`, display_id: `ISS-${1000 + n}` } })), next_cursor: 'more' }
      : { content: Array.from({ length: 50 }, (_, n) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, relationshipTypeDetail: { id: 'other' }, source: { id: 'a' }, target: { id: 'b' } })), number: 0, last: false };
    const sent: string[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      sent.push(`${init.method} ${new URL(url).pathname}`);
      return new Response(JSON.stringify(full), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const connection = id === 'devrev' ? { token: 'devrev-token', baseUrl: 'https://api.devrev.test' } : { apiBaseUrl: 'https://api.onetrust.test', accessToken: 'onetrust-token' };
    for (const mode of ['skip', 'fail']) {
      sent.length = 0;
      const run = await runModule(app, 'createLink', params(ifCase.input, mode), connection, { fetch: fetchImpl });
      expect(sent).toHaveLength(3);
      expect(sent.every((line) => !/links\.create$|\/links$/.test(line))).toBe(true);
      expect(run.result).toStrictEqual({
        ok: false,
        error: { type: 'RuntimeError', message: `${provider.name}: the source record has more than ${3 * provider.operations.list.pageSize!} links to look through, so the link may be on a later page; nothing was sent (If Already Linked is "${mode}")` },
      });
    }
  });

  test('an API error on the look-up is the Base’s error, and nothing is created', async () => {
    const setup = await setupFor(id, app);
    const connection = id === 'onetrust' ? { ...setup.connection, accessToken: 'revoked-0000' } : { ...setup.connection, token: 'wrong-0000' };
    const before = creates();
    const run = await runModule(app, 'createLink', params(ifCase.input, 'skip'), connection);
    expect(run.runs).toHaveLength(1);
    expect(run.result).toMatchObject({ ok: false, error: { type: 'InvalidAccessTokenError', message: expect.stringMatching(/^\[401\] /) } });
    expect(creates()).toBe(before);
  });
});

describe('yandex-tracker: Create a Link, If Already Linked', () => {
  const provider = providers['yandex-tracker'] as Provider<any, any>;
  const app = loadMakeApp('yandex-tracker');
  const creates = () => sandbox.state.snapshot().requestLog.filter((r) => r.route === 'tracker.create');
  const source = { entityType: 'project', entityId: TR.dataResidency.id };
  const A = { relationship: 'relates', entity: TR.uptime.id };
  const B = { relationship: 'depends on', entity: TR.mobileOffline.id };
  const C = { relationship: 'relates', entity: TR.launchEu.id };
  const input = (links: object[]) => ({ ...source, links });
  const params = (links: object[], ifExists?: string) => ({ ...moduleParameters(provider.fields, input(links)), ...(ifExists ? { ifExists } : {}) });
  const flags = (output: unknown) => (output as { links: { created: boolean; linkType: string; target: { id: string } }[] }).links.map((l) => [l.linkType, l.target.id, l.created]);

  test('skip sends only the entries not there yet (nor repeated), fail sends nothing when one is: as core does', async () => {
    const setup = await setupFor('yandex-tracker', app);
    const coreOptions = { baseUrl: sandbox.url, authHeaders: setup.authHeaders, transport, concurrency: 1 };
    const first = await runModule(app, 'createLink', params([A]), setup.connection);
    expect(first.result.ok).toBe(true);

    // A is there, B is not, A again repeats the first entry; A by its short ID is A too.
    let before = creates().length;
    const aByShortId = { ...A, entity: String(TR.uptime.shortId) };
    const core = await sendCreateLinks(provider, [input([A, B, A, aByShortId])], { ...coreOptions, transport: async (request) => (request.method === 'POST' ? { status: 200, headers: {}, body: undefined } : transport(request)) , ifExists: 'skip' });
    if (core[0]!.status !== 'fulfilled') throw core[0]!.reason;
    const skipped = await runModule(app, 'createLink', params([A, B, A, aByShortId], 'skip'), setup.connection);
    if (!skipped.result.ok) throw new Error(skipped.result.error.message);
    expect(creates().length - before).toBe(1);
    // One link sent, in the documented single-link form (an object).
    expect(skipped.request.body).toStrictEqual({ relationship: B.relationship, entity: B.entity });
    expect(flags(skipped.result.output)).toStrictEqual([
      ['relates', A.entity, false],
      ['depends on', B.entity, true],
      ['relates', A.entity, false],
      ['relates', aByShortId.entity, false],
    ]);
    expect(core[0]!.value.map((l) => l.created)).toStrictEqual([false, true, false, false]);

    // Everything there: nothing created, the links are read again instead.
    before = creates().length;
    const again = await runModule(app, 'createLink', params([A, B], 'skip'), setup.connection);
    expect(creates().length - before).toBe(0);
    expect(again.request.method).toBe('GET');
    expect(flags(again.result.ok && again.result.output)).toStrictEqual([
      ['relates', A.entity, false],
      ['depends on', B.entity, false],
    ]);

    // fail: B is there (or C asked for twice): an error naming the entity, nothing sent; core fails the same inputs.
    for (const links of [[C, B], [C, C]]) {
      before = creates().length;
      const failed = await runModule(app, 'createLink', params(links, 'fail'), setup.connection);
      expect(creates().length - before).toBe(0);
      const named = links[1]!.entity;
      expect(failed.result).toStrictEqual({
        ok: false,
        error: { type: 'DuplicateDataError', message: `Yandex Tracker already has this link, or this input asks for it twice (to ${named}); nothing was sent (If Already Linked is "fail")` },
      });
      const [coreFail] = await sendCreateLinks(provider, [input(links)], { ...coreOptions, ifExists: 'fail' });
      expect(coreFail!.status).toBe('rejected');
    }
    // C was never created.
    const listed = await runSearch(app, 'findLinks', { ...source, linkedEntityId: C.entity }, setup.connection);
    expect(listed.result.ok && listed.result.output).toStrictEqual([]);
  });
});
