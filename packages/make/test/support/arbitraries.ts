/**
 * fast-check inputs built from core's field model (no API knowledge): each field type has a generator,
 * conditional fields appear only when core would use them, and only inputs core's own `validateInput`
 * accepts are kept. `pools` may add known values for some keys (seeded sandbox ids), so that creates
 * also succeed. Every text, UUID and option value (inside list entries too, and credentials) may come
 * with the blanks, tabs and line breaks around it that typed or mapped values carry (core trims them),
 * and UUIDs in another letter case.
 */
import fc from 'fast-check';
import { type Field, isFieldActive, type Provider } from '@links/core';

export type Pools = Readonly<Record<string, readonly unknown[]>>;

/** Text that keeps the example's shape: letters stay letters (same case), digits stay digits. */
function shapedLike(example: string): fc.Arbitrary<string> {
  return fc
    .tuple(...[...example].map((char) => {
      if (/[a-z]/.test(char)) return fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
      if (/[A-Z]/.test(char)) return fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
      if (/[0-9]/.test(char)) return fc.constantFrom(...'0123456789');
      return fc.constant(char);
    }))
    .map((chars) => chars.join(''));
}

/** Any text a user could map in, including what needs URL encoding; never blank or padded. */
const anyText = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 24 }),
    fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
    fc.constantFrom('../x?y#z', 'a/b', '100%', '%2F', 'ünï cödé', 'x&y=z', '..a', '+plus+'),
  )
  .filter((text) => text.trim() !== '' && text === text.trim());

function textLike(field: Field): fc.Arbitrary<string> {
  const shapes = [field.example, field.placeholder].filter((v): v is string => typeof v === 'string');
  const shaped = shapes.map((shape) =>
    fc.tuple(shapedLike(shape), fc.boolean()).map(([text, upper]) => (upper ? text.toUpperCase() : text)),
  );
  return shaped.length > 0 ? fc.oneof(anyText, ...shaped) : anyText;
}

/** What a typed or mapped value may carry around it: blanks, tabs, line breaks (as mapped data often ends). */
export const SURROUNDING = fc.constantFrom('', '', '', ' ', '  ', '\t', '\n', '\r\n', ' \n', '\n\t ', '\u00a0');

/** Adds the blanks and line breaks a user may leave around a typed or mapped value. */
export function padded(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(SURROUNDING, text, SURROUNDING).map(([before, value, after]) => `${before}${value}${after}`);
}

function valueOf(field: Field, pools: Pools): fc.Arbitrary<unknown> {
  const own = ((): fc.Arbitrary<unknown> => {
    switch (field.type) {
      case 'string':
        return textLike(field);
      case 'uuid':
        return fc.tuple(fc.uuid(), fc.boolean()).map(([uuid, upper]) => (upper ? uuid.toUpperCase() : uuid));
      case 'options': {
        const listed = fc.constantFrom(...field.options!.map((o) => o.value));
        return field.allowCustomValue ? fc.oneof({ weight: 3, arbitrary: listed }, { weight: 1, arbitrary: anyText }) : listed;
      }
      case 'list':
        return fc.array(recordOf(field.fields!, pools), { minLength: 1, maxLength: 4 });
      case 'json': {
        const example = field.example;
        const values = example && typeof example === 'object' ? Object.values(example) : [];
        const objects = fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), values.length > 0 ? fc.constantFrom(...values) : fc.jsonValue(), { maxKeys: 3 });
        // As an object or as JSON text, which core and Make's JSON parameter both accept.
        return fc.oneof(objects, objects.map((value) => JSON.stringify(value)));
      }
    }
  })();
  const pool = pools[field.key];
  const value = pool && pool.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: own }) : own;
  // Text core trims (text, UUIDs, options) comes padded; lists and JSON do not (core does not trim them).
  return field.type === 'string' || field.type === 'uuid' || field.type === 'options' ? padded(value as fc.Arbitrary<string>) : value;
}

/** One input for a list of fields: required fields always, optional ones sometimes, conditional ones when active. */
function recordOf(fields: readonly Field[], pools: Pools): fc.Arbitrary<Record<string, unknown>> {
  const values = fc.tuple(...fields.map((field) => valueOf(field, pools)), ...fields.map(() => fc.boolean()));
  return values.map((drawn) => {
    const input: Record<string, unknown> = {};
    fields.forEach((field, i) => {
      const include = field.required || drawn[fields.length + i];
      if (include && isFieldActive(field, input)) input[field.key] = drawn[i];
    });
    return input;
  });
}

/** Valid Create Link inputs for a provider: generated from its fields, kept when core accepts them. */
export function inputs(provider: Provider<any, any>, pools: Pools = {}): fc.Arbitrary<Record<string, unknown>> {
  return recordOf(provider.fields, pools).filter((input) => {
    try {
      provider.validateInput(input);
      return true;
    } catch {
      return false;
    }
  });
}

/** Valid credentials for a provider, from its credential fields, kept when core accepts them. */
export function credentials(provider: Provider<any, any>): fc.Arbitrary<Record<string, unknown>> {
  return recordOf(provider.credentialFields, {}).filter((value) => {
    try {
      provider.validateCredentials(value);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Valid link refs for a provider's get and delete: generated from its delete fields (with the documented
 * example ref's values as a pool), kept when core accepts them.
 */
export function refs(provider: Provider<any, any>, pools: Pools = {}): fc.Arbitrary<Record<string, unknown>> {
  const example = Object.fromEntries(Object.entries(provider.examples.delete.input).map(([key, value]) => [key, [value]]));
  return recordOf(provider.operations.delete.fields, { ...example, ...pools }).filter((ref) => {
    try {
      provider.operations.delete.validate(ref);
      return true;
    } catch {
      return false;
    }
  });
}
