/**
 * Deploys a local app folder to an existing Make custom app through Make's API (`@makehq/sdk`): the Base
 * and the README, then each connection, RPC and module, created when missing and updated otherwise, with
 * every code file sent as its section. The same order as Make's VS Code extension: connections first,
 * because RPCs and modules name theirs.
 *
 * Make names a new connection itself (`<app>`, `<app>2`, ...), so local connections are matched to remote
 * ones by label; RPCs and modules keep their local ids as names. With `dryRun` only reads are sent and
 * every write is printed instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Make, MakeError } from '@makehq/sdk';
import { API_SECTION, type LocalApp, type LocalComponent, type ModuleType } from '../layout.js';

/** Make's numeric module types. */
const MODULE_TYPE_ID: Readonly<Record<ModuleType, number>> = {
  trigger: 1,
  action: 4,
  search: 9,
  instant_trigger: 10,
  responder: 11,
  universal: 12,
};

export interface DeployOptions {
  make: Make;
  app: LocalApp;
  /** The remote app's name and major version. */
  appName: string;
  appVersion: number;
  dryRun?: boolean;
  log?: (line: string) => void;
}

export interface DeployResult {
  /** One line per write, in order (done, or planned with `dryRun`). */
  writes: string[];
  /** Local connection id -> remote connection name (`null` when a dry run would create it). */
  connections: Record<string, string | null>;
}

export async function deployApp(options: DeployOptions): Promise<DeployResult> {
  const { make, app, appName, appVersion, dryRun = false } = options;
  const log = options.log ?? (() => {});
  const writes: string[] = [];
  const write = async (description: string, action: () => Promise<unknown>): Promise<void> => {
    writes.push(description);
    log(`${dryRun ? 'would ' : ''}${description}`);
    if (!dryRun) await action();
  };
  const text = (file: string) => readFileSync(join(app.dir, file), 'utf8');

  try {
    await make.sdk.apps.get(appName, appVersion);
  } catch (error) {
    if (error instanceof MakeError && error.statusCode === 404) {
      throw new Error(
        `The Make app ${appName} (version ${appVersion}) does not exist: create it in Make (Custom apps > Create a new app) ` +
          'and pass its name (MAKE_APP_NAME or --app-name).',
      );
    }
    throw error;
  }

  const { base, readme } = app.manifest.generalCodeFiles;
  if (base) await write(`set base <- ${base}`, () => make.sdk.apps.setSection(appName, appVersion, 'base', text(base)));
  if (readme) await write(`set docs <- ${readme}`, () => make.sdk.apps.setDocs(appName, appVersion, text(readme)));

  const remoteConnections = await make.sdk.connections.list(appName);
  const connections: Record<string, string | null> = {};
  for (const connection of Object.values(app.connections)) {
    const { label = connection.id, connectionType = 'basic' } = connection.metadata;
    let name = remoteConnections.find((c) => c.label === label)?.name ?? null;
    if (name === null) {
      await write(`create connection "${label}" (${connectionType})`, async () => {
        name = (await make.sdk.connections.create(appName, { type: connectionType, label })).name;
      });
    }
    connections[connection.id] = name;
    const target = name ?? `<new connection "${label}">`;
    for (const [code, file] of codeFiles(connection)) {
      await write(`set connection ${target} ${API_SECTION[code]} <- ${file}`, () =>
        make.sdk.connections.setSection(name!, API_SECTION[code] as 'api' | 'parameters', text(file)),
      );
    }
  }

  const connectionOf = (component: LocalComponent): string | undefined => {
    const local = component.metadata.connection;
    return local ? (connections[local] ?? `<new connection "${local}">`) : undefined;
  };

  const remoteRpcs = await make.sdk.rpcs.list(appName, appVersion);
  for (const rpc of Object.values(app.rpcs)) {
    const label = rpc.metadata.label ?? rpc.id;
    if (!remoteRpcs.some((r) => r.name === rpc.id)) {
      await write(`create rpc ${rpc.id}`, () => make.sdk.rpcs.create(appName, appVersion, { name: rpc.id, label }));
    }
    const connection = connectionOf(rpc);
    await write(`update rpc ${rpc.id} (label "${label}"${connection ? `, connection ${connection}` : ''})`, () =>
      make.sdk.rpcs.update(appName, appVersion, rpc.id, { label, ...(connection ? { connection } : {}) }),
    );
    for (const [code, file] of codeFiles(rpc)) {
      await write(`set rpc ${rpc.id} ${API_SECTION[code]} <- ${file}`, () =>
        make.sdk.rpcs.setSection(appName, appVersion, rpc.id, API_SECTION[code] as 'api' | 'parameters', text(file)),
      );
    }
  }

  const remoteModules = await make.sdk.modules.list(appName, appVersion);
  for (const module of Object.values(app.modules)) {
    const { label = module.id, description = '', moduleType = 'action' } = module.metadata;
    if (!remoteModules.some((m) => m.name === module.id)) {
      await write(`create module ${module.id} (${moduleType})`, () =>
        make.sdk.modules.create(appName, appVersion, { name: module.id, typeId: MODULE_TYPE_ID[moduleType], label, description }),
      );
    }
    const connection = connectionOf(module);
    await write(`update module ${module.id} (label "${label}"${connection ? `, connection ${connection}` : ''})`, () =>
      make.sdk.modules.update(appName, appVersion, module.id, { label, description, ...(connection ? { connection } : {}) }),
    );
    for (const [code, file] of codeFiles(module)) {
      const section = API_SECTION[code] as 'api' | 'parameters' | 'expect' | 'interface' | 'samples';
      await write(`set module ${module.id} ${section} <- ${file}`, () =>
        make.sdk.modules.setSection(appName, appVersion, module.id, section, text(file)),
      );
    }
  }
  return { writes, connections };
}

/** A component's code files that Make has a section for, in the manifest's order. */
function codeFiles(component: LocalComponent): [string, string][] {
  return Object.entries(component.metadata.codeFiles).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] in API_SECTION,
  );
}
