// The n8n nodes as n8n runs them: the BUILT node classes (dist), their execute() with an n8n-like context
// whose request helper authenticates through our credential classes (OneTrust: the token fetched by the
// credential's preAuthentication) and sends real HTTP to the sandbox.
// (`pnpm e2e` runs the same nodes inside a real n8n 1.123.)
import { SANDBOX_CREDENTIALS as C, SEED } from '@links/sandbox';
import type { IExecuteFunctions } from 'n8n-workflow';
import { fakeContext, type FakeOptions, loadNode } from '../n8n/fake-context.js';
import { describeLink } from './10-core.js';
import type { DemoStep } from './step.js';

const T = SEED.yandexTracker.entities;
const OT = SEED.onetrust;
const link = { resource: 'link', operation: 'create' };

const step: DemoStep = {
  title: 'n8n nodes (built dist, n8n execution path)',
  async run(sandbox) {
    const runs: (FakeOptions & { node: string })[] = [
      {
        node: 'OneTrust',
        credentialType: 'oneTrustApi',
        credentials: { ...C.onetrust, baseUrl: sandbox.url },
        items: [{ ...link, linkTypeId: OT.linkTypes.modelTrainingData.id, entity1Type: 'models', entity1Id: OT.entities.anomalyDetector.id, entity2Type: 'datasets', entity2Id: OT.entities.loanApplications.id }],
      },
      {
        node: 'YandexTracker',
        credentialType: 'yandexTrackerApi',
        credentials: { tokenKind: 'iam', token: C.yandexTracker.iamToken, orgKind: 'cloud', orgId: C.yandexTracker.cloudOrgId, baseUrl: sandbox.url },
        items: [T.launchEu.id, T.uptime.id].map((entity) => ({ ...link, entityType: 'goal', entityId: T.reduceChurn.id, links: { values: [{ relationship: 'relates', entity }] } })),
      },
      {
        node: 'DevRev',
        credentialType: 'devRevApi',
        credentials: { token: C.devrev.token, baseUrl: sandbox.url },
        items: [{ ...link, source: 'ISS-4', linkType: 'is_duplicate_of', target: 'ISS-1' }],
      },
    ];
    const lines: string[] = [];
    for (const { node, ...options } of runs) {
      const fake = fakeContext(options);
      const [output] = await loadNode(node).execute.call(fake.context as unknown as IExecuteFunctions);
      const token = fake.tokenCalls.count ? ` after ${fake.tokenCalls.count} token request(s) (the credential's preAuthentication)` : '';
      lines.push(`${node}: ${options.items.length} item(s) in, ${output!.length} link(s) out, ${fake.calls.length} request(s) to the API${token}`);
      for (const item of output!) lines.push(`  item ${(item.pairedItem as { item: number }).item}: ${describeLink(item.json as never)}`);
    }
    return lines;
  },
};
export default step;
