// Zapier's own CLI, zapier-platform-cli (pinned in src/zapier/cli, run under Node.js 22 as it requires), on each
// deployable integration in packages/zapier/apps/<api>, as a developer runs it before `zapier-platform push`:
// `npm ci` from the app's lockfile; `build`, which bundles, installs, zips and then loads the zip in its "Testing
// build" step; the built zip itself run by Zapier's Lambda entry point against the sandbox; `validate` (the offline
// schema part); and `test`, the app's own tests against a sandbox they start. Offline but for the npm registry: Zapier's
// API is pointed at a closed loopback port, so only the online checks (style checks, push) are left out.
import { type SANDBOX_LINK_CREDENTIALS, SANDBOX_LINK_INPUTS, type Sandbox, startSandbox } from '@links/sandbox';
import { loadDeployableApp } from '@links/zapier/deployable';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eRoot } from '../src/n8n/root.js';
import { ensureZapierCli, type ZapierCli, zapierCliEnv } from '../src/zapier/install.js';
import { CREDENTIALS, PROVIDERS, SECRETS, storedLinks } from './support.js';
import { DROPDOWN_INPUTS, RECORD_SEARCHES } from './zapier-support.js';

type AppId = keyof typeof SANDBOX_LINK_CREDENTIALS;

interface ShownField {
  key: string;
  required?: boolean;
  dynamic?: string;
  search?: string;
  choices?: { value: string }[];
  children?: ShownField[];
}
const choiceValues = (field: ShownField) => field.choices!.map((choice) => choice.value);

/** The editor input the built zip resolves each app's input fields for: none, and for Tracker each Entity Type. */
const TRACKER_ENTITY_TYPES = [undefined, 'project', 'goal', 'portfolio'];
const FIELD_INPUTS: Record<AppId, Record<string, string>[]> = {
  onetrust: [{}],
  'yandex-tracker': TRACKER_ENTITY_TYPES.map((entityType): Record<string, string> => (entityType ? { entityType } : {})),
  devrev: [{}],
};
const COMMON_RELATIONSHIPS = ['relates', 'depends on', 'is dependent by'];
/** The Relationship choices for each of those inputs: all seven with no Entity Type yet, then each type's own. */
const TRACKER_RELATIONSHIP_CHOICES = [
  [...COMMON_RELATIONSHIPS, 'parent entity', 'child entity', 'is supported by', 'works towards'],
  [...COMMON_RELATIONSHIPS, 'works towards'],
  [...COMMON_RELATIONSHIPS, 'parent entity', 'child entity', 'is supported by'],
  COMMON_RELATIONSHIPS,
];
const APPS_DIR = join(e2eRoot(), '..', '..', 'packages', 'zapier', 'apps');
const appDir = (id: AppId) => join(APPS_DIR, id);
const appPackage = (id: AppId) => JSON.parse(readFileSync(join(appDir(id), 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

interface Run {
  code: number;
  output: string;
}

let cli: ZapierCli;
let tmp: string;
let env: NodeJS.ProcessEnv;
let sandbox: Sandbox;
const timings: string[] = [];
/** The apps whose build/ folder this test created, removed again at the end. */
const createdBuildDirs: string[] = [];

/** Runs a command under the CLI's environment; never throws for an exit code. */
function run(label: string, command: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...env, ...extraEnv }, timeout: 5 * 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      timings.push(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: `${stdout}\n${stderr}` });
    });
  });
}
const zapierPlatform = (id: AppId, args: string[], extraEnv?: NodeJS.ProcessEnv) =>
  run(`${id}: zapier-platform ${args.join(' ')}`, cli.node.node, [cli.bin, ...args], appDir(id), extraEnv);

/** A port nothing listens on: taken from the kernel, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const started = Date.now();
  cli = ensureZapierCli((line) => process.stderr.write(`[zapier-cli] ${line}\n`));
  timings.push(`CLI ready (${cli.version}, Node.js ${cli.node.version}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  tmp = mkdtempSync(join(tmpdir(), 'links-zapier-cli-'));
  env = zapierCliEnv(cli, tmp, await closedPort());
  sandbox = await startSandbox();
  for (const id of PROVIDERS) if (!existsSync(join(appDir(id), 'build'))) createdBuildDirs.push(join(appDir(id), 'build'));
}, 10 * 60_000);

afterAll(async () => {
  await sandbox?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  for (const dir of createdBuildDirs) rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`[zapier-cli] timings:\n  ${timings.join('\n  ')}\n`);
});

beforeEach(() => sandbox.state.reset());

test('the pinned CLI is the one installed', () => {
  const spec = JSON.parse(readFileSync(join(e2eRoot(), 'src', 'zapier', 'cli', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  expect(cli.version).toBe(spec.dependencies['zapier-platform-cli']);
});

test('without includeInBuild, the build fails its "Testing build" step under Node.js 22 (why each app keeps a .zapierapprc)', async () => {
  // Node.js 22 loads these packages through their `module-sync` export (require.mjs), which the CLI's dependency scan
  // (esbuild, no such condition) does not follow, so the files are left out of build.zip.
  const { code, output } = await zapierPlatform('devrev', ['build', '--skip-validation'], { ZAPIER_CURRENT_APP_FILE: join(tmp, 'no-zapierapprc') });
  expect(code).not.toBe(0);
  // (The CLI wraps its error lines: "·", a line break, " ›   ".)
  expect(output).toMatch(/Detected a missing file in build\.zip:[\s·›]*'node_modules\/[^/']+\/require\.mjs'/);
});

test('register and link keep the includeInBuild of an existing .zapierapprc (they add id and key to it)', async () => {
  const cliSource = join(cli.dir, 'node_modules', 'zapier-platform-cli', 'src');
  // Both commands write the file through this one function, which reads the existing file and spreads it first.
  for (const command of ['register', 'link']) expect(readFileSync(join(cliSource, 'oclif', 'commands', `${command}.js`), 'utf8')).toMatch(/await writeLinkedAppConfig\(/);
  const dir = join(tmp, 'rc');
  mkdirSync(dir);
  copyFileSync(join(appDir('devrev'), '.zapierapprc'), join(dir, '.zapierapprc'));
  const script = `require(${JSON.stringify(join(cliSource, 'utils', 'api.js'))}).writeLinkedAppConfig({ id: 4242, key: 'App4242' }, ${JSON.stringify(dir)}).then(() => 0)`;
  expect(await run('writeLinkedAppConfig', cli.node.node, ['-e', script], dir)).toMatchObject({ code: 0 });
  const committed = JSON.parse(readFileSync(join(appDir('devrev'), '.zapierapprc'), 'utf8')) as { includeInBuild: string[] };
  expect(JSON.parse(readFileSync(join(dir, '.zapierapprc'), 'utf8'))).toEqual({ ...committed, id: 4242, key: 'App4242' });
});

describe.each(PROVIDERS)('apps/%s', (id) => {
  test('npm ci from its lockfile installs the pinned zapier-platform-core from the registry alone', async () => {
    const lock = JSON.parse(readFileSync(join(appDir(id), 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string; integrity?: string; link?: boolean }> };
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || entry.link) continue;
      // No git or tarball URL: each package comes by name and version from the registry npm is configured with.
      expect({ path, resolved: entry.resolved ?? null, integrity: typeof entry.integrity }).toEqual({ path, resolved: null, integrity: 'string' });
    }
    const dir = join(tmp, `ci-${id}`);
    mkdirSync(dir);
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(appDir(id), file), join(dir, file));
    const { code, output } = await run(`${id}: npm ci`, 'npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], dir);
    expect({ code, output }).toMatchObject({ code: 0 });
    const core = JSON.parse(readFileSync(join(dir, 'node_modules', 'zapier-platform-core', 'package.json'), 'utf8')) as { version: string };
    expect(core.version).toBe(appPackage(id).dependencies['zapier-platform-core']);
  });

  test('zapier-platform build: bundles, installs, zips, and passes "Testing build"', async () => {
    const { code, output } = await zapierPlatform(id, ['build', '--skip-validation']);
    expect({ code, output }).toMatchObject({ code: 0, output: expect.stringContaining('Testing build') });
    expect(output).toContain('Build complete!');

    const AdmZip = createRequire(join(cli.dir, 'node_modules', 'zapier-platform-cli', 'package.json'))('adm-zip') as new (path: string) => {
      getEntries(): { entryName: string; getData(): Buffer }[];
      extractAllTo(target: string): void;
    };
    const zip = new AdmZip(join(appDir(id), 'build', 'build.zip'));
    const files = new Map(zip.getEntries().map((entry) => [entry.entryName, entry]));
    const json = (name: string) => JSON.parse(files.get(name)!.getData().toString('utf8')) as Record<string, unknown>;
    for (const name of ['index.js', 'zapierwrapper.js', 'definition.json', 'dist/app.cjs', 'package.json', 'node_modules/zapier-platform-core/package.json']) expect([...files.keys()]).toContain(name);
    expect(json('node_modules/zapier-platform-core/package.json').version).toBe(appPackage(id).dependencies['zapier-platform-core']);
    const app = loadDeployableApp(id);
    expect(json('definition.json')).toMatchObject({ version: appPackage(id).version, platformVersion: app.platformVersion, authentication: { type: app.authentication.type }, creates: { create_link: { key: 'create_link' } } });
    // Every file a package exports for Node.js 22's require (`module-sync`) is in the zip, not only today's three.
    for (const name of files.keys()) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(name);
      if (!match) continue;
      const targets = JSON.stringify(json(name).exports ?? null).match(/"module-sync":"[^"]+"/g) ?? [];
      for (const target of targets) expect([...files.keys()]).toContain(`${match[1]}/${target.slice('"module-sync":"'.length, -1).replace(/^\.\//, '')}`);
    }
    // source.zip: what Zapier keeps as the source, with the .zapierapprc and the lockfile, without node_modules.
    const source = [...new Map(new AdmZip(join(appDir(id), 'build', 'source.zip')).getEntries().map((entry) => [entry.entryName, entry])).keys()];
    expect(source).toEqual(expect.arrayContaining(['.zapierapprc', 'index.js', 'dist/app.cjs', 'package.json', 'package-lock.json']));
    expect(source.filter((name) => name.startsWith('node_modules/'))).toEqual([]);

    // The zip as Zapier runs it: unpacked, its Lambda entry point (zapierwrapper.js) under Node.js 22, with nothing
    // but the zip's own files: the connection (session step, test), Create Link, the first page of every dropdown and
    // the "Find <record>" search against the sandbox.
    const unpacked = join(tmp, `unpacked-${id}`);
    zip.extractAllTo(unpacked);
    // Every dropdown and "Find <record>" search is in the built definition, the linked entity's too (a line item's field).
    const definition = json('definition.json') as unknown as Pick<typeof app, 'triggers' | 'searches' | 'creates'>;
    expect(Object.keys(definition.triggers).sort()).toEqual(Object.keys(app.triggers).sort());
    expect(Object.keys(definition.searches).sort()).toEqual(Object.keys(app.searches).sort());
    const fieldsOf = (fields: readonly unknown[]) => (fields as { key?: string; dynamic?: string; search?: string; altersDynamicFields?: boolean; children?: { key: string }[] }[]).filter((f) => typeof f === 'object');
    if (id === 'yandex-tracker') {
      // Links (its Relationship follows Entity Type) is a dynamic-field function there; Entity Type makes the editor ask again.
      for (const step of [definition.creates.create_link, definition.searches.find_link!]) {
        expect(fieldsOf(step.operation.inputFields).find((f) => f.key === 'entityType')).toMatchObject({ altersDynamicFields: true });
      }
      expect(fieldsOf(definition.searches.find_link!.operation.inputFields).find((f) => f.key === 'linkedEntityId')).toMatchObject({ dynamic: 'yandex_tracker_anyEntities.id.name' });
    }
    if (id === 'onetrust') {
      expect(fieldsOf(definition.searches.find_link!.operation.inputFields).find((f) => f.key === 'otherEntityId')).toMatchObject({ dynamic: 'onetrust_linkedEntities_entityType_entityId.id.name', search: 'find_entity.id' });
    }
    const bundle = { authData: { ...CREDENTIALS[id], baseUrl: sandbox.url }, inputData: SANDBOX_LINK_INPUTS[id] };
    const reads = { dropdownInput: DROPDOWN_INPUTS[id], search: RECORD_SEARCHES[id], fieldInputs: FIELD_INPUTS[id] };
    const script = `
      const { handler } = require('./zapierwrapper.js');
      const execute = (method, bundle) => handler({ command: 'execute', method, bundle }).then((answer) => answer.results);
      (async () => {
        const bundle = ${JSON.stringify(bundle)};
        const definition = require('./definition.json');
        if (definition.authentication.type === 'session') Object.assign(bundle.authData, await execute('authentication.sessionConfig.perform', bundle));
        const account = await execute('authentication.test', bundle);
        const created = await execute('creates.create_link.operation.perform', bundle);
        // The first page of every dropdown (Zapier's own cursorTestObj stands in for its cursor store) and the search.
        const reads = ${JSON.stringify(reads)};
        const dropdowns = {};
        for (const key of Object.keys(definition.triggers)) {
          const choices = await handler({ command: 'execute', method: 'triggers.' + key + '.operation.perform', bundle: { authData: bundle.authData, inputData: reads.dropdownInput, meta: { page: 0 } }, storeKey: 'zip-' + key, cursorTestObj: {} }).then((answer) => answer.results);
          dropdowns[key] = choices.length;
        }
        const found = await execute('searches.' + reads.search.key + '.operation.perform', { authData: bundle.authData, inputData: reads.search.inputData });
        // The input fields as the Zap editor asks for them (dynamic-field functions run) for each input.
        const fields = [];
        for (const inputData of reads.fieldInputs) {
          const of = (method) => execute(method, { authData: bundle.authData, inputData });
          fields.push({ create: await of('creates.create_link.operation.inputFields'), find: await of('searches.find_link.operation.inputFields') });
        }
        process.stdout.write('\\nRESULT ' + JSON.stringify({ account: account !== undefined, created, dropdowns, found: found.length, fields }) + '\\n');
      })().catch((error) => { console.error(error); process.exit(1); });`;
    const zipRun = await run(`${id}: build.zip, session, test, Create Link, every dropdown and the search`, cli.node.node, ['-e', script], unpacked);
    expect(zipRun).toMatchObject({ code: 0 });
    const result = JSON.parse(/^RESULT (.*)$/m.exec(zipRun.output)![1]!) as {
      account: boolean;
      created: { linkCount: number; service: string };
      dropdowns: Record<string, number>;
      found: number;
      fields: { create: ShownField[]; find: ShownField[] }[];
    };
    expect(result).toMatchObject({ account: true, created: { linkCount: 1 } });
    expect(Object.keys(result.dropdowns).sort()).toEqual(Object.keys(app.triggers).sort());
    for (const [key, count] of Object.entries(result.dropdowns)) expect([key, count > 0]).toEqual([key, true]);
    expect(result.found).toBeGreaterThan(0);
    // Every field of both steps is resolved, a required one first; Tracker's Relationship choices follow Entity Type.
    expect(result.fields).toHaveLength(FIELD_INPUTS[id].length);
    for (const { create, find } of result.fields) for (const step of [create, find]) expect(step[0]).toMatchObject({ key: expect.any(String), required: true });
    if (id === 'yandex-tracker') {
      const relationships = result.fields.map(({ create, find }) => ({
        create: choiceValues(create.find((f) => f.key === 'links')!.children!.find((c) => c.key === 'relationship')!),
        find: choiceValues(find.find((f) => f.key === 'relationship')!),
      }));
      expect(relationships).toEqual(TRACKER_RELATIONSHIP_CHOICES.map((values) => ({ create: values, find: values })));
      const links = result.fields[0]!.create.find((f) => f.key === 'links')!;
      expect(links.children!.find((c) => c.key === 'entity')).toMatchObject({ dynamic: 'yandex_tracker_anyEntities.id.name', search: 'find_entity.id' });
    }
    expect(storedLinks(sandbox, id)).toBe(1);
    for (const secret of SECRETS) expect(zipRun.output).not.toContain(secret);
  });

  test('zapier-platform validate --without-style: the schema check, offline', async () => {
    const { code, output } = await zapierPlatform(id, ['validate', '--without-style']);
    expect({ code, output }).toMatchObject({ code: 0, output: expect.stringContaining('This project is structurally sound!') });
  });

  test("zapier-platform test: the app's own tests (connection, Create Link, invalid input) against a sandbox they start", async () => {
    const { code, output } = await zapierPlatform(id, ['test', '--skip-validate']);
    expect({ code, output }).toMatchObject({ code: 0, output: expect.stringContaining('npm run --silent test') });
    expect(output).toMatch(/ℹ tests 4\n/);
    expect(output).toMatch(/ℹ pass 4\n/);
    expect(output).toMatch(new RegExp(`✔ ${id}: Create Link creates the link in the sandbox`));
  });
});
