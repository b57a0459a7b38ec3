// 8. n8n 2.x in queue mode (n8n's own engine): PostgreSQL and Redis from Debian's packages, started on loopback
// for the run, one main and two workers, executions started through production webhooks (the scenario is
// src/n8n/queue-scenario.ts, shared with test/n8n-queue.e2e.test.ts). Skipped, with the reason, when PostgreSQL
// or Redis is not installed.
import { ensureN8n } from '../src/n8n/install.js';
import { findQueueTools } from '../src/n8n/queue.js';
import { exactlyOnce, type LinkTally, QUEUE_DEVREV_ITEMS, QUEUE_EXECUTIONS, QUEUE_ONETRUST_ITEMS, QUEUE_WORKERS, runQueueScenario } from '../src/n8n/queue-scenario.js';
import { type Bench, type BenchRow, startSandboxProcess } from './harness.js';

const tallyText = (t: LinkTally) => `${t.once} of ${t.wanted} stored once, ${t.duplicated} duplicated, ${t.missing} missing, ${t.unexpected} unexpected`;

const bench: Bench = {
  title: 'n8n 2.x queue mode: main and two workers on PostgreSQL and Redis',
  async run(): Promise<BenchRow[]> {
    const found = findQueueTools();
    if ('missing' in found) {
      process.stderr.write(`  skipped: ${found.missing}\n`);
      return [{ benchmark: '8. n8n queue mode (main + 2 workers, PostgreSQL, Redis)', figure: 'skipped', goal: '', met: null, note: found.missing }];
    }
    const log = (line: string) => process.stderr.write(`  ${line}\n`);
    const sandbox = await startSandboxProcess();
    try {
      const r = await runQueueScenario(ensureN8n(log, 2), found.tools, { url: sandbox.url, snapshot: () => sandbox.admin('state'), reset: () => sandbox.admin('reset') }, log);
      const all = 3 * QUEUE_EXECUTIONS;
      const allSucceeded = r.statuses.success === all && Object.keys(r.statuses).length === 1;
      const spread = r.perWorker.firstWave.every((n) => n > 0);
      const statuses = Object.entries(r.statuses).map(([s, n]) => `${n} ${s}`).join(', ');
      return [
        {
          benchmark: `8a. ${r.install.label}, queue mode (main + ${QUEUE_WORKERS} workers, PostgreSQL, Redis): ${QUEUE_EXECUTIONS} DevRev executions of ${QUEUE_DEVREV_ITEMS} items and ${QUEUE_EXECUTIONS} OneTrust executions of ${QUEUE_ONETRUST_ITEMS[0]} items started together through webhooks`,
          figure: `DevRev: ${tallyText(r.devrev)} (${r.devrevCreateRequests} create requests); executions (with 8b's): ${statuses}; first wave done in ${r.seconds.firstWave.toFixed(1)} s`,
          goal: 'every link stored exactly once, every execution succeeds, both workers take work',
          met: exactlyOnce(r.devrev) && allSucceeded && spread && r.devrevCreateRequests === r.devrev.wanted,
          note: `the ${2 * QUEUE_EXECUTIONS} executions ran ${r.perWorker.firstWave.join(' + ')} on the workers (each worker's log); setup (PostgreSQL, Redis, migrations, imports, main and workers up) ${r.seconds.setup.toFixed(0)} s`,
        },
        {
          benchmark: `8b. The same run, OneTrust: ${QUEUE_EXECUTIONS} × ${QUEUE_ONETRUST_ITEMS[0]} creates in the first wave, then ${QUEUE_EXECUTIONS} × ${QUEUE_ONETRUST_ITEMS[1]} once it is done`,
          figure: `${tallyText(r.onetrust)}; OneTrust token requests: ${r.tokens[0]} in the first wave, ${r.tokens[1]} in the second`,
          goal: `every link stored exactly once; at most one token request per execution in the first wave (${QUEUE_EXECUTIONS}), none in the second`,
          met: exactlyOnce(r.onetrust) && r.tokens[0] <= QUEUE_EXECUTIONS && r.tokens[1] === 0 && allSucceeded,
          note:
            "n8n runs the credential's preAuthentication for every request that reads the credential with its token field empty, then stores the token in the credential (PostgreSQL); " +
            `the node sends its first request alone while the credential holds no token, so in the first wave, where the ${QUEUE_EXECUTIONS} executions start at once on both workers, each execution fetches at most one (at most ${QUEUE_EXECUTIONS}; without that, up to ${QUEUE_EXECUTIONS} × 4 Parallel Requests); ` +
            `afterwards every execution on either worker reads the stored token (all ${all} executions: ${r.perWorker.all.join(' + ')} per worker)`,
        },
      ];
    } finally {
      await sandbox.stop();
    }
  },
};
export default bench;
