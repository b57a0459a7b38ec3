import { type AnyProvider, type ErrorKind, type HttpRequest, type HttpResponse, isLinksError, LinksError, NetworkError, requestWasSent, TimeoutError, type Transport } from '@links/core';
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

/** What a request was for, so that a failure says what it means for the user. */
export type RequestPurpose = 'create' | 'token' | 'read';

/**
 * Core's request in the shape n8n's request helpers take. A form body goes as the encoded string with its
 * content type: n8n hands an object body to axios, which would send it as JSON.
 */
function toN8nOptions(request: HttpRequest, timeoutMs: number): IHttpRequestOptions {
  const form = request.form ? new URLSearchParams(request.form).toString() : undefined;
  return {
    method: request.method,
    url: request.url,
    headers: form === undefined ? request.headers : { ...request.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form ?? (request.json as IDataObject | undefined),
    json: request.json !== undefined,
    returnFullResponse: true,
    ignoreHttpStatusErrors: true,
    timeout: timeoutMs,
  };
}

function fromN8nResponse(response: FullResponse): HttpResponse {
  return {
    status: response.statusCode,
    headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)])),
    body: response.body === '' || response.body === null ? undefined : response.body,
  };
}

/**
 * Core's transport over n8n's authenticated request helper. Error statuses come back as responses
 * (`ignoreHttpStatusErrors`), because the error n8n throws keeps only the status code, not the API's message.
 * n8n fetches a new OneTrust token (the credential's `preAuthentication`) only when a request THROWS 401, so
 * for OneTrust a 401 is sent once more with throwing allowed: n8n then fetches a token and repeats the request
 * (a 401 was refused, so this cannot create a link twice).
 */
export function n8nTransport(
  context: IExecuteFunctions | ILoadOptionsFunctions,
  credentialType: string,
  provider: AnyProvider,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  purpose: RequestPurpose = 'create',
): Transport {
  const send = async (options: IHttpRequestOptions): Promise<HttpResponse> =>
    fromN8nResponse((await context.helpers.httpRequestWithAuthentication.call(context, credentialType, options)) as FullResponse);
  return async (request) => {
    const options = toN8nOptions(request, timeoutMs);
    let afterRefusal = false;
    try {
      const response = await send(options);
      if (response.status !== 401 || provider.auth.type !== 'client-credentials') return response;
      afterRefusal = true;
      return await send({ ...options, ignoreHttpStatusErrors: false });
    } catch (error) {
      if (tokenFailureIn(error) !== undefined) throw toTransportError(provider, timeoutMs, error, request.url, 'token', afterRefusal);
      const status = Number((error as { httpCode?: unknown }).httpCode);
      // A status n8n threw (the refresh did not help): the API's message is lost, the status is not.
      if (status >= 400) return { status, headers: {}, body: undefined };
      throw toTransportError(provider, timeoutMs, error, request.url, purpose);
    }
  };
}

/** Core's transport over n8n's plain request helper (no credential): the token request of `preAuthentication`. */
export function plainTransport(
  httpRequest: (options: IHttpRequestOptions) => Promise<unknown>,
  provider: AnyProvider,
  purpose: RequestPurpose,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Transport {
  return async (request) => {
    try {
      return fromN8nResponse((await httpRequest(toN8nOptions(request, timeoutMs))) as FullResponse);
    } catch (error) {
      throw toTransportError(provider, timeoutMs, error, request.url, purpose);
    }
  };
}

/**
 * Core's transport over the one helper n8n gives a credential test, `request` (request-library options,
 * answered by axios): `simple: false` returns every status, `json: true` parses a JSON answer.
 */
export function credentialTestTransport(request: (options: object) => Promise<unknown>, provider: AnyProvider, timeoutMs = DEFAULT_TIMEOUT_MS): Transport {
  return async (coreRequest) => {
    const { url, method, headers, body } = toN8nOptions(coreRequest, timeoutMs);
    try {
      const response = await request({ uri: url, method, headers, body, json: true, simple: false, resolveWithFullResponse: true, timeout: timeoutMs });
      return fromN8nResponse(response as FullResponse);
    } catch (error) {
      throw toTransportError(provider, timeoutMs, error, coreRequest.url, 'read');
    }
  };
}

/**
 * n8n's own wording for the connection error codes it describes (NodeApiError replaces the message, and does
 * not always keep the code), so that the code can be recovered and core decide whether the request was sent.
 */
const N8N_WORDING: readonly (readonly [RegExp, string])[] = [
  [/refused the connection/i, 'ECONNREFUSED'],
  [/connection cannot be established/i, 'ENOTFOUND'],
  [/DNS server returned an error/i, 'EAI_AGAIN'],
  [/host is unreachable/i, 'EHOSTUNREACH'],
];

/**
 * The connection error codes what n8n threw names: its `code`, the codes its messages name, and those its
 * wording describes. Core's `requestWasSent` decides what each means.
 */
function connectionErrorCodes(error: unknown): string[] {
  const code = (error as { code?: unknown } | undefined)?.code;
  const text = errorText(error);
  return [
    ...(typeof code === 'string' ? [code] : []),
    ...(text.match(/\bE[A-Z][A-Z_]+\b/g) ?? []),
    ...N8N_WORDING.filter(([pattern]) => pattern.test(text)).map(([, named]) => named),
  ];
}

/** The text n8n wraps around a network error: its code, its message and the original messages n8n keeps. */
function errorText(error: unknown): string {
  const { message, messages, code } = (error ?? {}) as { message?: string; messages?: string[]; code?: string };
  return [code, message, ...(Array.isArray(messages) ? messages : [])].join(' ');
}

/**
 * What n8n threw, as the error core and `toNodeError` understand. A failed token request comes marked by the
 * credential (`TOKEN_FAILURE`). n8n replaces a network error with a NodeApiError whose message describes the
 * error code (and keeps the original message in `messages`), so its kind is read from that text.
 */
function toTransportError(provider: AnyProvider, timeoutMs: number, error: unknown, url: string, purpose: RequestPurpose, afterRefusal = false): Error {
  const tokenFailure = tokenFailureIn(error);
  if (tokenFailure !== undefined) return new TokenRequestError(provider, tokenFailure, afterRefusal);
  const blocked = blockedByN8n(provider, error, url);
  if (blocked) return blocked;
  const text = errorText(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  if (/ECONNABORTED|ETIMEDOUT|timeout of \d+ms|timed out|connection was aborted/i.test(text)) return new TimeoutError(provider.id, timeoutMs);
  const notSent = connectionErrorCodes(error).some((named) => !requestWasSent(named));
  const what = notSent
    ? 'the server could not be reached; nothing was sent'
    : purpose === 'create'
      ? 'the connection failed after the request was sent; the link may or may not have been created'
      : 'the connection failed after the request was sent';
  return new NetworkError(provider.id, `Network error: ${what}`, { requestSent: !notSent, code: typeof code === 'string' ? code : null, cause: error });
}

/** The codes of `BlockedByN8nError`: n8n's SSRF protection refused an address, or a host name. */
/**
 * Sends the first request alone and the others once it has settled (whatever its outcome), so that the token
 * n8n fetches for the first is stored before the others look for one.
 */
export function firstRequestAlone(transport: Transport): Transport {
  let first: Promise<unknown> | null = null;
  return async (request) => {
    if (first) {
      await first;
      return transport(request);
    }
    const response = transport(request);
    first = response.catch(() => undefined);
    return response;
  };
}

export const BLOCKED_IP = 'N8N_SSRF_BLOCKED_IP';
export const BLOCKED_HOSTNAME = 'N8N_SSRF_BLOCKED_HOSTNAME';

/**
 * n8n itself refused to connect (n8n 2's SSRF protection, `N8N_SSRF_PROTECTION_ENABLED`): nothing was sent, and
 * sending again cannot help until an n8n administrator allows the host.
 */
export class BlockedByN8nError extends NetworkError {
  override get isRetryable(): boolean {
    return false;
  }
}

/**
 * n8n 2 throws `SsrfBlockedIpError` / `SsrfBlockedHostnameError` before connecting; its request helper wraps
 * it in a NodeApiError that keeps it as `cause` and its message. Both are recognized.
 */
function blockedByN8n(provider: AnyProvider, error: unknown, url: string): BlockedByN8nError | null {
  const candidates = [error, (error as { cause?: unknown } | undefined)?.cause];
  const found = candidates.find((e) => /^SsrfBlocked(Ip|Hostname)Error$/.test(String((e as { name?: unknown } | undefined)?.name)));
  const text = errorText(error);
  const byIp = found ? (found as { name: string }).name === 'SsrfBlockedIpError' : /resolves to a restricted IP address/i.test(text);
  if (!found && !/request was blocked because (it resolves to a restricted IP address|the destination hostname is restricted)/i.test(text)) return null;
  const host = new URL(url).hostname;
  const ip = (found as { ip?: unknown } | undefined)?.ip;
  const address = typeof ip === 'string' && ip !== host.replace(/^\[|\]$/g, '') ? `${host} (${ip})` : host;
  const message = byIp
    ? `n8n blocked the request to ${address}: its SSRF protection refuses this address; nothing was sent`
    : `n8n blocked the request to ${host}: the host name is on n8n's blocked list (N8N_SSRF_BLOCKED_HOSTNAMES); nothing was sent`;
  return new BlockedByN8nError(provider.id, message, { requestSent: false, code: byIp ? BLOCKED_IP : BLOCKED_HOSTNAME, cause: error });
}

/** Where the credential's `preAuthentication` leaves the failed token request on the error n8n passes on. */
export const TOKEN_FAILURE = 'linksTokenRequestFailure';

function tokenFailureIn(error: unknown): unknown {
  return typeof error === 'object' && error !== null && TOKEN_FAILURE in error ? (error as Record<string, unknown>)[TOKEN_FAILURE] : undefined;
}

/**
 * The token request failed (n8n runs it before the link request, through the credential's
 * `preAuthentication`): no link was created. `afterRefusal`: the link request had been refused with 401 and
 * the new token could not be fetched; otherwise no link request was sent at all.
 */
export class TokenRequestError extends LinksError {
  readonly kind: ErrorKind;
  // Refused or failed token requests were already re-sent where that is safe (core's policy, in preAuthentication).
  readonly isRetryable = false;

  constructor(
    readonly api: AnyProvider,
    readonly reason: unknown,
    readonly afterRefusal: boolean,
  ) {
    super(api.id, reason instanceof Error ? reason.message : String(reason), { cause: reason });
    this.kind = isLinksError(reason) ? reason.kind : 'authentication';
  }
}
