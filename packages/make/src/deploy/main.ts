import { Make } from '@makehq/sdk';
import { isLoopbackHost, type ProviderId, redactSecrets, secretValues } from '@links/core';
import { appDir, MAKE_APPS } from '../apps.js';
import { loadLocalApp } from '../layout.js';
import { deployApp } from './index.js';

export const USAGE = `Usage: links-make-deploy <onetrust|yandex-tracker|devrev|path to an app folder> [--dry-run] [--app-name <name>] [--app-version <n>]

Deploys the app's Base, README, connections, RPCs and modules (with every code file) to an existing Make custom app.
  --dry-run        read the remote app and print what would be created or updated, without changing anything
  --app-name       the Make app's name (default: MAKE_APP_NAME, else the origin's appId in makecomapp.json)
  --app-version    the Make app's major version (default: MAKE_APP_VERSION, else the origin's appVersion)

Environment:
  MAKE_API_KEY      a Make API token with the sdk-apps:read and sdk-apps:write scopes (required)
  MAKE_ZONE         your Make zone, such as eu1.make.com or us2.make.com (default: the origin's baseUrl in makecomapp.json)
  MAKE_APP_NAME     as --app-name
  MAKE_APP_VERSION  as --app-version`;

interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** A zone (`eu1.make.com`) or an origin (`https://eu1.make.com`, `http://127.0.0.1:8080` on loopback only). */
function parseZone(value: string): { host: string; protocol: 'https' | 'http' } {
  const withScheme = /^[a-z]+:\/\//i.test(value) ? value : `https://${value}`;
  const url = new URL(withScheme.replace(/\/api\/?$/, ''));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new Error(`MAKE_ZONE must use https (http only on loopback): ${value}`);
  }
  return { host: url.host, protocol: url.protocol === 'http:' ? 'http' : 'https' };
}

/** The deploy command: returns the exit code. */
export async function runDeployCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, out: Output): Promise<number> {
  const args = [...argv];
  const flag = (name: string): boolean => {
    const index = args.indexOf(name);
    if (index >= 0) args.splice(index, 1);
    return index >= 0;
  };
  const option = (name: string): string | undefined => {
    const index = args.indexOf(name);
    if (index < 0) return undefined;
    const [, value] = args.splice(index, 2);
    if (value === undefined) throw new Error(`${name} needs a value`);
    return value;
  };
  try {
    if (flag('--help') || flag('-h')) {
      out.log(USAGE);
      return 0;
    }
    const dryRun = flag('--dry-run');
    const appNameArg = option('--app-name');
    const appVersionArg = option('--app-version');
    const [target, ...rest] = args;
    if (!target || rest.length > 0) throw new Error(`Expected one app, got: ${args.join(' ') || 'none'}`);
    const dir = target in MAKE_APPS ? appDir(MAKE_APPS[target as ProviderId]) : target;
    const app = loadLocalApp(dir);
    const origin = app.manifest.origins[0];
    const apiKey = env.MAKE_API_KEY;
    if (!apiKey) throw new Error('MAKE_API_KEY is not set (a Make API token with the sdk-apps scopes)');
    const zoneValue = env.MAKE_ZONE ?? origin?.baseUrl;
    if (!zoneValue) throw new Error('MAKE_ZONE is not set and makecomapp.json has no origin');
    const zone = parseZone(zoneValue);
    const appName = appNameArg ?? env.MAKE_APP_NAME ?? origin?.appId;
    if (!appName) throw new Error('No app name: pass --app-name or set MAKE_APP_NAME');
    const appVersion = Number(appVersionArg ?? env.MAKE_APP_VERSION ?? origin?.appVersion ?? 1);
    if (!Number.isInteger(appVersion) || appVersion < 1) throw new Error(`The app version must be a positive integer, got ${appVersion}`);

    const make = new Make(apiKey, zone.host);
    make.protocol = zone.protocol;
    out.log(`${dryRun ? 'Dry run: ' : ''}deploying ${dir} to ${appName} v${appVersion} on ${zone.host}`);
    const result = await deployApp({ make, app, appName, appVersion, dryRun, log: (line) => out.log(`  ${line}`) });
    out.log(`${dryRun ? 'Planned' : 'Done'}: ${result.writes.length} write(s).`);
    return 0;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    const message = `${error instanceof Error ? error.message : String(error)}${cause}`;
    out.error(`links-make-deploy: ${redactSecrets(message, secretValues(env, ['MAKE_API_KEY']))}`);
    return 1;
  }
}
