// The `test` script of each apps/<api> folder, which `zapier-platform test` runs (as `npm test`): that folder's
// deployable integration (index.js over dist/app.cjs, what `zapier-platform push` uploads), run by the app tester of
// the zapier-platform-core that folder resolves, against the Links sandbox started here on 127.0.0.1 (a free port)
// and stopped at the end. Usage, from apps/<api>: node ../../scripts/app-test.mjs <api>
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SANDBOX_LINK_CREDENTIALS, SANDBOX_LINK_INPUTS, startSandbox } from '@links/sandbox';
import { APP_IDS } from './bundle.mjs';

const id = process.argv[2];
if (!APP_IDS.includes(id)) throw new Error(`Usage: node app-test.mjs ${APP_IDS.join('|')}`);
const appDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', id);
if (!existsSync(join(appDir, 'dist', 'app.cjs'))) throw new Error(`${appDir}/dist/app.cjs is missing: run \`npm run _zapier-build\` (or \`pnpm --filter @links/zapier build\`) first`);

// Testing mode, as under jest or mocha: zapier-platform-core then throws when a result fails its output checks
// (which Zapier only logs in production), and prints no memory line per run.
process.env.NODE_ENV = 'test';
// Resolved from the app folder, as Zapier resolves them: its own node_modules after `npm install`, else the workspace's.
const requireFromApp = createRequire(join(appDir, 'package.json'));
const { createAppTester, version: coreVersion } = requireFromApp('zapier-platform-core');
const app = requireFromApp('./index.js');
const appTester = createAppTester(app);
const STORE = { onetrust: 'onetrust', 'yandex-tracker': 'yandexTracker', devrev: 'devrev' }[id];

let sandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0 });
});
after(() => sandbox.close());

/** The connection a user makes, pointed at the sandbox; with session auth, plus the token Zapier keeps. */
async function connect() {
  const authData = { ...SANDBOX_LINK_CREDENTIALS[id], baseUrl: sandbox.url };
  const session = app.authentication.sessionConfig;
  return session ? { ...authData, ...(await appTester(session.perform, { authData })) } : authData;
}

test(`${id}: the app is the one this folder deploys, on zapier-platform-core ${coreVersion}`, () => {
  const pkg = requireFromApp('./package.json');
  assert.equal(app.version, pkg.version);
  assert.equal(app.platformVersion, pkg.dependencies['zapier-platform-core']);
  assert.equal(coreVersion, pkg.dependencies['zapier-platform-core']);
});

test(`${id}: the connection test passes and labels the connection`, async () => {
  const authData = await connect();
  const account = await appTester(app.authentication.test, { authData });
  const label = await appTester(app.authentication.connectionLabel, { authData, inputData: account });
  assert.equal(typeof label, 'string');
  assert.notEqual(label.trim(), '');
});

test(`${id}: Create Link creates the link in the sandbox, with the output the action declares`, async () => {
  sandbox.state.reset();
  const authData = await connect();
  const { perform, sample } = app.creates.create_link.operation;
  const result = await appTester(perform, { authData, inputData: SANDBOX_LINK_INPUTS[id] });
  assert.deepEqual(Object.keys(result).sort(), Object.keys(sample).sort());
  assert.equal(result.linkCount, 1);
  const stored = sandbox.state.snapshot().links[STORE];
  assert.equal(stored.length, 1);
  if (result.id !== null) assert.equal(result.id, stored[0].id);
});

test(`${id}: an empty required field is refused, naming it, before any request`, async () => {
  const authData = await connect();
  const field = Object.keys(SANDBOX_LINK_INPUTS[id])[0];
  const before = sandbox.state.snapshot().requests.total;
  await assert.rejects(appTester(app.creates.create_link.operation.perform, { authData, inputData: { ...SANDBOX_LINK_INPUTS[id], [field]: '' } }), (error) => {
    assert.equal(error.name, 'AppError');
    assert.equal(JSON.parse(error.message).code, `invalid_input:${field}`);
    return true;
  });
  assert.equal(sandbox.state.snapshot().requests.total, before);
});
