// n8n in queue mode on this machine: a throwaway PostgreSQL cluster and Redis server (Debian's packages, on
// 127.0.0.1, on ports picked here, data in a temp folder), one n8n main and N workers (`n8n worker`) sharing one
// encryption key, all stopped by `stop()`. Executions are started through production webhooks, which the main
// receives and enqueues in Redis (Bull) for the workers; each worker logs the executions it ran.
//
// PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user the Debian package
// creates (with `runuser`), otherwise as the current user.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nInstall } from './install.js';
import { freePort, type N8nCredential, N8nInstance, type N8nNode } from './instance.js';

export interface QueueTools {
  /** PostgreSQL's bin folder (initdb, pg_ctl, psql). */
  pgBin: string;
  redisServer: string;
  /** Prefix that runs a PostgreSQL command as a user it accepts: `['runuser', '-u', 'postgres', '--']` or none. */
  asPostgres: string[];
  postgresUser?: { uid: number; gid: number };
}

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();

/** The tools queue mode needs, or why they are missing (with the command that installs them). */
export function findQueueTools(): { tools: QueueTools } | { missing: string } {
  const install = 'apt-get update && apt-get install -y redis-server postgresql';
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const pgBin = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  const redisServer = onPath('redis-server');
  const absent = [...(pgBin ? [] : ['PostgreSQL (initdb, pg_ctl)']), ...(redisServer ? [] : ['redis-server'])];
  if (absent.length > 0) return { missing: `${absent.join(' and ')} not installed; as root: ${install}` };
  if (process.getuid?.() !== 0) return { tools: { pgBin: pgBin!, redisServer, asPostgres: [] } };
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!onPath('runuser') || !Number.isInteger(id('-u')) || spawnSync('id', ['postgres']).status !== 0) {
    return { missing: 'running as root, and no `postgres` user or `runuser` to run PostgreSQL as (PostgreSQL refuses root)' };
  }
  return { tools: { pgBin: pgBin!, redisServer, asPostgres: ['runuser', '-u', 'postgres', '--'], postgresUser: { uid: id('-u'), gid: id('-g') } } };
}

/**
 * The tools, installed with apt-get first when they are missing and this runs as root on a machine with apt
 * (what the end-to-end test does; the benchmark only looks). Still missing: why.
 */
export function ensureQueueTools(log: (line: string) => void = () => {}): { tools: QueueTools } | { missing: string } {
  const found = findQueueTools();
  if ('tools' in found || process.getuid?.() !== 0 || !onPath('apt-get')) return found;
  log(`installing Debian's redis-server and postgresql (${found.missing})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { env, stdio: 'pipe' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server', 'postgresql'], { env, stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    return { missing: `${found.missing}; apt-get failed: ${stderr.slice(-2000)}` };
  }
  return findQueueTools();
}

/** Waits until `text` has appeared in what a child printed, or fails when it exits or time runs out. */
function waitForOutput(child: ChildProcess, output: () => string, pattern: RegExp, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(check, 100);
    const deadline = Date.now() + timeoutMs;
    function done(error?: Error) {
      clearInterval(timer);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    function onExit(code: number | null) {
      done(new Error(`${what} exited (${code}) before it was ready:\n${output().slice(-4000)}`));
    }
    function check() {
      if (pattern.test(output())) done();
      else if (Date.now() > deadline) done(new Error(`${what} not ready after ${timeoutMs / 1000} s:\n${output().slice(-4000)}`));
    }
    child.on('exit', onExit);
  });
}

/** Stops a child with SIGTERM (SIGKILL after `graceMs`) and waits for it. */
function stopChild(child: ChildProcess, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A child whose stdout and stderr are kept (n8n logs to stdout, Redis too). */
function captured(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

export interface QueueServices {
  postgres: { port: number };
  redis: { port: number };
  stop(): Promise<void>;
}

/** A PostgreSQL cluster (trust auth, loopback only, no fsync) and a Redis server without persistence. */
export async function startQueueServices(tools: QueueTools): Promise<QueueServices> {
  const dir = mkdtempSync(join(tmpdir(), 'links-queue-'));
  if (tools.postgresUser) chownSync(dir, tools.postgresUser.uid, tools.postgresUser.gid);
  const pgData = join(dir, 'pg');
  const pg = (command: string, args: string[]) => {
    const [program, ...rest] = [...tools.asPostgres, join(tools.pgBin, command), ...args];
    execFileSync(program!, rest, { cwd: dir, stdio: 'pipe' });
  };
  const postgresPort = await freePort();
  const redisPort = await freePort();
  let redis: ChildProcess | undefined;
  let pgStarted = false;
  const stop = async () => {
    if (redis) await stopChild(redis);
    if (pgStarted) pg('pg_ctl', ['-D', pgData, '-m', 'fast', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    pg('initdb', ['-D', pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    const options = `-p ${postgresPort} -c listen_addresses=127.0.0.1 -k ${pgData} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    pg('pg_ctl', ['-D', pgData, '-l', join(pgData, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    pgStarted = true;
    redis = spawnRedis(tools.redisServer, redisPort, dir);
    const output = captured(redis);
    await waitForOutput(redis, output, /Ready to accept connections/, 'redis-server', 30_000);
    return { postgres: { port: postgresPort }, redis: { port: redisPort }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function spawnRedis(redisServer: string, port: number, dir: string): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'];
  return spawn(redisServer, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A workflow whose trigger is a production webhook (POST /webhook/<path>, answered at once) followed by a chain. */
export interface WebhookWorkflow {
  id: string;
  path: string;
  nodes: N8nNode[];
}

export interface QueueOptions {
  workers: number;
  credentials: N8nCredential[];
  workflows: WebhookWorkflow[];
  /** Jobs each worker runs at once (`n8n worker --concurrency`, n8n's default 10). */
  concurrency?: number;
  log?: (line: string) => void;
}

/** What one worker reported: the executions it started and finished (from its log). */
export interface WorkerReport {
  started: string[];
  finished: string[];
}

/** One n8n main and its workers in queue mode, each in its own n8n home (as on separate machines). */
export class N8nQueue {
  private constructor(
    private readonly services: QueueServices,
    private readonly homes: N8nInstance[],
    private readonly processes: { child: ChildProcess; output: () => string }[],
    readonly mainUrl: string,
    private readonly postgresPort: number,
    private readonly pgBin: string,
  ) {}

  static async start(install: N8nInstall, tools: QueueTools, options: QueueOptions): Promise<N8nQueue> {
    const log = options.log ?? (() => {});
    const services = await startQueueServices(tools);
    const homes = Array.from({ length: options.workers + 1 }, () => new N8nInstance(install));
    const processes: { child: ChildProcess; output: () => string }[] = [];
    const mainPort = await freePort();
    const settings: Record<string, string> = {
      EXECUTIONS_MODE: 'queue',
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: '127.0.0.1',
      DB_POSTGRESDB_PORT: String(services.postgres.port),
      DB_POSTGRESDB_DATABASE: 'postgres',
      DB_POSTGRESDB_USER: 'postgres',
      QUEUE_BULL_REDIS_HOST: '127.0.0.1',
      QUEUE_BULL_REDIS_PORT: String(services.redis.port),
      N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
      N8N_LOG_LEVEL: 'info',
      N8N_LISTEN_ADDRESS: '127.0.0.1',
      N8N_PORT: String(mainPort),
      WEBHOOK_URL: `http://127.0.0.1:${mainPort}/`,
    };
    const queue = new N8nQueue(services, homes, processes, `http://127.0.0.1:${mainPort}`, services.postgres.port, tools.pgBin);
    try {
      const main = homes[0]!;
      const started = Date.now();
      await queue.command(main, ['import:credentials', `--input=${queue.file(main, options.credentials)}`], settings, /Successfully imported/);
      const workflows = options.workflows.map((w) => webhookWorkflowJson(w));
      await queue.command(main, ['import:workflow', `--input=${queue.file(main, workflows)}`], settings, /Successfully imported/);
      for (const w of options.workflows) {
        const args = install.major === 1 ? ['update:workflow', `--id=${w.id}`, '--active=true'] : ['publish:workflow', `--id=${w.id}`];
        await queue.command(main, args, settings, /./);
      }
      log(`PostgreSQL migrated, credentials and workflows imported and published in ${Math.round((Date.now() - started) / 1000)} s`);
      // The main first: it has run the migrations, so the workers find the schema complete.
      await queue.launch(main, ['start'], settings, /Editor is now accessible/, 'n8n main');
      for (const home of homes.slice(1)) {
        const worker = { ...settings, QUEUE_HEALTH_CHECK_PORT: String(await freePort()), N8N_PORT: String(await freePort()) };
        await queue.launch(home, ['worker', `--concurrency=${options.concurrency ?? 10}`], worker, /n8n worker is now ready/, 'n8n worker');
      }
      log(`main and ${options.workers} workers ready after ${Math.round((Date.now() - started) / 1000)} s`);
      return queue;
    } catch (error) {
      await queue.stop();
      throw error;
    }
  }

  private file(home: N8nInstance, content: unknown): string {
    const file = join(home.home, `import-${randomUUID()}.json`);
    writeFileSync(file, JSON.stringify(content));
    return file;
  }

  /** Runs an n8n command to its end; it must exit 0 and print `expect`. */
  private async command(home: N8nInstance, args: string[], env: Record<string, string>, expect: RegExp): Promise<void> {
    const child = await home.spawn(args, env);
    const output = captured(child);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0 || !expect.test(output())) throw new Error(`n8n ${args[0]} failed (exit ${code}):\n${output().slice(-4000)}`);
  }

  private async launch(home: N8nInstance, args: string[], env: Record<string, string>, ready: RegExp, what: string): Promise<void> {
    const child = await home.spawn(args, env);
    const output = captured(child);
    this.processes.push({ child, output });
    await waitForOutput(child, output, ready, what, 180_000);
  }

  /** POSTs a JSON body to a production webhook; n8n answers once it has enqueued the execution. */
  async trigger(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${this.mainUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`webhook ${path}: HTTP ${response.status} ${await response.text()}`);
  }

  /** The executions each worker logged as started and finished, in worker order. */
  workers(): WorkerReport[] {
    return this.processes.slice(1).map(({ output }) => {
      const ids = (verb: string) => [...output().matchAll(new RegExp(`Worker ${verb} execution (\\S+) \\(job`, 'g'))].map((m) => m[1]!);
      return { started: ids('started'), finished: ids('finished') };
    });
  }

  /** Waits until the workers together have finished `count` executions. */
  async waitForFinished(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.workers().reduce((sum, w) => sum + w.finished.length, 0) < count) {
      const exited = this.processes.find(({ child }) => child.exitCode !== null);
      if (exited) throw new Error(`an n8n process exited:\n${exited.output().slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`workers finished ${this.workers().map((w) => w.finished.length).join(' + ')} of ${count} executions in ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The executions n8n stored in PostgreSQL, counted by status. */
  executionStatuses(): Record<string, number> {
    const out = execFileSync(join(this.pgBin, 'psql'), ['-h', '127.0.0.1', '-p', String(this.postgresPort), '-U', 'postgres', '-d', 'postgres', '-At', '-F', '\t', '-c', 'SELECT status, count(*) FROM execution_entity GROUP BY status'], { encoding: 'utf8' });
    return Object.fromEntries(out.trim().split('\n').filter(Boolean).map((line) => line.split('\t')).map(([status, n]) => [status!, Number(n)]));
  }

  /** The main's and workers' logs, for a failure message. */
  logs(): string {
    return this.processes.map(({ output }, i) => `--- ${i === 0 ? 'main' : `worker ${i}`}\n${output().slice(-3000)}`).join('\n');
  }

  async stop(): Promise<void> {
    for (const { child } of [...this.processes].reverse()) await stopChild(child);
    await this.services.stop();
    for (const home of this.homes) home.dispose();
  }
}

function webhookWorkflowJson(workflow: WebhookWorkflow) {
  const trigger = {
    name: 'Webhook',
    type: 'n8n-nodes-base.webhook',
    typeVersion: 2,
    webhookId: randomUUID(),
    parameters: { httpMethod: 'POST', path: workflow.path, responseMode: 'onReceived', options: {} },
  };
  const nodes = [trigger, ...workflow.nodes].map((node, i) => ({ typeVersion: 1, ...node, id: `${workflow.id}-${i}`, position: [i * 220, 0] }));
  const connections: Record<string, unknown> = {};
  nodes.forEach((node, i) => {
    const next = nodes[i + 1];
    if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
  });
  return { id: workflow.id, name: workflow.id, active: true, nodes, connections, settings: { executionOrder: 'v1' } };
}
