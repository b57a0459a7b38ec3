// Responses in the shapes OneTrust documents (the create response is the reference's own example), for
// platform samples and tests.
import type { ProviderExamples } from '../../provider.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** `LinkInformation`, as create and get return it. */
export const ONETRUST_EXAMPLE_LINK = {
  id: 'c0f18be7-1205-4417-874c-e5b8d292ac9f',
  linkType: { id: '8857005c-662f-4f90-9e4e-481b225a666a', name: 'ai-system-composition', nameKey: 'CE.Link.AISystemComposition.Name', idOrNamePresent: true },
  linkTypeLabel: {
    id: 5,
    entityType1ToEntityType2EntityLinkName: 'is composed of',
    entityType1ToEntityType2EntityLinkNameKey: 'CE.Link.AISystemComposition.ForwardLabel',
    entityType2ToEntityType1EntityLinkName: 'is a component of',
    entityType2ToEntityType1EntityLinkNameKey: 'CE.Link.AISystemComposition.BackwardLabel',
  },
  entity1: {
    linkEntityDetail: null,
    id: '0f79003f-b177-4f02-aa83-9bf11deec7c7',
    number: null,
    name: 'AISystem 1',
    entityType: { id: '8a0b318a-d206-4ff9-b1db-00c8c8611d37', name: 'aisystems', nameKey: 'CE.AISystems.Name', seeded: true, moduleName: 'AIGovernance', schemaName: 'aisystems' },
    deleted: false,
  },
  entity2: {
    linkEntityDetail: null,
    id: '296c0a2d-b5f6-450d-8b13-3c2327775042',
    number: null,
    name: 'Model Test',
    entityType: { id: '963bbab3-8bc9-4787-9ebb-a502775bef54', name: 'models', nameKey: 'CE.Models.Name', seeded: true, moduleName: 'AIGovernance', schemaName: 'models' },
    deleted: false,
  },
  schemaId: 'f48f80ee-78b6-4dbe-adb4-9872b69b804b',
  entityLinkDetail: null,
  auditFields: {
    createdDate: '2026-02-10T13:10:23.267Z',
    lastUpdatedDate: '2026-02-10T13:10:23.267Z',
    createdBy: { id: 'd59129eb-7fa7-45b9-a1fb-b29a7f3b13cd', name: null, email: null, initials: null },
    lastModifiedBy: { id: 'd59129eb-7fa7-45b9-a1fb-b29a7f3b13cd', name: null, email: null, initials: null },
  },
};

export const onetrustExamples: ProviderExamples = {
  credentials: { hostname: 'app.onetrust.com', clientId: 'example-client-id', clientSecret: 'example-client-secret' },
  create: {
    input: {
      linkTypeId: '8857005c-662f-4f90-9e4e-481b225a666a',
      entity1Type: 'aisystems',
      entity1Id: '0f79003f-b177-4f02-aa83-9bf11deec7c7',
      entity2Type: 'models',
      entity2Id: '296c0a2d-b5f6-450d-8b13-3c2327775042',
    },
    response: { status: 200, headers: JSON_HEADERS, body: ONETRUST_EXAMPLE_LINK },
  },
  // The token exchange is the credential test; it names no user, so the connection is the client at its host.
  account: {
    response: {
      status: 200,
      headers: JSON_HEADERS,
      body: { access_token: 'example-access-token', token_type: 'bearer', expires_in: 3600, scope: 'AI_GOVERNANCE', tenantId: '61935a26-8448-485f-8860-d6dba82e2d09' },
    },
    label: 'example-client-id @ app.onetrust.com',
  },
};
