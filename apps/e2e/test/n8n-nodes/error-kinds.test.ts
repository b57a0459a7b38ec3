// Every error kind, for each of the three built nodes, against the sandbox: what n8n shows (error class,
// message, HTTP code, description, item index), that nothing was stored where nothing should be, and the
// same failure as an output item with Continue On Fail.
import { SANDBOX_CREDENTIALS as C, SEED, type RouteName, type Sandbox, startSandbox } from '@links/sandbox';
import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { fakeContext, type FakeOptions, loadNode } from '../../src/n8n/fake-context.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.state.reset());
afterAll(() => sandbox.close());

const base = { resource: 'link', operation: 'create' };
const T = SEED.yandexTracker.entities;
const OT = SEED.onetrust;

interface NodeCase {
  node: string;
  api: string;
  credentialType: string;
  credentials: () => ICredentialDataDecryptedObject;
  route: RouteName;
  store: 'devrev' | 'yandexTracker' | 'onetrust';
  valid: Record<string, unknown>;
  /** Valid input without this required parameter. */
  missing: { field: string; message: RegExp };
  /** Valid input that the API answers 404. */
  notFound: Record<string, unknown>;
  /** Valid input that the API refuses as invalid (400 or 422). */
  refused: { item: Record<string, unknown>; status: string };
}

const NODES: NodeCase[] = [
  {
    node: 'DevRev',
    api: 'DevRev',
    credentialType: 'devRevApi',
    credentials: () => ({ token: C.devrev.token, baseUrl: sandbox.url }),
    route: 'devrev.create',
    store: 'devrev',
    valid: { ...base, source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' },
    missing: { field: 'target', message: /^Target ID \(target\) is required/ },
    notFound: { ...base, source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-404' },
    // "implements" links issues to enhancements, features or capabilities, not to tickets.
    refused: {
      item: { ...base, source: 'ISS-1', linkType: 'custom_link', customLinkType: SEED.devrev.customLinkTypes.implements.id, target: 'TKT-1' },
      status: '400',
    },
  },
  {
    node: 'YandexTracker',
    api: 'Yandex Tracker',
    credentialType: 'yandexTrackerApi',
    credentials: () => ({ tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url }),
    route: 'tracker.create',
    store: 'yandexTracker',
    valid: { ...base, entityType: 'project', entityId: T.websiteRedesign.id, links: { values: [{ relationship: 'relates', entity: T.paymentsMigration.id }] } },
    missing: { field: 'entityId', message: /^Entity ID \(entityId\) is required/ },
    notFound: { ...base, entityType: 'goal', entityId: '000000000000000000000000', links: { values: [{ relationship: 'relates', entity: T.launchEu.id }] } },
    // A relationship outside Tracker's list is allowed by the node (the list is open) and refused by the API.
    refused: {
      item: { ...base, entityType: 'project', entityId: T.websiteRedesign.id, links: { values: [{ relationship: 'blocks', entity: T.paymentsMigration.id }] } },
      status: '422',
    },
  },
  {
    node: 'OneTrust',
    api: 'OneTrust',
    credentialType: 'oneTrustApi',
    credentials: () => ({ ...C.onetrust, baseUrl: sandbox.url }),
    route: 'onetrust.create',
    store: 'onetrust',
    valid: { ...base, linkTypeId: OT.linkTypes.aiSystemComposition.id, entity1Type: 'aisystems', entity1Id: OT.entities.supportAssistant.id, entity2Type: 'models', entity2Id: OT.entities.intentClassifier.id },
    missing: { field: 'entity2Id', message: /^Entity 2 ID \(entity2Id\) is required/ },
    notFound: { ...base, linkTypeId: OT.linkTypes.aiSystemComposition.id, entity1Type: 'aisystems', entity1Id: OT.entities.supportAssistant.id, entity2Type: 'models', entity2Id: '00000000-0000-4000-8000-000000000000' },
    // The link type joins AI systems to models, not models to datasets.
    refused: {
      item: { ...base, linkTypeId: OT.linkTypes.aiSystemComposition.id, entity1Type: 'models', entity1Id: OT.entities.intentClassifier.id, entity2Type: 'datasets', entity2Id: OT.entities.loanApplications.id },
      status: '400',
    },
  },
];

type NodeFailure = Error & { httpCode?: string | null; description?: string; context?: { itemIndex?: number } };

async function run(c: NodeCase, items: Record<string, unknown>[], extra: Partial<FakeOptions> = {}) {
  const fake = fakeContext({ items, credentialType: c.credentialType, credentials: c.credentials(), ...extra });
  const outcome: { output?: INodeExecutionData[]; error?: NodeFailure } = await loadNode(c.node)
    .execute.call(fake.context as unknown as IExecuteFunctions)
    .then(
      (output) => ({ output: output[0]! }),
      (error: unknown) => ({ error: error as NodeFailure }),
    );
  return { ...fake, ...outcome, stored: sandbox.state.snapshot().links[c.store].length };
}

interface ErrorKindCase {
  kind: string;
  /** The failing item (the second of two; the first is valid). */
  item: (c: NodeCase) => Record<string, unknown>;
  arrange?: (c: NodeCase) => void;
  name: 'NodeOperationError' | 'NodeApiError';
  httpCode?: (c: NodeCase) => string;
  message: (c: NodeCase) => RegExp;
  description: RegExp;
}

const KINDS: ErrorKindCase[] = [
  {
    kind: 'invalid input',
    item: (c) => ({ ...c.valid, [c.missing.field]: '' }),
    name: 'NodeOperationError',
    message: (c) => c.missing.message,
    description: /Fix the parameter named in the message/,
  },
  {
    kind: '401',
    item: (c) => c.valid,
    // Every attempt (OneTrust: also the one after n8n's token refresh) is refused.
    arrange: (c) => sandbox.state.addFaults({ route: c.route, status: 401, times: 10 }),
    name: 'NodeApiError',
    httpCode: () => '401',
    message: (c) => new RegExp(`^${c.api} returned HTTP 401: `),
    description: /did not accept the credential/,
  },
  {
    kind: '403',
    item: (c) => c.valid,
    arrange: (c) => sandbox.state.addFaults({ route: c.route, status: 403, times: 10 }),
    name: 'NodeApiError',
    httpCode: () => '403',
    message: (c) => new RegExp(`^${c.api} returned HTTP 403: `),
    description: /lacks the permission or scope/,
  },
  {
    kind: '404',
    item: (c) => c.notFound,
    name: 'NodeApiError',
    httpCode: () => '404',
    message: (c) => new RegExp(`^${c.api} returned HTTP 404: .+`),
    description: /does not exist/,
  },
  {
    kind: '400 / 422',
    item: (c) => c.refused.item,
    name: 'NodeApiError',
    httpCode: (c) => c.refused.status,
    message: (c) => new RegExp(`^${c.api} returned HTTP ${c.refused.status}: .+`),
    description: /rejected the values sent/,
  },
  {
    kind: '429 after the node\'s own re-sends',
    item: (c) => c.valid,
    arrange: (c) => sandbox.state.addFaults({ route: c.route, status: 429, retryAfter: 0, times: 10 }),
    name: 'NodeApiError',
    httpCode: () => '429',
    message: (c) => new RegExp(`^${c.api} returned HTTP 429: `),
    description: /Retry On Fail/,
  },
  {
    kind: '500',
    item: (c) => c.valid,
    arrange: (c) => sandbox.state.addFaults({ route: c.route, status: 500 }),
    name: 'NodeApiError',
    httpCode: () => '500',
    message: (c) => new RegExp(`^${c.api} returned HTTP 500: `),
    description: /may or may not have been created in [\w ]+: check before running again/,
  },
  {
    kind: 'network (connection reset)',
    item: (c) => c.valid,
    arrange: (c) => sandbox.state.addFaults({ route: c.route, reset: true }),
    name: 'NodeApiError',
    message: () => /^Network error: the connection failed after the request was sent/,
    description: /may or may not have been created/,
  },
];

describe.each(NODES.map((c) => [c.node, c] as const))('%s node errors', (_node, c) => {
  it.each(KINDS.map((k) => [k.kind, k] as const))('%s: the error n8n shows', async (_kind, kind) => {
    kind.arrange?.(c);
    const { error, stored } = await run(c, [kind.item(c)]);
    expect(error).toBeDefined();
    expect(error!.name).toBe(kind.name);
    expect(error!.message).toMatch(kind.message(c));
    expect(error!.description).toMatch(kind.description);
    expect(error!.context?.itemIndex).toBe(0);
    if (kind.httpCode) expect(error!.httpCode).toBe(kind.httpCode(c));
    expect(stored).toBe(0);
    expect(JSON.stringify(error)).not.toMatch(/sandbox-devrev-token|sandbox-tracker-oauth-token|sandbox-client-secret/);
  });

  it.each(KINDS.map((k) => [k.kind, k] as const))('%s with Continue On Fail: the error is the item\'s output', async (_kind, kind) => {
    kind.arrange?.(c);
    const { output, stored } = await run(c, [kind.item(c)], { continueOnFail: true });
    expect(output).toEqual([{ json: { error: expect.stringMatching(kind.message(c)), description: expect.stringMatching(kind.description) }, pairedItem: { item: 0 } }]);
    expect(stored).toBe(0);
  });
});

describe('Continue On Fail with mixed items', () => {
  it.each(NODES.map((c) => [c.node, c] as const))('%s: items in, items out, each paired to its input', async (_node, c) => {
    const { output, stored } = await run(c, [c.valid, c.notFound, { ...c.valid, [c.missing.field]: '' }], { continueOnFail: true });
    expect(output!.map((item) => [item.pairedItem, item.json.error ? String(item.json.error).split(':')[0] : item.json.provider])).toEqual([
      [{ item: 0 }, expect.stringMatching(/^(devrev|yandex-tracker|onetrust)$/)],
      [{ item: 1 }, `${c.api} returned HTTP 404`],
      [{ item: 2 }, expect.stringMatching(/is required$/)],
    ]);
    expect(stored).toBe(1);
  });
});
