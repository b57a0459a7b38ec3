import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** apps/e2e: the directory pnpm, jest and tsx run this package's scripts from (works in CommonJS and ESM alike). */
export function e2eRoot(): string {
  const root = process.cwd();
  if (!existsSync(join(root, 'n8n', '1.x', 'package.json'))) throw new Error(`run this from apps/e2e (cwd is ${root})`);
  return root;
}
