// 5. OneTrust: token requests per 1,000 creates.
import { createLinksClient } from '@links/core/http';
import { SANDBOX_CREDENTIALS, SEED } from '@links/sandbox';
import { type Bench, startSandboxProcess } from './harness.js';

const CREATES = 1000;

const bench: Bench = {
  title: 'OneTrust token reuse through core',
  async run() {
    const sandbox = await startSandboxProcess();
    try {
      const client = createLinksClient('onetrust', { baseUrl: sandbox.url, credentials: { ...SANDBOX_CREDENTIALS.onetrust }, concurrency: 8 });
      const { linkTypes, entities } = SEED.onetrust;
      const input = {
        linkTypeId: linkTypes.aiSystemComposition.id,
        entity1Type: 'aisystems',
        entity1Id: entities.supportAssistant.id,
        entity2Type: 'models',
        entity2Id: entities.intentClassifier.id,
      };
      const results = await client.createLinks(Array.from({ length: CREATES }, () => input));
      const state = await sandbox.admin('state');
      const tokens = state.requests.byRoute['onetrust.token'];
      const failed = results.filter((r) => r.status === 'rejected').length;
      return [
        {
          benchmark: `5. OneTrust: token requests per ${CREATES} creates through core (8 in flight)`,
          figure: `${tokens} (${failed} creates failed)`,
          goal: '1',
          met: tokens === 1 && failed === 0,
        },
      ];
    } finally {
      await sandbox.stop();
    }
  },
};
export default bench;
