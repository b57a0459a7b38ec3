import type { LinksError } from '@links/core';
import { SANDBOX_CREDENTIALS as C, SEED } from '@links/sandbox';
import { CREATE_ROUTE, failure, inputs, PROVIDERS, sandboxClient, sent, stored, useSandbox } from './sandbox-fixture.js';

const ctx = useSandbox();

describe.each(PROVIDERS)('%s against the sandbox', (provider) => {
  it('creates a link and returns the normalized result', async () => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    const [link, ...rest] = await client.createLink(inputs[provider]);
    expect(rest).toHaveLength(0);
    expect(link).toMatchObject({ provider, linkType: expect.any(String), linkTypeLabel: expect.any(String) });
    expect(stored(ctx.sandbox, provider)).toBe(1);
    expect(sent(ctx.sandbox, CREATE_ROUTE[provider])).toBe(1);
  });

  it('retries a 429 after Retry-After seconds and stores the link once', async () => {
    ctx.sandbox.state.addFaults({ route: CREATE_ROUTE[provider], status: 429, retryAfter: 2 });
    const { client, waits } = sandboxClient(ctx.sandbox, provider);
    await client.createLink(inputs[provider]);
    expect(waits).toEqual([2000]);
    expect(sent(ctx.sandbox, CREATE_ROUTE[provider])).toBe(2);
    expect(stored(ctx.sandbox, provider)).toBe(1);
  });

  it('honors Retry-After given as an HTTP date', async () => {
    ctx.sandbox.state.addFaults({ route: CREATE_ROUTE[provider], status: 429, retryAfter: 3, retryAfterDate: true });
    const { client, waits } = sandboxClient(ctx.sandbox, provider);
    await client.createLink(inputs[provider]);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    expect(waits[0]).toBeLessThanOrEqual(4000);
    expect(stored(ctx.sandbox, provider)).toBe(1);
  });

  it('retries a 503 with backoff', async () => {
    ctx.sandbox.state.addFaults({ route: CREATE_ROUTE[provider], status: 503 });
    const { client, waits } = sandboxClient(ctx.sandbox, provider, { retry: { backoffMs: 10 } });
    await client.createLink(inputs[provider]);
    expect(waits).toEqual([expect.any(Number)]);
    expect(stored(ctx.sandbox, provider)).toBe(1);
  });

  it('gives up after the retry limit with a RateLimitError carrying retryAfter', async () => {
    ctx.sandbox.state.addFaults({ route: CREATE_ROUTE[provider], status: 429, retryAfter: 1, times: 5 });
    const { client, waits } = sandboxClient(ctx.sandbox, provider, { retry: { limit: 2 } });
    const error = await failure(client.createLink(inputs[provider]));
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 1, isRetryable: true });
    expect(waits).toEqual([1000, 1000]);
    expect(stored(ctx.sandbox, provider)).toBe(0);
  });

  it('does not wait for a Retry-After beyond maxDelayMs', async () => {
    ctx.sandbox.state.addFaults({ route: CREATE_ROUTE[provider], status: 429, retryAfter: 600 });
    const { client, waits } = sandboxClient(ctx.sandbox, provider);
    const error = await failure(client.createLink(inputs[provider]));
    expect(error).toMatchObject({ kind: 'rate_limit', retryAfter: 600 });
    expect(waits).toEqual([]);
  });

  it('does not re-send after "stored, then 500": one link, a ServerError', async () => {
    ctx.sandbox.state.addFaults({ route: CREATE_ROUTE[provider], storeThen500: true });
    const { client } = sandboxClient(ctx.sandbox, provider);
    const error = await failure(client.createLink(inputs[provider]));
    expect(error).toMatchObject({ kind: 'server', status: 500, isRetryable: false });
    expect(sent(ctx.sandbox, CREATE_ROUTE[provider])).toBe(1);
    expect(stored(ctx.sandbox, provider)).toBe(1);
  });

  it('does not re-send after a connection reset', async () => {
    ctx.sandbox.state.addFaults({ route: CREATE_ROUTE[provider], reset: true });
    const { client } = sandboxClient(ctx.sandbox, provider);
    const error = await failure(client.createLink(inputs[provider]));
    expect(error).toMatchObject({ kind: 'network', requestSent: true, isRetryable: false });
    expect(sent(ctx.sandbox, CREATE_ROUTE[provider])).toBe(1);
  });

  it('times out on a hang and does not re-send', async () => {
    ctx.sandbox.state.addFaults({ route: CREATE_ROUTE[provider], hang: true });
    const { client } = sandboxClient(ctx.sandbox, provider, { timeoutMs: 1000 });
    const error = await failure(client.createLink(inputs[provider]));
    expect(error).toMatchObject({ kind: 'timeout', isRetryable: false });
    expect(error.message).toContain('1000 ms');
    expect(sent(ctx.sandbox, CREATE_ROUTE[provider])).toBe(1);
  });

  it('rejects invalid input before sending anything', async () => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    const error = await failure(client.createLink({}));
    expect(error.kind).toBe('input');
    expect(ctx.sandbox.state.snapshot().requests.total).toBe(0);
  });

  it('proves its credentials', async () => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    await expect(client.testCredentials()).resolves.toBeUndefined();
  });

  it('says who is connected', async () => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    const labels = { devrev: 'Sandbox Developer (sandbox-dev)', 'yandex-tracker': 'Sandbox User (sandbox.user)', onetrust: 'sandbox-client-id @ sandbox.onetrust.test' };
    await expect(client.whoAmI()).resolves.toMatchObject({ label: labels[provider] });
  });
});

describe('error kinds', () => {
  it('401 with a wrong token, without the token in the error', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'devrev', { credentials: { token: 'wrong-token-canary-1234' } });
    const error = await failure(client.createLink(inputs.devrev));
    expect(error).toMatchObject({ kind: 'authentication', status: 401, apiCode: 'unauthenticated' });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-token-canary-1234');
    await expect(client.testCredentials()).rejects.toMatchObject({ kind: 'authentication' });
  });

  it('401 from OneTrust token exchange with a wrong client secret', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'onetrust', { credentials: { ...C.onetrust, clientSecret: 'canary-secret-5678' } });
    const error = await failure(client.createLink(inputs.onetrust));
    expect(error).toMatchObject({ kind: 'authentication', status: 401 });
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('canary-secret-5678');
    expect(sent(ctx.sandbox, 'onetrust.create')).toBe(0);
  });

  it('403 from OneTrust for a read-only client', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'onetrust', {
      credentials: { ...C.onetrust, clientId: 'sandbox-readonly-client-id', clientSecret: 'sandbox-readonly-client-secret' },
    });
    await expect(client.createLink(inputs.onetrust)).rejects.toMatchObject({ kind: 'permission', status: 403 });
  });

  it('404 for an unknown Tracker entity, with Tracker\'s message', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker');
    const error = await failure(client.createLink({ ...inputs['yandex-tracker'], entityId: '000000000000000000000000' }));
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(error.message).toMatch(/^Yandex Tracker returned HTTP 404: ./);
  });

  it('400 for a DevRev constraint (one parent per target)', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'devrev');
    await client.createLink({ source: 'ISS-1', linkType: 'is_parent_of', target: 'ISS-3' });
    const error = await failure(client.createLink({ source: 'ISS-2', linkType: 'is_parent_of', target: 'ISS-3' }));
    expect(error).toMatchObject({ kind: 'validation', status: 400, apiCode: 'artifact_already_attached_to_a_parent' });
    expect(stored(ctx.sandbox, 'devrev')).toBe(1);
  });

  it('connection refused is retryable and nothing was sent', async () => {
    const closed = await (await import('@links/sandbox')).startSandbox();
    const url = closed.url;
    await closed.close();
    const { client, waits } = sandboxClient(ctx.sandbox, 'devrev', { baseUrl: url, retry: { limit: 1, backoffMs: 5 } });
    const error = await failure(client.createLink(inputs.devrev));
    expect(error).toMatchObject({ kind: 'network', requestSent: false, isRetryable: true });
    expect(waits).toEqual([5]);
  });
});

describe('OneTrust token', () => {
  it('is fetched once for concurrent creates and reused', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'onetrust');
    await Promise.all(Array.from({ length: 8 }, () => client.createLink(inputs.onetrust)));
    await client.createLink(inputs.onetrust);
    expect(sent(ctx.sandbox, 'onetrust.token')).toBe(1);
    expect(stored(ctx.sandbox, 'onetrust')).toBe(9);
  });

  it('is refreshed once when the API answers 401, and the create is not duplicated', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'onetrust');
    await client.createLink(inputs.onetrust);
    ctx.sandbox.state.expireTokens();
    await Promise.all([client.createLink(inputs.onetrust), client.createLink(inputs.onetrust)]);
    expect(sent(ctx.sandbox, 'onetrust.token')).toBe(2);
    expect(stored(ctx.sandbox, 'onetrust')).toBe(3);
  });

  it('is fetched again shortly before it expires', async () => {
    let now = Date.now();
    const { client } = sandboxClient(ctx.sandbox, 'onetrust', { now: () => now });
    await client.createLink(inputs.onetrust);
    now += 3600_000 - 30_000; // within the last minute of the sandbox's one-hour tokens
    await client.createLink(inputs.onetrust);
    expect(sent(ctx.sandbox, 'onetrust.token')).toBe(2);
  });

  it('does not loop when a fresh token is refused too', async () => {
    ctx.sandbox.state.addFaults({ route: 'onetrust.create', status: 401, times: 2 });
    const { client } = sandboxClient(ctx.sandbox, 'onetrust');
    await expect(client.createLink(inputs.onetrust)).rejects.toMatchObject({ kind: 'authentication' });
    expect(sent(ctx.sandbox, 'onetrust.create')).toBe(2);
    expect(sent(ctx.sandbox, 'onetrust.token')).toBe(2);
  });
});

describe('bulk createLinks', () => {
  const T = SEED.yandexTracker.entities;

  it('sends Tracker links from the same entity as one array request, results per input in order', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker');
    const make = (from: string, to: string, relationship = 'relates') => ({ entityType: 'project', entityId: from, links: [{ relationship, entity: to }] });
    const results = await client.createLinks([
      make(T.websiteRedesign.id, T.paymentsMigration.id),
      make(T.mobileOffline.id, T.paymentsMigration.id, 'depends on'),
      { entityType: 'project', entityId: T.websiteRedesign.id, links: [] },
      make(T.websiteRedesign.id, T.reduceChurn.id, 'depends on'),
      make(T.mobileOffline.id, T.launchEu.id),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const targets = results.map((r) => (r.status === 'fulfilled' ? r.value.map((l) => `${l.source.id}>${l.linkType}>${l.target.id}`) : (r.reason as LinksError).kind));
    expect(targets).toEqual([
      [`${T.websiteRedesign.id}>relates>${T.paymentsMigration.id}`],
      [`${T.mobileOffline.id}>depends on>${T.paymentsMigration.id}`],
      'input',
      [`${T.websiteRedesign.id}>depends on>${T.reduceChurn.id}`],
      [`${T.mobileOffline.id}>relates>${T.launchEu.id}`],
    ]);
    expect(sent(ctx.sandbox, 'tracker.create')).toBe(2);
    expect(stored(ctx.sandbox, 'yandex-tracker')).toBe(4);
  });

  it('gives every input of a failed batch the batch\'s error', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker');
    const results = await client.createLinks([
      { entityType: 'project', entityId: T.websiteRedesign.id, links: [{ relationship: 'relates', entity: T.paymentsMigration.id }] },
      { entityType: 'project', entityId: T.websiteRedesign.id, links: [{ relationship: 'relates', entity: 'no-such-entity' }] },
    ]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as LinksError).kind)).toEqual(['not_found', 'not_found']);
    expect(stored(ctx.sandbox, 'yandex-tracker')).toBe(0);
  });

  it('keeps input order for DevRev with bounded concurrency and per-input errors', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'devrev', { concurrency: 3 });
    const targets = ['ISS-2', 'ISS-3', 'NOPE-1', 'ISS-4', 'ISS-5'];
    const results = await client.createLinks(targets.map((target) => ({ source: 'ISS-1', linkType: 'is_related_to', target })));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value[0]!.target.displayId : (r.reason as LinksError).kind))).toEqual([
      'ISS-2',
      'ISS-3',
      'not_found',
      'ISS-4',
      'ISS-5',
    ]);
  });

  it('uses the Tracker IAM token with the Cloud organization header', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker', {
      credentials: { tokenKind: 'iam', token: C.yandexTracker.iamToken, orgKind: 'cloud', orgId: C.yandexTracker.cloudOrgId },
    });
    await client.createLink(inputs['yandex-tracker']);
    expect(stored(ctx.sandbox, 'yandex-tracker')).toBe(1);
  });

  it('keeps an odd Tracker id one path segment end to end', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker');
    const [link] = await client.createLink({ ...inputs['yandex-tracker'], entityId: T.encodingProbe.id });
    expect(link!.source.id).toBe('weird id/../x?y#z');
    expect(stored(ctx.sandbox, 'yandex-tracker')).toBe(1);
  });

});
