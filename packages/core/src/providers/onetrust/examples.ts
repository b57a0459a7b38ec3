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

const AI_SYSTEM = { id: '0f79003f-b177-4f02-aa83-9bf11deec7c7', number: 3, name: 'AISystem 1', entityType: { id: '8a0b318a-d206-4ff9-b1db-00c8c8611d37', name: 'aisystems' }, linkEntityDetail: { displayLabel: '3 | AISystem 1' }, deleted: false };
const MODEL = { id: '296c0a2d-b5f6-450d-8b13-3c2327775042', number: 7, name: 'Model Test', entityType: { id: '963bbab3-8bc9-4787-9ebb-a502775bef54', name: 'models' }, linkEntityDetail: { displayLabel: '7 | Model Test' }, deleted: false };
const DATASET = { id: '5b0f3c2e-8d4a-4e61-9a57-2f1c3e4d5a6b', number: 9, name: 'Test Dataset1', entityType: { id: '1c6f0a2b-3d4e-4f5a-8b6c-7d8e9f0a1b2c', name: 'datasets' }, linkEntityDetail: { displayLabel: '9 | Test Dataset1' }, deleted: false };

/** One link of an entity's links page: `relationshipTypeDetail.id` is the link type id. */
const listed = (id: string, typeId: string, name: string, forward: string, backward: string, source: unknown, target: unknown) => ({
  id,
  createdDate: '2026-02-10T13:10:23.267Z',
  lastUpdatedDate: '2026-02-10T13:10:23.267Z',
  relationshipTypeDetail: { id: typeId, name, entityType1ToEntityType2EntityLinkName: forward, entityType2ToEntityType1EntityLinkName: backward, description: null },
  source,
  target,
});

const page = (content: unknown[], number: number, totalElements: number, size: number) => ({
  content,
  number,
  size,
  totalElements,
  totalPages: Math.ceil(totalElements / size),
  first: number === 0,
  last: (number + 1) * size >= totalElements,
  numberOfElements: content.length,
});

/** The first links page of the AI system: a model and a dataset, linked by two link types. */
const AI_SYSTEM_LINKS = {
  status: 200,
  headers: JSON_HEADERS,
  body: page(
    [
      listed(ONETRUST_EXAMPLE_LINK.id, ONETRUST_EXAMPLE_LINK.linkType.id, 'ai-system-composition', 'is composed of', 'is a component of', AI_SYSTEM, MODEL),
      listed('7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7', 'ai-system-dataset', 'uses', 'is used by', AI_SYSTEM, DATASET),
    ],
    0,
    2,
    50,
  ),
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
  list: {
    input: { entityType: 'aisystems', entityId: AI_SYSTEM.id },
    pages: [
      {
        status: 200,
        headers: JSON_HEADERS,
        body: page([listed(ONETRUST_EXAMPLE_LINK.id, ONETRUST_EXAMPLE_LINK.linkType.id, 'ai-system-composition', 'is composed of', 'is a component of', AI_SYSTEM, MODEL)], 0, 2, 1),
      },
      {
        status: 200,
        headers: JSON_HEADERS,
        body: page([listed('7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7', 'ai-system-dataset', 'uses', 'is used by', AI_SYSTEM, DATASET)], 1, 2, 1),
      },
    ],
  },
  get: {
    input: { linkId: ONETRUST_EXAMPLE_LINK.id, linkTypeId: ONETRUST_EXAMPLE_LINK.linkType.id },
    response: { status: 200, headers: JSON_HEADERS, body: ONETRUST_EXAMPLE_LINK },
  },
  delete: { input: { linkId: ONETRUST_EXAMPLE_LINK.id, linkTypeId: ONETRUST_EXAMPLE_LINK.linkType.id }, response: { status: 200, headers: {}, body: undefined } },
  pickers: {
    'onetrust.entities': {
      query: { search: 'model', params: { entityType: 'models' } },
      response: {
        status: 200,
        headers: JSON_HEADERS,
        body: page([{ id: MODEL.id, number: 7, name: 'Model Test', entityType: { id: MODEL.entityType.id, name: 'models', nameKey: 'CE.Models.Name' }, schemaId: 'f48f80ee-78b6-4dbe-adb4-9872b69b804b' }], 0, 1, 50),
      },
      labels: ['7 | Model Test'],
    },
    'onetrust.entityTypes': {
      query: {},
      response: {
        status: 200,
        headers: JSON_HEADERS,
        body: page([{ id: '8a0b318a-d206-4ff9-b1db-00c8c8611d37', name: 'aisystems', nameKey: 'CE.AISystems.Name', seeded: true, moduleName: 'AIGovernance', schemaName: 'aisystems' }], 0, 1, 50),
      },
      labels: ['AI System'],
    },
    'onetrust.entityTypeIds': {
      query: {},
      response: {
        status: 200,
        headers: JSON_HEADERS,
        body: page([{ id: '8a0b318a-d206-4ff9-b1db-00c8c8611d37', name: 'aisystems', nameKey: 'CE.AISystems.Name', seeded: true, moduleName: 'AIGovernance', schemaName: 'aisystems' }], 0, 1, 50),
      },
      labels: ['AI System'],
    },
    'onetrust.linkTypes': {
      query: { params: { entityType: 'aisystems', entityId: AI_SYSTEM.id } },
      response: AI_SYSTEM_LINKS,
      labels: ['ai-system-composition', 'ai-system-dataset'],
    },
    'onetrust.linkedEntities': {
      query: { params: { entityType: 'aisystems', entityId: AI_SYSTEM.id } },
      response: AI_SYSTEM_LINKS,
      labels: ['7 | Model Test', '9 | Test Dataset1'],
    },
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
