import { devrev } from '@links/core';
import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { authenticateWith } from '../shared/credential';
import { credentialProperties } from '../shared/properties';

export class DevRevApi implements ICredentialType {
  name = 'devRevApi';

  displayName = 'DevRev API';

  icon: Icon = { light: 'file:../nodes/DevRev/devRev.svg', dark: 'file:../nodes/DevRev/devRev.dark.svg' };

  documentationUrl = 'https://developer.devrev.ai/about/authentication';

  properties: INodeProperties[] = credentialProperties([...devrev.credentialFields, devrev.baseUrlField]);

  authenticate = authenticateWith(devrev);
}
