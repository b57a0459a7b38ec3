/**
 * Make's JSON Schemas for custom-app files, read from `<repo>/../shared/make-schemas` (reference data that
 * the project does not copy into its tree) and loaded into one Ajv instance, relative `$ref`s included.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const MAKE_SCHEMAS_DIR = join(REPO_ROOT, '..', 'shared', 'make-schemas');
const BASE_URI = 'https://make-schemas.links.test/';

/** Which schema checks which file of the local-development layout (make-schemas/README.md). */
export function schemaFor(file: string): string | null {
  if (file === 'makecomapp.json') return 'local-development/makecomapp.schema.json';
  if (file.endsWith('general/base.iml.json')) return 'imljson/base.json';
  if (file.endsWith('.oauth-communication.iml.json')) return 'imljson/api-oauth.json';
  if (file.endsWith('.communication.iml.json')) return 'imljson/api.json';
  if (/\.(params|static-params|mappable-params|interface)\.iml\.json$/.test(file)) return 'imljson/parameters.json';
  if (file.endsWith('.samples.iml.json')) return 'imljson/samples.json';
  if (file.endsWith('general/common.json')) return 'imljson/common.json';
  if (file.endsWith('groups.json')) return 'imljson/groups.json';
  return null;
}

export interface MakeSchemas {
  validate(schema: string, value: unknown): string[];
}

/** Loads every schema of the folder, or explains why it cannot. */
export function loadMakeSchemas(): MakeSchemas {
  if (!existsSync(MAKE_SCHEMAS_DIR)) {
    throw new Error(
      `Make's JSON Schemas are not at ${MAKE_SCHEMAS_DIR} (expected <repo>/../shared/make-schemas): ` +
        'the apps cannot be validated against Make’s schemas without them.',
    );
  }
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  // makecomapp.schema.json uses `format: uri` (Ajv ships no formats of its own).
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.json') ? [join(dir, entry.name)] : [],
    );
  for (const file of walk(MAKE_SCHEMAS_DIR)) {
    ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')), BASE_URI + relative(MAKE_SCHEMAS_DIR, file));
  }
  const validators = new Map<string, ValidateFunction>();
  return {
    validate(schema, value) {
      let validate = validators.get(schema);
      if (!validate) {
        validate = ajv.getSchema(BASE_URI + schema);
        if (!validate) throw new Error(`No schema ${schema} in ${MAKE_SCHEMAS_DIR}`);
        validators.set(schema, validate);
      }
      return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    },
  };
}
