import { isLinksError } from '@links/core';
import { createLinksClient } from '@links/core/http';
import { SANDBOX_CREDENTIALS as C } from '@links/sandbox';
import { CREATE_ROUTE, inputs, PROVIDERS, sandboxClient, useSandbox } from './sandbox-fixture.js';

const ctx = useSandbox();
const CANARY = 'canary-SECRET-7f3a9c';

function everything(error: unknown): string {
  const own = error instanceof Error ? { ...error, message: error.message, stack: error.stack } : error;
  return JSON.stringify(own) + String(error);
}

describe('secrets never appear in errors', () => {
  const faults = [
    { status: 429 as const, retryAfter: 999 },
    { status: 500 as const },
    { status: 503 as const, retryAfter: 999 },
    { reset: true },
    { hang: true },
    { storeThen500: true },
  ];

  it.each(PROVIDERS.flatMap((provider) => faults.map((fault) => [provider, fault] as const)))('%s with fault %j', async (provider, fault) => {
    ctx.sandbox.state.addFaults({ route: CREATE_ROUTE[provider], ...fault });
    const { client } = sandboxClient(ctx.sandbox, provider, { timeoutMs: 1000, retry: { limit: 0 } });
    const error = await client.createLink(inputs[provider]).catch((e: unknown) => e);
    expect(isLinksError(error)).toBe(true);
    for (const secret of [C.devrev.token, C.yandexTracker.oauthToken, C.onetrust.clientSecret]) expect(everything(error)).not.toContain(secret);
  });

  it.each([
    ['devrev', { token: CANARY }],
    ['yandex-tracker', { tokenKind: 'oauth', token: CANARY, orgKind: 'yandex360', orgId: C.yandexTracker.orgId }],
    ['onetrust', { ...C.onetrust, clientSecret: CANARY }],
  ] as const)('%s with a rejected canary secret', async (provider, credentials) => {
    const { client } = sandboxClient(ctx.sandbox, provider, { credentials: { ...credentials } });
    const error = await client.createLink(inputs[provider]).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'authentication' });
    expect(everything(error)).not.toContain(CANARY);
  });

  it('redacts a secret that the API echoes back in its error body', async () => {
    const client = createLinksClient('devrev', {
      credentials: { token: CANARY },
      transport: async (request) => ({
        status: 400,
        headers: {},
        body: { type: 'bad_request', message: `Token ${request.headers.Authorization} is malformed`, detail: { echo: request.headers.Authorization } },
      }),
    });
    const error = await client.createLink(inputs.devrev).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'validation', apiMessage: 'Token Bearer [redacted] is malformed' });
    expect(everything(error)).not.toContain(CANARY);
  });
});
