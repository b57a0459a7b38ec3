// The IML of every app, written by hand here and written out by the generator (`pnpm --filter @links/make generate`).
import type { ProviderId } from '@links/core';
import type { AppCommunication } from './common.js';
import { devrevCommunication } from './devrev.js';
import { onetrustCommunication } from './onetrust.js';
import { trackerCommunication, TRACKER_MAX_LINKS } from './yandex-tracker.js';

export type { AppCommunication, CommunicationFile } from './common.js';
export { errorDirective, GENERAL_TYPE, MAPPED_STATUSES, makeErrorType, SECRET_MASK } from './errors.js';
export { TRACKER_MAX_LINKS };

export const COMMUNICATION: Readonly<Record<ProviderId, AppCommunication>> = {
  onetrust: onetrustCommunication,
  'yandex-tracker': trackerCommunication,
  devrev: devrevCommunication,
};
