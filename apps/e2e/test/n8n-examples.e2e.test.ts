// The example workflows of packages/n8n-nodes-links/examples, in each pinned real n8n: imported as they are with
// n8n's CLI (`import:workflow --separate`), run against the sandbox through credentials of the ids they name,
// each node's output as n8n returns it, and what the sandbox holds afterwards.
import { SANDBOX_CREDENTIALS as C, type Sandbox, startSandbox } from '@links/sandbox';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureN8n, N8N_MAJORS, type N8nMajor, n8nVersion } from '../src/n8n/install.js';
import { N8nInstance } from '../src/n8n/instance.js';
import { e2eRoot } from '../src/n8n/root.js';

const EXAMPLES = join(e2eRoot(), '../../packages/n8n-nodes-links/examples');
const SECRETS = [C.devrev.token, C.yandexTracker.oauthToken, C.onetrust.clientSecret];

interface ExampleNode {
  name: string;
  type: string;
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
}
interface Example {
  file: string;
  id: string;
  nodes: ExampleNode[];
}

const examples: Example[] = readdirSync(EXAMPLES)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Omit<Example, 'file'>) }));

/** Which node each example is for (its Links nodes' type), the store the sandbox keeps its links in, and the create route. */
const NODE_OF = {
  'n8n-nodes-links.devRev': { store: 'devrev', route: 'devrev' },
  'n8n-nodes-links.yandexTracker': { store: 'yandexTracker', route: 'tracker' },
  'n8n-nodes-links.oneTrust': { store: 'onetrust', route: 'onetrust' },
} as const;
const linksNodes = (example: Example) => example.nodes.filter((node) => node.type.startsWith('n8n-nodes-links.'));

it('one example per node of the package, each running Create, Get, Get Many and Delete', () => {
  const nodes = JSON.parse(readFileSync(join(EXAMPLES, '../package.json'), 'utf8')).n8n.nodes as string[];
  expect(examples.map((example) => new Set(linksNodes(example).map((node) => node.type)).size)).toEqual(examples.map(() => 1));
  expect(examples.map((example) => linksNodes(example)[0]!.type).sort()).toEqual(Object.keys(NODE_OF).sort());
  expect(examples).toHaveLength(nodes.length);
  for (const example of examples) expect(linksNodes(example).map((node) => node.parameters.operation)).toEqual(['create', 'get', 'getAll', 'delete']);
});

describe.each(N8N_MAJORS.map((major) => [n8nVersion(major), major] as const))('real n8n %s', (_version, major: N8nMajor) => {
  let sandbox: Sandbox;
  let n8n: N8nInstance;

  beforeAll(async () => {
    const install = ensureN8n((line) => process.stderr.write(`${line}\n`), major);
    sandbox = await startSandbox();
    n8n = new N8nInstance(install);
    // The credentials the examples name (by id), pointed at the sandbox.
    const data: Record<string, Record<string, unknown>> = {
      devRevApi: { token: C.devrev.token, baseUrl: sandbox.url },
      yandexTrackerApi: { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url },
      oneTrustApi: { ...C.onetrust, baseUrl: sandbox.url },
    };
    const named = new Map(examples.flatMap((example) => linksNodes(example).flatMap((node) => Object.entries(node.credentials ?? {}))));
    await n8n.importCredentials([...named].map(([type, { id, name }]) => ({ id, name, type, data: data[type]! })));
    await n8n.importWorkflowFiles(EXAMPLES, examples.length);
  });

  afterAll(async () => {
    n8n?.dispose();
    await sandbox?.close();
  });

  beforeEach(() => sandbox.state.reset());

  it.each(examples.map((example) => [example.file, example] as const))('%s runs: the link is created, read back, listed, then deleted', async (_file, example) => {
    const { store, route } = NODE_OF[linksNodes(example)[0]!.type as keyof typeof NODE_OF];
    const run = await n8n.execute(example.id);
    expect(run.status).toBe('success');
    const [created] = run.output('Create Link');
    expect(created).toMatchObject({ created: true, ref: expect.any(Object) });
    expect(run.output('Get Link')).toEqual([expect.objectContaining({ ref: created!.ref, linkType: created!.linkType })]);
    expect(run.output('Get Many Links').map((link) => link.ref)).toContainEqual(created!.ref);
    expect(run.output('Delete Link')).toEqual([{ deleted: true, ref: created!.ref }]);
    // The sandbox: one create and one delete; the link is gone again.
    const requests = sandbox.state.snapshot().requestLog.filter((entry) => entry.outcome !== 401);
    expect(requests.filter((entry) => entry.route === `${route}.create`)).toHaveLength(1);
    expect(requests.filter((entry) => entry.route === `${route}.delete`)).toHaveLength(1);
    expect(sandbox.state.snapshot().links[store]).toHaveLength(0);
    for (const secret of SECRETS) expect(run.stdout + run.stderr).not.toContain(secret);
  });
});
