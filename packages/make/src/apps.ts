import { fileURLToPath } from 'node:url';
import { type Field, type Provider, type ProviderId, providers } from '@links/core';
import type { ConnectionType } from './layout.js';

/** One Make custom app per API (a Make app has its connections, and each API authenticates its own way). */
export interface MakeAppDescriptor {
  provider: Provider<any, any>;
  /** Folder under `packages/make/apps/`. */
  folder: string;
  /** The Make app name suggested in `makecomapp.json` (each user picks their own when creating the app). */
  appName: string;
  label: string;
  connection: { id: string; label: string; type: ConnectionType };
  module: { id: string; label: string; description: string };
  /** Search Links: core's list operation, every page (DevRev and Yandex Tracker so far). */
  searchModule: { id: string; label: string; description: string } | null;
  /** Get a Link: core's get operation, where the API gives links ids (DevRev, OneTrust). */
  getModule: { id: string; label: string; description: string } | null;
  /** Delete a Link: core's delete operation. */
  deleteModule: { id: string; label: string; description: string };
}

/** The RPC that feeds a field's dropdown, named after the core option source it calls. */
export interface RpcDescriptor {
  id: string;
  label: string;
  source: NonNullable<Field['dynamicOptions']>;
}

/** Where the committed app folders are (`packages/make/apps`), from `src/` and from `dist/` alike. */
export const APPS_ROOT = fileURLToPath(new URL('../apps/', import.meta.url));

export function appDir(app: MakeAppDescriptor): string {
  return `${APPS_ROOT}${app.folder}`;
}

/** Header auth is a Make `basic` connection; OAuth2 client credentials an `oauth` connection. */
function connectionType(provider: Provider<any, any>): ConnectionType {
  return provider.auth.type === 'client-credentials' ? 'oauth' : 'basic';
}

interface AppDetails {
  appName: string;
  description: string;
  /** Only where the app has Search Links. */
  searchDescription?: string;
  /** Only where the API gives links ids. */
  getDescription?: string;
  deleteDescription: string;
}

function describe(provider: Provider<any, any>, connectionId: string, details: AppDetails): MakeAppDescriptor {
  return {
    provider,
    folder: provider.id,
    appName: details.appName,
    label: `${provider.name} Links`,
    connection: { id: connectionId, label: provider.name, type: connectionType(provider) },
    module: { id: 'createLink', label: 'Create a Link', description: details.description },
    searchModule: details.searchDescription ? { id: 'searchLinks', label: 'Search Links', description: details.searchDescription } : null,
    getModule: details.getDescription ? { id: 'getLink', label: 'Get a Link', description: details.getDescription } : null,
    deleteModule: { id: 'deleteLink', label: 'Delete a Link', description: details.deleteDescription },
  };
}

export const MAKE_APPS: Readonly<Record<ProviderId, MakeAppDescriptor>> = {
  onetrust: describe(providers.onetrust, 'onetrust', {
    appName: 'links-onetrust',
    description: 'Creates a relationship (link) between two OneTrust AI Governance records.',
    searchDescription: 'Lists the links of a OneTrust AI Governance AI system, dataset, model or AI agent, every page, up to Limit links.',
    getDescription: 'Gets a OneTrust AI Governance link by its ID and link type ID.',
    deleteDescription: 'Deletes a OneTrust AI Governance link by its ID and link type ID.',
  }),
  'yandex-tracker': describe(providers['yandex-tracker'], 'yandexTracker', {
    appName: 'links-yandex-tracker',
    description: 'Links a Yandex Tracker project, portfolio or goal with one or more other entities.',
    searchDescription: 'Lists the links of a Yandex Tracker project, portfolio or goal, up to Limit links.',
    deleteDescription: 'Removes the link between a Yandex Tracker entity and another entity.',
  }),
  devrev: describe(providers.devrev, 'devrev', {
    appName: 'links-devrev',
    description: 'Creates a link between two DevRev objects, such as an issue and a ticket.',
    searchDescription: 'Lists the links of a DevRev object, every page, up to Limit links.',
    getDescription: 'Gets a DevRev link by its ID.',
    deleteDescription: 'Deletes a DevRev link by its ID.',
  }),
};

export const MAKE_APP_LIST: readonly MakeAppDescriptor[] = Object.values(MAKE_APPS);

/** `devrev.customLinkTypes` -> `listCustomLinkTypes` / "List Custom Link Types". */
export function rpcFor(source: NonNullable<Field['dynamicOptions']>): RpcDescriptor {
  const name = source.slice(source.indexOf('.') + 1);
  const id = `list${name[0]!.toUpperCase()}${name.slice(1)}`;
  const label = id.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
  return { id, label, source };
}

/** Every RPC an app needs: one per option source its fields (and list entries) use. */
export function rpcsOf(app: MakeAppDescriptor): RpcDescriptor[] {
  const sources = new Set<NonNullable<Field['dynamicOptions']>>();
  const visit = (fields: readonly Field[]): void => {
    for (const field of fields) {
      if (field.dynamicOptions) sources.add(field.dynamicOptions);
      if (field.fields) visit(field.fields);
    }
  };
  visit(app.provider.fields);
  return [...sources].map(rpcFor);
}
