import { providers } from '@links/core';
import type { IntegrationOptions } from '../app.js';

const DEVO = 'don:core:dvrv-us-1:devo/demo';

/** DevRev: a links.create answer in the documented shape, for the sample. */
export const devrevIntegration: IntegrationOptions = {
  provider: providers.devrev,
  description: 'Creates a link between two DevRev objects, such as a ticket that depends on an issue.',
  example: {
    input: { source: 'TKT-1', linkType: 'is_dependent_on', target: 'ISS-1' },
    response: {
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: {
        link: {
          id: `${DEVO}:link/42`,
          display_id: 'link-42',
          link_type: 'is_dependent_on',
          source: { type: 'ticket', id: `${DEVO}:ticket/1`, display_id: 'TKT-1', title: 'Customer cannot pay with a saved card', owned_by: [] },
          target: { type: 'issue', id: `${DEVO}:issue/1`, display_id: 'ISS-1', title: 'Checkout fails on Safari 17', owned_by: [] },
          created_date: '2026-02-10T13:10:23.267Z',
          created_by: { type: 'dev_user', id: 'don:identity:dvrv-us-1:devo/demo:devu/1', display_name: 'jane-doe' },
        },
      },
    },
  },
  // The test is GET /dev-users.self: the user's display name.
  connectionLabel: (account) => {
    const user = (account.dev_user ?? {}) as Record<string, unknown>;
    return String(user.display_name ?? user.full_name ?? user.email ?? 'DevRev user');
  },
};
