import { startSandbox, SANDBOX_LINK_CREDENTIALS as LC, SEED } from '@links/sandbox';
import { fakeContext, loadNode } from '../src/n8n/fake-context.js';
const s = await startSandbox();
async function ls(node: string, ct: string, creds: any, method: string, params: any, filter = '', token?: string) {
  const f = fakeContext({ items: [params], credentialType: ct, credentials: { ...creds, baseUrl: s.url } });
  const r: any = await (loadNode(node).methods!.listSearch![method] as any).call(f.context, filter, token);
  console.log(node, method, r.results.length, r.paginationToken, JSON.stringify(r.results[0]), f.wire.map((w: any) => w.method + ' ' + w.url).join(' | '));
  return r;
}
const a = await ls('YandexTracker', 'yandexTrackerApi', LC['yandex-tracker'], 'yandex_tracker_entities_entityId', { entityType: 'project' });
if (a.paginationToken) await ls('YandexTracker', 'yandexTrackerApi', LC['yandex-tracker'], 'yandex_tracker_entities_entityId', { entityType: 'project' }, '', a.paginationToken);
await ls('YandexTracker', 'yandexTrackerApi', LC['yandex-tracker'], 'yandex_tracker_anyEntities_linkedEntityId', { entityType: 'project' });
const b = await ls('OneTrust', 'oneTrustApi', LC.onetrust, 'onetrust_entities_entity1Id', { entity1Type: 'models' });
if (b.paginationToken) await ls('OneTrust', 'oneTrustApi', LC.onetrust, 'onetrust_entities_entity1Id', { entity1Type: 'models' }, '', b.paginationToken);
await ls('OneTrust', 'oneTrustApi', LC.onetrust, 'onetrust_entities_entityId', { entityType: 'aisystems' });
await ls('YandexTracker', 'yandexTrackerApi', LC['yandex-tracker'], 'yandex_tracker_entities_entityId', { entityType: 'goal' }, 'churn');
const f = fakeContext({ items: [{}], credentialType: 'devRevApi', credentials: { ...LC.devrev, baseUrl: s.url } });
const o = await (loadNode('DevRev').methods!.loadOptions!.devrev_customLinkTypes as any).call(f.context);
console.log(o.length, JSON.stringify(o.slice(0,2)), f.wire.length);
await s.close();
