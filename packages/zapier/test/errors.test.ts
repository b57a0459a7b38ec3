/** Core's error classes -> the errors Zapier acts on, with the connection's secrets redacted. */
import { InputError, NetworkError, parseErrorResponse, providers, TimeoutError } from '@links/core';
import * as zapier from 'zapier-platform-core';
import type { ZObject } from 'zapier-platform-core';
import { toZapierError } from '../src/index.js';
import { zapierErrorDetails } from './helpers.js';

const z = zapier as unknown as ZObject;
const TOKEN = 'tok-1234567890';
const apiError = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  parseErrorResponse(providers.devrev, { status, headers, body });

test.each([
  [400, 'AppError'],
  [403, 'AppError'],
  [404, 'AppError'],
  [409, 'AppError'],
  [422, 'AppError'],
  [500, 'AppError'],
  [503, 'ThrottledError'], // refused, like a 429: Zapier runs the step again later
  [401, 'ExpiredAuthError'],
  [429, 'ThrottledError'],
])('HTTP %i -> %s', (status, name) => {
  expect(toZapierError(z, apiError(status, { type: 'x', message: 'API says no' }), []).name).toBe(name);
});

test('an API error keeps message, code and status; the secret it echoes is redacted', () => {
  const error = toZapierError(z, apiError(400, { type: 'invalid_field', message: `token ${TOKEN} is malformed` }), [TOKEN]);
  expect(zapierErrorDetails(error)).toEqual({ name: 'AppError', message: 'DevRev returned HTTP 400: token [redacted] is malformed', code: 'invalid_field', status: 400 });
});

test('an error code that echoes the secret is redacted too', () => {
  const error = toZapierError(z, apiError(404, { type: `not_found (received: Bearer ${TOKEN})`, message: 'gone' }), [TOKEN]);
  expect(zapierErrorDetails(error)).toMatchObject({ code: 'not_found (received: Bearer [redacted])', status: 404 });
});

test("a 429 carries the body's retry_after when there is no header, and redacts its message too", () => {
  const error = toZapierError(z, apiError(429, { type: 'too_many_requests', message: `slow down ${TOKEN}`, retry_after: 12 }), [TOKEN]);
  expect(zapierErrorDetails(error)).toEqual({ name: 'ThrottledError', message: 'DevRev returned HTTP 429: slow down [redacted]', delay: 12 });
});

test('a 401 is ExpiredAuthError without the secret', () => {
  const error = toZapierError(z, apiError(401, { type: 'unauthenticated', message: `bad ${TOKEN}` }), [TOKEN]);
  expect(error.name).toBe('ExpiredAuthError');
  expect(error.message).toBe('DevRev returned HTTP 401: bad [redacted]');
});

test('invalid input names the field in the code; no response is a network error; Zapier errors pass as they are', () => {
  const input = toZapierError(z, new InputError('devrev', 'target', 'format', 'Target ID (target) must be a DevRev ID'), []);
  expect(zapierErrorDetails(input)).toMatchObject({ code: 'invalid_input:target', status: 400, message: 'Target ID (target) must be a DevRev ID' });
  const network = toZapierError(z, new NetworkError('devrev', 'No response', { requestSent: true }), []);
  expect(zapierErrorDetails(network)).toMatchObject({ code: 'network', message: 'No response' });
  expect(zapierErrorDetails(toZapierError(z, new TimeoutError('devrev', 1000), []))).toMatchObject({ code: 'timeout', message: 'No response within 1000 ms' });
  const refresh = new zapier.errors.RefreshAuthError('stale');
  expect(toZapierError(z, refresh, [])).toBe(refresh);
});

test('an unexpected error is passed on with the secret redacted', () => {
  const error = toZapierError(z, new TypeError(`cannot read ${TOKEN}`), [TOKEN]);
  expect(error).toBeInstanceOf(TypeError);
  expect(error.message).toBe('cannot read [redacted]');
});

describe('on the create, an outcome the API may have processed warns that a replay could duplicate the link', () => {
  const WARNING = ". The link may have been created: check DevRev before replaying this step, because a replay (which Zapier's Autoreplay starts by itself) sends the create again and could duplicate the link.";
  const onCreate = (error: unknown) => zapierErrorDetails(toZapierError(z, error, [TOKEN], { sendsCreate: true }));

  test.each([500, 502, 504])('HTTP %i', (status) => {
    expect(onCreate(apiError(status, { type: 'internal_error', message: `Internal error ${TOKEN}.` }))).toEqual({
      name: 'AppError',
      code: 'internal_error',
      status,
      message: `DevRev returned HTTP ${status}: Internal error [redacted]${WARNING}`,
    });
  });

  test('no response after the request was sent, and no response in time', () => {
    expect(onCreate(new NetworkError('devrev', 'No response from api.devrev.ai (socket hang up)', { requestSent: true })).message).toBe(`No response from api.devrev.ai (socket hang up)${WARNING}`);
    expect(onCreate(new TimeoutError('devrev', 25_000)).message).toBe(`No response within 25000 ms${WARNING}`);
  });

  test('not when the API refused the request or nothing was sent: those say so and stop there', () => {
    expect(onCreate(apiError(503, { type: 'service_unavailable', message: 'down' })).message).toBe('DevRev returned HTTP 503: down');
    expect(onCreate(apiError(429, { type: 'too_many_requests', message: 'slow' })).message).toBe('DevRev returned HTTP 429: slow');
    expect(onCreate(apiError(400, { type: 'bad_request', message: 'no' })).message).toBe('DevRev returned HTTP 400: no');
    const notSent = new NetworkError('devrev', 'Could not connect to api.devrev.ai (ECONNREFUSED); nothing was sent', { requestSent: false });
    expect(onCreate(notSent).message).toBe('Could not connect to api.devrev.ai (ECONNREFUSED); nothing was sent');
  });

  test('not on the steps that create nothing (connection test, session, dropdowns)', () => {
    expect(zapierErrorDetails(toZapierError(z, apiError(500, { type: 'internal_error', message: 'oops' }), [])).message).toBe('DevRev returned HTTP 500: oops');
    expect(toZapierError(z, new TimeoutError('devrev', 25_000), []).message).not.toMatch(/link/);
  });
});
