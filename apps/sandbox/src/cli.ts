#!/usr/bin/env node
/**
 * `pnpm sandbox` / `node dist/cli.js [--port N]`: starts the sandbox, prints its URL and credentials, and runs
 * until Ctrl-C. The port comes from `--port`, then `PORT`, then 4010 (0 picks a free port).
 */
import { credentialGuideText, startSandbox } from './index.js';

const DEFAULT_PORT = 4010;

function portFrom(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let raw: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--port') raw = argv[i + 1];
    else if (arg.startsWith('--port=')) raw = arg.slice('--port='.length);
  });
  raw ??= env.PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`Invalid port "${raw}": use 0-65535`);
  return port;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: portFrom(process.argv.slice(2), process.env) });
  const lines = [
    `Links sandbox listening on ${sandbox.url}`,
    '',
    'Credentials (the fields of each Links credential in n8n, Zapier and Make):',
    credentialGuideText(sandbox.url),
    '',
    `Admin: GET ${sandbox.url}/__admin/state, POST ${sandbox.url}/__admin/reset (see README). Ctrl-C to stop.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
