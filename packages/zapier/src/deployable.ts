/**
 * The deployable integrations (apps/<api>/index.js, what `zapier-platform push` uploads) and Zapier's
 * own app tester, for the end-to-end demo. A separate entry (`@links/zapier/deployable`): it loads
 * files at run time, which the rest of the package never does.
 */
import type { ProviderId } from '@links/core';
import { createRequire } from 'node:module';
import type { ZapierApp } from './app.js';

export { createAppTester } from 'zapier-platform-core';

const require = createRequire(import.meta.url);

/** The app definition exactly as Zapier loads it: apps/<api>/index.js over the built bundle. */
export function loadDeployableApp(id: ProviderId): ZapierApp {
  return require(`../apps/${id}/index.js`) as ZapierApp;
}
