// DevRev custom links say which custom link type they are: its name, learned from link-types.custom.list once
// per execution (core's linkTypeNamer), whatever the number of items.
import { SANDBOX_CREDENTIALS as C, SEED, type Sandbox, startSandbox } from '@links/sandbox';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { fakeContext, loadNode } from '../../src/n8n/fake-context.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.state.reset());
afterAll(() => sandbox.close());

const BLOCKS = SEED.devrev.customLinkTypes.blocks;
const customItem = (source: string, target: string) => ({ resource: 'link', operation: 'create', source, linkType: 'custom_link', customLinkType: BLOCKS.id, target });

async function execute(items: Record<string, unknown>[]) {
  const fake = fakeContext({ items, credentialType: 'devRevApi', credentials: { token: C.devrev.token, baseUrl: sandbox.url } });
  const output = (await loadNode('DevRev').execute.call(fake.context as unknown as IExecuteFunctions))[0] as INodeExecutionData[];
  const lists = fake.wire.filter((request) => new URL(request.url).pathname === '/link-types.custom.list');
  return { output, lists, firstPages: lists.filter((request) => !new URL(request.url).searchParams.has('cursor')) };
}

describe('DevRev custom link names', () => {
  it('a created custom link says its type\'s name; one item reads the list of types once', async () => {
    const { output, firstPages } = await execute([customItem('ISS-1', 'ISS-2')]);
    expect(output.map((item) => item.json.linkTypeLabel)).toEqual([BLOCKS.name]);
    expect(output[0]!.json).toMatchObject({ linkType: 'custom_link', created: true });
    expect(firstPages).toHaveLength(1);
  });

  it('five items read the list of types exactly as often as one: once per execution', async () => {
    const one = await execute([customItem('ISS-1', 'ISS-2')]);
    sandbox.state.reset();
    const five = await execute([customItem('ISS-1', 'ISS-2'), customItem('ISS-3', 'ISS-4'), customItem('ISS-5', 'ISS-6'), customItem('ISS-12', 'ISS-13'), customItem('ISS-14', 'ISS-15')]);
    expect(five.output.map((item) => item.json.linkTypeLabel)).toEqual(Array(5).fill(BLOCKS.name));
    expect(five.firstPages).toHaveLength(1);
    expect(five.lists).toHaveLength(one.lists.length);
  });

  it('Get Many names the custom links it lists, and leaves the others as they are', async () => {
    const { output, firstPages } = await execute([{ resource: 'link', operation: 'getAll', object: 'ISS-9', direction: 'is_source', returnAll: true }]);
    const custom = output.filter((item) => item.json.linkType === 'custom_link');
    expect(custom.map((item) => item.json.linkTypeLabel)).toEqual([BLOCKS.name]);
    expect(firstPages).toHaveLength(1);
  });

  it('a run without custom links sends no list request', async () => {
    const { output, lists } = await execute([{ resource: 'link', operation: 'create', source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' }]);
    expect(output[0]!.json.linkTypeLabel).toBe('is related to');
    expect(lists).toHaveLength(0);
  });

  it('when the list cannot be read the link is still output, its label naming the type\'s display id', async () => {
    sandbox.state.addFaults({ route: 'devrev.customLinkTypes', status: 500 });
    const { output, lists } = await execute([customItem('ISS-1', 'ISS-2'), customItem('ISS-3', 'ISS-4')]);
    expect(output.map((item) => item.json.linkTypeLabel)).toEqual([`custom link ${BLOCKS.display_id}`, `custom link ${BLOCKS.display_id}`]);
    expect(output.map((item) => item.json.created)).toEqual([true, true]);
    expect(lists).toHaveLength(1);
    expect(sandbox.state.snapshot().links.devrev.filter((link) => link.link_type === 'custom_link').length).toBeGreaterThanOrEqual(2);
  });
});
