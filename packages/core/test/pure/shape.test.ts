import {
  type AnyProvider,
  type HttpRequest,
  isLoopbackHost,
  networkError,
  NOT_SENT_ERROR_CODES,
  providers,
  requestWasSent,
  sendInBulk,
  sendOrThrow,
} from '@links/core';

const ALL = Object.values(providers) as AnyProvider[];

describe('whether a failed request was sent', () => {
  it.each(NOT_SENT_ERROR_CODES)('%s proves nothing was sent: retryable, and the message says so', (code) => {
    expect(requestWasSent(code)).toBe(false);
    const error = networkError('devrev', code);
    expect(error).toMatchObject({ requestSent: false, isRetryable: true, code });
    expect(error.message).toBe(`Network error (${code}): the server could not be reached; nothing was sent`);
  });

  it.each(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ETIMEDOUT', null, undefined])('%s may have reached the server: not retryable', (code) => {
    expect(requestWasSent(code)).toBe(true);
    const error = networkError('onetrust', code ?? null);
    expect(error).toMatchObject({ requestSent: true, isRetryable: false });
    expect(error.message).toContain('the link may or may not have been created');
  });
});

describe('the loopback rule', () => {
  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])('%s is loopback', (host) => expect(isLoopbackHost(host)).toBe(true));
  it.each(['127.0.0.1.evil.example', '127.evil.example', 'localhost.example', '10.0.0.1', '[::2]', '0.0.0.0', ''])('%s is not', (host) => expect(isLoopbackHost(host)).toBe(false));
  it('reads what new URL() gives', () => expect(isLoopbackHost(new URL('http://127.1:80/').hostname)).toBe(true));
});

describe('sendOrThrow', () => {
  const request: HttpRequest = { method: 'GET', url: 'https://api.devrev.ai/dev-users.self', headers: { Accept: 'application/json' } };

  it('adds the auth headers and returns a 2xx response', async () => {
    const seen: HttpRequest[] = [];
    const response = await sendOrThrow(providers.devrev, request, {
      authHeaders: { Authorization: 'Bearer t' },
      transport: async (r) => {
        seen.push(r);
        return { status: 204, headers: {}, body: undefined };
      },
    });
    expect(response.status).toBe(204);
    expect(seen).toEqual([{ ...request, headers: { Accept: 'application/json', Authorization: 'Bearer t' } }]);
  });

  it('throws any other status as the classified API error', async () => {
    const error = await sendOrThrow(providers.devrev, request, {
      transport: async () => ({ status: 404, headers: {}, body: { type: 'not_found', message: 'Link not found' } }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NotFoundError', status: 404, apiMessage: 'Link not found', apiCode: 'not_found' });
  });

  it('reads an HTTP-date Retry-After against the given clock', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const error = await sendOrThrow(providers.devrev, request, {
      now: () => now,
      transport: async () => ({ status: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:09 GMT' }, body: undefined }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate_limit', retryAfter: 9 });
  });
});

describe('sendInBulk', () => {
  const validate = (input: unknown) => {
    if (typeof input !== 'object' || input === null || !('key' in input)) throw new Error('invalid');
    return input as { key: string; n: number };
  };

  it('validates everything first, sends valid inputs a few at a time, results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const sent: number[] = [];
    const results = await sendInBulk([{ key: 'a', n: 1 }, 'bad', { key: 'b', n: 2 }, { key: 'c', n: 3 }, { key: 'd', n: 4 }], {
      validate,
      concurrency: 2,
      send: async (input) => {
        sent.push(input.n);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        if (input.n === 3) throw new Error('three failed');
        return [input.n * 10];
      },
    });
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([[10], 'invalid', [20], 'three failed', [40]]);
    expect(sent).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('merges inputs that share a batch key and splits the results back', async () => {
    const sent: unknown[] = [];
    const results = await sendInBulk(
      [
        { key: 'x', items: [1] },
        { key: 'y', items: [2] },
        { key: 'x', items: [3, 4] },
      ],
      {
        validate: (input) => input as { key: string; items: number[] },
        concurrency: 4,
        batching: { key: (i) => i.key, merge: (all) => ({ key: all[0]!.key, items: all.flatMap((i) => i.items) }), size: (i) => i.items.length, maxSize: 100 },
        send: async (input) => {
          sent.push(input);
          return input.items.map((n) => `${input.key}${n}`);
        },
      },
    );
    expect(sent).toEqual([{ key: 'x', items: [1, 3, 4] }, { key: 'y', items: [2] }]);
    expect(results).toEqual([
      { status: 'fulfilled', value: ['x1'] },
      { status: 'fulfilled', value: ['y2'] },
      { status: 'fulfilled', value: ['x3', 'x4'] },
    ]);
  });

  it('with nothing valid, sends nothing', async () => {
    const send = jest.fn();
    const results = await sendInBulk(['a', 'b'], { validate, concurrency: 4, send });
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(send).not.toHaveBeenCalled();
  });
});

describe.each(ALL.map((p) => [p.id, p] as const))('%s documented examples', (_id, provider) => {
  it('the create example is valid input, and its documented response parses', () => {
    const { input, response } = provider.examples.create;
    const links = provider.parseCreateResponse(response, provider.validateInput(input));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.provider).toBe(provider.id);
  });

  it('the account example says who is connected', () => {
    const credentials = provider.validateCredentials(provider.examples.credentials);
    expect(provider.describeAccount(provider.examples.account.response.body, credentials).label).toBe(provider.examples.account.label);
  });

  it('an account response without names still gives a label', () => {
    const credentials = provider.validateCredentials(provider.examples.credentials);
    for (const body of [undefined, {}, 'text', { dev_user: null }]) expect(provider.describeAccount(body, credentials).label).not.toBe('');
  });
});

describe('account labels', () => {
  it.each([
    [{ dev_user: { id: 'u1', display_name: 'jane', full_name: 'Jane Doe' } }, 'Jane Doe (jane)', 'u1'],
    [{ dev_user: { id: 'u1', display_name: 'jane' } }, 'jane', 'u1'],
    [{ dev_user: { id: 'u1', email: 'jane@example.com' } }, 'jane@example.com', 'u1'],
    [{}, 'DevRev user', null],
  ])('DevRev %j -> %s', (body, label, id) => {
    expect(providers.devrev.describeAccount(body, { token: 't' })).toEqual({ label, id });
  });

  it.each([
    [{ uid: 7, login: 'jane', display: 'Jane Doe' }, 'Jane Doe (jane)', '7'],
    [{ uid: 7, login: 'jane' }, 'jane', '7'],
    [{}, 'Yandex Tracker user', null],
  ])('Tracker %j -> %s', (body, label, id) => {
    expect(providers['yandex-tracker'].describeAccount(body, { tokenKind: 'oauth', token: 't', orgKind: 'yandex360', orgId: '1' })).toEqual({ label, id });
  });
});
