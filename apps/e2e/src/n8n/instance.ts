// A throwaway n8n home: our built package installed as a community package, credentials and workflows
// imported through n8n's CLI, workflows run with `n8n execute`, in either pinned n8n (see install.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nInstall } from './install.js';
import { e2eRoot } from './root.js';

const packageDir = join(e2eRoot(), '../../packages/n8n-nodes-links');

export interface N8nCredential {
  id: string;
  name: string;
  type: string;
  data: Record<string, unknown>;
}

export interface N8nNode {
  name: string;
  type: string;
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
  typeVersion?: number;
  /** n8n's node settings: Retry On Fail. */
  retryOnFail?: boolean;
  maxTries?: number;
  waitBetweenTries?: number;
  /** n8n's node setting Execute Once: the node runs once, with the first input item only. */
  executeOnce?: boolean;
  /** n8n's node setting On Error: `continueRegularOutput` is Continue On Fail (the error becomes the output item). */
  onError?: 'stopWorkflow' | 'continueRegularOutput';
}

export interface N8nExecution {
  status: string;
  /** The items each node output, by node name. */
  output(node: string): Record<string, any>[];
  /** The error a node ended with, if any. */
  nodeError(node: string): Record<string, any> | undefined;
  /** How long n8n says the node ran, in ms. */
  executionTime(node: string): number;
  stdout: string;
  stderr: string;
}

export interface N8nRunOptions {
  /** n8n settings for this one command, on top of the minimal ones: `{ N8N_SSRF_PROTECTION_ENABLED: 'true' }`. */
  env?: Record<string, string>;
}

/** A port nothing listens on now, on loopback. */
const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (;;) {
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    // The system may offer a port it just freed again: one n8n's main port must never be another's broker port.
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

/** A workflow: a manual trigger followed by the nodes in a chain. */
function chainWorkflow(id: string, nodes: N8nNode[]) {
  const all = [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} }, ...nodes];
  const connections = Object.fromEntries(
    all.slice(0, -1).map((node, i) => [node.name, { main: [[{ node: all[i + 1]!.name, type: 'main', index: 0 }]] }]),
  );
  return {
    id,
    name: id,
    active: false,
    nodes: all.map((node, i) => ({ typeVersion: 1, ...node, id: `${id}-${i}`, position: [i * 220, 0] })),
    connections,
    settings: {},
  };
}

export class N8nInstance {
  readonly home = mkdtempSync(join(tmpdir(), 'links-n8n-'));

  /** `new N8nInstance(ensureN8n(log, 2))`. */
  constructor(readonly install: N8nInstall) {
    const target = join(this.home, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-links');
    mkdirSync(target, { recursive: true });
    cpSync(join(packageDir, 'dist'), join(target, 'dist'), { recursive: true });
    cpSync(join(packageDir, 'package.json'), join(target, 'package.json'));
    const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
    writeFileSync(join(this.home, '.n8n', 'nodes', 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-links': version } }));
  }

  /**
   * Only what n8n needs from the caller's environment: none of a developer's or CI job's N8N_* / DB_* settings
   * (which could point n8n at a real database), proxies (the sandbox is on loopback) or credentials reach it.
   */
  private async env(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
    const inherited = ['HOME', 'LANG', 'TMPDIR', 'TZ'].filter((name) => process.env[name] !== undefined);
    return {
      ...Object.fromEntries(inherited.map((name) => [name, process.env[name]])),
      PATH: `${this.install.nodeBinDir}:${process.env.PATH ?? ''}`,
      // Jest sets NODE_ENV=test, which silences n8n's CLI output.
      NODE_ENV: 'production',
      N8N_USER_FOLDER: this.home,
      N8N_DIAGNOSTICS_ENABLED: 'false',
      N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
      // 1.x: Code nodes run in n8n's own process. 2.x always starts a task broker for its runners, on 5679
      // unless told otherwise: a port of its own lets several commands (and several checkouts) run at once.
      ...(this.install.major === 1 ? { N8N_RUNNERS_ENABLED: 'false' } : { N8N_RUNNERS_BROKER_PORT: String(await freePort()) }),
      ...extra,
    };
  }

  /** Starts an n8n command that keeps running (`n8n start`), in this home and runtime, with extra settings. */
  async spawn(args: string[], env: Record<string, string> = {}): Promise<ChildProcess> {
    return spawn(this.install.node, [this.install.n8nScript, ...args], { env: await this.env(env), stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /**
   * Runs an n8n command to its end. Its stdout goes to a file, not a pipe: n8n exits right after printing a run
   * (megabytes for 1,000 items), and Node.js drops what a pipe had not taken yet when its reader is slow.
   */
  private async cli(args: string[], options: N8nRunOptions = {}): Promise<{ stdout: string; stderr: string }> {
    const env = await this.env(options.env);
    const file = join(this.home, `stdout-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
    const fd = openSync(file, 'w');
    try {
      const child = spawn(this.install.node, [this.install.n8nScript, ...args], { env, stdio: ['ignore', fd, 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('close', resolve));
      const stdout = readFileSync(file, 'utf8');
      return { stdout, stderr: code === 0 ? stderr : `${stderr}\n(exit ${code})` };
    } finally {
      closeSync(fd);
      rmSync(file, { force: true });
    }
  }

  private async importFile(kind: 'credentials' | 'workflow', content: unknown): Promise<void> {
    const file = join(this.home, `${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(content));
    const { stdout, stderr } = await this.cli([`import:${kind}`, `--input=${file}`]);
    rmSync(file);
    if (!/Successfully imported/.test(stdout + stderr)) throw new Error(`n8n import:${kind} failed: ${stdout}\n${stderr}`);
  }

  /** n8n encrypts credential data given as an object when it imports it. */
  importCredentials(credentials: N8nCredential[]): Promise<void> {
    return this.importFile('credentials', credentials);
  }

  /** Imports a workflow that starts with a manual trigger followed by the given nodes in a chain. */
  async importWorkflow(id: string, nodes: N8nNode[]): Promise<void> {
    await this.importFile('workflow', [chainWorkflow(id, nodes)]);
  }

  /** Several such workflows with one `import:workflow` (each import starts n8n's CLI: seconds). */
  async importWorkflows(workflows: Record<string, N8nNode[]>): Promise<void> {
    await this.importFile('workflow', Object.entries(workflows).map(([id, nodes]) => chainWorkflow(id, nodes)));
  }

  /** Every `*.json` workflow file of a directory, each as it is, with `import:workflow --separate`. */
  async importWorkflowFiles(dir: string, expected: number): Promise<void> {
    const { stdout, stderr } = await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
    if (!new RegExp(`Successfully imported ${expected} workflows?\\.`).test(stdout + stderr)) throw new Error(`n8n import:workflow --separate failed: ${stdout}\n${stderr}`);
  }

  async execute(id: string, options: N8nRunOptions = {}): Promise<N8nExecution> {
    const { stdout, stderr } = await this.cli(['execute', `--id=${id}`, '--rawOutput'], options);
    // The run's JSON is the block from the first line that is "{" to the line that is "}".
    const start = stdout.search(/^\{$/m);
    const end = stdout.search(/^\}$/m);
    if (start < 0 || end < start) throw new Error(`n8n execute printed no run data:\n${stdout}\n${stderr}`);
    const run = JSON.parse(stdout.slice(start, end + 1));
    const runData = run.data?.resultData?.runData ?? {};
    return {
      status: run.status,
      output: (node) => (runData[node]?.[0]?.data?.main?.[0] ?? []).map((item: { json: unknown }) => item.json),
      nodeError: (node) => runData[node]?.[0]?.error,
      executionTime: (node) => runData[node]?.[0]?.executionTime ?? Number.NaN,
      stdout,
      stderr,
    };
  }

  dispose(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}
