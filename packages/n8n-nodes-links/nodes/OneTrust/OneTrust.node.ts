import { onetrust } from '@links/core';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeLinkOperation } from '../../shared/actions/router';
import { versionDescription } from '../../shared/actions/versionDescription';
import { linkNodeMethods } from '../../shared/methods';

export class OneTrust implements INodeType {
  description: INodeTypeDescription = {
    ...versionDescription(onetrust, 'OneTrust AI Governance'),
    credentials: [{ name: 'oneTrustApi', required: true, testedBy: 'oneTrustApiTest' }],
    displayName: 'OneTrust AI Governance',
    name: 'oneTrust',
    icon: { light: 'file:oneTrust.svg', dark: 'file:oneTrust.dark.svg' },
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: 'Create relationship records between OneTrust AI Governance entities (models, datasets, AI systems, AI agents)',
    usableAsTool: true,
  };

  methods = linkNodeMethods(onetrust, 'oneTrustApi');

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeLinkOperation.call(this, onetrust, 'oneTrustApi');
  }
}
