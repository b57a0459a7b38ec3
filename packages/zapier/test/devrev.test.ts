import { DEVREV_CUSTOM_LINK_TYPES, SANDBOX_CREDENTIALS as C, type Sandbox, SEED } from '@links/sandbox';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zapier from 'zapier-platform-core';
import { admin, expectNoSecret, rejectionOf, sandboxAuthData, sourceApp, withSandbox, zapierErrorDetails } from './helpers.js';

const { objects, customLinkTypes } = SEED.devrev;
const app = sourceApp('devrev');
const appTester = zapier.createAppTester(app);
const perform = app.creates.create_link.operation.perform;

let sandbox: Sandbox;
let authData: Record<string, string>;
beforeAll(async () => {
  sandbox = await withSandbox();
  authData = sandboxAuthData('devrev', sandbox);
});
afterAll(() => sandbox.close());
beforeEach(() => admin.reset(sandbox));

describe('DevRev connection (custom auth)', () => {
  test('the test calls dev-users.self with the token and names the connection after the user', async () => {
    const account = await appTester(app.authentication.test, { authData });
    expect(account).toMatchObject({ dev_user: { display_name: SEED.devrev.devUser.display_name } });
    const label = await appTester(app.authentication.connectionLabel, { authData, inputData: account });
    // Core's rule: "Full Name (display_name)", the same label Make and n8n show.
    expect(label).toBe(`${SEED.devrev.devUser.full_name} (${SEED.devrev.devUser.display_name})`);
    expectNoSecret(label);
    expect((await admin.state(sandbox)).requests.byRoute['devrev.self']).toBe(1);
  });

  test('a wrong token fails the test with ExpiredAuthError and the API message, never the token', async () => {
    const error = await rejectionOf(appTester(app.authentication.test, { authData: { ...authData, token: 'wrong-secret-value' } }));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/^DevRev returned HTTP 401: /);
    expectNoSecret(error);
  });
});

describe('DevRev Create Link', () => {
  test('creates the link, and the result carries both ends with their names', async () => {
    const result = await appTester(perform, { authData, inputData: { source: 'TKT-1', linkType: 'is_dependent_on', target: 'ISS-1' } });
    const stored = (await admin.state(sandbox)).links.devrev;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ link_type: 'is_dependent_on', source: { display_id: 'TKT-1' }, target: { display_id: 'ISS-1' } });
    expect(result).toMatchObject({
      id: stored[0]!.id,
      service: 'DevRev',
      linkType: 'is_dependent_on',
      linkTypeLabel: 'is dependent on',
      sourceId: objects['TKT-1'].id,
      sourceName: objects['TKT-1'].name,
      sourceDisplayId: 'TKT-1',
      targetId: objects['ISS-1'].id,
      targetType: 'issue',
      linkCount: 1,
      summary: `${objects['TKT-1'].name} (ticket) is dependent on ${objects['ISS-1'].name} (issue)`,
    });
    expect(result.links).toEqual([expect.objectContaining({ id: stored[0]!.id })]);
    expectNoSecret(result);
  });

  test('the custom link type field appears only for custom_link and lists the custom link types', async () => {
    const [, , , conditional] = app.creates.create_link.operation.inputFields;
    expect(typeof conditional).toBe('function');
    const hidden = await appTester(conditional as never, { authData, inputData: { linkType: 'is_related_to' } });
    expect(hidden).toEqual([]);
    const shown = (await appTester(conditional as never, { authData, inputData: { linkType: 'custom_link' } })) as { key: string; dynamic: string; required: boolean }[];
    expect(shown).toEqual([expect.objectContaining({ key: 'customLinkType', required: true, dynamic: 'devrev_customLinkTypes.id.name' })]);

    const trigger = app.triggers.devrev_customLinkTypes!;
    const choices = await appTester(trigger.operation.perform, { authData });
    expect(choices).toEqual(DEVREV_CUSTOM_LINK_TYPES.map((type) => expect.objectContaining({ id: type.id, name: type.name })));

    const result = await appTester(perform, {
      authData,
      inputData: { source: 'ISS-1', linkType: 'custom_link', target: 'ISS-2', customLinkType: customLinkTypes.blocks.id },
    });
    expect(result).toMatchObject({ linkType: 'custom_link', targetDisplayId: 'ISS-2' });
    expect((await admin.state(sandbox)).links.devrev[0]).toMatchObject({ custom_link_type: { id: customLinkTypes.blocks.id } });
  });

  test('invalid input fails before any request, naming the field', async () => {
    const error = await rejectionOf(appTester(perform, { authData, inputData: { source: 'TKT-1', linkType: 'custom_link', target: 'ISS-1' } }));
    expect(zapierErrorDetails(error)).toMatchObject({
      name: 'AppError',
      code: 'invalid_input:customLinkType',
      message: expect.stringContaining('Custom Link Type (customLinkType) is required'),
    });
    expect((await admin.state(sandbox)).requests.byRoute['devrev.create']).toBe(0);
  });

  test('a 400 from the API keeps its message, type and status', async () => {
    const error = await rejectionOf(appTester(perform, { authData, inputData: { source: 'ISS-1', linkType: 'is_dependent_on', target: 'TKT-1' } }));
    expect(zapierErrorDetails(error)).toMatchObject({
      name: 'AppError',
      status: 400,
      code: 'bad_request',
      message: 'DevRev returned HTTP 400: is_dependent_on between tickets and issues must go from the ticket to the issue',
    });
  });

  test('an unknown object is a 404 with the API message', async () => {
    const error = await rejectionOf(appTester(perform, { authData, inputData: { source: 'TKT-1', linkType: 'is_related_to', target: 'ISS-999' } }));
    expect(zapierErrorDetails(error)).toMatchObject({ status: 404, code: 'not_found', message: expect.stringContaining('ISS-999') });
  });

  test('a wrong token on the create is ExpiredAuthError', async () => {
    const error = await rejectionOf(
      appTester(perform, { authData: { ...authData, token: 'wrong-secret-value' }, inputData: { source: 'TKT-1', linkType: 'is_related_to', target: 'ISS-1' } }),
    );
    expect(error.name).toBe('ExpiredAuthError');
    expectNoSecret(error);
  });

  test('a 429 becomes ThrottledError with the API delay', async () => {
    await admin.fault(sandbox, { route: 'devrev.create', status: 429, retryAfter: 17 });
    const error = await rejectionOf(appTester(perform, { authData, inputData: { source: 'TKT-1', linkType: 'is_related_to', target: 'ISS-1' } }));
    expect(zapierErrorDetails(error)).toMatchObject({ name: 'ThrottledError', delay: 17, message: expect.stringMatching(/^DevRev returned HTTP 429: /) });
  });

  const REPLAY_WARNING = /\. The link may have been created: check DevRev before replaying this step, because a replay \(which Zapier's Autoreplay starts by itself\) sends the create again and could duplicate the link\.$/;
  const input = { source: 'TKT-1', linkType: 'is_related_to', target: 'ISS-1' };

  test('a 500 after the link was stored is an error with status 500 that warns a replay could duplicate the link', async () => {
    await admin.fault(sandbox, { route: 'devrev.create', storeThen500: true });
    const error = await rejectionOf(appTester(perform, { authData, inputData: input }));
    expect(zapierErrorDetails(error)).toMatchObject({ name: 'AppError', status: 500, message: expect.stringMatching(/^DevRev returned HTTP 500: /) });
    expect(zapierErrorDetails(error).message).toMatch(REPLAY_WARNING);
    expect((await admin.state(sandbox)).links.devrev).toHaveLength(1);
    expectNoSecret(error, [C.devrev.token]);
  });

  test('a connection reset says the link may have been created, and warns about a replay', async () => {
    await admin.fault(sandbox, { route: 'devrev.create', reset: true });
    const error = await rejectionOf(appTester(perform, { authData, inputData: input }));
    expect(zapierErrorDetails(error)).toMatchObject({ name: 'AppError', code: 'network', message: expect.stringMatching(/^No response from 127\.0\.0\.1:\d+ \(.+\)\. The link may have been created: /) });
    expect(zapierErrorDetails(error).message).toMatch(REPLAY_WARNING);
  });

  test('a refused connection says nothing was sent, and no more', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await rejectionOf(appTester(perform, { authData: { ...authData, baseUrl: `http://127.0.0.1:${port}` }, inputData: input }));
    expect(zapierErrorDetails(error)).toEqual({ name: 'AppError', code: 'network', message: expect.stringMatching(new RegExp(`^Could not connect to 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\); nothing was sent$`)) });
  });

  test('a 500 on the connection test, which creates nothing, does not speak of a link', async () => {
    await admin.fault(sandbox, { route: 'devrev.self', status: 500 });
    const { message } = zapierErrorDetails(await rejectionOf(appTester(app.authentication.test, { authData })));
    expect(message).toMatch(/^DevRev returned HTTP 500: /);
    expect(message).not.toMatch(/link|replay/i);
  });
});

describe('DevRev custom link names (one list of custom link types per run)', () => {
  const find = (inputData: Record<string, unknown>) => appTester(app.searches.find_link.operation.perform, { authData, inputData });
  const custom = (source: string, target: string, type: { id: string }) => ({ source, linkType: 'custom_link', target, customLinkType: type.id });
  const lists = async () => (await admin.state(sandbox)).requests.byRoute['devrev.customLinkTypes'] ?? 0;
  const { blocks, causes, tests } = customLinkTypes;

  test('Create Link names the custom link type it created, from one list request', async () => {
    const result = await appTester(perform, { authData, inputData: custom('ISS-1', 'ISS-2', blocks) });
    expect(result).toMatchObject({ linkType: 'custom_link', linkTypeLabel: blocks.name, created: true, summary: `${objects['ISS-1'].name} (issue) blocks ${objects['ISS-2'].name} (issue)` });
    expect(result.links).toEqual([expect.objectContaining({ linkTypeLabel: blocks.name })]);
    expect(Object.keys(result).sort()).toEqual(app.creates.create_link.operation.outputFields.map((field) => field.key).sort());
    expect(await lists()).toBe(1);
  });

  test('Find Link names every custom link it finds from one list request, however many there are', async () => {
    await appTester(perform, { authData, inputData: custom('ISS-1', 'ISS-2', blocks) });
    await appTester(perform, { authData, inputData: custom('ISS-1', 'ISS-3', causes) });
    await appTester(perform, { authData, inputData: custom('ISS-1', 'ISS-4', tests) });
    // One list per create run: a namer lives for one run, never longer.
    expect(await lists()).toBe(3);
    const found = await find({ object: 'ISS-1' });
    expect(found.map((link) => [link.targetDisplayId, link.linkTypeLabel]).sort()).toEqual([
      ['ISS-2', blocks.name],
      ['ISS-3', causes.name],
      ['ISS-4', tests.name],
    ]);
    expect(await lists()).toBe(4);
    // Between two records: the seeded custom link, named.
    await expect(find({ object: 'ISS-10', otherObject: 'ISS-9' })).resolves.toEqual([expect.objectContaining({ linkTypeLabel: blocks.name, sourceDisplayId: 'ISS-9' })]);
    expect(await lists()).toBe(5);
  });

  test('Find or Create: nothing found, then the created custom link is named', async () => {
    const findInput = { object: 'ISS-1', otherObject: 'ISS-2', linkType: 'custom_link' };
    await expect(find(findInput)).resolves.toEqual([]);
    await expect(appTester(perform, { authData, inputData: custom('ISS-1', 'ISS-2', blocks) })).resolves.toMatchObject({ linkTypeLabel: blocks.name });
    await expect(find(findInput)).resolves.toEqual([expect.objectContaining({ linkTypeLabel: blocks.name })]);
    expect(await lists()).toBe(2);
  });

  test('no list request when no link is custom', async () => {
    await expect(appTester(perform, { authData, inputData: { source: 'TKT-1', linkType: 'is_dependent_on', target: 'ISS-1' } })).resolves.toMatchObject({ linkTypeLabel: 'is dependent on' });
    const found = await find({ object: 'ISS-80' });
    expect(found.length).toBeGreaterThan(100);
    expect(new Set(found.map((link) => link.linkTypeLabel))).toEqual(new Set(['is related to']));
    expect(await lists()).toBe(0);
  });

  test.each([
    ['a 500', { status: 500 as const }],
    ['a connection reset', { reset: true }],
  ])('when the list fails (%s), the create still returns the link, sent once, with the fallback label', async (_, fault) => {
    await admin.fault(sandbox, { route: 'devrev.customLinkTypes', ...fault });
    const result = await appTester(perform, { authData, inputData: custom('ISS-1', 'ISS-2', blocks) });
    expect(result).toMatchObject({ linkType: 'custom_link', linkTypeLabel: `custom link ${blocks.display_id}`, created: true, targetDisplayId: 'ISS-2' });
    const state = await admin.state(sandbox);
    expect(state.requests.byRoute['devrev.create']).toBe(1);
    expect(state.requests.byRoute['devrev.customLinkTypes']).toBe(1);
    expect(state.links.devrev).toHaveLength(1);
    expectNoSecret(result);
  });

  test('when the list fails, Find Link still returns the links with the fallback label', async () => {
    await admin.fault(sandbox, { route: 'devrev.customLinkTypes', status: 500 });
    await expect(find({ object: 'ISS-9', linkType: 'custom_link' })).resolves.toEqual([expect.objectContaining({ linkType: 'custom_link', linkTypeLabel: `custom link ${blocks.display_id}` })]);
    expect(await lists()).toBe(1);
  });
});
