import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Field } from '@links/core';
import { appDir, MAKE_APP_LIST } from '../src/apps.js';
import { loadLocalApp } from '../src/layout.js';
import { generateApp } from '../src/generate/index.js';
import { toMakeParameters } from '../src/translate/parameters.js';

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesOf(join(dir, entry.name)).map((f) => `${entry.name}/${f}`) : [entry.name],
  );
}

describe.each(MAKE_APP_LIST.map((app) => [app.folder, app] as const))('committed %s app', (_, app) => {
  const { generated } = generateApp(app);

  test.each(Object.keys(generated))('%s is what the generator writes (run `pnpm --filter @links/make generate`)', (file) => {
    const path = join(appDir(app), file);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(generated[file]);
  });

  test('every file of the folder is one the generator writes (the IML included)', () => {
    expect(filesOf(appDir(app)).sort()).toEqual(Object.keys(generated).sort());
  });

  test('an action module returns one bundle: no iterate, wrapper or pagination (Make\'s rule for actions)', () => {
    const local = loadLocalApp(appDir(app));
    const actions = Object.values(local.modules).filter((module) => module.metadata.moduleType === 'action');
    expect(actions.length).toBeGreaterThan(0);
    type Request = { pagination?: unknown; condition?: unknown; response?: Record<string, unknown> };
    const requests = (communication: unknown): Request[] => (Array.isArray(communication) ? communication : [communication as Request]);
    for (const action of actions) {
      // Several requests (Create a Link's look-up first): none pages or iterates; the last, whose output is the
      // module's, always runs (no condition) and has the output.
      for (const communication of requests(action.code.communication)) {
        expect(communication.pagination).toBeUndefined();
        expect(communication.response?.iterate).toBeUndefined();
        expect(communication.response?.wrapper).toBeUndefined();
      }
      const last = requests(action.code.communication).at(-1)!;
      expect(last.condition).toBeUndefined();
      expect(last.response?.output).toEqual(expect.any(Object));
    }
    expect(requests(local.modules.createLink!.code.communication).at(-1)).toMatchObject({ response: { output: { '{{...}}': expect.any(String), links: expect.anything() } } });
    expect(local.modules.deleteLink!.code.communication).toMatchObject({ response: { output: { deleted: expect.any(String), ref: expect.any(Object) } } });
  });
});

describe.each(MAKE_APP_LIST.map((app) => [app.folder, app] as const))('%s: Make\'s review rules for modules', (_, app) => {
  const local = loadLocalApp(appDir(app));

  test('every module\'s name starts with a verb, and it has an interface and samples', () => {
    for (const module of Object.values(local.modules)) {
      expect(module.metadata.label).toMatch(/^(Create|Search|Get|Delete|Make) /);
      expect((module.code.interface as unknown[]).length).toBeGreaterThan(0);
      expect(module.code.samples).toEqual(expect.any(Object));
      expect(Object.keys(module.code.samples as object).length).toBeGreaterThan(0);
    }
  });

  test('a search module\'s Limit is its last parameter; the app has one universal module', () => {
    for (const module of Object.values(local.modules).filter((m) => m.metadata.moduleType === 'search')) {
      expect((module.code.mappableParams as { name: string }[]).at(-1)!.name).toBe('limit');
    }
    expect(Object.values(local.modules).filter((m) => m.metadata.moduleType === 'universal')).toHaveLength(1);
  });
});

describe('the translation of core fields into Make parameters', () => {
  const mode: Field = {
    key: 'mode',
    label: 'Mode',
    description: 'How.',
    type: 'options',
    required: true,
    options: [
      { value: 'plain', label: 'Plain', description: 'Plain.' },
      { value: 'special', label: 'Special', description: 'Special.' },
    ],
    default: 'plain',
  };
  const detail: Field = { key: 'detail', label: 'Detail', description: 'Only for special.', type: 'string', required: true, showWhen: { field: 'mode', equals: ['special'] } };

  test('a field shown for one option is nested under that option only', () => {
    const [parameter] = toMakeParameters([mode, detail]);
    expect(parameter).toMatchObject({ name: 'mode', type: 'select', required: true, default: 'plain' });
    const options = parameter!.options as { value: string; nested?: unknown[] }[];
    expect(options.find((o) => o.value === 'plain')!.nested).toBeUndefined();
    expect(options.find((o) => o.value === 'special')!.nested).toEqual([
      { name: 'detail', label: 'Detail', type: 'text', help: 'Only for special.', required: true },
    ]);
  });

  test('types: secret text, uuid, open options, list with spec, JSON, dynamic options', () => {
    const parameters = toMakeParameters([
      { key: 'token', label: 'Token', description: 'T.', type: 'string', required: true, secret: true },
      { key: 'ref', label: 'Ref', description: 'R.', type: 'uuid', required: false, advanced: true },
      { ...mode, key: 'open', allowCustomValue: true },
      { key: 'items', label: 'Items', description: 'I.', type: 'list', required: true, fields: [{ key: 'x', label: 'X', description: 'X.', type: 'string', required: true }] },
      { key: 'doc', label: 'Doc', description: 'D.', type: 'json', required: false },
      { key: 'kind', label: 'Kind', description: 'K.', type: 'string', required: true, picker: { source: 'devrev.customLinkTypes' } },
    ]);
    expect(parameters.map((p) => p.type)).toEqual(['password', 'uuid', 'select', 'array', 'json', 'select']);
    expect(parameters[1]).toMatchObject({ advanced: true, required: false });
    expect(parameters[2]).toMatchObject({ editable: true, validate: false });
    expect(parameters[3]).toMatchObject({ validate: { minItems: 1 }, spec: [{ name: 'x', type: 'text', required: true }] });
    expect(parameters[5]).toMatchObject({ options: 'rpc://listCustomLinkTypes' });
  });

  test('a condition on a field that is not an options field of the same list is refused', () => {
    expect(() => toMakeParameters([{ ...detail, showWhen: { field: 'nowhere', equals: ['x'] } }])).toThrow(/not an options field/);
  });
});

describe('the package README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const keys = (fields: readonly Field[]): string[] => fields.flatMap((f) => [f.key, ...(f.fields ? keys(f.fields) : [])]);

  test.each(MAKE_APP_LIST.map((app) => [app.folder, app] as const))('documents every %s parameter', (_, app) => {
    for (const key of [...keys(app.provider.fields), ...keys(app.provider.credentialFields), 'baseUrl']) {
      expect(readme).toContain(`\`${key}\``);
    }
  });

  test('documents every error type the apps use', () => {
    for (const type of ['DataError', 'InvalidAccessTokenError', 'RateLimitError', 'RuntimeError', 'InvalidConfigurationError']) {
      expect(readme).toContain(type);
    }
  });
});
