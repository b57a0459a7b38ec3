import { SANDBOX_CREDENTIALS as C, type Sandbox, SEED } from '@links/sandbox';
import type { PlainInputField } from 'zapier-platform-core';
import * as zapier from 'zapier-platform-core';
import { admin, expectNoSecret, rejectionOf, sandboxAuthData, sourceApp, withSandbox, zapierErrorDetails } from './helpers.js';

const { entities, user } = SEED.yandexTracker;
const app = sourceApp('yandex-tracker');
const appTester = zapier.createAppTester(app);
const perform = app.creates.create_link.operation.perform;

let sandbox: Sandbox;
let authData: Record<string, string>;
beforeAll(async () => {
  sandbox = await withSandbox();
  authData = sandboxAuthData('yandex-tracker', sandbox);
});
afterAll(() => sandbox.close());
beforeEach(() => admin.reset(sandbox));

const twoLinks = {
  entityType: 'project',
  entityId: entities.websiteRedesign.id,
  // A line-item group arrives as an array of row objects.
  links: [
    { relationship: 'depends on', entity: entities.paymentsMigration.id },
    { relationship: 'relates', entity: entities.reduceChurn.id },
  ],
};

describe('Yandex Tracker connection (custom auth)', () => {
  test('the test calls /v2/myself and the label is "Display Name (login)" (core\'s rule), for OAuth + Yandex 360', async () => {
    const account = await appTester(app.authentication.test, { authData });
    expect(account).toMatchObject({ login: user.login });
    expect(await appTester(app.authentication.connectionLabel, { authData, inputData: account })).toBe(`${user.display} (${user.login})`);
  });

  test('an IAM token with a Cloud organization works too (Bearer + X-Cloud-Org-ID)', async () => {
    const cloud = { ...authData, tokenKind: 'iam', token: C.yandexTracker.iamToken, orgKind: 'cloud', orgId: C.yandexTracker.cloudOrgId };
    await expect(appTester(app.authentication.test, { authData: cloud })).resolves.toMatchObject({ login: user.login });
  });

  test('a wrong token is ExpiredAuthError with the API message and without the token', async () => {
    const error = await rejectionOf(appTester(app.authentication.test, { authData: { ...authData, token: 'wrong-secret-value' } }));
    expect(error.name).toBe('ExpiredAuthError');
    // Zapier appends its own "What happened" context (without authData) to plain errors.
    expect(error.message).toMatch(/^Yandex Tracker returned HTTP 401: Invalid or expired token\n/);
    expectNoSecret(error);
  });

  test('a Base URL over plain http to another host is refused, naming the field', async () => {
    const error = await rejectionOf(appTester(app.authentication.test, { authData: { ...authData, baseUrl: 'http://tracker.example.com' } }));
    expect(zapierErrorDetails(error)).toMatchObject({ code: 'invalid_input:baseUrl', message: expect.stringContaining('Base URL (baseUrl) must use https://') });
  });
});

describe('Yandex Tracker Create Link', () => {
  test('creates every row of the line-item group in one array request; the result lists each link', async () => {
    const result = await appTester(perform, { authData, inputData: twoLinks });
    const state = await admin.state(sandbox);
    expect(state.requests.byRoute['tracker.create']).toBe(1);
    expect(state.links.yandexTracker.map((l) => [l.relationship, l.target.id])).toEqual(
      expect.arrayContaining([
        ['depends on', entities.paymentsMigration.id],
        ['relates', entities.reduceChurn.id],
      ]),
    );
    expect(result).toMatchObject({
      id: null,
      service: 'Yandex Tracker',
      linkType: 'depends on',
      sourceId: entities.websiteRedesign.id,
      sourceType: 'project',
      targetId: entities.paymentsMigration.id,
      linkCount: 2,
      allLinks: `${entities.websiteRedesign.id} (project) depends on ${entities.paymentsMigration.id}; ${entities.websiteRedesign.id} (project) relates to ${entities.reduceChurn.id}`,
    });
    expect(result.links.map((l) => [l.linkType, l.targetId])).toEqual([
      ['depends on', entities.paymentsMigration.id],
      ['relates', entities.reduceChurn.id],
    ]);
  });

  test('one row mapped without line items (an object) is one link; an id that needs encoding stays one path segment', async () => {
    const result = await appTester(perform, {
      authData,
      inputData: { entityType: 'project', entityId: entities.encodingProbe.id, links: { relationship: 'relates', entity: entities.mobileOffline.id } },
    });
    expect(result).toMatchObject({ linkCount: 1, sourceId: entities.encodingProbe.id });
    expect((await admin.state(sandbox)).links.yandexTracker).toEqual(
      expect.arrayContaining([expect.objectContaining({ source: { entityType: 'project', id: entities.encodingProbe.id } })]),
    );
  });

  test('a row without an entity is refused before sending, naming the row and field', async () => {
    const error = await rejectionOf(
      appTester(perform, { authData, inputData: { ...twoLinks, links: [twoLinks.links[0], { relationship: 'relates' }] } }),
    );
    expect(zapierErrorDetails(error)).toMatchObject({ code: 'invalid_input:links[1].entity', message: expect.stringContaining('Linked Entity ID (links[1].entity) is required') });
    expect((await admin.state(sandbox)).requests.byRoute['tracker.create']).toBe(0);
  });

  test('a relationship the API refuses (a custom value) is its 422, with its messages', async () => {
    const error = await rejectionOf(
      appTester(perform, { authData, inputData: { ...twoLinks, links: [{ relationship: 'blocks', entity: entities.paymentsMigration.id }] } }),
    );
    expect(zapierErrorDetails(error)).toMatchObject({ status: 422, message: expect.stringMatching(/^Yandex Tracker returned HTTP 422: relationship: Invalid value/) });
  });

  test('an unknown entity is a 404', async () => {
    const error = await rejectionOf(appTester(perform, { authData, inputData: { ...twoLinks, entityId: '000000000000000000000000' } }));
    expect(zapierErrorDetails(error)).toMatchObject({ status: 404, message: expect.stringContaining("Entity project '000000000000000000000000' not found") });
  });

  test('a 429 with an HTTP-date Retry-After is ThrottledError with the delay in seconds', async () => {
    await admin.fault(sandbox, { route: 'tracker.create', status: 429, retryAfter: 45, retryAfterDate: true });
    const error = await rejectionOf(appTester(perform, { authData, inputData: twoLinks }));
    const details = zapierErrorDetails(error);
    expect(details.name).toBe('ThrottledError');
    expect(details.delay).toBeGreaterThanOrEqual(43);
    expect(details.delay).toBeLessThanOrEqual(46);
  });

  test('a 429 without Retry-After leaves the delay to Zapier', async () => {
    await admin.fault(sandbox, { route: 'tracker.create', status: 429 });
    const error = await rejectionOf(appTester(perform, { authData, inputData: twoLinks }));
    expect(zapierErrorDetails(error)).toMatchObject({ name: 'ThrottledError', message: expect.stringMatching(/^Yandex Tracker returned HTTP 429: Too many requests/) });
    expect(zapierErrorDetails(error).delay ?? null).toBeNull();
  });

  test('a wrong token on the create is ExpiredAuthError; a 500 is an error with status 500; neither shows the token', async () => {
    const expired = await rejectionOf(appTester(perform, { authData: { ...authData, token: 'wrong-secret-value' }, inputData: twoLinks }));
    expect(expired.name).toBe('ExpiredAuthError');
    expectNoSecret(expired);
    await admin.fault(sandbox, { route: 'tracker.create', status: 500 });
    const failed = await rejectionOf(appTester(perform, { authData, inputData: twoLinks }));
    expect(zapierErrorDetails(failed)).toMatchObject({ status: 500, message: expect.stringMatching(/^Yandex Tracker returned HTTP 500/) });
    expectNoSecret(failed);
  });
});

describe('Yandex Tracker Relationship choices follow the Entity Type (dynamic fields)', () => {
  const COMMON = ['relates', 'depends on', 'is dependent by'];
  const ALL = [...COMMON, 'parent entity', 'child entity', 'is supported by', 'works towards'];
  /** The Relationship choices the Zap editor shows for this input: Create Link's in a Links row, Find Link's at the top. */
  async function relationships(inputData: Record<string, unknown>): Promise<{ create: string[]; find: string[] }> {
    const shown = async (inputFields: unknown[]) => (await appTester(inputFields as never, { authData, inputData })) as PlainInputField[];
    const values = (field: PlainInputField | undefined) => (field!.choices as { value: string }[]).map((choice) => choice.value);
    const links = (await shown(app.creates.create_link.operation.inputFields)).find((field) => field.key === 'links')!;
    const find = (await shown(app.searches.find_link.operation.inputFields)).find((field) => field.key === 'relationship');
    return { create: values(links.children!.find((child) => child.key === 'relationship')), find: values(find) };
  }

  test.each([
    ['project', [...COMMON, 'works towards']],
    ['goal', [...COMMON, 'parent entity', 'child entity', 'is supported by']],
    ['portfolio', COMMON],
  ])('Entity Type %s: its relationships only, in Create Link and Find Link', async (entityType, expected) => {
    expect(await relationships({ entityType })).toEqual({ create: expected, find: expected });
  });

  test('no Entity Type yet, or one mapped from an earlier step: all seven', async () => {
    expect(await relationships({})).toEqual({ create: ALL, find: ALL });
    expect(await relationships({ entityType: '{{162343__entityType}}' })).toEqual({ create: ALL, find: ALL });
  });

  test('Entity Type alters dynamic fields, so the editor asks again when it changes; the rest of a Links row is unchanged', async () => {
    for (const inputFields of [app.creates.create_link.operation.inputFields, app.searches.find_link.operation.inputFields]) {
      const shown = (await appTester(inputFields as never, { authData, inputData: { entityType: 'goal' } })) as PlainInputField[];
      expect(shown.find((field) => field.key === 'entityType')).toMatchObject({ altersDynamicFields: true });
    }
    const shown = (await appTester(app.creates.create_link.operation.inputFields as never, { authData, inputData: { entityType: 'goal' } })) as PlainInputField[];
    const row = shown.find((field) => field.key === 'links')!.children!;
    expect(row.map((child) => child.key)).toEqual(['relationship', 'entity']);
    expect(row[0]).toMatchObject({ required: true, default: 'relates', helpText: expect.stringContaining('can be entered as a custom value') });
    expect(row[1]).toMatchObject({ dynamic: 'yandex_tracker_anyEntities.id.name', search: 'find_entity.id' });
  });

  test('a relationship outside the offered choices is still sent, and the API answers for it', async () => {
    const error = await rejectionOf(
      appTester(perform, { authData, inputData: { entityType: 'portfolio', entityId: entities.platformModernization.id, links: [{ relationship: 'works towards', entity: entities.reduceChurn.id }] } }),
    );
    // Sent as given (Zapier does not hold a typed value to the dropdown): the refusal is the API's own 422.
    expect((await admin.state(sandbox)).requests.byRoute['tracker.create']).toBe(1);
    expect(zapierErrorDetails(error)).toMatchObject({ status: 422, message: expect.stringMatching(/^Yandex Tracker returned HTTP 422: relationship: Invalid value/) });
  });
});
