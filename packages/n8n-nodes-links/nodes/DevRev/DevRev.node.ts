import { devrev } from '@links/core';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeLinkOperation } from '../../shared/actions/router';
import { versionDescription } from '../../shared/actions/versionDescription';
import { linkNodeMethods } from '../../shared/methods';

export class DevRev implements INodeType {
  description: INodeTypeDescription = {
    ...versionDescription(devrev, 'DevRev'),
    credentials: [{ name: 'devRevApi', required: true, testedBy: 'devRevApiTest' }],
    displayName: 'DevRev',
    name: 'devRev',
    icon: { light: 'file:devRev.svg', dark: 'file:devRev.dark.svg' },
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: 'Link DevRev issues, tickets, parts and other objects',
    usableAsTool: true,
  };

  methods = linkNodeMethods(devrev, 'devRevApi');

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeLinkOperation.call(this, devrev, 'devRevApi');
  }
}
