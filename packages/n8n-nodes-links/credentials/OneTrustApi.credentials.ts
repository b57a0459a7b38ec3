import { onetrust } from '@links/core';
import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { accessTokenProperties, authenticateWith, preAuthenticateWith } from '../shared/credential';
import { credentialProperties } from '../shared/properties';

/**
 * OAuth2 client credentials with core's token request: n8n runs `preAuthentication` when it holds no token and
 * again when a request with the token is refused with 401, and keeps the token in the hidden, expirable field.
 * Tested by the OneTrust node (`testedBy`): the test is core's token exchange.
 */
export class OneTrustApi implements ICredentialType {
  name = 'oneTrustApi';

  displayName = 'OneTrust API';

  icon: Icon = { light: 'file:../nodes/OneTrust/oneTrust.svg', dark: 'file:../nodes/OneTrust/oneTrust.dark.svg' };

  documentationUrl = 'https://developer.onetrust.com/onetrust/reference/getoauthtoken';

  properties: INodeProperties[] = [...credentialProperties([...onetrust.credentialFields, onetrust.baseUrlField]), ...accessTokenProperties];

  preAuthentication = preAuthenticateWith(onetrust);

  authenticate = authenticateWith(onetrust);
}
