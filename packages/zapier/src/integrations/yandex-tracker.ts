import { providers } from '@links/core';
import type { IntegrationOptions } from '../app.js';

export const yandexTrackerIntegration: IntegrationOptions = {
  provider: providers['yandex-tracker'],
  description: 'Creates links between a Yandex Tracker project, portfolio or goal and one or more other entities.',
  recordNoun: 'Yandex Tracker entity',
  recordPickers: ['yandex-tracker.entities'],
  alsoFoundBy: { 'yandex-tracker.anyEntities': 'yandex-tracker.entities' },
};
