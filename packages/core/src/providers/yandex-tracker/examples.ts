// Responses in the shapes Yandex Tracker documents, for platform samples and tests. Ids are examples.
import type { ProviderExamples } from '../../provider.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** A search of projects by name, as `_search` answers it. */
const PROJECT_SEARCH = {
  status: 200,
  headers: JSON_HEADERS,
  body: {
    hits: 1,
    pages: 1,
    values: [
      {
        self: 'https://api.tracker.yandex.net/v2/entities/project/65868f3fe2b9ef7412345678',
        id: '65868f3fe2b9ef7412345678',
        version: 3,
        shortId: 2,
        entityType: 'project',
        createdBy: { self: 'https://api.tracker.yandex.net/v2/users/1134669289', id: '1134669289', display: 'Jane Doe' },
        createdAt: '2025-01-06T07:30:00.000+0000',
        updatedAt: '2025-02-10T12:00:00.000+0000',
        fields: { summary: 'Payments provider migration' },
      },
    ],
  },
};

export const trackerExamples: ProviderExamples = {
  credentials: { tokenKind: 'oauth', token: 'example-tracker-token', orgKind: 'yandex360', orgId: '1234567' },
  // Linking answers 200 without a body.
  create: {
    input: {
      entityType: 'project',
      entityId: '6582874de6db7f5f12345678',
      links: [
        { relationship: 'depends on', entity: '65868f3fe2b9ef7412345678' },
        { relationship: 'relates', entity: '65c02337b553e25112345678' },
      ],
    },
    response: { status: 200, headers: {}, body: undefined },
  },
  // The links of an entity come in one response, each read from that entity.
  list: {
    input: { entityType: 'project', entityId: '6582874de6db7f5f12345678' },
    pages: [
      {
        status: 200,
        headers: JSON_HEADERS,
        body: [
          { type: 'depends on', linkFieldValues: { id: '65868f3fe2b9ef7412345678', shortId: 2, summary: 'Payments provider migration', entityType: 'project' } },
          { type: 'is supported by', linkFieldValues: { id: '65c02337b553e25112345678', shortId: 20, summary: 'Reduce churn by 10%', entityType: 'goal' } },
        ],
      },
    ],
  },
  get: {
    input: { entityType: 'project', entityId: '6582874de6db7f5f12345678', linkedEntityId: '65868f3fe2b9ef7412345678' },
    response: {
      status: 200,
      headers: JSON_HEADERS,
      body: [{ type: 'depends on', linkFieldValues: { id: '65868f3fe2b9ef7412345678', shortId: 2, summary: 'Payments provider migration', entityType: 'project' } }],
    },
  },
  delete: { input: { entityType: 'project', entityId: '6582874de6db7f5f12345678', linkedEntityId: '65868f3fe2b9ef7412345678' }, response: { status: 200, headers: {}, body: undefined } },
  pickers: {
    'yandex-tracker.entities': {
      query: { search: 'payments', params: { entityType: 'project' } },
      response: PROJECT_SEARCH,
      labels: ['Payments provider migration'],
    },
    // The first page of every type is the projects' page: the same request and answer.
    'yandex-tracker.anyEntities': {
      query: { search: 'payments' },
      response: PROJECT_SEARCH,
      labels: ['Payments provider migration'],
    },
  },
  account: {
    response: {
      status: 200,
      headers: JSON_HEADERS,
      body: {
        self: 'https://api.tracker.yandex.net/v2/users/1134669289',
        uid: 1134669289,
        login: 'jane.doe',
        trackerUid: 1134669289,
        passportUid: 1134669289,
        firstName: 'Jane',
        lastName: 'Doe',
        display: 'Jane Doe',
        email: 'jane.doe@example.com',
        external: false,
        hasLicense: true,
        dismissed: false,
      },
    },
    label: 'Jane Doe (jane.doe)',
  },
};
