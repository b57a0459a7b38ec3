import ky, { TimeoutError as KyTimeoutError } from 'ky';
import { networkError, TimeoutError } from '../errors/index.js';
import type { HttpRequest, HttpResponse, ProviderId, Transport } from '../types.js';

export interface KyTransportOptions {
  provider: ProviderId;
  /** Milliseconds to wait for a response. */
  timeoutMs: number;
  /** A `fetch` to send with (default: the global one). */
  fetch?: typeof fetch;
}

/** The default transport: one attempt with ky, no ky retries (the client decides what to re-send). */
export function createKyTransport(options: KyTransportOptions): Transport {
  const baseFetch = options.fetch ?? globalThis.fetch;
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const { body, contentType } = serializeBody(request);
    let response: Response;
    try {
      response = await ky(request.url, {
        method: request.method,
        headers: contentType ? { ...request.headers, 'content-type': contentType } : request.headers,
        body,
        throwHttpErrors: false,
        retry: 0,
        timeout: options.timeoutMs,
        // ky hands fetch a Request whose body is a stream; undici uploads a stream chunked and slower than
        // the same bytes as a string, so the already-serialized body is sent as it is.
        fetch: (input, init) => {
          const kyRequest = input as Request;
          return baseFetch(kyRequest.url, { ...init, method: kyRequest.method, headers: kyRequest.headers, body, signal: kyRequest.signal });
        },
      });
    } catch (error) {
      throw toTransportError(options.provider, options.timeoutMs, error);
    }
    return {
      status: response.status,
      headers: Object.fromEntries([...response.headers].map(([name, value]) => [name.toLowerCase(), value])),
      body: parseBody(await response.text()),
    };
  };
}

function serializeBody(request: HttpRequest): { body?: string; contentType?: string } {
  if (request.form) return { body: new URLSearchParams(request.form).toString(), contentType: 'application/x-www-form-urlencoded' };
  if (request.json !== undefined) return { body: JSON.stringify(request.json), contentType: 'application/json' };
  return {};
}

/** JSON where the body is JSON (a JSON string becomes a string), the text otherwise, `undefined` when empty. */
export function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toTransportError(provider: ProviderId, timeoutMs: number, error: unknown): Error {
  if (error instanceof KyTimeoutError) return new TimeoutError(provider, timeoutMs);
  return networkError(provider, findCode(error), error);
}

function findCode(error: unknown): string | null {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}
