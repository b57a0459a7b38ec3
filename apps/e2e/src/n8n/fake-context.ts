// A small stand-in for n8n's IExecuteFunctions / ILoadOptionsFunctions and its credential test, faithful to
// n8n 1.123 where it matters (read from n8n-core 1.122's request helpers, n8n 1.123's credentials helper and
// credentials tester, and n8n-workflow 1.120's NodeApiError, which it uses):
// - `httpRequestWithAuthentication`: the credential's `preAuthentication` runs when its expirable hidden field
//   is empty (what it returns is stored in the credential), then its `authenticate`, then the request; when the
//   request THROWS 401, `preAuthentication` runs again and the request is repeated; every error is wrapped in
//   n8n-workflow's NodeApiError (which passes a NodeApiError through unchanged);
// - requests go out as axios would send them (a string body as it is, an object as JSON or, with a form
//   content type, as a form); an error status is returned only with `ignoreHttpStatusErrors`, otherwise axios
//   throws an AxiosError with the response, and a network error is an AxiosError with the error code;
// - a credential test is the `credentialTest` method the node names in `testedBy`, called with n8n's credential
//   test context (whose only request helper is the request-library style `request`) and the credential's data
//   with its defaults;
// - `ssrfProtection`: n8n 2.41 with N8N_SSRF_PROTECTION_ENABLED=true and its default blocked ranges. A request to
//   a loopback or private address is refused before connecting with `SsrfBlockedIpError` (a UserError, from
//   @n8n/backend-network 1.15), which the request helper wraps in a NodeApiError that keeps it as `cause`.
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { join } from 'node:path';
import {
  type ICredentialDataDecryptedObject,
  type ICredentialType,
  type IExecuteFunctions,
  type IHttpRequestOptions,
  type INode,
  type INodeCredentialTestResult,
  type INodeExecutionData,
  type INodeType,
  NodeApiError,
  UserError,
} from 'n8n-workflow';

// The BUILT package, as n8n loads it (apps/e2e is the working directory of its scripts and tests).
const load = createRequire(join(process.cwd(), 'package.json'));
const dist = 'n8n-nodes-links/dist';

/** A node class of the built package: `loadNode('DevRev')`. */
export function loadNode(name: string): INodeType & { execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> } {
  const NodeClass = (load(`${dist}/nodes/${name}/${name}.node.js`) as Record<string, new () => never>)[name]!;
  return new NodeClass();
}

/** A credential class of the built package: `loadCredential('DevRevApi')`. */
export function loadCredential(name: string): ICredentialType {
  const CredentialClass = (load(`${dist}/credentials/${name}.credentials.js`) as Record<string, new () => ICredentialType>)[name]!;
  return new CredentialClass();
}

const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
  devRevApi: loadCredential('DevRevApi'),
  yandexTrackerApi: loadCredential('YandexTrackerApi'),
  oneTrustApi: loadCredential('OneTrustApi'),
};
const NODE_NAMES = ['OneTrust', 'YandexTracker', 'DevRev'];

export interface HelperCall {
  credentialType: string;
  options: IHttpRequestOptions;
}

/** A request as it left for the network: what a server receives. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface FakeOptions {
  items: Record<string, unknown>[];
  credentialType: string;
  /** The stored credential; `preAuthentication` results are written into it, as n8n stores them. */
  credentials: ICredentialDataDecryptedObject;
  continueOnFail?: boolean;
  /** Replaces the network: answers each call (for asserting what the node hands to the helper). */
  respond?: (call: HelperCall) => { statusCode: number; body?: unknown; headers?: Record<string, string> };
  /** n8n 2.41's SSRF protection with its default ranges (loopback and private addresses are refused). */
  ssrfProtection?: boolean;
  /** Every connection attempt fails with this error code (EHOSTUNREACH, ENETUNREACH), as axios reports it. */
  failConnect?: string;
}

/** axios's error: n8n's NodeApiError reads the HTTP code of an error whose class is named AxiosError. */
class AxiosError extends Error {
  readonly isAxiosError = true;
  constructor(
    message: string,
    readonly code: string,
    readonly response?: { status: number; data: unknown; headers: Record<string, string> },
  ) {
    super(message);
    this.name = 'AxiosError';
  }
}

/** @n8n/backend-network 1.15's SsrfBlockedIpError, as `validateIp` throws it (without the host name). */
class SsrfBlockedIpError extends UserError {
  constructor(
    readonly ip: string,
    readonly hostname?: string,
  ) {
    const target = hostname ? `'${hostname}' (${ip})` : ip;
    super('The request was blocked because it resolves to a restricted IP address', {
      description:
        `The target ${target} is not allowed. ` +
        'This is a security measure to prevent Server-Side Request Forgery (SSRF). ' +
        'If you need to access internal resources, ask your n8n administrator to allowlist ' +
        'the hostname or IP range in the environment configuration.',
      extra: { ip, hostname },
    });
    this.name = 'SsrfBlockedIpError';
  }
}

/** The address n8n 2.41 would refuse by default (loopback, private, link-local, "this network"), if any. */
function blockedAddress(url: string): string | null {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const ip = host === 'localhost' ? '127.0.0.1' : host;
  if (isIP(ip) === 4) return /^(127|10|0)\.|^192\.168\.|^172\.(1[6-9]|2\d|3[01])\.|^169\.254\./.test(ip) ? ip : null;
  if (isIP(ip) === 6) return /^(::1$|f[cd]|fe[89ab])/i.test(ip) ? ip : null;
  return null;
}

function hasHeader(headers: Record<string, string>, name: string): string | undefined {
  return Object.keys(headers).find((key) => key.toLowerCase() === name);
}

/** The body as axios serializes what n8n hands it. */
function serialize(body: unknown, headers: Record<string, string>): string | undefined {
  if (typeof body === 'string') {
    if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return body;
  }
  if (body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0)) return undefined;
  const contentType = hasHeader(headers, 'content-type');
  if (contentType && headers[contentType] === 'application/x-www-form-urlencoded') return new URLSearchParams(body as Record<string, string>).toString();
  if (!contentType) headers['Content-Type'] = 'application/json';
  return JSON.stringify(body);
}

/** axios's default response parsing: JSON where it parses, the text otherwise. */
function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface AxiosLikeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  timeout?: number;
  /** axios `validateStatus: () => true`. */
  anyStatus: boolean;
}

export function fakeContext(options: FakeOptions) {
  const calls: HelperCall[] = [];
  const wire: WireRequest[] = [];
  const node = { name: 'Links', type: 'test', typeVersion: 1, id: '1', position: [0, 0], parameters: {}, credentials: { [options.credentialType]: { id: '1', name: 'Test' } } } as unknown as INode;
  const tokenCalls = { count: 0 };

  async function axios(request: AxiosLikeRequest) {
    if (options.ssrfProtection) {
      const blocked = blockedAddress(request.url);
      if (blocked) throw new SsrfBlockedIpError(blocked);
    }
    const headers = { ...request.headers };
    const body = serialize(request.body, headers);
    wire.push({ method: request.method, url: request.url, headers, body });
    if (/\/oauth\/token$/.test(new URL(request.url).pathname)) tokenCalls.count++;
    if (options.failConnect) throw new AxiosError(`connect ${options.failConnect} ${new URL(request.url).host}`, options.failConnect);
    let response: Response;
    try {
      response = await fetch(request.url, { method: request.method, headers, body, signal: AbortSignal.timeout(request.timeout ?? 300_000) });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw new AxiosError(`timeout of ${request.timeout}ms exceeded`, 'ECONNABORTED');
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH') throw new AxiosError(`connect ${code} ${new URL(request.url).host}`, code);
      throw new AxiosError('socket hang up', 'ECONNRESET');
    }
    const text = await response.text();
    const result = { status: response.status, data: text === '' ? '' : parse(text), headers: Object.fromEntries(response.headers) };
    if (response.status >= 400 && !request.anyStatus) {
      throw new AxiosError(`Request failed with status code ${response.status}`, response.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST', result);
    }
    return result;
  }

  /** n8n-core's `httpRequest` (the execute context's `helpers.httpRequest`). */
  async function httpRequest(requestOptions: IHttpRequestOptions) {
    const headers = { ...(requestOptions.headers as Record<string, string>) };
    if (requestOptions.json && !hasHeader(headers, 'accept')) headers.Accept = 'application/json';
    if (!hasHeader(headers, 'user-agent')) headers['User-Agent'] = 'n8n';
    const result = await axios({ method: requestOptions.method ?? 'GET', url: requestOptions.url, headers, body: requestOptions.body, timeout: requestOptions.timeout, anyStatus: !!requestOptions.ignoreHttpStatusErrors });
    return requestOptions.returnFullResponse ? { body: result.data, headers: result.headers, statusCode: result.status } : result.data;
  }

  /** The stored credential with the defaults of its fields, as n8n decrypts it for a request. */
  function decrypted(type: ICredentialType): ICredentialDataDecryptedObject {
    const defaults = Object.fromEntries(type.properties.map((p) => [p.name, p.default]));
    return { ...defaults, ...options.credentials } as ICredentialDataDecryptedObject;
  }

  /** n8n 1.123's `CredentialsHelper.preAuthentication`. */
  async function preAuthentication(type: ICredentialType, credentials: ICredentialDataDecryptedObject, expired: boolean) {
    const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
    if (!expirable || typeof type.preAuthentication !== 'function') return;
    if (credentials[expirable.name] !== '' && !expired) return;
    const output = await type.preAuthentication.call({ helpers: { httpRequest } } as never, credentials);
    if (output[expirable.name] === undefined) return;
    Object.assign(options.credentials, output);
    Object.assign(credentials, output);
  }

  /** n8n's NodeApiError around what failed; n8n 2.41's keeps an Error as `cause` (1.120's drops it). */
  function wrap(error: unknown): NodeApiError {
    const wrapped = new NodeApiError(node, error as never);
    if (options.ssrfProtection && error instanceof Error && wrapped !== error) Object.defineProperty(wrapped, 'cause', { value: error, enumerable: false });
    return wrapped;
  }

  /** n8n-core 1.122's `httpRequestWithAuthentication`. */
  async function withAuthentication(credentialType: string, requestOptions: IHttpRequestOptions) {
    const type = CREDENTIAL_TYPES[credentialType]!;
    const authenticate = type.authenticate as (c: ICredentialDataDecryptedObject, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
    let credentials: ICredentialDataDecryptedObject | undefined;
    try {
      credentials = decrypted(type);
      await preAuthentication(type, credentials, false);
      return await httpRequest(await authenticate(credentials, requestOptions));
    } catch (error) {
      if ((error as AxiosError).response?.status === 401) {
        try {
          if (credentials) await preAuthentication(type, credentials, true);
          return await httpRequest(await authenticate(credentials!, requestOptions));
        } catch (retryError) {
          throw wrap(retryError);
        }
      }
      throw wrap(error);
    }
  }

  const helpers = {
    httpRequest,
    async httpRequestWithAuthentication(credentialType: string, requestOptions: IHttpRequestOptions) {
      calls.push({ credentialType, options: requestOptions });
      if (options.respond) {
        const answer = options.respond({ credentialType, options: requestOptions });
        if (answer.statusCode >= 400 && !requestOptions.ignoreHttpStatusErrors) {
          throw wrap(new AxiosError(`Request failed with status code ${answer.statusCode}`, 'ERR_BAD_REQUEST', { status: answer.statusCode, data: answer.body, headers: {} }));
        }
        return { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: answer.body };
      }
      return withAuthentication(credentialType, requestOptions);
    },
  };

  /** n8n 1.123's credential test context: only the request-library style `request` (proxied to axios). */
  const credentialTestContext = {
    helpers: {
      async request(requestOptions: { uri: string; method?: string; headers?: Record<string, string>; body?: unknown; json?: boolean; simple?: boolean; resolveWithFullResponse?: boolean; timeout?: number }) {
        const headers = { ...requestOptions.headers };
        if (requestOptions.json && !hasHeader(headers, 'accept')) headers.Accept = 'application/json';
        const result = await axios({ method: requestOptions.method ?? 'GET', url: requestOptions.uri, headers, body: requestOptions.body, timeout: requestOptions.timeout, anyStatus: requestOptions.simple === false });
        const body = result.data === '' ? undefined : requestOptions.json ? result.data : typeof result.data === 'string' ? result.data : JSON.stringify(result.data);
        return requestOptions.resolveWithFullResponse ? { body, headers: result.headers, statusCode: result.status } : body;
      },
    },
  };

  /** n8n 1.123's `CredentialsTester.testCredentials` for a credential tested by a node (`testedBy`). */
  async function testCredential(): Promise<INodeCredentialTestResult> {
    const type = CREDENTIAL_TYPES[options.credentialType]!;
    if (type.test) throw new Error(`${options.credentialType} has a declarative test; n8n would use it instead of testedBy`);
    for (const name of NODE_NAMES) {
      const nodeType = loadNode(name);
      const entry = nodeType.description.credentials?.find((c) => c.name === options.credentialType);
      if (!entry || typeof entry.testedBy !== 'string') continue;
      const test = nodeType.methods?.credentialTest?.[entry.testedBy];
      if (!test) throw new Error(`${name} names credential test ${entry.testedBy}, which it does not have`);
      return test.call(credentialTestContext as never, { id: '1', name: 'Test', type: options.credentialType, data: decrypted(type) });
    }
    return { status: 'Error', message: 'No testing function found for this credential.' };
  }

  const context = {
    helpers,
    getInputData: (): INodeExecutionData[] => options.items.map(() => ({ json: {} })),
    getNode: () => node,
    continueOnFail: () => options.continueOnFail ?? false,
    getCredentials: async (type: string) => {
      if (type !== options.credentialType) throw new Error(`unexpected credential type ${type}`);
      return decrypted(CREDENTIAL_TYPES[type]!);
    },
    getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
      const value = options.items[itemIndex]?.[name];
      return value === undefined ? fallback : value;
    },
    // In a load-options context (a dropdown, a list search): the node's current parameters are the first item's.
    getCurrentNodeParameter: (name: string) => options.items[0]?.[name],
  };
  return { context, calls, wire, tokenCalls, testCredential };
}
