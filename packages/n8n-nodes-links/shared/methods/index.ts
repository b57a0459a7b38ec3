// The methods of a Links node: its dropdowns, its resource locators' searches and its credential test.
import type { AnyProvider } from '@links/core';
import type { INodeType } from 'n8n-workflow';
import { credentialTestFor, credentialTestName } from '../credential';
import { listSearchMethods } from './listSearch';
import { loadOptionsMethods } from './loadOptions';

/**
 * `loadOptions` for every dropdown the provider fills from its API, `listSearch` for every resource locator, and
 * the credential test that applies core's rules (`credentialTestName(credentialType)`).
 */
export function linkNodeMethods(provider: AnyProvider, credentialType: string): INodeType['methods'] {
  return {
    loadOptions: loadOptionsMethods(provider, credentialType),
    listSearch: listSearchMethods(provider, credentialType),
    credentialTest: { [credentialTestName(credentialType)]: credentialTestFor(provider) },
  };
}
