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
  /**
   * A create response as the API documents it: the module's samples are what core makes of it for the
   * example input (Yandex Tracker answers without a body).
   */
  sampleResponse: { status: number; body: unknown };
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
  sampleResponse: MakeAppDescriptor['sampleResponse'];
}

function describe(provider: Provider<any, any>, connectionId: string, details: AppDetails): MakeAppDescriptor {
  return {
    provider,
    folder: provider.id,
    appName: details.appName,
    label: `${provider.name} Links`,
    connection: { id: connectionId, label: provider.name, type: connectionType(provider) },
    module: { id: 'createLink', label: 'Create a Link', description: details.description },
    sampleResponse: details.sampleResponse,
  };
}

export const MAKE_APPS: Readonly<Record<ProviderId, MakeAppDescriptor>> = {
  onetrust: describe(providers.onetrust, 'onetrust', {
    appName: 'links-onetrust',
    description: 'Creates a relationship (link) between two OneTrust AI Governance records.',
    sampleResponse: {
      status: 200,
      body: {
        id: 'c0f18be7-1205-4417-874c-e5b8d292ac9f',
        linkType: { id: '8857005c-662f-4f90-9e4e-481b225a666a', name: 'ai-system-composition' },
        linkTypeLabel: {
          id: 5,
          entityType1ToEntityType2EntityLinkName: 'is composed of',
          entityType2ToEntityType1EntityLinkName: 'is a component of',
        },
        entity1: {
          id: '0f79003f-b177-4f02-aa83-9bf11deec7c7',
          name: 'Customer Support Assistant',
          entityType: { id: '8a0b318a-d206-4ff9-b1db-00c8c8611d37', name: 'aisystems' },
        },
        entity2: {
          id: '296c0a2d-b5f6-450d-8b13-3c2327775042',
          name: 'Support Intent Classifier',
          entityType: { id: '963bbab3-8bc9-4787-9ebb-a502775bef54', name: 'models' },
        },
        schemaId: 'f48f80ee-78b6-4dbe-adb4-9872b69b804b',
        auditFields: { createdDate: '2026-02-10T13:10:23.267Z', lastUpdatedDate: '2026-02-10T13:10:23.267Z' },
      },
    },
  }),
  'yandex-tracker': describe(providers['yandex-tracker'], 'yandexTracker', {
    appName: 'links-yandex-tracker',
    description: 'Links a Yandex Tracker project, portfolio or goal with one or more other entities.',
    sampleResponse: { status: 200, body: undefined },
  }),
  devrev: describe(providers.devrev, 'devrev', {
    appName: 'links-devrev',
    description: 'Creates a link between two DevRev objects, such as an issue and a ticket.',
    sampleResponse: {
      status: 201,
      body: {
        link: {
          id: 'don:core:dvrv-us-1:devo/demo:link/1',
          display_id: 'LINK-1',
          link_type: 'is_related_to',
          source: { type: 'issue', id: 'don:core:dvrv-us-1:devo/demo:issue/1', display_id: 'ISS-1', title: 'Checkout fails on Safari 17', owned_by: [] },
          target: { type: 'issue', id: 'don:core:dvrv-us-1:devo/demo:issue/2', display_id: 'ISS-2', title: 'Webhook retries are not idempotent', owned_by: [] },
          created_date: '2026-02-10T13:10:23.267Z',
          created_by: { id: 'don:identity:dvrv-us-1:devo/demo:devu/1', display_name: 'sandbox-dev' },
        },
      },
    },
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
