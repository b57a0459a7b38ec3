import type { ProviderId } from '@links/core';
import { type AppVersions, createZapierApp, type IntegrationOptions, type ZapierApp } from '../app.js';
import { devrevIntegration } from './devrev.js';
import { onetrustIntegration } from './onetrust.js';
import { yandexTrackerIntegration } from './yandex-tracker.js';

/** What each integration adds to core: its Create Link description (samples and labels come from core). */
export const integrations: Readonly<Record<ProviderId, IntegrationOptions>> = {
  onetrust: onetrustIntegration,
  'yandex-tracker': yandexTrackerIntegration,
  devrev: devrevIntegration,
};

/** The app definition of one integration, as its `index.js` exports it. */
export function defineZapierApp(id: ProviderId, versions: AppVersions): ZapierApp {
  return createZapierApp(integrations[id], versions);
}
