// Responses in the shapes DevRev documents (link ends name themselves by type: `title` for work items,
// `name` for parts), for platform samples and tests. Ids are examples.
import type { ProviderExamples } from '../../provider.js';

const DEVO = 'don:core:dvrv-us-1:devo/demo';
const JSON_HEADERS = { 'content-type': 'application/json' };

const devUser = {
  type: 'dev_user',
  id: 'don:identity:dvrv-us-1:devo/demo:devu/1',
  display_id: 'DEVU-1',
  display_name: 'jane-doe',
  email: 'jane.doe@example.com',
  full_name: 'Jane Doe',
  state: 'active',
};

/** A `link` object as links.create, links.get and links.list return it. */
export const DEVREV_EXAMPLE_LINK = {
  id: `${DEVO}:link/42`,
  display_id: 'LNK-42',
  link_type: 'is_dependent_on',
  source: { type: 'ticket', id: `${DEVO}:ticket/1`, display_id: 'TKT-1', title: 'Customer cannot pay with a saved card', owned_by: [] },
  target: { type: 'issue', id: `${DEVO}:issue/1`, display_id: 'ISS-1', title: 'Checkout fails on Safari 17', owned_by: [] },
  created_date: '2026-02-10T13:10:23.267Z',
  created_by: devUser,
  modified_date: '2026-02-10T13:10:23.267Z',
  modified_by: devUser,
  object_version: 1,
};

/** A second link of TKT-1, to a part (whose name is under `name`). */
const linkToPart = {
  ...DEVREV_EXAMPLE_LINK,
  id: `${DEVO}:link/43`,
  display_id: 'LNK-43',
  link_type: 'is_related_to',
  target: { type: 'feature', id: `${DEVO}:feature/1`, display_id: 'FEAT-1', name: 'Saved Cards', owned_by: [] },
};

export const devrevExamples: ProviderExamples = {
  credentials: { token: 'example-devrev-token' },
  create: {
    input: { source: 'TKT-1', linkType: 'is_dependent_on', target: 'ISS-1' },
    response: { status: 201, headers: JSON_HEADERS, body: { link: DEVREV_EXAMPLE_LINK } },
  },
  list: {
    input: { object: 'TKT-1', direction: 'is_source' },
    pages: [
      { status: 200, headers: JSON_HEADERS, body: { links: [DEVREV_EXAMPLE_LINK], next_cursor: 'eyJvZmZzZXQiOjF9', prev_cursor: 'eyJvZmZzZXQiOjB9' } },
      { status: 200, headers: JSON_HEADERS, body: { links: [linkToPart], prev_cursor: 'eyJvZmZzZXQiOjF9' } },
    ],
  },
  get: { input: { id: DEVREV_EXAMPLE_LINK.id }, response: { status: 200, headers: JSON_HEADERS, body: { link: DEVREV_EXAMPLE_LINK } } },
  delete: { input: { id: DEVREV_EXAMPLE_LINK.id }, response: { status: 200, headers: JSON_HEADERS, body: {} } },
  pickers: {
    'devrev.works': {
      query: { params: { types: ['issue', 'ticket'] } },
      response: {
        status: 200,
        headers: JSON_HEADERS,
        body: {
          works: [
            { type: 'issue', id: `${DEVO}:issue/1`, display_id: 'ISS-1', title: 'Checkout fails on Safari 17', owned_by: [devUser], stage: { name: 'triage' } },
            { type: 'ticket', id: `${DEVO}:ticket/1`, display_id: 'TKT-1', title: 'Customer cannot pay with a saved card', owned_by: [devUser], severity: 'high' },
          ],
          next_cursor: 'eyJvZmZzZXQiOjJ9',
        },
      },
      labels: ['Checkout fails on Safari 17', 'Customer cannot pay with a saved card'],
    },
    'devrev.customLinkTypes': {
      query: {},
      response: {
        status: 200,
        headers: JSON_HEADERS,
        body: {
          result: [
            {
              id: `${DEVO}:custom_link_type/1`,
              display_id: 'custom_link_type-1',
              name: 'blocks',
              forward_name: 'blocks',
              backward_name: 'is blocked by',
              is_deprecated: false,
              source_types: [{ leaf_type: 'issue' }],
              target_types: [{ leaf_type: 'issue' }],
            },
          ],
        },
      },
      labels: ['blocks'],
    },
  },
  account: { response: { status: 200, headers: JSON_HEADERS, body: { dev_user: devUser } }, label: 'Jane Doe (jane-doe)' },
};
