/**
 * Make's local-development layout (the Make Apps Editor for VS Code, `integromat/vscode-apps-sdk`):
 * `makecomapp.json` lists the components and where each code file is, next to `general/base.iml.json`
 * and one folder per component, `<type>s/<kebab-id>/<kebab-id>.<code>.iml.json`. Code files are JSON
 * with comments. This module is the one place that knows those names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';

export type ComponentType = 'connection' | 'webhook' | 'module' | 'rpc' | 'function' | 'endpoint';
export type ConnectionType = 'basic' | 'oauth';
export type ModuleType = 'action' | 'search' | 'trigger' | 'instant_trigger' | 'responder' | 'universal';

/** The code files of the components the Links apps have, by the names `makecomapp.json` uses. */
export type ConnectionCode = 'communication' | 'params';
export type ModuleCode = 'communication' | 'staticParams' | 'mappableParams' | 'interface' | 'samples';
export type RpcCode = 'communication' | 'params';
export type GeneralCode = 'base' | 'common' | 'groups' | 'readme';

export interface ComponentMetadata {
  label?: string;
  description?: string;
  connectionType?: ConnectionType;
  moduleType?: ModuleType;
  actionCrud?: 'create' | 'read' | 'update' | 'delete' | null;
  connection?: string | null;
  codeFiles: Record<string, string | null>;
}

export interface LocalAppOrigin {
  label?: string;
  baseUrl: string;
  appId: string;
  appVersion: number;
  apikeyFile: string;
}

export interface MakecomappJson {
  fileVersion: number;
  generalCodeFiles: Record<GeneralCode, string | null>;
  components: Record<ComponentType, Record<string, ComponentMetadata>>;
  origins: LocalAppOrigin[];
}

export const MAKECOMAPP_FILE = 'makecomapp.json';

/** Make's component code names as the Make API calls the sections (used by the deploy command). */
export const API_SECTION: Readonly<Record<string, string>> = {
  communication: 'api',
  params: 'parameters',
  staticParams: 'parameters',
  mappableParams: 'expect',
  interface: 'interface',
  samples: 'samples',
};

const CODE_FILE_NAME: Readonly<Record<string, string>> = {
  communication: 'communication',
  params: 'params',
  staticParams: 'static-params',
  mappableParams: 'mappable-params',
  interface: 'interface',
  samples: 'samples',
};

export const GENERAL_CODE_FILES: Readonly<Record<GeneralCode, string | null>> = {
  base: 'general/base.iml.json',
  common: null,
  groups: null,
  readme: 'README.md',
};

/** `someName` -> `some-name`, as the extension names component folders and files. */
export function kebab(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Where one code file of a component lives, relative to the app folder. */
export function codeFilePath(type: ComponentType, id: string, code: string, connectionType?: ConnectionType): string {
  // OAuth connections have their own schema, so the extension gives their communication another name.
  const name = code === 'communication' && connectionType === 'oauth' ? 'oauth-communication' : CODE_FILE_NAME[code];
  if (!name) throw new Error(`No file name for the ${type} code "${code}"`);
  return `${type}s/${kebab(id)}/${kebab(id)}.${name}.iml.json`;
}

/** Parses JSON with comments, as Make's IML JSON files are; fails with the file name and position. */
export function parseJsonc(text: string, fileName: string): unknown {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new Error(`${fileName}: ${printParseErrorCode(first.error)} at offset ${first.offset}`);
  }
  return value;
}

export function readJsoncFile(path: string): unknown {
  return parseJsonc(readFileSync(path, 'utf8'), path);
}

/** One component with its parsed code files. */
export interface LocalComponent {
  id: string;
  metadata: ComponentMetadata;
  /** Parsed JSONC per code name (`communication`, `mappableParams`, ...). */
  code: Record<string, unknown>;
}

/** A local Make app: its manifest, its Base and its components. */
export interface LocalApp {
  dir: string;
  manifest: MakecomappJson;
  base: Record<string, unknown>;
  connections: Record<string, LocalComponent>;
  modules: Record<string, LocalComponent>;
  rpcs: Record<string, LocalComponent>;
}

/** Reads an app folder as Make's extension would deploy it. */
export function loadLocalApp(dir: string): LocalApp {
  const manifest = readJsoncFile(join(dir, MAKECOMAPP_FILE)) as MakecomappJson;
  const basePath = manifest.generalCodeFiles.base;
  const components = (type: ComponentType): Record<string, LocalComponent> =>
    Object.fromEntries(
      Object.entries(manifest.components[type] ?? {}).map(([id, metadata]) => [
        id,
        {
          id,
          metadata,
          code: Object.fromEntries(
            Object.entries(metadata.codeFiles)
              .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
              .map(([code, file]) => [code, readJsoncFile(join(dir, file))]),
          ),
        },
      ]),
    );
  return {
    dir,
    manifest,
    base: basePath ? (readJsoncFile(join(dir, basePath)) as Record<string, unknown>) : {},
    connections: components('connection'),
    modules: components('module'),
    rpcs: components('rpc'),
  };
}
