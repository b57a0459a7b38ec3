// 6. Cold start: time for a fresh Node.js process to load each n8n node and credential file and each Zapier app
// (median of several processes, the process's own start subtracted), and the size of each publishable tarball.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Bench, type BenchRow, median } from './harness.js';

const require = createRequire(import.meta.url);
const RUNS = 9;
const root = join(dirname(new URL(import.meta.url).pathname), '../../..');

/**
 * Milliseconds a fresh process spends in `require` of the given files (CommonJS, as n8n and Zapier load them),
 * after `preload` (the platform runtime, which is loaded before it loads a plugin).
 */
function loadMs(files: string[], preload: string[] = []): number {
  const script = `for(const f of ${JSON.stringify(preload)})require(f);const t=performance.now();for(const f of ${JSON.stringify(files)})require(f);process.stdout.write(String(performance.now()-t))`;
  const times = Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
  return median(times);
}

function tarballKb(dir: string): number {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out)[0].size / 1024;
}

const bench: Bench = {
  title: 'cold start and package size',
  async run() {
    const rows: BenchRow[] = [];
    const n8nDir = join(root, 'packages/n8n-nodes-links');
    const n8nManifest = existsSync(join(n8nDir, 'package.json')) ? require(join(n8nDir, 'package.json')).n8n : undefined;
    if (n8nManifest && existsSync(join(n8nDir, 'dist'))) {
      const files = [...n8nManifest.credentials, ...n8nManifest.nodes].map((f: string) => join(n8nDir, f));
      const ms = loadMs(files, [require.resolve('n8n-workflow', { paths: [n8nDir] })]);
      rows.push({ benchmark: `6a. n8n: load all ${files.length} node and credential files in a fresh process (median of ${RUNS})`, figure: `${ms.toFixed(1)} ms`, goal: '<= 50 ms', met: ms <= 50 });
    } else {
      rows.push({ benchmark: '6a. n8n: load the node and credential files', figure: 'n8n-nodes-links is not built', goal: '<= 50 ms', met: false });
    }
    const zapierApps = join(root, 'packages/zapier/apps');
    for (const app of existsSync(zapierApps) ? readdirSync(zapierApps).sort() : []) {
      const runtime = require.resolve('zapier-platform-core', { paths: [join(zapierApps, app)] });
      const ms = loadMs([join(zapierApps, app, 'index.js')], [runtime]);
      const runtimeMs = loadMs([runtime]);
      rows.push({
        benchmark: `6b. Zapier ${app}: load the app (index.js and its bundle) in a fresh process with the runtime loaded (median of ${RUNS})`,
        figure: `${ms.toFixed(1)} ms`,
        goal: '<= 50 ms',
        met: ms <= 50,
        note: `zapier-platform-core itself takes ${runtimeMs.toFixed(0)} ms to load; Zapier loads it before any app`,
      });
    }
    for (const [name, dir, goalKb] of [
      ['n8n-nodes-links', 'packages/n8n-nodes-links', 150],
      ['@links/core', 'packages/core', null],
      ['@links/zapier', 'packages/zapier', null],
      ['@links/make', 'packages/make', null],
    ] as const) {
      if (!existsSync(join(root, dir, 'dist'))) continue;
      const kb = tarballKb(join(root, dir));
      rows.push({ benchmark: `6c. npm pack size of ${name}`, figure: `${kb.toFixed(1)} KB`, goal: goalKb ? `<= ${goalKb} KB` : '', met: goalKb ? kb <= goalKb : null });
    }
    return rows;
  },
};
export default bench;
