import type { ProviderId } from '@links/core';
import { type FaultSpec, SANDBOX_CREDENTIALS as C, type Sandbox, type SandboxSnapshot, startSandbox } from '@links/sandbox';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as zapier from 'zapier-platform-core';
import { defineZapierApp, type ZapierApp } from '../src/index.js';

export const PACKAGE_DIR = join(__dirname, '..');
export const APP_IDS: ProviderId[] = ['onetrust', 'yandex-tracker', 'devrev'];

/** The app as its index.js defines it, but from source: the version from its package.json. */
export function sourceApp(id: ProviderId): ZapierApp {
  const { version } = JSON.parse(readFileSync(join(PACKAGE_DIR, 'apps', id, 'package.json'), 'utf8')) as { version: string };
  return defineZapierApp(id, { version, platformVersion: zapier.version });
}

/** The connection a Zapier user would make against the sandbox (Base URL pointed at it). */
export function sandboxAuthData(id: ProviderId, sandbox: Sandbox): Record<string, string> {
  switch (id) {
    case 'onetrust':
      return { ...C.onetrust, baseUrl: sandbox.url };
    case 'yandex-tracker':
      return { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url };
    case 'devrev':
      return { token: C.devrev.token, baseUrl: sandbox.url };
  }
}

/** Every secret the sandbox accepts: none may appear in an error message or a result. */
export const ALL_SECRETS = [
  C.onetrust.clientSecret,
  C.yandexTracker.oauthToken,
  C.yandexTracker.iamToken,
  C.devrev.token,
  'wrong-secret-value',
];

export function expectNoSecret(value: unknown, extraSecrets: readonly string[] = []): void {
  const text =
    value instanceof Error ? `${value.name} ${value.message} ${value.stack ?? ''} ${JSON.stringify(value)}` : typeof value === 'string' ? value : JSON.stringify(value);
  for (const secret of [...ALL_SECRETS, ...extraSecrets]) expect(text).not.toContain(secret);
}

export async function withSandbox(): Promise<Sandbox> {
  return startSandbox({ port: 0 });
}

/** The sandbox's admin API, as a test would drive it over HTTP. */
export const admin = {
  async post(sandbox: Sandbox, path: string, body?: unknown): Promise<void> {
    const response = await fetch(`${sandbox.url}/__admin/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`admin ${path}: HTTP ${response.status} ${await response.text()}`);
  },
  fault: (sandbox: Sandbox, fault: FaultSpec) => admin.post(sandbox, 'faults', fault),
  reset: (sandbox: Sandbox) => admin.post(sandbox, 'reset'),
  expireTokens: (sandbox: Sandbox) => admin.post(sandbox, 'expire-tokens'),
  async state(sandbox: Sandbox): Promise<SandboxSnapshot> {
    const response = await fetch(`${sandbox.url}/__admin/state`);
    return (await response.json()) as SandboxSnapshot;
  },
};

/** What a Zapier error says: zapier-platform-core serializes `{ message, code, status }` or `{ message, delay }` as JSON. */
export function zapierErrorDetails(error: unknown): { name: string; message: string; code?: string; status?: number; delay?: number | null } {
  if (!(error instanceof Error)) throw new Error(`not an error: ${String(error)}`);
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(error.message) as Record<string, unknown>;
  } catch {
    details = { message: error.message };
  }
  return { name: error.name, ...(details as { message: string }) };
}

/** Runs a step and returns the error it throws (fails the test when it does not throw). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the step to fail, but it succeeded');
}

/** zapier-platform-core exports `createAppHandler` (what `zapier-platform validate` runs), but its types leave it out. */
export const createAppHandler = (zapier as unknown as { createAppHandler(app: object): (event: { command: string; [field: string]: unknown }) => Promise<{ results: unknown }> })
  .createAppHandler;

/**
 * Zapier's cursor store, as zapier-platform-core reaches it: `z.cursor.get()` / `z.cursor.set()` are RPC calls
 * (`get_cursor`, `set_cursor`) that the Lambda handler POSTs to the invocation's `rpc_base` with its `X-Token`, each
 * naming the event's `storeKey` (one per dropdown and user); the answer is `{ id, result }`. This loopback server is
 * that store. (The app tester's own stand-in, `cursorTestObj`, keys the value by itself and cannot hold one.)
 */
export interface CursorStore {
  /** The invocation fields that point z.cursor here. */
  event(storeKey: string): { rpc_base: string; token: string; storeKey: string };
  /** The cursor held for a dropdown. */
  cursor(storeKey: string): string | undefined;
  /** Puts a cursor in the store, as a forged or stale one would be. */
  put(storeKey: string, cursor: string): void;
  /** Every RPC call received, in order. */
  calls: { storeKey: string; method: string; params: unknown[] }[];
  close(): Promise<void>;
}

export async function startCursorStore(): Promise<CursorStore> {
  const token = 'rpc-token-for-the-test';
  const cursors = new Map<string, string>();
  const calls: CursorStore['calls'] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const answer = (status: number, content: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(content));
      // The log stream, which a token in the event would otherwise send to Zapier's log service: taken and dropped.
      if (request.url === '/logs') return answer(200, {});
      if (request.headers['x-token'] !== token) return answer(401, { error: 'bad token' });
      const { id, storeKey, method, params } = JSON.parse(body) as { id: string; storeKey: string; method: string; params: unknown[] };
      calls.push({ storeKey, method, params });
      if (method === 'get_cursor') return answer(200, { id, result: cursors.get(storeKey) ?? null });
      if (method === 'set_cursor' && typeof params[0] === 'string') {
        cursors.set(storeKey, params[0]);
        return answer(200, { id, result: null });
      }
      return answer(200, { id, error: `unexpected RPC ${method}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${base}/rpc`;
  const loggingBefore = process.env.LOGGING_ENDPOINT;
  process.env.LOGGING_ENDPOINT = `${base}/logs`;
  return {
    event: (storeKey) => ({ rpc_base: url, token, storeKey }),
    cursor: (storeKey) => cursors.get(storeKey),
    put: (storeKey, cursor) => void cursors.set(storeKey, cursor),
    calls,
    close: async () => {
      if (loggingBefore === undefined) delete process.env.LOGGING_ENDPOINT;
      else process.env.LOGGING_ENDPOINT = loggingBefore;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
