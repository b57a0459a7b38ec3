// 7c. listLinks over 1,000 and 10,000 DevRev links: one request per page, and heap growth that stays flat as
// the count grows when the caller keeps nothing (one page held at a time).
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { createLinksClient, type LinksClient } from '@links/core/http';
import { SANDBOX_CREDENTIALS } from '@links/sandbox';
import { type Bench, startSandboxProcess } from './harness.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

/**
 * Reads every link, keeping none (or all, to show what the measure sees when links are kept); the most the
 * live heap stood above where it started, measured after a full GC after each page.
 */
async function readAll(client: LinksClient, object: string, keep = false): Promise<{ links: number; growth: number }> {
  const base = heap();
  const kept: unknown[] = [];
  let growth = 0;
  let links = 0;
  for await (const page of client.listLinks({ object, direction: 'is_source' }).pages()) {
    links += page.length;
    if (keep) kept.push(...page);
    growth = Math.max(growth, heap() - base);
  }
  return { links: keep ? kept.length : links, growth };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

const bench: Bench = {
  title: 'DevRev listLinks through core',
  async run() {
    const sandbox = await startSandboxProcess();
    try {
      const client = createLinksClient('devrev', { baseUrl: sandbox.url, credentials: { token: SANDBOX_CREDENTIALS.devrev.token }, concurrency: 16 });
      const seed = async (object: string, count: number) => {
        const results = await client.createLinks(Array.from({ length: count }, () => ({ source: object, linkType: 'is_related_to', target: 'ISS-2' })));
        if (results.some((r) => r.status === 'rejected')) throw new Error(`could not create ${count} links`);
      };
      await seed('ISS-3', 1000);
      await seed('ISS-4', 10_000);
      const runs: { count: number; links: number; requests: number; growth: number }[] = [];
      for (const [object, count] of [['ISS-3', 1000], ['ISS-4', 10_000]] as const) {
        const before = (await sandbox.admin('state')).requests.byRoute['devrev.list'];
        const { links, growth } = await readAll(client, object);
        const requests = (await sandbox.admin('state')).requests.byRoute['devrev.list'] - before;
        runs.push({ count, links, requests, growth });
      }
      const [small, large] = runs as [(typeof runs)[0], (typeof runs)[0]];
      const flat = large.growth <= small.growth + 1024 * 1024;
      const keeping = await readAll(client, 'ISS-4', true);
      return [
        ...runs.map((run) => ({
        benchmark: `7c. DevRev: listLinks over ${run.count.toLocaleString('en')} links of one object, the caller keeping none`,
        figure: `${run.links} links in ${run.requests} requests; heap grew at most ${kib(run.growth)}`,
        goal: run === large ? `${Math.ceil(run.count / 50)} requests; heap growth within 1 MiB of the 1,000-link run` : `${Math.ceil(run.count / 50)} requests`,
        met: run.links === run.count && run.requests === Math.ceil(run.count / 50) && (run === small || flat),
      })),
        {
          benchmark: '7c. The same 10,000 links, the caller keeping every one (what the measure shows when links are kept)',
          figure: `heap grew ${kib(keeping.growth)}`,
          goal: '',
          met: null,
        },
      ];
    } finally {
      await sandbox.stop();
    }
  },
};
export default bench;
