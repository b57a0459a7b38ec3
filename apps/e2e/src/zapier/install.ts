// Zapier's CLI (`zapier-platform`), pinned by src/zapier/cli/package.json and its lockfile, installed once per
// lockfile with `npm ci` under Node.js 22 (the CLI refuses older ones) into a cache outside the clone. About 40 s and
// 190 MB the first time. `zapierCliEnv` is the environment the tests run it in: offline but for the npm registry.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { e2eRoot } from '../n8n/root.js';
import { cacheRoot, ensureNode, envFor, type NodeRuntime } from '../runtimes/node.js';

const spec = join(e2eRoot(), 'src', 'zapier', 'cli');

export interface ZapierCli {
  node: NodeRuntime;
  /** The folder the CLI is installed in (its node_modules). */
  dir: string;
  /** Runs as `node <bin> <command>` under `node`. */
  bin: string;
  version: string;
}

/**
 * `npm ci` of a pinned spec folder (package.json + package-lock.json) into `<cache>/<name>/<hash of both files>`,
 * once per lockfile; returns that folder. (Written generic: src/n8n/install.ts does the same for n8n.)
 */
export function ensureNpmCi(specDir: string, name: string, env: NodeJS.ProcessEnv, log: (line: string) => void): string {
  const hash = createHash('sha256')
    .update(readFileSync(join(specDir, 'package.json')))
    .update(readFileSync(join(specDir, 'package-lock.json')))
    .digest('hex')
    .slice(0, 16);
  const dir = join(cacheRoot(), name, hash);
  if (existsSync(join(dir, '.complete'))) return dir;
  log(`installing ${name} into ${dir} (first run only)`);
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(specDir, file), join(staging, file));
  const started = Date.now();
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, env, stdio: ['ignore', 'inherit', 'inherit'] });
  log(`installed ${name} in ${Math.round((Date.now() - started) / 1000)} s`);
  writeFileSync(join(staging, '.complete'), '');
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return dir;
}

export function ensureZapierCli(log: (line: string) => void = () => {}): ZapierCli {
  const node = ensureNode(22, log);
  const dir = ensureNpmCi(spec, 'links-zapier-cli', envFor(node), log);
  const pkg = join(dir, 'node_modules', 'zapier-platform-cli');
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
  return { node, dir, bin: join(pkg, 'src', 'bin', 'run'), version };
}

/**
 * The CLI's environment: Node.js 22 first on PATH (the CLI runs `npm` and `node` itself), no analytics, no update
 * check, no deploy key from ~/.zapierrc, not jest's NODE_ENV, and Zapier's API pointed at a closed loopback port, so that any command
 * that would go online fails at once instead of leaving the machine. `tmp` becomes TMPDIR: the CLI builds there.
 */
export function zapierCliEnv(cli: ZapierCli, tmp: string, closedPort: number): NodeJS.ProcessEnv {
  // Not jest's NODE_ENV=test: the CLI and zapier-platform-core would run in their testing modes.
  const { NODE_ENV: _testing, ...base } = envFor(cli.node);
  return {
    ...base,
    TMPDIR: tmp,
    DISABLE_ZAPIER_ANALYTICS: '1',
    NO_UPDATE_NOTIFIER: '1',
    ZAPIER_BASE_ENDPOINT: `http://127.0.0.1:${closedPort}`,
    ZAPIER_AUTH_LOCATION: join(tmp, 'no-zapierrc'),
    FORCE_COLOR: '0',
  };
}
