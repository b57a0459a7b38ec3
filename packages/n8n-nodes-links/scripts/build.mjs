// Builds dist/: each node and credential bundled to CommonJS with @links/core's pure part inlined (n8n
// community packages may have no runtime dependencies), n8n-workflow left to the n8n instance, plus the
// icons and codex files next to each node.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

const nodes = readdirSync(join(root, 'nodes'));
const entryPoints = [
  ...readdirSync(join(root, 'credentials')).map((file) => join(root, 'credentials', file)),
  ...nodes.map((node) => join(root, 'nodes', node, `${node}.node.ts`)),
];
await build({
  entryPoints,
  outbase: root,
  outdir: dist,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['n8n-workflow'],
  // The HTTP client entry of core (ky, timers) must never reach the bundle.
  plugins: [{ name: 'no-core-http', setup: (b) => b.onResolve({ filter: /^@links\/core\/http$|^ky$/ }, (a) => ({ errors: [{ text: `${a.path} must not be bundled into the n8n package` }] })) }],
  logLevel: 'warning',
});
for (const node of nodes) {
  mkdirSync(join(dist, 'nodes', node), { recursive: true });
  for (const file of readdirSync(join(root, 'nodes', node)).filter((f) => /\.(svg|json)$/.test(f))) {
    cpSync(join(root, 'nodes', node, file), join(dist, 'nodes', node, file));
  }
}
console.log(`built ${entryPoints.length} entry points into dist/`);
