// @links/zapier: the Zapier integrations (one per API), made by one factory over @links/core.
export { type AppVersions, createZapierApp, type IntegrationOptions, type SearchOrCreate, type ZapierApp } from './app.js';
export { createAuthentication, type ZapierAuthentication } from './authentication.js';
export { connectionFields, connectionSecrets, readConnection, SESSION_TOKEN_KEY } from './connection.js';
export { CREATE_LINK_KEY, type CreateLinkAction, createLinkAction } from './create-link.js';
export { FIND_LINK_KEY, type FindLinkSearch, findFields, findLinkSearch } from './find-link.js';
export { type RecordSearch, recordSearch, recordSearchKey } from './record-searches.js';
export { toZapierError, withZapierErrors } from './errors.js';
export { fromInputData, type InputFieldFunction, toAuthFields, toInputField, toInputFields } from './fields.js';
export { defineZapierApp, integrations } from './integrations/index.js';
export { type OptionChoice, type OptionTrigger, optionTriggerKey, optionTriggers } from './option-triggers.js';
export {
  CREATE_LINK_OUTPUT_FIELDS,
  type CreatedLinkOutput,
  type CreateLinkOutput,
  FIND_LINK_OUTPUT_FIELDS,
  type FoundLinkOutput,
  type LinkOutput,
  toCreateLinkOutput,
  toFoundLinkOutput,
  toLinkOutput,
} from './output.js';
export { WITHOUT_AUTH, zapierTransport } from './transport.js';
