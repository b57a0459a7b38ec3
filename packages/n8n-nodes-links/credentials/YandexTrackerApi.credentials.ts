import { yandexTracker } from '@links/core';
import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { authenticateWith } from '../shared/credential';
import { credentialProperties } from '../shared/properties';

export class YandexTrackerApi implements ICredentialType {
  name = 'yandexTrackerApi';

  displayName = 'Yandex Tracker API';

  icon: Icon = { light: 'file:../nodes/YandexTracker/yandexTracker.svg', dark: 'file:../nodes/YandexTracker/yandexTracker.dark.svg' };

  documentationUrl = 'https://yandex.cloud/en/docs/tracker/concepts/access';

  properties: INodeProperties[] = credentialProperties([...yandexTracker.credentialFields, yandexTracker.baseUrlField]);

  authenticate = authenticateWith(yandexTracker);
}
