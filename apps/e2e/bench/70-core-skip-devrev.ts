// 7a. "Skip if already linked" over 1,000 DevRev inputs from 10 sources, half of them linked already:
// the requests are each source's list pages and one create per missing link; nothing is created twice.
import { createLinksClient } from '@links/core/http';
import { DEVREV_SEED_LINKS, DEVREV_WORKS, SANDBOX_CREDENTIALS } from '@links/sandbox';
import { type Bench, startSandboxProcess } from './harness.js';

const SOURCES = 10;
const PER_SOURCE = 100;

/** Ten work items with no links of their own yet, and for each 100 other work items to link to. */
export function devrevSkipPlan() {
  const linked = new Set(DEVREV_SEED_LINKS.map(([, source]) => source));
  const sources = DEVREV_WORKS.filter((w) => !linked.has(w.display_id)).slice(0, SOURCES);
  if (sources.length < SOURCES) throw new Error('the sandbox seeds too few DevRev work items without links');
  const targets = (source: string) => DEVREV_WORKS.filter((w) => w.display_id !== source).slice(0, PER_SOURCE).map((w) => w.display_id);
  const input = (source: string, target: string) => ({ source, linkType: 'is_related_to', target });
  // Interleaved, as a flow produces them; the first half of each source's targets are linked before the run.
  const inputs = Array.from({ length: SOURCES * PER_SOURCE }, (_, i) => {
    const source = sources[i % SOURCES]!.display_id;
    return input(source, targets(source)[Math.floor(i / SOURCES)]!);
  });
  const existing = sources.flatMap((s) => targets(s.display_id).slice(0, PER_SOURCE / 2).map((t) => input(s.display_id, t)));
  return { inputs, existing };
}

const bench: Bench = {
  title: 'DevRev skip-if-linked through core',
  async run() {
    const sandbox = await startSandboxProcess();
    try {
      const client = createLinksClient('devrev', { baseUrl: sandbox.url, credentials: { token: SANDBOX_CREDENTIALS.devrev.token }, concurrency: 8 });
      const { inputs, existing } = devrevSkipPlan();
      const before = await client.createLinks(existing);
      if (before.some((r) => r.status === 'rejected')) throw new Error('could not link the first half');
      const start = (await sandbox.admin('state')).requests.byRoute;
      const started = performance.now();
      const results = await client.createLinks(inputs, { ifExists: 'skip' });
      const seconds = (performance.now() - started) / 1000;
      const state = await sandbox.admin('state');
      const lists = state.requests.byRoute['devrev.list'] - start['devrev.list'];
      const creates = state.requests.byRoute['devrev.create'] - start['devrev.create'];
      const failed = results.filter((r) => r.status === 'rejected').length;
      const skipped = results.filter((r) => r.status === 'fulfilled' && !r.value[0]!.created).length;
      const keys = state.links.devrev.map((l: { source: { id: string }; target: { id: string }; link_type: string }) => `${l.source.id}>${l.link_type}>${l.target.id}`);
      const duplicates = keys.length - new Set(keys).size;
      // 50 links per source before the run, 50 a page: one page each.
      const pages = SOURCES * Math.max(1, Math.ceil(existing.length / SOURCES / 50));
      return [
        {
          benchmark: `7a. DevRev: ${inputs.length} inputs from ${SOURCES} sources, half linked already, ifExists "skip" through core`,
          figure: `${lists} list + ${creates} create requests; ${skipped} skipped, ${failed} failed, ${duplicates} duplicates (${seconds.toFixed(1)} s)`,
          goal: `${pages} list pages + ${inputs.length / 2} creates, 0 duplicates`,
          met: lists === pages && creates === inputs.length / 2 && skipped === inputs.length / 2 && failed === 0 && duplicates === 0,
        },
      ];
    } finally {
      await sandbox.stop();
    }
  },
};
export default bench;
