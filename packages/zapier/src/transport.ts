/**
 * `z.request` as a core `Transport`: it resolves with every status so that core classifies errors,
 * and leaves authentication to the app's `beforeRequest` (or skips it for the token exchange).
 */
import { type HttpResponse, isLinksError, NetworkError, type ProviderId, requestWasSent, TimeoutError, type Transport } from '@links/core';
import type { HttpRequestOptions, ZObject } from 'zapier-platform-core';

/** A request option read by `beforeRequest`: the request must go out without the session's token. */
export const WITHOUT_AUTH = 'linksWithoutAuth';

export interface ZapierTransportOptions {
  provider: ProviderId;
  /** False for the token exchange, which must not carry the (possibly stale) session token. */
  authenticate: boolean;
}

/**
 * How long to wait for each response: well inside the time Zapier gives a step, so that a hung API ends in a
 * clear error. An integration can change it with `zapier env:set LINKS_TIMEOUT_MS=...`.
 */
export function requestTimeoutMs(): number {
  return Number(process.env.LINKS_TIMEOUT_MS) || 25_000;
}

export function zapierTransport(z: ZObject, { provider, authenticate }: ZapierTransportOptions): Transport {
  return async (request) => {
    const options: HttpRequestOptions & { url: string; throwForThrottlingEarly: boolean; [WITHOUT_AUTH]: boolean } = {
      url: request.url,
      method: request.method,
      headers: { ...request.headers },
      // Core classifies every status itself, 429 included: since zapier-platform-core 18 a 429 would
      // otherwise become a ThrottledError before any middleware, reading only a numeric Retry-After.
      skipThrowForStatus: true,
      throwForThrottlingEarly: false,
      [WITHOUT_AUTH]: !authenticate,
      timeout: requestTimeoutMs(),
    };
    if (request.json !== undefined) options.json = request.json;
    if (request.form !== undefined) options.form = request.form;
    let response;
    try {
      response = await z.request(options);
    } catch (error) {
      // With session auth z.request turns every 401 into a RefreshAuthError before anyone sees it.
      // On the create that is wanted (Zapier fetches a new token and runs the step again); on the
      // token exchange itself a new token cannot help, so the 401 is handed to core to classify.
      if (isRefreshAuthError(error) && !authenticate) return { status: 401, headers: {}, body: undefined };
      // Zapier's own errors, and core's from beforeRequest (an invalid connection), pass as they are.
      if (isZapierError(error) || isLinksError(error)) throw error;
      const reason = (error as Error).message;
      if ((error as Error).name === 'AbortError' || /timeout/i.test(reason)) throw new TimeoutError(provider, requestTimeoutMs());
      const code = (error as { code?: string }).code ?? null;
      const host = new URL(request.url).host;
      // Core decides whether the request may have reached the API (only a failed connect or lookup proves it did not).
      if (!requestWasSent(code)) {
        throw new NetworkError(provider, `Could not connect to ${host} (${reason}); nothing was sent`, { requestSent: false, code, cause: error });
      }
      throw new NetworkError(provider, `No response from ${host} (${reason})`, { requestSent: true, code, cause: error });
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value: string, name: string) => {
      headers[name.toLowerCase()] = value;
    });
    const body: unknown = response.data !== undefined ? response.data : response.content === '' ? undefined : response.content;
    const result: HttpResponse = { status: response.status, headers, body };
    return result;
  };
}

function isRefreshAuthError(error: unknown): boolean {
  return error instanceof Error && error.name === 'RefreshAuthError';
}

/** Errors of zapier-platform-core itself (RefreshAuthError, ThrottledError, HaltedError ...): Zapier acts on them. */
export function isZapierError(error: unknown): boolean {
  return error instanceof Error && ZAPIER_ERROR_NAMES.has(error.name);
}

const ZAPIER_ERROR_NAMES = new Set([
  'AppError',
  'ThrottledError',
  'ResponseError',
  'RefreshAuthError',
  'ExpiredAuthError',
  'HaltedError',
  'StopRequestError',
  'CheckError',
  'DehydrateError',
]);
