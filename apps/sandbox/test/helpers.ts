import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox, type SandboxOptions } from '../src/index.js';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** fetch + read the body; `json` is the parsed body or undefined when it is empty or not JSON. */
export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, init);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: parsed };
}

export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Starts a sandbox for the describe block and resets it before each test. */
export function useSandbox(options: SandboxOptions = {}): { readonly sandbox: Sandbox } {
  const holder: { sandbox?: Sandbox } = {};
  beforeAll(async () => {
    holder.sandbox = await startSandbox(options);
  });
  afterAll(async () => {
    await holder.sandbox?.close();
  });
  beforeEach(() => {
    holder.sandbox?.state.reset();
  });
  return {
    get sandbox() {
      if (!holder.sandbox) throw new Error('sandbox not started');
      return holder.sandbox;
    },
  };
}

export async function onetrustToken(sandbox: Sandbox, clientId: string = SANDBOX_CREDENTIALS.onetrust.clientId, clientSecret: string = SANDBOX_CREDENTIALS.onetrust.clientSecret): Promise<string> {
  const reply = await call(`${sandbox.url}/api/access/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
  });
  if (reply.status !== 200) throw new Error(`token: ${reply.status} ${reply.text}`);
  return (reply.json as { access_token: string }).access_token;
}

export const trackerHeaders = {
  authorization: `OAuth ${SANDBOX_CREDENTIALS.yandexTracker.oauthToken}`,
  'x-org-id': SANDBOX_CREDENTIALS.yandexTracker.orgId,
};

export const devrevHeaders = { authorization: `Bearer ${SANDBOX_CREDENTIALS.devrev.token}` };
