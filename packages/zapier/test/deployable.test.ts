/**
 * The deployable integrations in apps/<api>: the bundle `pnpm build` writes, loaded through the same
 * index.js that `zapier-platform push` uploads, is valid, equals the source definition, and works.
 */
import type { ProviderId } from '@links/core';
import { type Sandbox, SEED } from '@links/sandbox';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import * as zapier from 'zapier-platform-core';
import type { ZapierApp } from '../src/index.js';
import { admin, APP_IDS, createAppHandler, PACKAGE_DIR, sandboxAuthData, sourceApp, withSandbox } from './helpers.js';

const { onetrust: OT, yandexTracker: YT } = SEED;
const appDir = (id: ProviderId) => join(PACKAGE_DIR, 'apps', id);

beforeAll(() => {
  execFileSync(process.execPath, [join(PACKAGE_DIR, 'scripts/bundle.mjs')], { stdio: 'pipe' });
});

describe.each(APP_IDS)('apps/%s', (id) => {
  const load = () => require(join(appDir(id), 'index.js')) as ZapierApp;

  test('package.json: an npm package with only zapier-platform-core, at the version tested here', () => {
    const pkg = JSON.parse(readFileSync(join(appDir(id), 'package.json'), 'utf8'));
    expect(pkg.main).toBe('index.js');
    expect(pkg.packageManager).toMatch(/^npm@/);
    expect(pkg.dependencies).toEqual({ 'zapier-platform-core': zapier.version });
    expect(pkg.scripts['_zapier-build']).toBe(`node ../../scripts/bundle.mjs ${id}`);
    expect(pkg.scripts.test).toBe(`node --test-reporter=spec ../../scripts/app-test.mjs ${id}`);
  });

  test('.zapierapprc is kept, with the includeInBuild that Node.js 22 needs (see the README)', () => {
    expect(JSON.parse(readFileSync(join(appDir(id), '.zapierapprc'), 'utf8'))).toEqual({ includeInBuild: ['node_modules/[^/]+/require\\.mjs$'] });
    expect(readFileSync(join(appDir(id), '.gitignore'), 'utf8').split('\n')).not.toContain('.zapierapprc');
  });

  test('npm test (what `zapier-platform test` runs) passes its four tests against the sandbox', () => {
    const result = spawnSync('npm', ['test'], { cwd: appDir(id), encoding: 'utf8' });
    expect({ status: result.status, output: result.stdout + result.stderr }).toMatchObject({ status: 0 });
    expect(result.stdout).toMatch(/ℹ pass 4\n/);
    expect(result.stdout).toMatch(/ℹ fail 0\n/);
  });

  test('the bundle inlines core and requires nothing but node built-ins (no ky, no @links/*)', () => {
    const bundle = readFileSync(join(appDir(id), 'dist/app.cjs'), 'utf8');
    const required = [...bundle.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]!);
    expect(required.filter((name) => !builtinModules.includes(name.replace(/^node:/, '')))).toEqual([]);
    expect(bundle).not.toMatch(/from ["']ky["']|@links\/core\/http/);
    expect(bundle).toContain('function sendCreateLink(');
  });

  test('index.js defines a valid app equal to the source definition', async () => {
    const app = load();
    expect(app.version).toBe(JSON.parse(readFileSync(join(appDir(id), 'package.json'), 'utf8')).version);
    expect(app.platformVersion).toBe(zapier.version);
    const handler = createAppHandler(app);
    expect((await handler({ command: 'validate' })).results).toEqual([]);
    const definition = (await handler({ command: 'definition' })).results;
    const sourceDefinition = (await createAppHandler(sourceApp(id))({ command: 'definition' })).results;
    expect(definition).toEqual(sourceDefinition);
  });
});

describe('the deployable apps create links against the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await withSandbox();
  });
  afterAll(() => sandbox.close());

  test.each(APP_IDS)('%s', async (id) => {
    const app = require(join(appDir(id), 'index.js')) as ZapierApp;
    const appTester = zapier.createAppTester(app);
    let authData = sandboxAuthData(id, sandbox);
    if (app.authentication.sessionConfig) authData = { ...authData, ...(await appTester(app.authentication.sessionConfig.perform, { authData })) };
    await appTester(app.authentication.test, { authData });
    const example = app.creates.create_link.operation.sample;
    const inputs: Record<ProviderId, Record<string, unknown>> = {
      onetrust: {
        linkTypeId: OT.linkTypes.modelVendorSource.id,
        entity1Type: 'models',
        entity1Id: OT.entities.creditRiskModel.id,
        entity2Type: 'vendors',
        entity2Id: OT.entities.northwindVendor.id,
      },
      'yandex-tracker': { entityType: 'portfolio', entityId: YT.entities.platformModernization.id, links: [{ relationship: 'relates', entity: YT.entities.customerExperience.id }] },
      devrev: { source: 'ENH-1', linkType: 'is_related_to', target: 'FEAT-1' },
    };
    const result = await appTester(app.creates.create_link.operation.perform, { authData, inputData: inputs[id] });
    expect(Object.keys(result).sort()).toEqual(Object.keys(example).sort());
    const stored = (await admin.state(sandbox)).links;
    expect(stored[id === 'yandex-tracker' ? 'yandexTracker' : id]).toHaveLength(1);
  });
});
