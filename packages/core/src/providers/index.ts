import type { Provider } from '../provider.js';
import type { ProviderId } from '../types.js';
import { devrev } from './devrev/index.js';
import { onetrust } from './onetrust/index.js';
import { yandexTracker } from './yandex-tracker/index.js';

export { devrev } from './devrev/index.js';
export { onetrust } from './onetrust/index.js';
export { yandexTracker } from './yandex-tracker/index.js';
export type * from './devrev/models.js';
export type * from './onetrust/models.js';
export type * from './yandex-tracker/models.js';
export { DEVREV_EXAMPLE_LINK } from './devrev/examples.js';
export { ONETRUST_EXAMPLE_LINK } from './onetrust/examples.js';
export { DEVREV_LINK_TYPES } from './devrev/fields.js';
export { ONETRUST_ENTITY_TYPES } from './onetrust/fields.js';
export { TRACKER_ENTITY_TYPES, TRACKER_ORG_KINDS, TRACKER_RELATIONSHIPS, TRACKER_TOKEN_KINDS, trackerRelationshipsFor } from './yandex-tracker/fields.js';

export const providers = {
  onetrust,
  'yandex-tracker': yandexTracker,
  devrev,
} as const satisfies Record<ProviderId, Provider<any, any>>;
