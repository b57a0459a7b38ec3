// Installs the pinned real n8n (apps/e2e/n8n) once per lockfile into a cache outside the clone, and
// returns the path of its `n8n` command. About 4 to 6 minutes and 1.7 GB the first time (native modules compile).
// The overrides in n8n/package.json: `xlsx` is otherwise fetched from a CDN that is unreachable here,
// `isolated-vm` 6 needs Node 24, and `msgpackr-extract` 3.0.7's macOS/Windows/arm builds are missing from the
// registry here (3.0.4 has all of them, so the lockfile is complete and `npm ci` accepts it).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { e2eRoot } from './root.js';

const spec = join(e2eRoot(), 'n8n');

export function n8nCacheDir(): string {
  const hash = createHash('sha256')
    .update(readFileSync(join(spec, 'package.json')))
    .update(readFileSync(join(spec, 'package-lock.json')))
    .digest('hex')
    .slice(0, 16);
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'links-n8n', hash);
}

export function ensureN8n(log: (line: string) => void = () => {}): string {
  const dir = n8nCacheDir();
  const bin = join(dir, 'node_modules', '.bin', 'n8n');
  if (existsSync(join(dir, '.complete'))) return bin;
  log(`installing n8n into ${dir} (first run only; several minutes)`);
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(spec, file), join(staging, file));
  const started = Date.now();
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, stdio: ['ignore', 'inherit', 'inherit'] });
  log(`installed n8n in ${Math.round((Date.now() - started) / 1000)} s`);
  execFileSync('touch', [join(staging, '.complete')]);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return bin;
}
