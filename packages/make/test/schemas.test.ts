import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { appDir, MAKE_APP_LIST } from '../src/apps.js';
import { MAKECOMAPP_FILE, type MakecomappJson, parseJsonc } from '../src/layout.js';
import { loadMakeSchemas, MAKE_SCHEMAS_DIR, schemaFor } from './support/make-schemas.js';

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesOf(join(dir, entry.name)).map((f) => `${entry.name}/${f}`) : [entry.name],
  );
}

// When ../shared/make-schemas is absent this fails and says why (no silent pass).
const schemas = (() => {
  try {
    return loadMakeSchemas();
  } catch (error) {
    return error as Error;
  }
})();

describe(`Make's JSON Schemas (${MAKE_SCHEMAS_DIR})`, () => {
  test('are available', () => {
    if (schemas instanceof Error) throw schemas;
  });

  describe.each(MAKE_APP_LIST.map((app) => [app.folder, app] as const))('%s', (_, app) => {
    const dir = appDir(app);
    const files = filesOf(dir).filter((f) => f !== 'README.md');

    test.each(files)('%s is valid', (file) => {
      if (schemas instanceof Error) throw schemas;
      const schema = schemaFor(file);
      expect(schema).not.toBeNull();
      const value = parseJsonc(readFileSync(join(dir, file), 'utf8'), file);
      expect(schemas.validate(schema!, value)).toEqual([]);
    });

    test('makecomapp.json lists exactly the files of the folder', () => {
      const manifest = parseJsonc(readFileSync(join(dir, MAKECOMAPP_FILE), 'utf8'), MAKECOMAPP_FILE) as MakecomappJson;
      const listed = [
        ...Object.values(manifest.generalCodeFiles),
        ...Object.values(manifest.components).flatMap((components) =>
          Object.values(components).flatMap((component) => Object.values(component.codeFiles)),
        ),
      ].filter((f): f is string => typeof f === 'string');
      expect([...listed, MAKECOMAPP_FILE].sort()).toEqual(filesOf(dir).map((f) => relative('.', f)).sort());
    });
  });

  test('the validator rejects what Make rejects', () => {
    if (schemas instanceof Error) throw schemas;
    // A POST without a body, an unknown error type and a parameter without a type.
    expect(schemas.validate('imljson/api.json', { url: '/x', method: 'POST' })).not.toEqual([]);
    expect(schemas.validate('imljson/base.json', { response: { error: { message: 'x', type: 'NoSuchError' } } })).not.toEqual([]);
    expect(schemas.validate('imljson/parameters.json', [{ name: 'x' }])).not.toEqual([]);
  });
});
