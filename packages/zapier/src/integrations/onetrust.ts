import { providers } from '@links/core';
import type { IntegrationOptions } from '../app.js';

/** OneTrust AI Governance: the documented example of Create Relationship Record, for the sample. */
export const onetrustIntegration: IntegrationOptions = {
  provider: providers.onetrust,
  description: 'Creates a link between two OneTrust AI Governance records (a relationship record), such as an AI system and a model.',
  example: {
    input: {
      linkTypeId: '8857005c-662f-4f90-9e4e-481b225a666a',
      entity1Type: 'aisystems',
      entity1Id: '0f79003f-b177-4f02-aa83-9bf11deec7c7',
      entity2Type: 'models',
      entity2Id: '296c0a2d-b5f6-450d-8b13-3c2327775042',
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: {
        id: 'c0f18be7-1205-4417-874c-e5b8d292ac9f',
        linkType: { id: '8857005c-662f-4f90-9e4e-481b225a666a', name: 'ai-system-composition' },
        linkTypeLabel: { id: 5, entityType1ToEntityType2EntityLinkName: 'is composed of', entityType2ToEntityType1EntityLinkName: 'is a component of' },
        entity1: { id: '0f79003f-b177-4f02-aa83-9bf11deec7c7', name: 'Customer Support Assistant', entityType: { name: 'aisystems' } },
        entity2: { id: '296c0a2d-b5f6-450d-8b13-3c2327775042', name: 'Support Intent Classifier', entityType: { name: 'models' } },
        schemaId: 'f48f80ee-78b6-4dbe-adb4-9872b69b804b',
        auditFields: { createdDate: '2026-02-10T13:10:23.267Z', lastUpdatedDate: '2026-02-10T13:10:23.267Z' },
      },
    },
  },
  // The token exchange is the test: it returns the host name and client ID.
  connectionLabel: (account) => `${account.clientId} @ ${account.hostname}`,
};
