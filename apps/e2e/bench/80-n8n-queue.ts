// 8. n8n 2.x in queue mode (n8n's own engine): PostgreSQL and Redis from Debian's packages, started here on
// loopback, one main and two workers. 10 DevRev executions of 100 items each and 10 OneTrust executions of 20
// items each are started together through production webhooks; then 10 more OneTrust executions (5 items
// each) once the first ones are done. Every link must be stored exactly once, every execution must succeed, and
// the OneTrust token requests are counted per wave. Skipped (with the reason) when PostgreSQL or Redis is not
// installed.
import { SANDBOX_CREDENTIALS as C, SEED } from '@links/sandbox';
import { ensureN8n } from '../src/n8n/install.js';
import { findQueueTools, N8nQueue, type WebhookWorkflow } from '../src/n8n/queue.js';
import { type Bench, type BenchRow, startSandboxProcess } from './harness.js';

const EXECUTIONS = 10;
const DEVREV_ITEMS = 100;
const ONETRUST_ITEMS = [20, 5] as const;
const WORKERS = 2;

const items = { name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: 'return $input.first().json.body.items.map((json) => ({ json }));' } };

const WORKFLOWS: WebhookWorkflow[] = [
  {
    id: 'queueDevrev',
    path: 'links-devrev',
    nodes: [
      items,
      {
        name: 'Link',
        type: 'n8n-nodes-links.devRev',
        parameters: { resource: 'link', operation: 'create', source: '={{$json.source}}', linkType: 'is_related_to', target: '={{$json.target}}' },
        credentials: { devRevApi: { id: 'devrev', name: 'DevRev' } },
      },
    ],
  },
  {
    id: 'queueOnetrust',
    path: 'links-onetrust',
    nodes: [
      items,
      {
        name: 'Link',
        type: 'n8n-nodes-links.oneTrust',
        parameters: {
          resource: 'link',
          operation: 'create',
          linkTypeId: SEED.onetrust.linkTypes.aiSystemComposition.id,
          entity1Type: 'aisystems',
          entity1Id: '={{$json.entity1}}',
          entity2Type: 'models',
          entity2Id: '={{$json.entity2}}',
        },
        credentials: { oneTrustApi: { id: 'onetrust', name: 'OneTrust' } },
      },
    ],
  },
];

/** Execution e links work item e to 100 others: 1,000 distinct (source, target) pairs. */
function devrevBatches(): { source: string; target: string }[][] {
  const works = Object.values(SEED.devrev.objects).filter((o) => o.type === 'issue' || o.type === 'ticket').map((o) => o.display_id);
  return Array.from({ length: EXECUTIONS }, (_, e) => {
    const source = works[e]!;
    const targets = works.filter((w) => w !== source).slice(0, DEVREV_ITEMS);
    if (targets.length < DEVREV_ITEMS) throw new Error(`the sandbox seeds ${works.length} DevRev work items, ${DEVREV_ITEMS + 1} are needed`);
    return targets.map((target) => ({ source, target }));
  });
}

/** Wave w, execution e: AI system e composed of models [offset, offset + n): distinct pairs across both waves. */
function onetrustBatches(wave: 0 | 1): { entity1: string; entity2: string }[][] {
  const of = (type: string) => Object.values(SEED.onetrust.entities).filter((x) => x.entityType === type).map((x) => x.id);
  const [systems, models] = [of('aisystems'), of('models')];
  const offset = wave === 0 ? 0 : ONETRUST_ITEMS[0];
  if (systems.length < EXECUTIONS || models.length < ONETRUST_ITEMS[0] + ONETRUST_ITEMS[1]) throw new Error('the sandbox seeds too few OneTrust AI systems or models');
  return systems.slice(0, EXECUTIONS).map((entity1) => models.slice(offset, offset + ONETRUST_ITEMS[wave]).map((entity2) => ({ entity1, entity2 })));
}

/** How many of the wanted keys were stored once, twice or more, or not at all, and how many stored are unwanted. */
function tally(wanted: string[], stored: string[]) {
  const counts = new Map<string, number>();
  for (const key of stored) counts.set(key, (counts.get(key) ?? 0) + 1);
  const want = new Set(wanted);
  return {
    once: wanted.filter((k) => counts.get(k) === 1).length,
    duplicated: [...counts.values()].filter((n) => n > 1).length,
    missing: wanted.filter((k) => !counts.has(k)).length,
    unexpected: stored.filter((k) => !want.has(k)).length,
  };
}
const tallyText = (t: ReturnType<typeof tally>) => `${t.once} stored once, ${t.duplicated} duplicated, ${t.missing} missing, ${t.unexpected} unexpected`;

const bench: Bench = {
  title: 'n8n 2.x queue mode: main and two workers on PostgreSQL and Redis',
  async run(): Promise<BenchRow[]> {
    const found = findQueueTools();
    if ('missing' in found) {
      process.stderr.write(`  skipped: ${found.missing}\n`);
      return [{ benchmark: '8. n8n queue mode (main + 2 workers, PostgreSQL, Redis)', figure: 'skipped', goal: '', met: null, note: found.missing }];
    }
    const log = (line: string) => process.stderr.write(`  ${line}\n`);
    const install = ensureN8n(log, 2);
    const sandbox = await startSandboxProcess();
    let queue: N8nQueue | undefined;
    try {
      const startedAt = performance.now();
      queue = await N8nQueue.start(install, found.tools, {
        workers: WORKERS,
        log,
        workflows: WORKFLOWS,
        credentials: [
          { id: 'devrev', name: 'DevRev', type: 'devRevApi', data: { token: C.devrev.token, baseUrl: sandbox.url } },
          { id: 'onetrust', name: 'OneTrust', type: 'oneTrustApi', data: { ...C.onetrust, baseUrl: sandbox.url } },
        ],
      });
      const setup = (performance.now() - startedAt) / 1000;
      await sandbox.admin('reset');

      // Wave 1: 10 DevRev and 10 OneTrust executions started together.
      const devrev = devrevBatches();
      const onetrust1 = onetrustBatches(0);
      const wave1 = performance.now();
      await Promise.all([...devrev.map((batch) => queue!.trigger('links-devrev', { items: batch })), ...onetrust1.map((batch) => queue!.trigger('links-onetrust', { items: batch }))]);
      await queue.waitForFinished(2 * EXECUTIONS, 10 * 60_000);
      const wave1Seconds = (performance.now() - wave1) / 1000;
      const afterWave1 = await sandbox.admin('state');
      const tokens1 = afterWave1.requests.byRoute['onetrust.token'];
      const perWorker1 = queue.workers().map((w) => w.finished.length);

      // Wave 2: OneTrust only, with the token n8n stored in the credential during wave 1.
      const onetrust2 = onetrustBatches(1);
      await Promise.all(onetrust2.map((batch) => queue!.trigger('links-onetrust', { items: batch })));
      await queue.waitForFinished(3 * EXECUTIONS, 5 * 60_000);
      const state = await sandbox.admin('state');
      const tokens2 = state.requests.byRoute['onetrust.token'] - tokens1;
      const statuses = queue.executionStatuses();
      const perWorker = queue.workers().map((w) => w.finished.length);

      const devrevTally = tally(
        devrev.flat().map((l) => `${l.source}>${l.target}`),
        state.links.devrev.map((l: { source: { display_id: string }; target: { display_id: string } }) => `${l.source.display_id}>${l.target.display_id}`),
      );
      const onetrustTally = tally(
        [...onetrust1, ...onetrust2].flat().map((l) => `${l.entity1}>${l.entity2}`),
        state.links.onetrust.map((l: { entity1: { id: string }; entity2: { id: string } }) => `${l.entity1.id}>${l.entity2.id}`),
      );
      const exact = (t: ReturnType<typeof tally>, n: number) => t.once === n && t.duplicated === 0 && t.missing === 0 && t.unexpected === 0;
      const allSucceeded = statuses.success === 3 * EXECUTIONS && Object.keys(statuses).length === 1;
      const spread = perWorker1.every((n) => n > 0);
      const devrevCreates = state.requests.byRoute['devrev.create'];
      const statusText = Object.entries(statuses).map(([s, n]) => `${n} ${s}`).join(', ');
      return [
        {
          benchmark: `8a. ${install.label}, queue mode (main + ${WORKERS} workers, PostgreSQL, Redis): ${EXECUTIONS} DevRev executions of ${DEVREV_ITEMS} items and ${EXECUTIONS} OneTrust executions of ${ONETRUST_ITEMS[0]} items started together through webhooks`,
          figure: `DevRev: ${tallyText(devrevTally)} (${devrevCreates} create requests); executions: ${statusText}; wave done in ${wave1Seconds.toFixed(1)} s`,
          goal: 'every link stored exactly once, every execution succeeds',
          met: exact(devrevTally, EXECUTIONS * DEVREV_ITEMS) && allSucceeded && devrevCreates === EXECUTIONS * DEVREV_ITEMS,
          note: `the ${2 * EXECUTIONS} executions ran ${perWorker1.join(' + ')} on the ${WORKERS} workers (from their logs); ${spread ? 'both' : 'NOT all'} workers took work; setup (migrations, import, start) ${setup.toFixed(0)} s`,
        },
        {
          benchmark: `8b. The same, OneTrust: ${EXECUTIONS} × ${ONETRUST_ITEMS[0]} creates, then ${EXECUTIONS} × ${ONETRUST_ITEMS[1]} more once the first wave is done`,
          figure: `${onetrustTally.once} stored once, ${onetrustTally.duplicated} duplicated, ${onetrustTally.missing} missing; token requests: ${tokens1} in the first wave, ${tokens2} in the second`,
          goal: 'every link stored exactly once; 0 token requests in the second wave',
          met: exact(onetrustTally, EXECUTIONS * (ONETRUST_ITEMS[0] + ONETRUST_ITEMS[1])) && tokens2 === 0 && allSucceeded,
          note:
            `n8n fetches a token (the credential's preAuthentication) for each request that finds the credential's token field empty, and stores the token in the credential in PostgreSQL; ` +
            `requests that read the credential before the first token was stored fetch their own, so the first wave's count depends on how many requests start at once; afterwards every worker reads the stored token (all executions: ${perWorker.join(' + ')} per worker)`,
        },
      ];
    } catch (error) {
      if (queue) process.stderr.write(`${queue.logs()}\n`);
      throw error;
    } finally {
      await queue?.stop();
      await sandbox.stop();
    }
  },
};
export default bench;
