// n8n 2.41 in queue mode, n8n's own engine: PostgreSQL and Redis (Debian's packages, installed with apt-get by
// this test when missing and it runs as root), one main and two workers, executions started through production
// webhooks (src/n8n/queue-scenario.ts, shared with bench/80-n8n-queue.ts). About 2 minutes once n8n 2.41 is
// installed.
import { type Sandbox, startSandbox } from '@links/sandbox';
import { ensureN8n } from '../src/n8n/install.js';
import { ensureQueueTools } from '../src/n8n/queue.js';
import { QUEUE_EXECUTIONS, type QueueScenarioResult, runQueueScenario } from '../src/n8n/queue-scenario.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

describe('n8n 2.41 in queue mode (main + 2 workers, PostgreSQL, Redis)', () => {
  let sandbox: Sandbox;
  let result: QueueScenarioResult;

  beforeAll(async () => {
    const found = ensureQueueTools(log);
    if ('missing' in found) throw new Error(`queue mode needs PostgreSQL and Redis: ${found.missing}`);
    sandbox = await startSandbox({ port: 0 });
    const state = { url: sandbox.url, snapshot: async () => sandbox.state.snapshot(), reset: async () => sandbox.state.reset() };
    result = await runQueueScenario(ensureN8n(log, 2), found.tools, state, log);
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  it('stores each of the 1,000 DevRev links from 10 executions started together exactly once, with one request each', () => {
    expect(result.devrev).toEqual({ wanted: 1000, once: 1000, duplicated: 0, missing: 0, unexpected: 0 });
    expect(result.devrevCreateRequests).toBe(1000);
  });

  it('stores each OneTrust link exactly once; the second wave reuses the token n8n stored in the credential', () => {
    expect(result.onetrust).toEqual({ wanted: 250, once: 250, duplicated: 0, missing: 0, unexpected: 0 });
    expect(result.tokens[0]).toBeGreaterThanOrEqual(1);
    // At most one per execution started before the first token is stored: each sends its first request alone
    // while the credential holds none (without that, one per request in flight: executions x Parallel Requests).
    expect(result.tokens[0]).toBeLessThanOrEqual(QUEUE_EXECUTIONS);
    expect(result.tokens[1]).toBe(0);
  });

  it('every execution succeeded, and both workers ran some of the first wave', () => {
    expect(result.statuses).toEqual({ success: 3 * QUEUE_EXECUTIONS });
    expect(result.perWorker.firstWave).toHaveLength(2);
    for (const finished of result.perWorker.firstWave) expect(finished).toBeGreaterThan(0);
    expect(result.perWorker.all.reduce((a, b) => a + b, 0)).toBe(3 * QUEUE_EXECUTIONS);
  });
});
