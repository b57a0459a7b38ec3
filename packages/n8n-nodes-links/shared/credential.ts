import type { AnyProvider } from '@links/core';
import type { ICredentialDataDecryptedObject, ICredentialTestRequest, IHttpRequestOptions } from 'n8n-workflow';
import { credentialsOf } from './properties';

/** Adds core's authentication headers for the provider, so that n8n and core can never disagree. */
export function authenticateWith(provider: AnyProvider) {
  return async (data: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
    if (provider.auth.type !== 'headers') throw new TypeError(`${provider.name} does not authenticate with headers`);
    const headers = provider.auth.headers(provider.validateCredentials(credentialsOf(data, provider.credentialFields)));
    return { ...requestOptions, headers: { ...requestOptions.headers, ...headers } };
  };
}

/** The credential test: core's "who am I" request, on the credential's base URL or the real service. */
export function credentialTest(provider: AnyProvider): ICredentialTestRequest {
  const { method, url } = provider.buildCredentialTestRequest!('');
  return {
    request: {
      baseURL: `={{$credentials.baseUrl || ${JSON.stringify(provider.baseUrlField.default)}}}`,
      url,
      method,
    },
  };
}
