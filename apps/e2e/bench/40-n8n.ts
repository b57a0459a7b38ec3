// In each pinned real n8n (installed once into ~/.cache/links-n8n), one after the other:
// 3b. Yandex Tracker: 1,000 links from 10 entities through the n8n node: requests sent.
// 4.  1,000 items through our DevRev node vs n8n's own HTTP Request node making the same calls: the nodes'
//     execution time as n8n measures it (median of several runs, alternated).
import { SANDBOX_CREDENTIALS as C } from '@links/sandbox';
import { ensureN8n, N8N_MAJORS, type N8nMajor } from '../src/n8n/install.js';
import { N8nInstance } from '../src/n8n/instance.js';
import { type Bench, type BenchRow, median, ratio, startSandboxProcess } from './harness.js';
import { trackerInputs } from './30-tracker-batching.js';

const ITEMS = 1000;
const RUNS = 3;
const TARGETS = ['ISS-2', 'ISS-3', 'ISS-4', 'ISS-5', 'TKT-1', 'TKT-2', 'TKT-3', 'ENH-1'];
const code = (items: unknown[]) => ({ name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` } });

async function runIn(major: N8nMajor): Promise<BenchRow[]> {
  const install = ensureN8n((line) => process.stderr.write(`  ${line}\n`), major);
  const sandbox = await startSandboxProcess();
  const n8n = new N8nInstance(install);
  try {
    await n8n.importCredentials([
      { id: 'tracker', name: 'Tracker', type: 'yandexTrackerApi', data: { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url } },
      { id: 'devrev', name: 'DevRev', type: 'devRevApi', data: { token: C.devrev.token, baseUrl: sandbox.url } },
      // What a user gives the HTTP Request node instead of typing the token into a header.
      { id: 'header', name: 'DevRev header', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${C.devrev.token}` } },
    ]);
    const tracker = trackerInputs().map((input) => ({ entityType: input.entityType, entityId: input.entityId, target: input.links[0]!.entity }));
    await n8n.importWorkflow('tracker1000', [
      code(tracker),
      {
        name: 'Link',
        type: 'n8n-nodes-links.yandexTracker',
        parameters: { resource: 'link', operation: 'create', entityType: '={{$json.entityType}}', entityId: '={{$json.entityId}}', links: { values: [{ relationship: 'relates', entity: '={{$json.target}}' }] } },
        credentials: { yandexTrackerApi: { id: 'tracker', name: 'Tracker' } },
      },
    ]);
    const devrevItems = Array.from({ length: ITEMS }, (_, i) => ({ source: 'ISS-1', target: TARGETS[i % TARGETS.length] }));
    await n8n.importWorkflow('devrevNode', [
      code(devrevItems),
      {
        name: 'Link',
        type: 'n8n-nodes-links.devRev',
        parameters: { resource: 'link', operation: 'create', source: '={{$json.source}}', linkType: 'is_related_to', target: '={{$json.target}}' },
        credentials: { devRevApi: { id: 'devrev', name: 'DevRev' } },
      },
    ]);
    await n8n.importWorkflow('devrevHttp', [
      code(devrevItems),
      {
        name: 'Link',
        type: 'n8n-nodes-base.httpRequest',
        typeVersion: 4.2,
        parameters: {
          method: 'POST',
          url: `${sandbox.url}/links.create`,
          authentication: 'genericCredentialType',
          genericAuthType: 'httpHeaderAuth',
          sendBody: true,
          specifyBody: 'json',
          jsonBody: '={{ JSON.stringify({ source: $json.source, target: $json.target, link_type: "is_related_to" }) }}',
          options: {},
        },
        credentials: { httpHeaderAuth: { id: 'header', name: 'DevRev header' } },
      },
    ]);

    await sandbox.admin('reset');
    const trackerRun = await n8n.execute('tracker1000');
    const trackerState = await sandbox.admin('state');
    const requests = trackerState.requests.byRoute['tracker.create'];

    const times = { node: [] as number[], http: [] as number[] };
    let failures = 0;
    for (let run = 0; run < RUNS; run++) {
      for (const [kind, id] of [['node', 'devrevNode'], ['http', 'devrevHttp']] as const) {
        await sandbox.admin('reset');
        const result = await n8n.execute(id);
        const stored = (await sandbox.admin('state')).links.devrev.length;
        if (result.status !== 'success' || stored !== ITEMS) failures++;
        times[kind].push(result.executionTime('Link'));
      }
    }
    const r = median(times.node) / median(times.http);
    return [
      {
        benchmark: `3b. Yandex Tracker: ${ITEMS} links from 10 entities through the n8n node (${install.label})`,
        figure: `${requests} requests (${trackerState.links.yandexTracker.length} links stored, run ${trackerRun.status})`,
        goal: '<= 20 requests',
        met: requests <= 20 && trackerRun.status === 'success' && trackerState.links.yandexTracker.length === ITEMS,
      },
      {
        benchmark: `4. ${install.label}: ${ITEMS} items through our DevRev node vs n8n's HTTP Request node (Header Auth credential), same calls (node execution time, median of ${RUNS})`,
        figure: `${ratio(r)} (ours ${(median(times.node) / 1000).toFixed(2)} s, HTTP Request ${(median(times.http) / 1000).toFixed(2)} s)`,
        goal: '<= 1.0x',
        met: r <= 1.0 && failures === 0,
        note: failures ? `${failures} runs did not store every link` : 'every run stored all links',
      },
    ];
  } finally {
    n8n.dispose();
    await sandbox.stop();
  }
}

const bench: Bench = {
  title: 'n8n: Tracker batching and node overhead in each real n8n',
  async run() {
    const rows: BenchRow[] = [];
    for (const major of N8N_MAJORS) rows.push(...(await runIn(major)));
    return rows;
  },
};
export default bench;
