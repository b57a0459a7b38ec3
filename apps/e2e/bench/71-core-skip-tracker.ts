// 7b. "Skip if already linked" over 1,000 Yandex Tracker inputs from 10 entities, half linked already: one GET
// of each entity's links and one POST of its missing links, whatever the number of inputs.
import { createLinksClient } from '@links/core/http';
import { SANDBOX_CREDENTIALS, TRACKER_ENTITIES, TRACKER_SEED_LINKS } from '@links/sandbox';
import { SEED } from '@links/sandbox';
import { type Bench, startSandboxProcess } from './harness.js';

const SOURCES = 10;
const PER_SOURCE = 100;
const RELATIONSHIPS = ['relates', 'depends on', 'is dependent by'];

/** Ten projects and, for each, 100 (relationship, entity) pairs, among entities that have no seeded links. */
export function trackerSkipPlan() {
  const keyed = SEED.yandexTracker.entities as Record<string, { id: string }>;
  const seeded = new Set(TRACKER_SEED_LINKS.flatMap(([from, , to]) => [keyed[from]!.id, keyed[to]!.id]));
  const free = TRACKER_ENTITIES.filter((e) => !seeded.has(e.id) && /^[0-9a-f]{24}$/.test(e.id));
  const sources = free.filter((e) => e.entityType === 'project').slice(0, SOURCES);
  const targets = free.filter((e) => !sources.includes(e));
  const pairs = RELATIONSHIPS.flatMap((relationship) => targets.map((t) => ({ relationship, entity: t.id }))).slice(0, PER_SOURCE);
  if (sources.length < SOURCES || pairs.length < PER_SOURCE) throw new Error('the sandbox seeds too few Tracker entities without links');
  const input = (source: (typeof sources)[number], link: (typeof pairs)[number]) => ({ entityType: 'project', entityId: source.id, links: [link] });
  const inputs = Array.from({ length: SOURCES * PER_SOURCE }, (_, i) => input(sources[i % SOURCES]!, pairs[Math.floor(i / SOURCES)]!));
  const existing = sources.flatMap((s) => pairs.slice(0, PER_SOURCE / 2).map((p) => input(s, p)));
  return { inputs, existing };
}

const bench: Bench = {
  title: 'Yandex Tracker skip-if-linked through core',
  async run() {
    const sandbox = await startSandboxProcess();
    try {
      const { oauthToken, orgId } = SANDBOX_CREDENTIALS.yandexTracker;
      const client = createLinksClient('yandex-tracker', { baseUrl: sandbox.url, credentials: { tokenKind: 'oauth', token: oauthToken, orgKind: 'yandex360', orgId } });
      const { inputs, existing } = trackerSkipPlan();
      if ((await client.createLinks(existing)).some((r) => r.status === 'rejected')) throw new Error('could not link the first half');
      const start = (await sandbox.admin('state')).requests.byRoute;
      const results = await client.createLinks(inputs, { ifExists: 'skip' });
      const state = await sandbox.admin('state');
      const gets = state.requests.byRoute['tracker.list'] - start['tracker.list'];
      const posts = state.requests.byRoute['tracker.create'] - start['tracker.create'];
      const failed = results.filter((r) => r.status === 'rejected').length;
      const keys = state.links.yandexTracker.map((l: { source: { id: string }; target: { id: string }; relationship: string }) => `${l.source.id}>${l.relationship}>${l.target.id}`);
      const duplicates = keys.length - new Set(keys).size;
      return [
        {
          benchmark: `7b. Yandex Tracker: ${inputs.length} inputs from ${SOURCES} entities, half linked already, ifExists "skip" through core`,
          figure: `${gets} GET + ${posts} POST; ${state.links.yandexTracker.length} links stored, ${failed} failed, ${duplicates} duplicates`,
          goal: `<= ${SOURCES} GET + ${SOURCES} POST, 0 duplicates`,
          met: gets <= SOURCES && posts <= SOURCES && failed === 0 && duplicates === 0 && state.links.yandexTracker.length === inputs.length,
        },
      ];
    } finally {
      await sandbox.stop();
    }
  },
};
export default bench;
