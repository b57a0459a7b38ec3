// 3. Yandex Tracker: 1,000 links from 10 entities through core: requests sent.
import { createLinksClient } from '@links/core/http';
import { SANDBOX_CREDENTIALS, SEED } from '@links/sandbox';
import { type Bench, startSandboxProcess } from './harness.js';

const LINKS = 1000;
const entities = Object.values(SEED.yandexTracker.entities).filter((e) => /^[0-9a-f]{24}$/.test(e.id));

/** 1,000 single-link inputs, 100 from each of 10 source entities, interleaved as a flow would produce them. */
export function trackerInputs() {
  const sources = entities.slice(0, 10);
  if (sources.length < 10) throw new Error(`the sandbox seeds ${sources.length} Tracker entities, 10 are needed`);
  return Array.from({ length: LINKS }, (_, i) => {
    const source = sources[i % 10]!;
    const target = entities.filter((e) => e.id !== source.id)[Math.floor(i / 10) % (entities.length - 1)]!;
    return { entityType: source.entityType, entityId: source.id, links: [{ relationship: 'relates', entity: target.id }] };
  });
}

const bench: Bench = {
  title: 'Yandex Tracker batching through core',
  async run() {
    const sandbox = await startSandboxProcess();
    try {
      const { oauthToken, orgId } = SANDBOX_CREDENTIALS.yandexTracker;
      const client = createLinksClient('yandex-tracker', {
        baseUrl: sandbox.url,
        credentials: { tokenKind: 'oauth', token: oauthToken, orgKind: 'yandex360', orgId },
      });
      const results = await client.createLinks(trackerInputs());
      const state = await sandbox.admin('state');
      const failed = results.filter((r) => r.status === 'rejected').length;
      const requests = state.requests.byRoute['tracker.create'];
      return [
        {
          benchmark: `3a. Yandex Tracker: ${LINKS} links from 10 entities through core`,
          figure: `${requests} requests (${state.links.yandexTracker.length} links stored, ${failed} failed)`,
          goal: '<= 20 requests',
          met: requests <= 20 && failed === 0 && state.links.yandexTracker.length === LINKS,
        },
      ];
    } finally {
      await sandbox.stop();
    }
  },
};
export default bench;
