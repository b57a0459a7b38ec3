// In real n8n (1.123 and 2.41, as `pnpm e2e` installs them): the parameters the editor now stores reach the node
// as intended after n8n's own parameter handling. Tracker's Relationship variants (one `relationship` per Entity
// Type, and one for an expression), resource locators inside the Links fixed collection, and DevRev custom
// links named from one list of types per execution.
import { SANDBOX_CREDENTIALS as C, SEED, type Sandbox, startSandbox } from '@links/sandbox';
import { ensureN8n, N8N_MAJORS, type N8nMajor, n8nVersion } from '../../src/n8n/install.js';
import { N8nInstance, type N8nNode } from '../../src/n8n/instance.js';

const T = SEED.yandexTracker.entities;
const credentials = {
  devRevApi: { id: 'cred-devrev', name: 'DevRev (sandbox)' },
  yandexTrackerApi: { id: 'cred-tracker', name: 'Yandex Tracker (sandbox)' },
};

function workflow(type: string, credential: keyof typeof credentials, parameters: Record<string, unknown>, items: unknown[] = [{}]): N8nNode[] {
  return [
    { name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` } },
    { name: 'Link', type: `n8n-nodes-links.${type}`, parameters: { resource: 'link', operation: 'create', ...parameters }, credentials: { [credential]: credentials[credential] } },
  ];
}
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

const WORKFLOWS: Record<string, N8nNode[]> = {
  // A goal-only relationship, the linked entity From List.
  goalParent: workflow('yandexTracker', 'yandexTrackerApi', {
    entityType: 'goal',
    entityId: rl('list', T.launchEu.id),
    links: { values: [{ relationship: 'parent entity', entity: rl('list', T.reduceChurn.id) }] },
  }),
  // A project-only relationship, the goal By URL (sent as its short id).
  projectTowards: workflow('yandexTracker', 'yandexTrackerApi', {
    entityType: 'project',
    entityId: T.websiteRedesign.id,
    links: { values: [{ relationship: 'works towards', entity: rl('url', `https://tracker.yandex.com/pages/goals/${T.uptime.shortId}`) }] },
  }),
  // Entity Type as an expression: the variant with every relationship is the one n8n shows and keeps.
  expressionType: workflow(
    'yandexTracker',
    'yandexTrackerApi',
    { entityType: '={{ $json.type }}', entityId: '={{ $json.id }}', links: { values: [{ relationship: 'child entity', entity: T.launchEu.id }] } },
    [{ type: 'goal', id: T.reduceChurn.id }],
  ),
  // Three custom links in one execution.
  devrevCustom: workflow(
    'devRev',
    'devRevApi',
    { source: '={{ $json.source }}', linkType: 'custom_link', customLinkType: SEED.devrev.customLinkTypes.blocks.id, target: '={{ $json.target }}' },
    [
      { source: 'ISS-1', target: 'ISS-2' },
      { source: 'ISS-3', target: 'ISS-4' },
      { source: 'ISS-5', target: 'ISS-6' },
    ],
  ),
};

describe.each(N8N_MAJORS.map((major) => [n8nVersion(major), major] as const))('real n8n %s: the parameters the editor stores', (_version, major: N8nMajor) => {
  let sandbox: Sandbox;
  let n8n: N8nInstance;

  beforeAll(async () => {
    n8n = new N8nInstance(ensureN8n((line) => process.stderr.write(`${line}\n`), major));
    sandbox = await startSandbox();
    await n8n.importCredentials([
      { ...credentials.devRevApi, type: 'devRevApi', data: { token: C.devrev.token, baseUrl: sandbox.url } },
      {
        ...credentials.yandexTrackerApi,
        type: 'yandexTrackerApi',
        data: { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url },
      },
    ]);
    for (const [id, nodes] of Object.entries(WORKFLOWS)) await n8n.importWorkflow(id, nodes);
  });

  afterAll(async () => {
    n8n?.dispose();
    await sandbox?.close();
  });

  beforeEach(() => sandbox.state.reset());

  /** How many requests reading link-types.custom.list once takes (following next_cursor). */
  async function pagesInOneList(): Promise<number> {
    let pages = 0;
    let cursor: string | undefined;
    do {
      const response = await fetch(`${sandbox.url}/link-types.custom.list${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { Authorization: `Bearer ${C.devrev.token}` } });
      cursor = ((await response.json()) as { next_cursor?: string }).next_cursor || undefined;
      pages++;
    } while (cursor && pages < 20);
    return pages;
  }
  const trackerLinks = () => sandbox.state.snapshot().links.yandexTracker as unknown as Record<string, unknown>[];

  it('a goal-only Relationship and a linked entity From List', async () => {
    const run = await n8n.execute('goalParent');
    expect(run.status).toBe('success');
    expect(run.output('Link')).toEqual([expect.objectContaining({ linkType: 'parent entity', created: true })]);
    expect(trackerLinks()).toHaveLength(1);
  });

  it('a project-only Relationship and a goal By URL, sent as its short id', async () => {
    const run = await n8n.execute('projectTowards');
    expect(run.status).toBe('success');
    expect(run.output('Link')).toEqual([expect.objectContaining({ linkType: 'works towards', created: true })]);
    expect(JSON.stringify(trackerLinks())).toContain(T.uptime.id);
  });

  it('Entity Type as an expression keeps the Relationship', async () => {
    const run = await n8n.execute('expressionType');
    expect(run.status).toBe('success');
    expect(run.output('Link')).toEqual([expect.objectContaining({ linkType: 'child entity' })]);
  });

  it('DevRev custom links say their type\'s name; one list of types for three items', async () => {
    const run = await n8n.execute('devrevCustom');
    expect(run.status).toBe('success');
    expect(run.output('Link').map((item) => item.linkTypeLabel)).toEqual(['blocks', 'blocks', 'blocks']);
    // Every page of link-types.custom.list once: as many requests as reading the list once takes.
    const pages = sandbox.state.snapshot().requestLog.filter((entry) => entry.route === 'devrev.customLinkTypes');
    expect(pages.every((entry) => entry.outcome === 200)).toBe(true);
    expect(pages).toHaveLength(await pagesInOneList());
  });
});
