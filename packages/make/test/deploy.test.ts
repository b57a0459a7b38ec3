/**
 * The deploy command against a loopback fake of the Make API routes it calls (node:http), which records
 * every call: what is created, what is updated, in which order, with which bodies and headers.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { appDir, MAKE_APPS } from '../src/apps.js';
import { runDeployCli } from '../src/deploy/main.js';
import { loadLocalApp } from '../src/layout.js';

interface Call {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

interface Named {
  name: string;
  label: string;
  [key: string]: unknown;
}

/** A fake Make API holding one custom app; it answers as Make's API documents and records each call. */
class FakeMake {
  calls: Call[] = [];
  apps = new Set<string>();
  connections: (Named & { app: string; type: string })[] = [];
  rpcs: Named[] = [];
  modules: Named[] = [];
  sections = new Map<string, string>();
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(([status, body]) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    let body = '';
    for await (const chunk of req) body += chunk;
    const path = req.url!.replace(/^\/api\/v2/, '');
    this.calls.push({ method: req.method!, path, authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
    const json = () => JSON.parse(body) as Record<string, unknown>;
    const route = (method: string, pattern: RegExp) => (req.method === method ? pattern.exec(path) : null);
    let m: RegExpExecArray | null;
    if ((m = route('GET', /^\/sdk\/apps\/([^/]+)\/(\d+)$/))) {
      return this.apps.has(m[1]!) ? [200, { app: { name: m[1], version: Number(m[2]) } }] : [404, { message: 'App not found', code: 'IM004' }];
    }
    if ((m = route('PUT', /^\/sdk\/apps\/([^/]+)\/\d+\/(base|readme)$/))) {
      this.sections.set(`app ${m[2]}`, body);
      return [200, { changed: true }];
    }
    if ((m = route('GET', /^\/sdk\/apps\/([^/]+)\/connections$/))) return [200, { appConnections: this.connections.filter((c) => c.app === m![1]) }];
    if ((m = route('POST', /^\/sdk\/apps\/([^/]+)\/connections$/))) {
      const count = this.connections.filter((c) => c.app === m![1]).length;
      const connection = { app: m[1]!, name: count === 0 ? m[1]! : `${m[1]}${count + 1}`, label: String(json().label), type: String(json().type) };
      this.connections.push(connection);
      return [200, { appConnection: connection }];
    }
    if ((m = route('PUT', /^\/sdk\/apps\/connections\/([^/]+)\/(\w+)$/))) {
      this.sections.set(`connection ${m[1]} ${m[2]}`, body);
      return [200, {}];
    }
    for (const [kind, list, key] of [['rpcs', this.rpcs, 'Rpc'], ['modules', this.modules, 'Module']] as const) {
      if (route('GET', new RegExp(`^/sdk/apps/[^/]+/\\d+/${kind}$`))) return [200, { [`app${key}s`]: list }];
      if (route('POST', new RegExp(`^/sdk/apps/[^/]+/\\d+/${kind}$`))) {
        const created = { ...json(), name: String(json().name), label: String(json().label) };
        list.push(created);
        return [200, { [`app${key}`]: created }];
      }
      if ((m = route('PATCH', new RegExp(`^/sdk/apps/[^/]+/\\d+/${kind}/([^/]+)$`)))) {
        const found = list.find((item) => item.name === m![1]);
        if (!found) return [404, { message: `${kind} not found` }];
        Object.assign(found, json());
        return [200, { [`app${key}`]: found }];
      }
      if ((m = route('PUT', new RegExp(`^/sdk/apps/[^/]+/\\d+/${kind}/([^/]+)/(\\w+)$`)))) {
        this.sections.set(`${kind} ${m[1]} ${m[2]}`, body);
        return [200, {}];
      }
    }
    return [404, { message: `No route ${req.method} ${path}` }];
  }
}

const API_KEY = '2d0cb3e4-7a61-4f4c-9d1f-0b4a6c2d8e11';
const app = MAKE_APPS.devrev;
const file = (path: string) => readFileSync(join(appDir(app), path), 'utf8');

let fake: FakeMake;
beforeEach(async () => {
  fake = new FakeMake();
  await fake.start();
  fake.apps.add('links-devrev');
});
afterEach(async () => {
  await fake.stop();
});

async function deploy(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDeployCli(['devrev', ...args], { MAKE_API_KEY: API_KEY, MAKE_ZONE: fake.url }, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out, err };
}

test('a first deploy creates the connection, RPC and module and sends every code file as its section', async () => {
  const { code, err } = await deploy();
  expect(err).toEqual([]);
  expect(code).toBe(0);
  const writes = fake.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`);
  // Every component of the committed app, in manifest order: RPCs, then modules, each created, labelled and given every section.
  const local = loadLocalApp(appDir(app));
  expect(writes).toEqual([
    'PUT /sdk/apps/links-devrev/1/base',
    'PUT /sdk/apps/links-devrev/1/readme',
    'POST /sdk/apps/links-devrev/connections',
    'PUT /sdk/apps/connections/links-devrev/api',
    'PUT /sdk/apps/connections/links-devrev/parameters',
    ...Object.keys(local.rpcs).flatMap((id) => [
      'POST /sdk/apps/links-devrev/1/rpcs',
      `PATCH /sdk/apps/links-devrev/1/rpcs/${id}`,
      `PUT /sdk/apps/links-devrev/1/rpcs/${id}/api`,
      `PUT /sdk/apps/links-devrev/1/rpcs/${id}/parameters`,
    ]),
    ...Object.keys(local.modules).flatMap((id) => [
      'POST /sdk/apps/links-devrev/1/modules',
      `PATCH /sdk/apps/links-devrev/1/modules/${id}`,
      ...['api', 'parameters', 'expect', 'interface', 'samples'].map((section) => `PUT /sdk/apps/links-devrev/1/modules/${id}/${section}`),
    ]),
  ]);
  expect(fake.calls.every((c) => c.authorization === `Token ${API_KEY}`)).toBe(true);
  // Code files go as written (comments included), as the extension sends them.
  expect(fake.sections.get('app base')).toBe(file('general/base.iml.json'));
  expect(fake.sections.get('app readme')).toBe(file('README.md'));
  expect(fake.sections.get('connection links-devrev api')).toBe(file('connections/devrev/devrev.communication.iml.json'));
  expect(fake.sections.get('modules createLink expect')).toBe(file('modules/create-link/create-link.mappable-params.iml.json'));
  expect(fake.sections.get('rpcs listCustomLinkTypes api')).toBe(file('rpcs/list-custom-link-types/list-custom-link-types.communication.iml.json'));
  expect(fake.calls.find((c) => c.path.endsWith('/createLink/api'))!.contentType).toBe('application/jsonc');
  expect(fake.connections).toEqual([{ app: 'links-devrev', name: 'links-devrev', label: 'DevRev', type: 'basic' }]);
  expect(fake.modules).toEqual([
    { name: 'createLink', typeId: 4, label: 'Create a Link', description: app.module.description, connection: 'links-devrev' },
    { name: 'searchLinks', typeId: 9, label: 'Search Links', description: app.searchModule!.description, connection: 'links-devrev' },
    { name: 'findLinks', typeId: 9, label: 'Search Links Between Two Records', description: app.findModule.description, connection: 'links-devrev' },
    { name: 'getLink', typeId: 4, label: 'Get a Link', description: app.getModule!.description, connection: 'links-devrev' },
    { name: 'makeApiCall', typeId: 12, label: 'Make an API Call', description: app.apiCallModule.description, connection: 'links-devrev' },
    { name: 'deleteLink', typeId: 4, label: 'Delete a Link', description: app.deleteModule.description, connection: 'links-devrev' },
  ]);
  expect(fake.rpcs).toEqual([
    { name: 'listWorks', label: 'List Works', connection: 'links-devrev' },
    { name: 'listCustomLinkTypes', label: 'List Custom Link Types', connection: 'links-devrev' },
  ]);
});

test('a second deploy updates what exists and creates nothing', async () => {
  await deploy();
  fake.calls = [];
  const { code } = await deploy();
  expect(code).toBe(0);
  expect(fake.calls.filter((c) => c.method === 'POST')).toEqual([]);
  expect(fake.calls.filter((c) => c.method === 'PATCH').map((c) => c.path)).toEqual([
    '/sdk/apps/links-devrev/1/rpcs/listWorks',
    '/sdk/apps/links-devrev/1/rpcs/listCustomLinkTypes',
    '/sdk/apps/links-devrev/1/modules/createLink',
    '/sdk/apps/links-devrev/1/modules/searchLinks',
    '/sdk/apps/links-devrev/1/modules/findLinks',
    '/sdk/apps/links-devrev/1/modules/getLink',
    '/sdk/apps/links-devrev/1/modules/makeApiCall',
    '/sdk/apps/links-devrev/1/modules/deleteLink',
  ]);
  expect(fake.connections).toHaveLength(1);
});

test('--dry-run reads the remote app and prints the plan without writing', async () => {
  const { code, out } = await deploy('--dry-run');
  expect(code).toBe(0);
  expect(fake.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'GET', 'GET']);
  expect(out).toContain('  would create connection "DevRev" (basic)');
  expect(out).toContain('  would create module createLink (action)');
  expect(out).toContain('  would set module createLink samples <- modules/create-link/create-link.samples.iml.json');
  // 2 (base, readme) + 3 (connection) + 4 per RPC + 7 per module.
  expect(out.at(-1)).toBe('Planned: 55 write(s).');
  expect(fake.modules).toEqual([]);
});

test('a missing app, a missing key and a clear-text zone are refused with a reason, never the key', async () => {
  fake.apps.clear();
  const missing = await deploy();
  expect(missing.code).toBe(1);
  expect(missing.err.join('\n')).toMatch(/links-devrev \(version 1\) does not exist/);
  expect(missing.err.join('\n')).not.toContain(API_KEY);

  const err: string[] = [];
  const noKey = await runDeployCli(['devrev'], { MAKE_ZONE: fake.url }, { log: () => {}, error: (l) => err.push(l) });
  expect(noKey).toBe(1);
  expect(err.join('\n')).toMatch(/MAKE_API_KEY is not set/);

  const plain = await runDeployCli(['devrev'], { MAKE_API_KEY: API_KEY, MAKE_ZONE: 'http://eu1.make.com' }, { log: () => {}, error: (l) => err.push(l) });
  expect(plain).toBe(1);
  expect(err.at(-1)).toMatch(/https/);
});

test('clear-text http is for loopback only: a DNS name that starts with "127." is refused before any request', async () => {
  for (const zone of ['http://127.0.0.1.evil.example:8080', 'http://127.evil.example', 'http://localhost.evil.example']) {
    const before = fake.calls.length;
    const err: string[] = [];
    const code = await runDeployCli(['devrev'], { MAKE_API_KEY: API_KEY, MAKE_ZONE: zone }, { log: () => {}, error: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/MAKE_ZONE must use https \(http only on loopback\)/);
    expect(err.join('\n')).not.toContain(API_KEY);
    expect(fake.calls.length).toBe(before);
  }
});
