import { yandexTracker } from '@links/core';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeLinkOperation } from '../../shared/actions/router';
import { versionDescription } from '../../shared/actions/versionDescription';
import { linkNodeMethods } from '../../shared/methods';

export class YandexTracker implements INodeType {
  description: INodeTypeDescription = {
    ...versionDescription(yandexTracker, 'Yandex Tracker'),
    credentials: [{ name: 'yandexTrackerApi', required: true, testedBy: 'yandexTrackerApiTest' }],
    displayName: 'Yandex Tracker',
    name: 'yandexTracker',
    icon: { light: 'file:yandexTracker.svg', dark: 'file:yandexTracker.dark.svg' },
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: 'Link Yandex Tracker projects, portfolios and goals',
    usableAsTool: true,
  };

  methods = linkNodeMethods(yandexTracker, 'yandexTrackerApi');

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeLinkOperation.call(this, yandexTracker, 'yandexTrackerApi');
  }
}
