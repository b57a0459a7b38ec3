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
    return links.map(describeLink);
  },
};
export default step;
