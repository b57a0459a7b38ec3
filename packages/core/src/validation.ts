import { InputError, type InputRule } from './errors/index.js';
import { type Field, isFieldActive } from './fields.js';
import type { ProviderId } from './types.js';

// With the `u` flag a proper surrogate pair is one code point, so only unpaired halves match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A validated input: strings trimmed, inactive conditional fields dropped, lists of validated entries. */
export type CheckedInput = Record<string, unknown>;

/**
 * Checks input against a provider's fields: required values, types, UUIDs, option values, lists and
 * conditional fields. Throws an `InputError` naming the field and the rule at the first problem.
 */
export function validateFields(
  provider: ProviderId,
  fields: readonly Field[],
  input: unknown,
  path = '',
  label = 'The input',
): CheckedInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const where = path ? `${label} (${path})` : label;
    throw new InputError(provider, path || 'input', 'type', `${where} must be an object, got ${describe(input)}`);
  }
  const source = input as Record<string, unknown>;
  const checked: CheckedInput = {};
  for (const field of fields) {
    const name = path ? `${path}.${field.key}` : field.key;
    const fail = (rule: InputRule, problem: string): never => {
      throw new InputError(provider, name, rule, `${field.label} (${name}) ${problem}`);
    };
    const value = normalizeEmpty(field.multiple && Array.isArray(source[field.key]) && (source[field.key] as unknown[]).length === 0 ? undefined : source[field.key]);
    if (!isFieldActive(field, source)) {
      if (value !== undefined) {
        fail('notAllowed', `is only used when ${field.showWhen!.field} is ${quoteList(field.showWhen!.equals)}; leave it empty`);
      }
      continue;
    }
    if (value === undefined) {
      if (field.required) {
        fail('required', field.showWhen ? `is required when ${field.showWhen.field} is ${quoteList(field.showWhen.equals)}` : 'is required');
      }
      continue;
    }
    checked[field.key] = field.multiple ? checkEach(provider, field, name, value) : checkValue(provider, field, name, value, fail);
  }
  return checked;
}

/** A `multiple` field: a list of values (one value alone counts as a list of one), each checked on its own. */
function checkEach(provider: ProviderId, field: Field, name: string, value: unknown): unknown[] {
  const values = Array.isArray(value) ? value : [value];
  return values.map((entry, index) => {
    const at = `${name}[${index}]`;
    const fail = (rule: InputRule, problem: string): never => {
      throw new InputError(provider, at, rule, `${field.label} (${at}) ${problem}`);
    };
    if (normalizeEmpty(entry) === undefined) return fail('required', 'must not be empty');
    return checkValue(provider, { ...field, multiple: false }, at, entry, fail);
  });
}

function checkValue(
  provider: ProviderId,
  field: Field,
  name: string,
  value: unknown,
  fail: (rule: InputRule, problem: string) => never,
): unknown {
  switch (field.type) {
    case 'string':
    case 'uuid':
    case 'options': {
      if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
      if (typeof value !== 'string') return fail('type', `must be text, got ${describe(value)}`);
      const text = value.trim();
      // A lone UTF-16 half cannot be encoded into a URL or sent as UTF-8 (encodeURIComponent throws on it).
      if (LONE_SURROGATE.test(text)) return fail('format', 'must be valid text: it holds a broken character (a lone UTF-16 surrogate)');
      if (field.type === 'uuid' && !UUID_PATTERN.test(text)) {
        return fail('uuid', `must be a UUID such as 2aa71ead-0c9a-416a-8471-bdfb67c8d113, got "${text}"`);
      }
      if (field.type === 'options' && !field.allowCustomValue && !field.options!.some((o) => o.value === text)) {
        return fail('enum', `must be one of ${quoteList(field.options!.map((o) => o.value))}, got "${text}"`);
      }
      return text;
    }
    case 'list': {
      if (!Array.isArray(value)) return fail('type', `must be a list, got ${describe(value)}`);
      if (value.length === 0) return fail('nonEmpty', 'must have at least one entry');
      return value.map((entry, index) => validateFields(provider, field.fields!, entry, `${name}[${index}]`, `${field.label} entry`));
    }
    case 'json': {
      let parsed = value;
      if (typeof value === 'string') {
        try {
          parsed = JSON.parse(value);
        } catch {
          return fail('type', 'must be valid JSON');
        }
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return fail('type', `must be a JSON object, got ${describe(parsed)}`);
      }
      return parsed;
    }
  }
}

/** Empty strings, `null` and empty JSON text count as "not given": platforms send them for blank fields. */
function normalizeEmpty(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

export function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/** A link from a record to itself is refused by every API: catch it before sending. */
export function checkNotSelfLink(provider: ProviderId, field: string, label: string, value: string, other: string, otherField: string): void {
  if (value === other) {
    throw new InputError(provider, field, 'notAllowed', `${label} (${field}) must differ from ${otherField}: a record cannot be linked to itself`);
  }
}

/** Validates credentials against the provider's credential fields. */
export function validateCredentialFields<C>(provider: ProviderId, fields: readonly Field[], credentials: unknown): C {
  return validateFields(provider, fields, credentials) as C;
}
