#!/usr/bin/env node
// `links-make-deploy` / `pnpm --filter @links/make deploy -- <app> [--dry-run]`: see USAGE in main.ts.
import { runDeployCli } from './main.js';

process.exitCode = await runDeployCli(process.argv.slice(2), process.env, { log: console.log, error: console.error });
