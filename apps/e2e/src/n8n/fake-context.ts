// A small stand-in for n8n's IExecuteFunctions / ILoadOptionsFunctions, faithful to n8n 1.123 where it
// matters (read from n8n-core's request helpers and n8n-workflow's NodeApiError):
// - credentials authenticate requests: header credentials through their `authenticate`, OAuth2 client
//   credentials by fetching a token, and a new one once when a request THROWS 401;
// - an error status is returned only with `ignoreHttpStatusErrors`; otherwise the helper throws a
//   NodeApiError that keeps `httpCode` but not the response (n8n-workflow 1.120 drops an Error `cause`);
// - a network error becomes a NodeApiError whose message describes the error code.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, ICredentialType, IExecuteFunctions, IHttpRequestOptions, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

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
  oneTrustOAuth2Api: loadCredential('OneTrustOAuth2Api'),
};

export interface HelperCall {
  credentialType: string;
  options: IHttpRequestOptions;
}

export interface FakeOptions {
  items: Record<string, unknown>[];
  credentialType: string;
  credentials: ICredentialDataDecryptedObject;
  continueOnFail?: boolean;
  /** Replaces the network: answers each call (for asserting what the node hands to the helper). */
  respond?: (call: HelperCall) => { statusCode: number; body?: unknown; headers?: Record<string, string> };
}

const CODE_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'The service refused the connection - perhaps it is offline',
  ECONNRESET: 'The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.',
  ECONNABORTED: 'The connection was aborted, perhaps the server is offline',
};

function nodeApiError(message: string, extra: Record<string, unknown>) {
  return Object.assign(new Error(message), { name: 'NodeApiError', messages: [], ...extra });
}

async function send(options: IHttpRequestOptions) {
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: options.method,
      headers: { ...(options.json ? { 'content-type': 'application/json' } : {}), ...(options.headers as Record<string, string>) },
      body: options.body === undefined ? undefined : options.json ? JSON.stringify(options.body) : new URLSearchParams(options.body as Record<string, string>),
      signal: AbortSignal.timeout(options.timeout ?? 30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const code = (error as Error).name === 'TimeoutError' ? 'ECONNABORTED' : (cause?.code ?? 'ECONNRESET');
    throw nodeApiError(CODE_MESSAGES[code] ?? 'socket hang up', { httpCode: null, messages: [code === 'ECONNABORTED' ? `timeout of ${options.timeout}ms exceeded` : `${code}`] });
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? '' : JSON.parse(text);
  } catch {
    // not JSON
  }
  const headers = Object.fromEntries(response.headers);
  if (response.status >= 400 && !options.ignoreHttpStatusErrors) throw nodeApiError(`Request failed with status code ${response.status}`, { httpCode: String(response.status) });
  return { statusCode: response.status, headers, body };
}

export function fakeContext(options: FakeOptions) {
  const calls: HelperCall[] = [];
  const node = { name: 'Links', type: 'test', typeVersion: 1, id: '1', position: [0, 0], parameters: {} } as unknown as INode;
  let oauthToken: string | undefined;
  const tokenCalls = { count: 0 };

  async function oauthRequest(requestOptions: IHttpRequestOptions) {
    const data = options.credentials;
    const tokenUrl = `${(data.baseUrl as string) || `https://${data.hostname}`}/api/access/v1/oauth/token`;
    const fetchToken = async () => {
      tokenCalls.count++;
      const response = await send({ method: 'POST', url: tokenUrl, body: { grant_type: 'client_credentials', client_id: data.clientId, client_secret: data.clientSecret } } as IHttpRequestOptions);
      oauthToken = (response.body as { access_token: string }).access_token;
    };
    if (!oauthToken) await fetchToken();
    const signed = () => ({ ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${oauthToken}` } });
    try {
      return await send(signed());
    } catch (error) {
      if ((error as { httpCode?: string }).httpCode !== '401') throw error;
      await fetchToken();
      return send(signed());
    }
  }

  const helpers = {
    async httpRequestWithAuthentication(credentialType: string, requestOptions: IHttpRequestOptions) {
      calls.push({ credentialType, options: requestOptions });
      if (options.respond) {
        const answer = options.respond({ credentialType, options: requestOptions });
        if (answer.statusCode >= 400 && !requestOptions.ignoreHttpStatusErrors) throw nodeApiError(`Request failed with status code ${answer.statusCode}`, { httpCode: String(answer.statusCode) });
        return { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: answer.body };
      }
      const type = CREDENTIAL_TYPES[credentialType]!;
      if (type.extends?.includes('oAuth2Api')) return oauthRequest(requestOptions);
      const authenticate = type.authenticate as (c: ICredentialDataDecryptedObject, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
      return send(await authenticate(options.credentials, requestOptions));
    },
  };

  const context = {
    helpers,
    getInputData: (): INodeExecutionData[] => options.items.map(() => ({ json: {} })),
    getNode: () => node,
    continueOnFail: () => options.continueOnFail ?? false,
    getCredentials: async (type: string) => {
      if (type !== options.credentialType) throw new Error(`unexpected credential type ${type}`);
      return options.credentials;
    },
    getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
      const value = options.items[itemIndex]?.[name];
      return value === undefined ? fallback : value;
    },
  };
  return { context, calls, tokenCalls };
}
