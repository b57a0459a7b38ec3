import { providers } from '@links/core';
import type { IntegrationOptions } from '../app.js';

export const onetrustIntegration: IntegrationOptions = {
  provider: providers.onetrust,
  description: 'Creates a link between two OneTrust AI Governance records (a relationship record), such as an AI system and a model.',
  recordNoun: 'OneTrust AI Governance record',
  recordPickers: ['onetrust.entities'],
  alsoFoundBy: { 'onetrust.linkedEntities': 'onetrust.entities' },
};
