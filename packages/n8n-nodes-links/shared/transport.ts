import { type AnyProvider, type HttpResponse, NetworkError, TimeoutError, type Transport } from '@links/core';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

/** How long to wait for each response unless the node's Options say otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Requests in flight at once unless the node's Options say otherwise. */
export const DEFAULT_PARALLEL_REQUESTS = 4;

interface FullResponse {
  statusCode: number;
  headers?: Record<string, unknown>;
  body?: unknown;
}

/**
 * Core's transport over n8n's authenticated request helper. Error statuses come back as responses
 * (`ignoreHttpStatusErrors`), because the error n8n throws keeps only the status code, not the API's message.
 * n8n fetches a new OAuth2 token only when a request throws 401, so for OneTrust a 401 is sent once more
 * with throwing allowed: n8n then refreshes the token and repeats the request (a 401 was refused, so this
 * cannot create a link twice).
 */
export function n8nTransport(
  context: IExecuteFunctions | ILoadOptionsFunctions,
  credentialType: string,
  provider: AnyProvider,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Transport {
  const send = async (options: IHttpRequestOptions): Promise<HttpResponse> => {
    const response = (await context.helpers.httpRequestWithAuthentication.call(context, credentialType, options)) as FullResponse;
    return {
      status: response.statusCode,
      headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)])),
      body: response.body === '' || response.body === null ? undefined : response.body,
    };
  };
  return async (request) => {
    const options: IHttpRequestOptions = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: (request.json ?? request.form) as IDataObject | undefined,
      json: request.json !== undefined,
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
      timeout: timeoutMs,
    };
    try {
      const response = await send(options);
      if (response.status !== 401 || provider.auth.type !== 'client-credentials') return response;
      return await send({ ...options, ignoreHttpStatusErrors: false });
    } catch (error) {
      const status = Number((error as { httpCode?: unknown }).httpCode);
      // A status n8n threw (the refresh did not help): the API's message is lost, the status is not.
      if (status >= 400) return { status, headers: {}, body: undefined };
      throw toTransportError(provider, timeoutMs, error);
    }
  };
}

/**
 * n8n replaces a network error with a NodeApiError whose message describes the error code (and keeps the
 * original message in `messages`), so the kind is read from that text.
 */
function toTransportError(provider: AnyProvider, timeoutMs: number, error: unknown): Error {
  const { message, messages, code } = (error ?? {}) as { message?: string; messages?: string[]; code?: string };
  const text = [code, message, ...(messages ?? [])].join(' ');
  if (/ECONNABORTED|ETIMEDOUT|timeout of \d+ms|timed out|connection was aborted/i.test(text)) return new TimeoutError(provider.id, timeoutMs);
  const refused = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|refused the connection/i.test(text);
  const what = refused
    ? 'the server could not be reached; nothing was sent'
    : 'the connection failed after the request was sent; the link may or may not have been created';
  return new NetworkError(provider.id, `Network error: ${what}`, { requestSent: !refused, code: code ?? null, cause: error });
}
