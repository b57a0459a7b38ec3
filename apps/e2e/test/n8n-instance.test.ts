// The real-n8n harness itself (src/n8n/instance.ts), with a stand-in for n8n's CLI that behaves as `n8n execute
// --rawOutput` does: it prints the run's JSON (megabytes for 1,000 items) and exits at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { N8nInstall } from '../src/n8n/install.js';
import { N8nInstance } from '../src/n8n/instance.js';

const ITEMS = 20_000;

describe('N8nInstance.execute', () => {
  const dir = mkdtempSync(join(tmpdir(), 'links-fake-n8n-'));
  const script = join(dir, 'n8n.js');
  // A run of 20,000 items (about 3 MB printed), written 300 ms after the start, then process.exit().
  writeFileSync(
    script,
    `const items = Array.from({ length: ${ITEMS} }, (_, i) => ({ json: { i, text: 'x'.repeat(100) } }));
     const run = { status: 'success', data: { resultData: { runData: { Link: [{ executionTime: 5, data: { main: [items] } }] } } } };
     setTimeout(() => { console.log(JSON.stringify(run, null, 2)); process.exit(0); }, 300);`,
  );
  const install: N8nInstall = { major: 1, version: 'fake', nodeVersion: process.versions.node, node: process.execPath, n8nScript: script, nodeBinDir: join(process.execPath, '..'), dir, label: 'fake n8n' };
  let n8n: N8nInstance;

  beforeAll(() => {
    n8n = new N8nInstance(install);
  });
  afterAll(() => {
    n8n.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gets the whole run even when this process is too busy to read while n8n prints and exits', async () => {
    const execution = n8n.execute('w');
    // Let the command start, then keep this event loop busy while it prints and exits (as on a loaded machine).
    await new Promise((resolve) => setTimeout(resolve, 100));
    const until = Date.now() + 1500;
    while (Date.now() < until);
    const run = await execution;
    expect(run.status).toBe('success');
    expect(run.output('Link')).toHaveLength(ITEMS);
    expect(run.executionTime('Link')).toBe(5);
  });
});
