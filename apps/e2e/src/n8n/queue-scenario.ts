// The queue-mode run shared by the benchmark (bench/80-n8n-queue.ts, which reports it) and the end-to-end test
// (test/n8n-queue.e2e.test.ts, which asserts it): n8n in queue mode with one main and two workers; 10 DevRev
// executions of 100 items each and 10 OneTrust executions of 20 items each started together through production
// webhooks, then 10 more OneTrust executions of 5 items each once those are done. Every (source, target) pair
// is distinct, so the sandbox's stored links show each link stored once, twice or not at all.
import { SANDBOX_CREDENTIALS as C, SEED } from '@links/sandbox';
import type { N8nInstall } from './install.js';
import { N8nQueue, type QueueTools, type WebhookWorkflow } from './queue.js';

export const QUEUE_EXECUTIONS = 10;
export const QUEUE_DEVREV_ITEMS = 100;
export const QUEUE_ONETRUST_ITEMS = [20, 5] as const;
export const QUEUE_WORKERS = 2;

/** The sandbox as the scenario needs it: its URL and its admin state (in-process or over the admin API). */
export interface QueueSandbox {
  url: string;
  snapshot(): Promise<any>;
  reset(): Promise<void>;
}

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
  return Array.from({ length: QUEUE_EXECUTIONS }, (_, e) => {
    const source = works[e]!;
    const targets = works.filter((w) => w !== source).slice(0, QUEUE_DEVREV_ITEMS);
    if (targets.length < QUEUE_DEVREV_ITEMS) throw new Error(`the sandbox seeds ${works.length} DevRev work items, ${QUEUE_DEVREV_ITEMS + 1} are needed`);
    return targets.map((target) => ({ source, target }));
  });
}

/** Wave w, execution e: AI system e composed of a slice of the models, distinct across both waves. */
function onetrustBatches(wave: 0 | 1): { entity1: string; entity2: string }[][] {
  const of = (type: string) => Object.values(SEED.onetrust.entities).filter((x) => x.entityType === type).map((x) => x.id);
  const [systems, models] = [of('aisystems'), of('models')];
  const offset = wave === 0 ? 0 : QUEUE_ONETRUST_ITEMS[0];
  if (systems.length < QUEUE_EXECUTIONS || models.length < QUEUE_ONETRUST_ITEMS[0] + QUEUE_ONETRUST_ITEMS[1]) throw new Error('the sandbox seeds too few OneTrust AI systems or models');
  return systems.slice(0, QUEUE_EXECUTIONS).map((entity1) => models.slice(offset, offset + QUEUE_ONETRUST_ITEMS[wave]).map((entity2) => ({ entity1, entity2 })));
}

/** How many of the wanted links were stored exactly once, more than once, not at all, and how many unwanted. */
export interface LinkTally {
  wanted: number;
  once: number;
  duplicated: number;
  missing: number;
  unexpected: number;
}

function tally(wanted: string[], stored: string[]): LinkTally {
  const counts = new Map<string, number>();
  for (const key of stored) counts.set(key, (counts.get(key) ?? 0) + 1);
  const want = new Set(wanted);
  return {
    wanted: wanted.length,
    once: wanted.filter((k) => counts.get(k) === 1).length,
    duplicated: [...counts.values()].filter((n) => n > 1).length,
    missing: wanted.filter((k) => !counts.has(k)).length,
    unexpected: stored.filter((k) => !want.has(k)).length,
  };
}

export const exactlyOnce = (t: LinkTally) => t.once === t.wanted && t.duplicated === 0 && t.missing === 0 && t.unexpected === 0;

export interface QueueScenarioResult {
  install: N8nInstall;
  devrev: LinkTally;
  onetrust: LinkTally;
  devrevCreateRequests: number;
  /** OneTrust token requests in the first wave and in the second. */
  tokens: [number, number];
  /** Executions by status, as n8n stored them in PostgreSQL. */
  statuses: Record<string, number>;
  /** Executions each worker finished: after the first wave, and in all. */
  perWorker: { firstWave: number[]; all: number[] };
  /** Seconds: PostgreSQL, Redis, migrations, imports and the n8n processes up; the first wave. */
  seconds: { setup: number; firstWave: number };
}

export async function runQueueScenario(install: N8nInstall, tools: QueueTools, sandbox: QueueSandbox, log: (line: string) => void): Promise<QueueScenarioResult> {
  const startedAt = performance.now();
  const queue = await N8nQueue.start(install, tools, {
    workers: QUEUE_WORKERS,
    log,
    workflows: WORKFLOWS,
    credentials: [
      { id: 'devrev', name: 'DevRev', type: 'devRevApi', data: { token: C.devrev.token, baseUrl: sandbox.url } },
      { id: 'onetrust', name: 'OneTrust', type: 'oneTrustApi', data: { ...C.onetrust, baseUrl: sandbox.url } },
    ],
  });
  try {
    const setup = (performance.now() - startedAt) / 1000;
    await sandbox.reset();

    // Wave 1: 10 DevRev and 10 OneTrust executions started together.
    const devrev = devrevBatches();
    const onetrust1 = onetrustBatches(0);
    const wave1 = performance.now();
    await Promise.all([
      ...devrev.map((batch) => queue.trigger('links-devrev', { items: batch })),
      ...onetrust1.map((batch) => queue.trigger('links-onetrust', { items: batch })),
    ]);
    await queue.waitForFinished(2 * QUEUE_EXECUTIONS, 10 * 60_000);
    const firstWave = (performance.now() - wave1) / 1000;
    const tokens1 = (await sandbox.snapshot()).requests.byRoute['onetrust.token'];
    const perWorker1 = queue.workers().map((w) => w.finished.length);

    // Wave 2: OneTrust only, with the token n8n stored in the credential during wave 1.
    const onetrust2 = onetrustBatches(1);
    await Promise.all(onetrust2.map((batch) => queue.trigger('links-onetrust', { items: batch })));
    await queue.waitForFinished(3 * QUEUE_EXECUTIONS, 5 * 60_000);
    const state = await sandbox.snapshot();
    return {
      install,
      devrev: tally(
        devrev.flat().map((l) => `${l.source}>${l.target}`),
        state.links.devrev.map((l: { source: { display_id: string }; target: { display_id: string } }) => `${l.source.display_id}>${l.target.display_id}`),
      ),
      onetrust: tally(
        [...onetrust1, ...onetrust2].flat().map((l) => `${l.entity1}>${l.entity2}`),
        state.links.onetrust.map((l: { entity1: { id: string }; entity2: { id: string } }) => `${l.entity1.id}>${l.entity2.id}`),
      ),
      devrevCreateRequests: state.requests.byRoute['devrev.create'],
      tokens: [tokens1, state.requests.byRoute['onetrust.token'] - tokens1],
      statuses: queue.executionStatuses(),
      perWorker: { firstWave: perWorker1, all: queue.workers().map((w) => w.finished.length) },
      seconds: { setup, firstWave },
    };
  } catch (error) {
    log(queue.logs());
    throw error;
  } finally {
    await queue.stop();
  }
}
