import { providers } from '@links/core';
import type { IntegrationOptions } from '../app.js';

export const devrevIntegration: IntegrationOptions = {
  provider: providers.devrev,
  description: 'Creates a link between two DevRev objects, such as a ticket that depends on an issue.',
  recordNoun: 'DevRev object',
  recordPickers: ['devrev.works'],
};
