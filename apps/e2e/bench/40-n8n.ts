// In each pinned real n8n (installed once into ~/.cache/links-n8n), one after the other:
// 3b. Yandex Tracker: 1,000 links from 10 entities through the n8n node: requests sent.
// 4.  1,000 items through our DevRev node vs n8n's own HTTP Request node making the same calls (same
//     links.create body, same Authorization header from a Header Auth credential): time per item, i.e. the Link
//     node's execution time as n8n records it in the run data, divided by the items. The HTTP Request node is
//     set up twice: its JSON body as one expression (one expression per item), and its body as fields mapped one
//     by one (source and target: two expressions per item, as in our node). Runs interleaved (ours, HTTP JSON,
//     HTTP fields, ours, ...): each figure is the median of the ratios within each round, so that a slow spell
//     of the shared machine hits both sides.
// 7d. Get Many (Return All) over 1,000 DevRev links of one object through the n8n node: one request per page.
import { devrev } from '@links/core';
import { createLinksClient } from '@links/core/http';
import { SANDBOX_CREDENTIALS as C, SEED } from '@links/sandbox';
import { ensureN8n, N8N_MAJORS, type N8nMajor } from '../src/n8n/install.js';
import { N8nInstance, type N8nNode } from '../src/n8n/instance.js';
import { type Bench, type BenchRow, median, ratio, startSandboxProcess } from './harness.js';
import { trackerInputs } from './30-tracker-batching.js';

const ITEMS = 1000;
const ROUNDS = 5;
const LISTED = 1000;
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
    const httpNode = (body: Record<string, unknown>): N8nNode => ({
      name: 'Link',
      type: 'n8n-nodes-base.httpRequest',
      typeVersion: 4.2,
      parameters: { method: 'POST', url: `${sandbox.url}/links.create`, authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth', sendBody: true, ...body, options: {} },
      credentials: { httpHeaderAuth: { id: 'header', name: 'DevRev header' } },
    });
    await n8n.importWorkflow('devrevHttp', [
      code(devrevItems),
      httpNode({ specifyBody: 'json', jsonBody: '={{ JSON.stringify({ source: $json.source, target: $json.target, link_type: "is_related_to" }) }}' }),
    ]);
    await n8n.importWorkflow('devrevHttpFields', [
      code(devrevItems),
      httpNode({
        specifyBody: 'keypair',
        bodyParameters: { parameters: [{ name: 'source', value: '={{$json.source}}' }, { name: 'target', value: '={{$json.target}}' }, { name: 'link_type', value: 'is_related_to' }] },
      }),
    ]);
    await sandbox.admin('reset');
    const trackerRun = await n8n.execute('tracker1000');
    const trackerState = await sandbox.admin('state');
    const requests = trackerState.requests.byRoute['tracker.create'];

    const times = { node: [] as number[], http: [] as number[], fields: [] as number[] };
    let failures = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [kind, id] of [['node', 'devrevNode'], ['http', 'devrevHttp'], ['fields', 'devrevHttpFields']] as const) {
        await sandbox.admin('reset');
        const result = await n8n.execute(id);
        const stored = (await sandbox.admin('state')).links.devrev.length;
        if (result.status !== 'success' || stored !== ITEMS) failures++;
        times[kind].push(result.executionTime('Link') / ITEMS);
      }
    }
    const ratios = (other: number[]) => times.node.map((ours, i) => ours / other[i]!);
    const ms = (values: number[]) => `${median(values).toFixed(2)} ms`;

    // Get Many over 1,000 links of one object (created through core beforehand).
    await sandbox.admin('reset');
    // A ticket that is the source of no seeded link, so that it is the source of exactly the links created here.
    const sources = new Set((await sandbox.admin('state')).seededLinks.devrev.map((l: { source: { display_id: string } }) => l.source.display_id));
    const listObject = Object.values(SEED.devrev.objects).find((o) => o.type === 'ticket' && !sources.has(o.display_id) && !TARGETS.includes(o.display_id))?.display_id;
    if (!listObject) throw new Error('every seeded DevRev ticket is the source of links already');
    await n8n.importWorkflow('devrevGetAll', [
      {
        name: 'Link',
        type: 'n8n-nodes-links.devRev',
        parameters: { resource: 'link', operation: 'getAll', object: listObject, direction: 'is_source', returnAll: true },
        credentials: { devRevApi: { id: 'devrev', name: 'DevRev' } },
      },
    ]);
    const seeder = createLinksClient('devrev', { baseUrl: sandbox.url, credentials: { token: C.devrev.token }, concurrency: 16 });
    const seeded = await seeder.createLinks(Array.from({ length: LISTED }, (_, i) => ({ source: listObject, linkType: 'is_related_to', target: TARGETS[i % TARGETS.length]! })));
    if (seeded.some((s) => s.status === 'rejected')) throw new Error(`could not create ${LISTED} links to list`);
    const before = await sandbox.admin('state');
    const fromObject = [...before.links.devrev, ...before.seededLinks.devrev].filter((l: { source: { display_id: string } }) => l.source.display_id === listObject).length;
    const listed = await n8n.execute('devrevGetAll');
    const listRequests = (await sandbox.admin('state')).requests.byRoute['devrev.list'] - before.requests.byRoute['devrev.list'];
    const pageSize = devrev.operations.list.pageSize;
    if (!pageSize) throw new Error('core gives DevRev links.list no page size');
    const pages = Math.ceil(fromObject / pageSize);
    const items = listed.output('Link').length;
    return [
      {
        benchmark: `3b. Yandex Tracker: ${ITEMS} links from 10 entities through the n8n node (${install.label})`,
        figure: `${requests} requests (${trackerState.links.yandexTracker.length} links stored, run ${trackerRun.status})`,
        goal: '<= 20 requests',
        met: requests <= 20 && trackerRun.status === 'success' && trackerState.links.yandexTracker.length === ITEMS,
      },
      ...([['http', "its JSON body as one expression"], ['fields', 'its body as fields (source and target mapped, as in ours)']] as const).map(([kind, how], i) => {
        const r = median(ratios(times[kind]));
        return {
          benchmark: `4${'ab'[i]}. ${install.label}: ${ITEMS} items through our DevRev node vs n8n's HTTP Request node (Header Auth credential, ${how}), same calls: time per item (median of ${ROUNDS} interleaved rounds' ratios)`,
          figure: `${ratio(r)} (ours ${ms(times.node)}, HTTP Request ${ms(times[kind])} per item, medians)`,
          goal: '<= 0.8x',
          met: r <= 0.8 && failures === 0,
          note: `${failures ? `${failures} runs did not store every link` : 'every run stored all links'}; ratios by round ${ratios(times[kind]).map((x) => x.toFixed(2)).join(', ')}`,
        };
      }),
      {
        benchmark: `7d. ${install.label}: Get Many (Return All) over ${fromObject.toLocaleString('en')} DevRev links of one object through the n8n node`,
        figure: `${items} items in ${listRequests} requests (run ${listed.status})`,
        goal: `${pages} requests (one per page of ${pageSize})`,
        met: listed.status === 'success' && items === fromObject && listRequests === pages,
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
