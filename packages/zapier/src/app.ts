/**
 * The one factory: a Zapier app definition for any core provider. Zapier allows one authentication per
 * integration, so each API gets its own app, all three made here from the same code.
 */
import type { Provider } from '@links/core';
import { type BeforeRequest, createAuthentication, type ZapierAuthentication } from './authentication.js';
import { CREATE_LINK_KEY, type CreateLinkAction, createLinkAction } from './create-link.js';
import { FIND_LINK_KEY, type FindLinkSearch, findFields, findLinkSearch } from './find-link.js';
import { type OptionTrigger, optionTriggers } from './option-triggers.js';
import { type RecordSearch, recordSearch, recordSearchKey } from './record-searches.js';

export interface IntegrationOptions {
  provider: Provider<any, any>;
  /** The Create Link description: "Creates a link between ...", ending with a period. */
  description: string;
  /** What the API links, for the Find Link description ("DevRev object"). */
  recordNoun: string;
  /** Core pickers of records that get a "Find <record>" search, linked from their dropdowns. */
  recordPickers: readonly string[];
  /**
   * Other pickers whose records one of those searches finds, and which: their dropdowns link that search too
   * (Tracker's linked entity of any type and OneTrust's other entity are found by Find Entity, of the type given there).
   */
  alsoFoundBy?: Readonly<Record<string, string>>;
}

/** Zapier's Find or Create: Find Link first, Create Link when it finds nothing. */
export interface SearchOrCreate {
  key: typeof FIND_LINK_KEY;
  display: { label: string; description: string };
  search: typeof FIND_LINK_KEY;
  create: typeof CREATE_LINK_KEY;
}

export interface AppVersions {
  /** The integration's version (its package.json). */
  version: string;
  /** The zapier-platform-core version it runs on. */
  platformVersion: string;
}

export interface ZapierApp extends AppVersions {
  flags: { skipHttpPatch: boolean };
  authentication: ZapierAuthentication;
  beforeRequest: BeforeRequest[];
  triggers: Record<string, OptionTrigger>;
  creates: { [CREATE_LINK_KEY]: CreateLinkAction };
  searches: { [FIND_LINK_KEY]: FindLinkSearch } & Record<string, FindLinkSearch | RecordSearch>;
  searchOrCreates: { [FIND_LINK_KEY]: SearchOrCreate };
}

export function createZapierApp(options: IntegrationOptions, versions: AppVersions): ZapierApp {
  const { provider } = options;
  const ownKeys = Object.fromEntries(options.recordPickers.map((source) => [source, recordSearchKey(provider, source)]));
  const borrowed = Object.entries(options.alsoFoundBy ?? {}).map(([source, by]) => {
    if (!ownKeys[by] || !provider.pickers[source]) throw new TypeError(`${provider.name}: ${source} cannot be found by ${by}, which has no search`);
    return [source, ownKeys[by]] as const;
  });
  const searchKeys: Record<string, string> = { ...ownKeys, ...Object.fromEntries(borrowed) };
  const { authentication, beforeRequest } = createAuthentication(provider);
  // The sample is what perform returns for core's documented create, through core's own parser.
  const example = provider.examples.create;
  const exampleInput = provider.validateInput(example.input);
  const sampleLinks = provider
    .parseCreateResponse(example.response, exampleInput)
    .map((link) => ({ ...link, ref: provider.operations.create.refOf(link, exampleInput), created: true }));
  return {
    version: versions.version,
    platformVersion: versions.platformVersion,
    // Every request goes through z.request, which logs it; patching Node's http and fetch adds nothing.
    flags: { skipHttpPatch: true },
    authentication,
    beforeRequest: [beforeRequest],
    triggers: optionTriggers(provider, [...provider.fields, ...findFields(provider).fields]),
    creates: { [CREATE_LINK_KEY]: createLinkAction(provider, options.description, sampleLinks, searchKeys) },
    searches: {
      [FIND_LINK_KEY]: findLinkSearch(provider, options.recordNoun, searchKeys),
      ...Object.fromEntries(options.recordPickers.map((source) => [ownKeys[source]!, recordSearch(provider, source)])),
    },
    searchOrCreates: {
      [FIND_LINK_KEY]: {
        key: FIND_LINK_KEY,
        display: { label: 'Find or Create Link', description: 'Finds the link, or creates it when there is none.' },
        search: FIND_LINK_KEY,
        create: CREATE_LINK_KEY,
      },
    },
  };
}
