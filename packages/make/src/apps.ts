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
  /** Search Links Between Two Records: core's find operation (the first record's links, filtered). */
  findModule: { id: string; label: string; description: string };
  /** Make an API Call: Make's universal module, a request of the user's own with the connection's auth. */
  apiCallModule: { id: string; label: string; description: string };
  /** Get a Link: core's get operation, where the API gives links ids (DevRev, OneTrust). */
  getModule: { id: string; label: string; description: string } | null;
  /** Delete a Link: core's delete operation. */
  deleteModule: { id: string; label: string; description: string };
}

/**
 * The RPC that feeds a field's options, from the core picker (option source) it names: one RPC per picker
 * and per set of fields its parameters come from (OneTrust's entities of Entity 1 Type and of Entity 2
 * Type are two RPCs of one picker). `params` maps the picker's parameter to the module parameter it reads.
 */
export interface RpcDescriptor {
  id: string;
  label: string;
  source: string;
  params: Readonly<Record<string, string>>;
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
  findDescription: string;
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
    findModule: { id: 'findLinks', label: 'Search Links Between Two Records', description: details.findDescription },
    apiCallModule: { id: 'makeApiCall', label: 'Make an API Call', description: 'Performs an arbitrary authorized API call.' },
    getModule: details.getDescription ? { id: 'getLink', label: 'Get a Link', description: details.getDescription } : null,
    deleteModule: { id: 'deleteLink', label: 'Delete a Link', description: details.deleteDescription },
  };
}

export const MAKE_APPS: Readonly<Record<ProviderId, MakeAppDescriptor>> = {
  onetrust: describe(providers.onetrust, 'onetrust', {
    appName: 'links-onetrust',
    description: 'Creates a relationship (link) between two OneTrust AI Governance records.',
    searchDescription: 'Lists the links of a OneTrust AI Governance AI system, dataset, model or AI agent, every page, up to Limit links.',
    findDescription: 'Lists the links between two OneTrust AI Governance records (of one link type, where given), every page, up to Limit links.',
    getDescription: 'Gets a OneTrust AI Governance link by its ID and link type ID.',
    deleteDescription: 'Deletes a OneTrust AI Governance link by its ID and link type ID.',
  }),
  'yandex-tracker': describe(providers['yandex-tracker'], 'yandexTracker', {
    appName: 'links-yandex-tracker',
    description: 'Links a Yandex Tracker project, portfolio or goal with one or more other entities.',
    searchDescription: 'Lists the links of a Yandex Tracker project, portfolio or goal, up to Limit links.',
    findDescription: 'Lists the links between two Yandex Tracker entities (of one relationship, where given), up to Limit links.',
    deleteDescription: 'Removes the link between a Yandex Tracker entity and another entity.',
  }),
  devrev: describe(providers.devrev, 'devrev', {
    appName: 'links-devrev',
    description: 'Creates a link between two DevRev objects, such as an issue and a ticket.',
    searchDescription: 'Lists the links of a DevRev object, every page, up to Limit links.',
    findDescription: 'Lists the links between two DevRev objects (of one link type, where given), either direction, every page, up to Limit links.',
    getDescription: 'Gets a DevRev link by its ID.',
    deleteDescription: 'Deletes a DevRev link by its ID.',
  }),
};

export const MAKE_APP_LIST: readonly MakeAppDescriptor[] = Object.values(MAKE_APPS);

const capital = (text: string): string => `${text[0]!.toUpperCase()}${text.slice(1)}`;
const words = (id: string): string => id.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/**
 * `devrev.customLinkTypes` -> `listCustomLinkTypes` / "List Custom Link Types"; a picker whose parameters
 * come from fields of other names gets them in its id: `onetrust.entities` with `entityType` from
 * `entity1Type` -> `listEntitiesForEntity1Type`.
 */
export function rpcFor(source: string, params: Readonly<Record<string, string>> = {}): RpcDescriptor {
  const name = source.slice(source.indexOf('.') + 1);
  const renamed = Object.entries(params).filter(([param, field]) => param !== field);
  const id = `list${capital(name)}${renamed.length > 0 ? `For${Object.values(params).map(capital).join('')}` : ''}`;
  const label = `${words(`list${capital(name)}`)}${renamed.length > 0 ? ` (${Object.values(params).join(', ')})` : ''}`;
  return { id, label, source, params };
}

/** The RPC of a field with a picker. */
export function rpcOfField(field: Field): RpcDescriptor | null {
  return field.picker ? rpcFor(field.picker.source, field.picker.dependsOn ?? {}) : null;
}

/** Every field set of an app's modules: Create a Link's and the lifecycle operations'. */
export function fieldSetsOf(app: MakeAppDescriptor): (readonly Field[])[] {
  const { operations } = app.provider;
  return [app.provider.fields, operations.list.fields, operations.find.fields, operations.get.fields, operations.delete.fields];
}

/** Every RPC an app needs: one per picker and parameter mapping its fields (and list entries) use. */
export function rpcsOf(app: MakeAppDescriptor): RpcDescriptor[] {
  const found = new Map<string, RpcDescriptor>();
  const visit = (fields: readonly Field[]): void => {
    for (const field of fields) {
      const rpc = rpcOfField(field);
      if (rpc && !found.has(rpc.id)) found.set(rpc.id, rpc);
      if (field.fields) visit(field.fields);
    }
  };
  for (const fields of fieldSetsOf(app)) visit(fields);
  return [...found.values()];
}
