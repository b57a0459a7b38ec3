import { providers } from '@links/core';
import type { IntegrationOptions } from '../app.js';

/** Yandex Tracker: linking answers 200 without a body, so the sample is what the request created. */
export const yandexTrackerIntegration: IntegrationOptions = {
  provider: providers['yandex-tracker'],
  description: 'Creates links between a Yandex Tracker project, portfolio or goal and one or more other entities.',
  example: {
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
  // The test is GET /v2/myself: the user's login.
  connectionLabel: (account) => String(account.login ?? account.display ?? 'Yandex Tracker user'),
};
