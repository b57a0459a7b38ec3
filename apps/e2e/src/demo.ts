// The demo: starts the sandbox, then runs every surface's demo step (one file each in ./demo) against it.
import { readdirSync } from 'node:fs';
import { startSandbox } from '@links/sandbox';
import type { DemoStep } from './demo/step.js';

const sandbox = await startSandbox();
console.log(`Sandbox running at ${sandbox.url}\n`);
let failed = false;
try {
  const files = readdirSync(new URL('./demo/', import.meta.url)).filter((f) => /^\d\d-.*\.ts$/.test(f)).sort();
  for (const file of files) {
    const step = (await import(`./demo/${file}`)).default as DemoStep;
    console.log(`== ${step.title}`);
    try {
      for (const line of await step.run(sandbox)) console.log(`   ${line}`);
    } catch (error) {
      failed = true;
      console.error(`   FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
    console.log('');
  }
} finally {
  await sandbox.close();
}
console.log(failed ? 'Demo finished with failures.' : 'Demo finished: every surface created its links.');
process.exit(failed ? 1 : 0);
