import { onetrust } from '@links/core';
import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { credentialProperties } from '../shared/properties';

// The path of the token endpoint, from core's token request (one place for it).
const accessPath =
  onetrust.auth.type === 'client-credentials' ? onetrust.auth.buildTokenRequest({ hostname: '', clientId: '', clientSecret: '' }, '').url : '';

/**
 * OAuth2 client credentials: n8n fetches the token from the host's token URL, keeps it, and fetches a new
 * one when the API answers 401. Client ID and Client Secret are oAuth2Api's own fields.
 */
export class OneTrustOAuth2Api implements ICredentialType {
  name = 'oneTrustOAuth2Api';

  displayName = 'OneTrust OAuth2 API';

  extends = ['oAuth2Api'];

  icon: Icon = { light: 'file:../nodes/OneTrust/oneTrust.svg', dark: 'file:../nodes/OneTrust/oneTrust.dark.svg' };

  documentationUrl = 'https://developer.onetrust.com/onetrust/reference/getoauthtoken';

  properties: INodeProperties[] = [
    { displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
    ...credentialProperties([onetrust.credentialFields.find((f) => f.key === 'hostname')!, onetrust.baseUrlField]),
    {
      displayName: 'Access Token URL',
      name: 'accessTokenUrl',
      type: 'hidden',
      default: `={{($self["baseUrl"] || "https://" + $self["hostname"]) + "${accessPath}"}}`,
    },
    { displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
    // OneTrust fixes scopes when the client credential is made; the token request sends none.
    { displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
    { displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
  ];
}
