// Validates the sandbox's DevRev answers against DevRev's published OpenAPI documents, which live beside the
// repository (`../shared/specs`), outside the project: the test reads them and fails loudly when they are absent.
import { Ajv, type ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SPECS_DIR = resolve(__dirname, '../../../../shared/specs');
export const DEVREV_SPECS = ['devrev-public-links.openapi.json', 'devrev-beta-link-types.openapi.json'] as const;

type Schema = Record<string, unknown>;

/**
 * OpenAPI's `discriminator` picks one `oneOf` branch by a property; plain JSON Schema's `oneOf` instead needs
 * exactly one branch to match, which fails for DevRev's summaries (an issue also matches the ticket branch).
 * So each discriminated `oneOf` becomes "the property is one of the mapped values, and then that branch".
 */
function withDiscriminators(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withDiscriminators);
  if (typeof node !== 'object' || node === null) return node;
  const copy: Schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withDiscriminators(value)]));
  const discriminator = copy.discriminator as { propertyName: string; mapping: Record<string, string> } | undefined;
  if (discriminator && copy.oneOf) {
    const { propertyName: property, mapping } = discriminator;
    delete copy.discriminator;
    delete copy.oneOf;
    copy.required = [...new Set([...((copy.required as string[]) ?? []), property])];
    copy.allOf = [
      ...((copy.allOf as Schema[]) ?? []),
      { properties: { [property]: { enum: Object.keys(mapping) } } },
      ...Object.entries(mapping).map(([value, $ref]) => ({ if: { properties: { [property]: { const: value } } }, then: { $ref } })),
    ];
  }
  return copy;
}

export interface SpecValidator {
  /** The schema of a documented response, or a failure naming what the spec does not document. */
  response(path: string, method: string, status: number): ValidateFunction;
}

export function loadDevRevSpecs(): SpecValidator {
  if (!existsSync(SPECS_DIR)) throw new Error(`DevRev's OpenAPI documents are expected in ${SPECS_DIR} (the shared folder beside the repository)`);
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const format of ['id', 'text', 'sort-by']) ajv.addFormat(format, true);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('double', { type: 'number', validate: Number.isFinite });
  ajv.addFormat('date-time', (text: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(text) && !Number.isNaN(Date.parse(text)));
  const documents = DEVREV_SPECS.map((file) => {
    const spec = JSON.parse(readFileSync(join(SPECS_DIR, file), 'utf8')) as { paths: Record<string, Record<string, { responses: Record<string, any> }>> };
    ajv.addSchema({ components: withDiscriminators((spec as unknown as Schema).components) } as Schema, file);
    return { file, spec };
  });
  return {
    response(path, method, status) {
      const found = documents.find(({ spec }) => spec.paths[path]?.[method.toLowerCase()]);
      if (!found) throw new Error(`no DevRev spec documents ${method} ${path}`);
      const schema = found.spec.paths[path]![method.toLowerCase()]!.responses[String(status)]?.content?.['application/json']?.schema as { $ref: string } | undefined;
      if (!schema) throw new Error(`the DevRev spec documents no JSON ${status} answer to ${method} ${path}`);
      return ajv.compile({ $ref: `${found.file}${schema.$ref}` });
    },
  };
}
