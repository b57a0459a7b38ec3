/** The one generic translation of core's field model, on fields of every kind. */
import { type Field, providers } from '@links/core';
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { connectionFields, fromInputData, toAuthFields, toInputField, toInputFields } from '../src/index.js';

const kind: Field = {
  key: 'kind',
  label: 'Kind',
  description: 'What it is.',
  type: 'options',
  required: true,
  options: [
    { value: 'a', label: 'Alpha', description: 'First.' },
    { value: 'custom', label: 'Custom', description: 'Needs a name.' },
  ],
  default: 'a',
};
const fields: Field[] = [
  { key: 'note', label: 'Note', description: 'Free text.', type: 'string', required: false, placeholder: 'hello' },
  kind,
  { key: 'customName', label: 'Custom Name', description: 'Only for custom.', type: 'string', required: true, showWhen: { field: 'kind', equals: ['custom'] } },
  {
    key: 'rows',
    label: 'Rows',
    description: 'Many rows.',
    type: 'list',
    required: true,
    fields: [{ ...kind, key: 'rowKind', allowCustomValue: true }],
  },
  { key: 'extra', label: 'Extra', description: 'A JSON object.', type: 'json', required: false, example: { a: [1] } },
];

const run = (fn: unknown, inputData: Record<string, unknown>) =>
  (fn as (z: ZObject, bundle: Bundle) => PlainInputField[])({} as ZObject, { inputData } as unknown as Bundle);

describe('toInputFields', () => {
  const translated = toInputFields(fields);
  const [first, second, third, fourth, fifth] = translated as [PlainInputField, PlainInputField, unknown, PlainInputField, PlainInputField];

  test('puts required fields first, then conditional, then optional, keeping core order within each', () => {
    expect(first.key).toBe('kind');
    expect(second.key).toBe('rows');
    expect(typeof third).toBe('function');
    expect([fourth.key, fifth.key]).toEqual(['note', 'extra']);
  });

  test('options become labelled choices; the field a condition reads alters dynamic fields', () => {
    expect(first).toEqual({
      key: 'kind',
      label: 'Kind',
      required: true,
      type: 'string',
      helpText: 'What it is.',
      choices: [
        { value: 'a', label: 'Alpha', sample: 'a' },
        { value: 'custom', label: 'Custom', sample: 'custom' },
      ],
      default: 'a',
      altersDynamicFields: true,
    });
  });

  test('a conditional field is shown (and required) only while its condition holds', () => {
    expect(run(third, { kind: 'a' })).toEqual([]);
    expect(run(third, {})).toEqual([]);
    expect(run(third, { kind: 'custom' })).toEqual([expect.objectContaining({ key: 'customName', required: true, helpText: 'Only for custom.' })]);
  });

  test('a list becomes a line-item group whose rows carry the help text; an open option list says so', () => {
    expect(second).toEqual({ key: 'rows', label: 'Rows', required: true, children: [expect.objectContaining({ key: 'rowKind', type: 'string' })] });
    expect(second.children![0]!.helpText).toBe('What it is. Other values the API accepts can be entered as a custom value.');
  });

  test('json becomes a JSON field with an object schema and an example', () => {
    expect(fifth).toEqual({ key: 'extra', label: 'Extra', required: false, type: 'json', schema: { type: 'object' }, helpText: 'A JSON object. Example: `{"a":[1]}`' });
    expect(fourth).toMatchObject({ type: 'string', placeholder: 'hello' });
  });

  test('a field with dynamic options is a dropdown fed by the hidden trigger', () => {
    const [, , , custom] = toInputFields(providers.devrev.fields);
    expect(run(custom, { linkType: 'custom_link' })[0]).toMatchObject({ key: 'customLinkType', dynamic: 'devrev_customLinkTypes.id.name' });
    expect(run(custom, { linkType: 'custom_link' })[0]!.choices).toBeUndefined();
  });
});

describe('toInputFields: options offered only for some values of another field (FieldOption.showWhen)', () => {
  const shape: Field = {
    key: 'shape',
    label: 'Shape',
    description: 'Which shape.',
    type: 'options',
    required: true,
    options: [
      { value: 'round', label: 'Round', description: 'Round.' },
      { value: 'square', label: 'Square', description: 'Square.' },
    ],
  };
  const size: Field = {
    key: 'size',
    label: 'Size',
    description: 'How big.',
    type: 'options',
    required: false,
    allowCustomValue: true,
    options: [
      { value: 'any', label: 'Any', description: 'Always.' },
      { value: 'radius', label: 'Radius', description: 'Round only.', showWhen: { field: 'shape', equals: ['round'] } },
      { value: 'side', label: 'Side', description: 'Square only.', showWhen: { field: 'shape', equals: ['square'] } },
    ],
  };
  const rowsOfSizes: Field = { key: 'rows', label: 'Rows', description: 'Many rows.', type: 'list', required: true, fields: [size, { ...kind, key: 'rowKind' }] };
  const [shapeField, rows, sizeField] = toInputFields([shape, rowsOfSizes, size]) as [PlainInputField, unknown, unknown];
  const values = (field: PlainInputField | undefined) => (field?.choices as { value: string }[]).map((choice) => choice.value);
  const rowSizes = (inputData: Record<string, unknown>) => values(run(rows, inputData)[0]!.children!.find((child) => child.key === 'size'));

  test('the field named by an option\'s condition alters dynamic fields; the dependent field (a line item too) is a function, in its place', () => {
    expect(shapeField).toMatchObject({ key: 'shape', altersDynamicFields: true });
    expect(typeof rows).toBe('function');
    expect(typeof sizeField).toBe('function');
    expect(run(rows, {})[0]).toMatchObject({ key: 'rows', required: true, children: [expect.objectContaining({ key: 'size' }), expect.objectContaining({ key: 'rowKind' })] });
    // A row's other fields are as a static translation makes them.
    expect(run(rows, { shape: 'round' })[0]!.children![1]).toEqual(toInputField({ ...kind, key: 'rowKind' }));
  });

  test('the choices are those that fit the value of the named field, trimmed as validation reads it', () => {
    expect(values(run(sizeField, { shape: 'round' })[0])).toEqual(['any', 'radius']);
    expect(values(run(sizeField, { shape: ' square ' })[0])).toEqual(['any', 'side']);
    expect(rowSizes({ shape: 'round' })).toEqual(['any', 'radius']);
    expect(rowSizes({ shape: 'square' })).toEqual(['any', 'side']);
    expect(rowSizes({ shape: 'triangle' })).toEqual(['any']);
  });

  test('with the named field empty or mapped from an earlier step, every option is offered', () => {
    for (const inputData of [{}, { shape: '' }, { shape: null }, { shape: '{{123__shape}}' }, { shape: ' {{123__shape}} ' }]) {
      expect(values(run(sizeField, inputData)[0])).toEqual(['any', 'radius', 'side']);
      expect(rowSizes(inputData)).toEqual(['any', 'radius', 'side']);
    }
  });

  test('the list stays open: the help text still says other values can be entered', () => {
    expect(run(sizeField, { shape: 'round' })[0]!.helpText).toBe('How big. Other values the API accepts can be entered as a custom value.');
  });

  test('a condition on a field the operation does not have is refused when the app is defined', () => {
    expect(() => toInputFields([size])).toThrow('A field depends on shape, which is no field of the operation');
  });
});

describe('toAuthFields', () => {
  test('secrets become password fields; options become choices; the base URL is optional with the real service as default', () => {
    const auth = toAuthFields(connectionFields(providers['yandex-tracker']));
    expect(auth.map((f) => [f.key, f.type, f.required])).toEqual([
      ['tokenKind', 'string', true],
      ['token', 'password', true],
      ['orgKind', 'string', true],
      ['orgId', 'string', true],
      ['baseUrl', 'string', false],
    ]);
    expect(auth[0]!.choices).toEqual([
      { value: 'oauth', label: 'OAuth Token', sample: 'oauth' },
      { value: 'iam', label: 'IAM Token', sample: 'iam' },
    ]);
    expect(auth[4]).toMatchObject({ default: 'https://api.tracker.yandex.net' });
  });

  test("OneTrust's base URL has no default: it follows the host name", () => {
    const baseUrl = toAuthFields(connectionFields(providers.onetrust)).find((f) => f.key === 'baseUrl')!;
    expect(baseUrl.default).toBeUndefined();
    expect(baseUrl.helpText).toContain('https:// followed by the Host Name');
  });
});

describe('fromInputData', () => {
  test("keeps the provider's keys only and turns one mapped row into a one-row list", () => {
    expect(fromInputData(fields, { kind: 'a', rows: { rowKind: 'x' }, other: 'dropped' })).toEqual({ kind: 'a', rows: [{ rowKind: 'x' }] });
    expect(fromInputData(fields, { rows: [{ rowKind: 'x' }, { rowKind: 'y' }] })).toEqual({ rows: [{ rowKind: 'x' }, { rowKind: 'y' }] });
  });
});
