import { type LinkResult } from '@links/core';
import { createLinksClient } from '@links/core/http';
import { SANDBOX_CREDENTIALS as C, SEED } from '@links/sandbox';
import type { DemoStep } from './step.js';

/** One line per created link: what a user would check. */
export function describeLink(link: LinkResult): string {
  const end = (e: LinkResult['source']) => `${e.name ?? e.displayId ?? e.id}${e.type ? ` (${e.type})` : ''}`;
  return `${link.provider}: ${end(link.source)} ${link.linkTypeLabel} ${end(link.target)}${link.id ? ` [link ${link.id}]` : ''}`;
}

const { onetrust: OT, yandexTracker: YT, devrev: DR } = SEED;

const step: DemoStep = {
  title: '@links/core HTTP client',
  async run(sandbox) {
    const onetrust = createLinksClient('onetrust', { baseUrl: sandbox.url, credentials: { ...C.onetrust } });
    const tracker = createLinksClient('yandex-tracker', {
      baseUrl: sandbox.url,
      credentials: { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId },
    });
    const devrev = createLinksClient('devrev', { baseUrl: sandbox.url, credentials: { token: C.devrev.token } });
    const links = [
      ...(await onetrust.createLink({
        linkTypeId: OT.linkTypes.aiSystemComposition.id,
        entity1Type: 'aisystems',
        entity1Id: OT.entities.supportAssistant.id,
        entity2Type: 'models',
        entity2Id: OT.entities.intentClassifier.id,
      })),
      ...(await tracker.createLink({
        entityType: 'project',
        entityId: YT.entities.websiteRedesign.id,
        links: [
          { relationship: 'depends on', entity: YT.entities.paymentsMigration.id },
          { relationship: 'relates', entity: YT.entities.reduceChurn.id },
        ],
      })),
      ...(await devrev.createLink({ source: 'TKT-1', linkType: 'is_dependent_on', target: DR.objects['ISS-1'].id })),
    ];
    const lines = links.map(describeLink);

    // The same link again with "skip if already linked": the existing one comes back, nothing is created.
    const [again] = await devrev.createLink({ source: 'TKT-1', linkType: 'is_dependent_on', target: 'ISS-1' }, { ifExists: 'skip' });
    lines.push(`devrev: skip if already linked: ${again!.created ? 'created a second link (unexpected)' : `kept the existing link ${again!.id}`}`);

    // List the links of TKT-1, page by page.
    const listed: string[] = [];
    for await (const link of devrev.listLinks({ object: 'TKT-1' })) listed.push(`${link.linkTypeLabel} ${link.target.displayId ?? link.target.id}`);
    lines.push(`devrev: TKT-1 has ${listed.length} link(s): ${listed.join('; ')}`);

    // Pick a Tracker project by name, as a dropdown would.
    const [project] = (await tracker.searchOptions('yandex-tracker.entities', { search: 'payments', params: { entityType: 'project' } })).options;
    lines.push(`yandex-tracker: the project picker finds "${project?.label}" (${project?.description}) for "payments"`);

    // Delete the Tracker link to that project; deleting it again is fine with missingOk.
    const ref = { entityType: 'project', entityId: YT.entities.websiteRedesign.id, linkedEntityId: YT.entities.paymentsMigration.id };
    const deleted = await tracker.deleteLink(ref);
    const gone = await tracker.deleteLink(ref, { missingOk: true });
    lines.push(`yandex-tracker: deleted the link to Payments provider migration (${deleted.deleted}); again with missingOk: deleted = ${gone.deleted}`);
    return lines;
  },
};
export default step;
