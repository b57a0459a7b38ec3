// `pnpm --filter @links/make generate`: writes each app's files; `--check` only reports stale ones.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appDir, MAKE_APP_LIST } from '../apps.js';
import { generateApp } from './index.js';

const check = process.argv.includes('--check');
let stale = 0;
for (const app of MAKE_APP_LIST) {
  const dir = appDir(app);
  const { generated } = generateApp(app);
  for (const [file, content] of Object.entries(generated)) {
    const path = join(dir, file);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (current === content) continue;
    stale++;
    if (check) {
      console.error(`out of date: ${app.folder}/${file}`);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      console.log(`wrote ${app.folder}/${file}`);
    }
  }
}
if (check && stale > 0) process.exit(1);
console.log(check ? 'Make apps are up to date.' : `Make apps generated (${stale} file(s) changed).`);
