/**
 * The sandbox's credentials and a valid Create Link input per API, in the shape the Links plugins take them
 * (keyed by provider id, with the field names of @links/core), for tests, demos and benchmarks.
 */
import { SANDBOX_CREDENTIALS as C, SEED } from './seed.js';

export const SANDBOX_LINK_CREDENTIALS = {
  onetrust: { ...C.onetrust },
  'yandex-tracker': { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId },
  devrev: { token: C.devrev.token },
} as const;

export const SANDBOX_LINK_INPUTS = {
  onetrust: {
    linkTypeId: SEED.onetrust.linkTypes.aiSystemComposition.id,
    entity1Type: 'aisystems',
    entity1Id: SEED.onetrust.entities.supportAssistant.id,
    entity2Type: 'models',
    entity2Id: SEED.onetrust.entities.intentClassifier.id,
  },
  'yandex-tracker': {
    entityType: 'project',
    entityId: SEED.yandexTracker.entities.websiteRedesign.id,
    links: [{ relationship: 'depends on', entity: SEED.yandexTracker.entities.paymentsMigration.id }],
  },
  devrev: { source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' },
} as const;
