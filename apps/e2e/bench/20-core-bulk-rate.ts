// 2. Bulk 1,000 links through core against the sandbox rate-limited to a set rate: achieved rate / limit, errors, duplicates.
import { createLinksClient } from '@links/core/http';
import { SANDBOX_CREDENTIALS } from '@links/sandbox';
import { type Bench, median, percent, startSandboxProcess } from './harness.js';

const LINKS = 1000;
const LIMIT = { limit: 100, windowMs: 1000 }; // 100 creates per second
const RUNS = 3;
const TARGETS = ['ISS-2', 'ISS-3', 'ISS-4', 'ISS-5', 'TKT-1', 'TKT-2', 'TKT-3', 'ENH-1'];

const bench: Bench = {
  title: 'core bulk createLinks under a rate limit',
  async run() {
    const sandbox = await startSandboxProcess();
    try {
      const client = createLinksClient('devrev', {
        baseUrl: sandbox.url,
        credentials: { token: SANDBOX_CREDENTIALS.devrev.token },
        concurrency: 8,
        retry: { limit: 5 },
      });
      const inputs = Array.from({ length: LINKS }, (_, i) => ({ source: 'ISS-1', linkType: 'is_related_to', target: TARGETS[i % TARGETS.length] }));
      const rates: number[] = [];
      let errors = 0;
      let duplicates = 0;
      let refused = 0;
      for (let run = 0; run < RUNS; run++) {
        await sandbox.admin('reset');
        await sandbox.admin('rate-limits', { devrev: LIMIT });
        const started = performance.now();
        const results = await client.createLinks(inputs);
        const seconds = (performance.now() - started) / 1000;
        const state = await sandbox.admin('state');
        const ok = results.filter((r) => r.status === 'fulfilled').length;
        errors += LINKS - ok;
        duplicates += state.links.devrev.length - ok;
        refused += state.requests.byRoute['devrev.create'] - state.links.devrev.length;
        rates.push(ok / seconds / (LIMIT.limit / (LIMIT.windowMs / 1000)));
      }
      const r = median(rates);
      return [
        {
          benchmark: `2. DevRev bulk ${LINKS} links through core, sandbox limited to ${LIMIT.limit}/s (median of ${RUNS})`,
          figure: `${percent(r)} of the limit; ${errors} errors, ${duplicates} duplicates`,
          goal: '>= 90%, 0 errors, 0 duplicates',
          met: r >= 0.9 && errors === 0 && duplicates === 0,
          note: `${(refused / RUNS).toFixed(0)} requests per run refused with 429 and re-sent after Retry-After`,
        },
      ];
    } finally {
      await sandbox.stop();
    }
  },
};
export default bench;
