// `n8n start` on a free loopback port of an N8nInstance's home, with an owner, and the REST calls n8n's editor
// makes: the credential Test button, creating a credential, and the dynamic parameters of a node (the options of
// a `loadOptionsMethod` dropdown, the results of a resource locator's `searchListMethod`, page by page). Routes and
// payloads are the same in n8n 1.123 and 2.41: POST /rest/dynamic-node-parameters/options and
// /rest/dynamic-node-parameters/resource-locator-results with { path, nodeTypeAndVersion, currentNodeParameters,
// methodName, credentials, filter?, paginationToken? }; every answer is `{ data }`.
import type { ChildProcess } from 'node:child_process';
import { freePort, type N8nInstance } from './instance.js';

/** A credential as the editor sends it: its id and name (which n8n looks up), its type, and its data to test. */
export interface ServerCredential {
  id: string;
  name: string;
  type: string;
  data: Record<string, unknown>;
}

/** What the editor sends for a dynamic parameter of one node. */
export interface DynamicParameterRequest {
  /** The node type: `n8n-nodes-links.devRev`. */
  nodeType: string;
  /** The parameter's path: `parameters.source`. */
  path: string;
  methodName: string;
  /** The node's parameters as they are in the editor (siblings a search depends on). */
  parameters: Record<string, unknown>;
  /** By credential type: `{ devRevApi: { id, name } }`. */
  credentials: Record<string, { id: string; name: string }>;
}

export interface ListSearchPage {
  results: { name: string; value: string; url?: string }[];
  paginationToken?: string;
}

/** An answer n8n gave with an error status: its status and message. */
export class N8nRestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class N8nServer {
  private process?: ChildProcess;
  private cookie = '';
  private log = '';
  url = '';

  /** Starts `n8n start` on 127.0.0.1 (a port it picks) and sets up the owner, logged in for the calls that follow. */
  async start(instance: N8nInstance): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    this.process = await instance.spawn(['start'], {
      N8N_PORT: String(port),
      N8N_LISTEN_ADDRESS: '127.0.0.1',
      N8N_SECURE_COOKIE: 'false',
      N8N_PERSONALIZATION_ENABLED: 'false',
    });
    this.process.stdout!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    this.process.stderr!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    const deadline = Date.now() + 120_000;
    // Ready once n8n says its editor is served on this port (so this port is n8n's) and the REST routes, which
    // are registered a few seconds after, have the owner setup.
    for (;;) {
      const listening = this.log.includes('Editor is now accessible via');
      const status = listening
        ? await this.call('POST', '/rest/owner/setup', {}).then(
            (r) => r.status,
            () => 0,
          )
        : 0;
      if (status !== 0 && status !== 404) break;
      if (Date.now() > deadline || this.process.exitCode !== null) throw new Error(`n8n start did not become ready:\n${this.log}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const setup = await this.call('POST', '/rest/owner/setup', { email: 'owner@links.test', firstName: 'Links', lastName: 'Test', password: 'Links-e2e-2026' });
    if (!setup.ok) throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
  }

  /** What n8n printed since it started. */
  get output(): string {
    return this.log;
  }

  async call(method: string, path: string, payload?: unknown): Promise<Response> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'browser-id': 'links-e2e', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return response;
  }

  /** A call whose `{ data }` is returned; an error status throws N8nRestError with n8n's message. */
  private async data<T>(method: string, path: string, payload: unknown): Promise<T> {
    const response = await this.call(method, path, payload);
    const text = await response.text();
    if (!response.ok) {
      const message = (() => {
        try {
          return String((JSON.parse(text) as { message?: unknown }).message ?? text);
        } catch {
          return text;
        }
      })();
      throw new N8nRestError(response.status, message);
    }
    return (JSON.parse(text) as { data: T }).data;
  }

  /** The editor's Test button: POST /rest/credentials/test with the credential's data. */
  async testCredential(credential: ServerCredential): Promise<{ status: string; message: string }> {
    return this.data('POST', '/rest/credentials/test', { credentials: credential });
  }

  /** The editor's "Save" of a new credential (n8n encrypts its data): its id and name. */
  async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string; name: string }> {
    const created = await this.data<{ id: string; name: string }>('POST', '/rest/credentials', { name, type, data });
    return { id: created.id, name: created.name };
  }

  private dynamicPayload(request: DynamicParameterRequest) {
    return {
      path: request.path,
      nodeTypeAndVersion: { name: request.nodeType, version: 1 },
      currentNodeParameters: request.parameters,
      methodName: request.methodName,
      credentials: request.credentials,
    };
  }

  /** A `loadOptionsMethod` dropdown's options, as the editor loads them. */
  async loadOptions(request: DynamicParameterRequest): Promise<{ name: string; value: string; description?: string }[]> {
    return this.data('POST', '/rest/dynamic-node-parameters/options', this.dynamicPayload(request));
  }

  /** One page of a resource locator's From List results (the next with the token the last page gave). */
  async listSearch(request: DynamicParameterRequest, filter?: string, paginationToken?: string): Promise<ListSearchPage> {
    return this.data('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
      ...this.dynamicPayload(request),
      ...(filter === undefined ? {} : { filter }),
      ...(paginationToken === undefined ? {} : { paginationToken }),
    });
  }

  async stop(): Promise<void> {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process!.once('exit', resolve));
    this.process.kill('SIGTERM');
    await exited;
  }
}
