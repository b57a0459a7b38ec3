// Hostile input through the built n8n nodes: invalid parameters fail naming the field and reach no API;
// any Tracker entity id stays one path segment.
import fc from 'fast-check';
import { SANDBOX_CREDENTIALS as C, SEED, type Sandbox, startSandbox } from '@links/sandbox';
import type { IExecuteFunctions } from 'n8n-workflow';
import { fakeContext, loadNode } from '../../src/n8n/fake-context.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const base = { resource: 'link', operation: 'create' };
const T = SEED.yandexTracker.entities;
const OT = SEED.onetrust;
const CANARY = 'canary-n8n-SECRET-51f0';
const SEEDED_TRACKER_IDS = new Set(Object.values(T).flatMap((e) => [e.id, String(e.shortId)]));
const bad = fc.constantFrom<unknown>('', '   ', 42.5, {}, ['x'], 'not valid', '../..');

const cases = [
  {
    node: 'DevRev',
    credentialType: 'devRevApi',
    credentials: () => ({ token: CANARY, baseUrl: sandbox.url }),
    valid: { ...base, source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' },
    fields: ['source', 'linkType', 'target'],
  },
  {
    node: 'OneTrust',
    credentialType: 'oneTrustApi',
    credentials: () => ({ ...C.onetrust, clientSecret: CANARY, baseUrl: sandbox.url }),
    valid: { ...base, linkTypeId: OT.linkTypes.aiSystemComposition.id, entity1Type: 'aisystems', entity1Id: OT.entities.supportAssistant.id, entity2Type: 'models', entity2Id: OT.entities.intentClassifier.id },
    fields: ['linkTypeId', 'entity1Id', 'entity2Id'],
  },
  {
    node: 'YandexTracker',
    credentialType: 'yandexTrackerApi',
    credentials: () => ({ tokenKind: 'oauth', token: CANARY, orgKind: 'yandex360', orgId: 'x', baseUrl: sandbox.url }),
    valid: { ...base, entityType: 'project', entityId: T.websiteRedesign.id, links: { values: [{ relationship: 'relates', entity: T.paymentsMigration.id }] } },
    fields: ['entityType', 'entityId'],
    // Tracker ids are free text: any non-blank text or number is a valid id (and goes in one path segment).
    freeText: ['entityId'],
  },
];

describe.each(cases)('$node node', ({ node, credentialType, credentials, valid, fields, ...rest }) => {
  const freeText = 'freeText' in rest ? (rest.freeText as string[]) : [];
  it('invalid parameters fail naming the field, before any request, without the secret', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), bad, async (field, value) => {
        fc.pre(!(freeText.includes(field) && ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number')));
        const fake = fakeContext({ items: [{ ...valid, [field]: value }], credentialType, credentials: credentials() });
        const error = await loadNode(node).execute.call(fake.context as unknown as IExecuteFunctions).then(
          () => null,
          (e: Error & { name: string }) => e,
        );
        expect(error?.name).toBe('NodeOperationError');
        expect(error?.message).toContain(`(${field})`);
        expect(fake.calls).toHaveLength(0);
        expect(JSON.stringify({ ...error, message: error?.message })).not.toContain(CANARY);
      }),
      { numRuns: 60 },
    );
  });
});

it('any Tracker entity id reaches the create route as one path segment', async () => {
  const part = fc.oneof(fc.constantFrom('/', '..', '?', '#', '%2F', ' ', 'ж', '🙂', '&'), fc.string({ maxLength: 3 }));
  await fc.assert(
    fc.asyncProperty(fc.array(part, { minLength: 1, maxLength: 5 }).map((p) => p.join('')), async (entityId) => {
      fc.pre(!['', '.', '..'].includes(entityId.trim()));
      fc.pre(!SEEDED_TRACKER_IDS.has(entityId.trim())); // a seeded id or short id ("1") exists: not a 404
      const fake = fakeContext({
        items: [{ ...cases[2]!.valid, entityId }],
        credentialType: 'yandexTrackerApi',
        credentials: { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url },
        continueOnFail: true,
      });
      const before = sandbox.state.snapshot().requests;
      const [output] = await loadNode('YandexTracker').execute.call(fake.context as unknown as IExecuteFunctions);
      const after = sandbox.state.snapshot().requests;
      expect(after.unmatched).toBe(before.unmatched);
      expect(after.byRoute['tracker.create']).toBe(before.byRoute['tracker.create'] + 1);
      expect(String(output![0]!.json.error)).toMatch(/^Yandex Tracker returned HTTP 404/);
    }),
    { numRuns: 80 },
  );
});
