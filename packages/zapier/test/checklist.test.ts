/**
 * The items of Zapier's publishing checklist that can be checked locally (the rest is Zapier's online
 * style check and review).
 */
import type { Sandbox } from '@links/sandbox';
import { SEED } from '@links/sandbox';
import type { Bundle, PlainInputField, PlainOutputField, ZObject } from 'zapier-platform-core';
import * as zapier from 'zapier-platform-core';
import { type Field, type ProviderId, providers } from '@links/core';
import { findFields, type InputFieldFunction, optionTriggerKey } from '../src/index.js';
import { APP_IDS, admin, sandboxAuthData, sourceApp, withSandbox } from './helpers.js';

const TITLE_CASE = /^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*$/;
const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)$/;

/** Static input fields, and the ones dynamic-field functions add when their condition holds. */
function shownFields(inputFields: readonly (PlainInputField | InputFieldFunction)[], coreFields: readonly Field[]): PlainInputField[] {
  // Input that meets every condition, so that each dynamic-field function shows its field.
  const conditions = coreFields.flatMap((f) => (f.showWhen ? [[f.showWhen.field, f.showWhen.equals[0]]] : []));
  const bundle = { inputData: Object.fromEntries(conditions) } as unknown as Bundle;
  return inputFields.flatMap((field) => (typeof field === 'function' ? field(zapier as unknown as ZObject, bundle) : [field]));
}
function allInputFields(id: ProviderId): PlainInputField[] {
  return shownFields(sourceApp(id).creates.create_link.operation.inputFields, providers[id].fields);
}

/** Every field a user fills in every action and search of the app, a line item's fields as `links[].entity`. */
function everyField(id: ProviderId): { step: string; key: string; field: PlainInputField }[] {
  const app = sourceApp(id);
  const steps: [string, PlainInputField[]][] = [
    ['create_link', allInputFields(id)],
    ['find_link', shownFields(app.searches.find_link.operation.inputFields, findFields(providers[id]).fields)],
    ...Object.values(app.searches)
      .filter((search) => search.key !== 'find_link')
      .map((search): [string, PlainInputField[]] => [search.key, shownFields(search.operation.inputFields, [])]),
  ];
  return steps.flatMap(([step, fields]) =>
    fields.flatMap((field) => [{ step, key: field.key, field }, ...(field.children ?? []).map((child) => ({ step, key: `${field.key}[].${child.key}`, field: child }))]),
  );
}

/**
 * The ID fields without a dropdown, and why. Zapier has no Get or Delete Link action, so OneTrust's Link ID (which no
 * API endpoint lists) is no field here at all.
 */
const WITHOUT_DROPDOWN: Record<ProviderId, Record<string, string>> = {
  onetrust: {},
  'yandex-tracker': {},
  devrev: {},
};

/** The ID fields of records a "Find <record>" search can fill (Zapier's D014), and that search. */
const SEARCH_OF: Record<ProviderId, Record<string, string>> = {
  onetrust: { 'create_link.entity1Id': 'find_entity', 'create_link.entity2Id': 'find_entity', 'find_link.entityId': 'find_entity', 'find_link.otherEntityId': 'find_entity' },
  'yandex-tracker': { 'create_link.entityId': 'find_entity', 'create_link.links[].entity': 'find_entity', 'find_link.entityId': 'find_entity', 'find_link.linkedEntityId': 'find_entity' },
  devrev: { 'create_link.source': 'find_work_item', 'create_link.target': 'find_work_item', 'find_link.object': 'find_work_item', 'find_link.otherObject': 'find_work_item' },
};

/** The keys an output object has, nested line items as `links[]key`. */
function outputKeys(value: Record<string, unknown>): string[] {
  return Object.entries(value).flatMap(([key, item]) =>
    Array.isArray(item) ? [key, ...item.flatMap((row) => Object.keys(row as object).map((child) => `${key}[]${child}`))] : [key],
  );
}
function outputFieldKeys(fields: PlainOutputField[]): string[] {
  return fields.flatMap((field) => [field.key, ...(field.children ?? []).map((child) => `${field.key}[]${child.key}`)]);
}
const unique = (keys: string[]) => [...new Set(keys)].sort();

describe.each(APP_IDS)('%s: publishing checklist', (id) => {
  const app = sourceApp(id);
  const create = app.creates.create_link;

  test('the action label is in title case and the noun is one singular word', () => {
    expect(create.display.label).toBe('Create Link');
    expect(create.display.label).toMatch(TITLE_CASE);
    expect(create.noun).toMatch(/^[A-Z][a-z]+$/);
    expect(create.noun).not.toMatch(/s$/);
  });

  test('the description starts with a verb in the third person ("Creates ...") and ends with a period', () => {
    expect(create.display.description).toMatch(/^Creates (a link|links) between /);
    expect(create.display.description).toMatch(/[^.]\.$/);
  });

  test('required fields come first, and every field a user fills has help text and a title-case label', () => {
    const operationFields = create.operation.inputFields;
    const requiredness = operationFields.map((field) => (typeof field === 'function' ? 'conditional' : field.required ? 'required' : 'optional'));
    const firstNotRequired = requiredness.findIndex((kind) => kind !== 'required');
    expect(requiredness.slice(firstNotRequired === -1 ? requiredness.length : firstNotRequired)).not.toContain('required');
    for (const field of allInputFields(id)) {
      const leaves = field.children ?? [field];
      for (const leaf of leaves) {
        expect(leaf.helpText?.length ?? 0).toBeGreaterThan((leaf.label ?? '').length);
        expect(leaf.label).toMatch(/^[A-Z]/);
      }
    }
  });

  test('fixed value sets are dropdowns with labels; many values are a line-item group', () => {
    for (const field of allInputFields(id)) {
      for (const leaf of field.children ?? [field]) {
        if (Array.isArray(leaf.choices)) {
          for (const choice of leaf.choices) expect(choice).toEqual({ value: expect.any(String), label: expect.any(String), sample: expect.any(String) });
        }
      }
    }
    if (id === 'devrev') expect(allInputFields(id).find((f) => f.key === 'customLinkType')?.dynamic).toBe('devrev_customLinkTypes.id.name');
    if (id === 'yandex-tracker') expect(allInputFields(id).find((f) => f.key === 'links')?.children?.map((c) => c.key)).toEqual(['relationship', 'entity']);
  });

  test('authentication: secrets are password fields, the Base URL default is https, the label never reads a secret field', () => {
    const { fields } = app.authentication;
    for (const field of fields) {
      if (/token|secret/i.test(field.key) && field.key !== 'tokenKind') expect(field.type).toBe('password');
      for (const url of [field.default, field.placeholder]) if (url?.includes('://')) expect(url).toMatch(/^https:\/\//);
    }
    expect(fields.find((f) => f.key === 'baseUrl')).toMatchObject({ required: false });
  });

  test('the sample has ISO-8601 dates and exactly the keys outputFields declare', () => {
    const { sample, outputFields } = create.operation;
    expect(Object.keys(sample).length).toBeGreaterThan(0);
    expect(unique(outputKeys(sample as unknown as Record<string, unknown>))).toEqual(unique(outputFieldKeys(outputFields)));
    for (const date of [sample.createdAt, ...sample.links.map((l) => l.createdAt)]) if (date !== null) expect(date).toMatch(ISO_8601);
    expect(sample.linkCount).toBe(sample.links.length);
  });
});

describe.each(APP_IDS)('%s: publishing checklist, searches', (id) => {
  const app = sourceApp(id);
  const search = app.searches.find_link;

  test('Find Link: a title-case label, a singular one-word noun, a description that starts with "Finds" and ends with a period', () => {
    expect(search.display.label).toBe('Find Link');
    expect(search.display.label).toMatch(TITLE_CASE);
    expect(search.noun).toBe(app.creates.create_link.noun);
    expect(search.noun).toMatch(/^[A-Z][a-z]+$/);
    expect(search.display.description).toMatch(/^Finds /);
    expect(search.display.description).toMatch(/[^.]\.$/);
  });

  test('Find Link: the record is required and comes first; the other record and the type are optional', () => {
    const fields = search.operation.inputFields.filter((f): f is PlainInputField => typeof f !== 'function');
    expect(fields[0]!.required).toBe(true);
    const firstOptional = fields.findIndex((f) => !f.required);
    expect(fields.slice(firstOptional).every((f) => !f.required)).toBe(true);
    for (const field of fields) expect(field.helpText?.length ?? 0).toBeGreaterThan((field.label ?? '').length);
  });

  test('Find Link: the sample (from core\'s documented list) has exactly the keys outputFields declare, and ISO-8601 dates', () => {
    const { sample, outputFields } = search.operation;
    expect(unique(Object.keys(sample))).toEqual(unique(outputFieldKeys(outputFields)));
    if (sample.createdAt !== null) expect(sample.createdAt).toMatch(ISO_8601);
  });

  test('every search: "Find <noun>" in title case, a singular noun, "Finds ..." ending with a period, a required field first, a sample with the keys outputFields declare', () => {
    for (const each of Object.values(app.searches)) {
      expect(each.display.label).toBe(`Find ${each.noun}`);
      expect(each.display.label).toMatch(TITLE_CASE);
      expect(each.noun).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)*$/);
      expect(each.noun).not.toMatch(/s$/);
      expect(each.display.description).toMatch(/^Finds .*[^.]\.$/);
      const [first] = each.operation.inputFields.filter((f): f is PlainInputField => typeof f !== 'function');
      expect(first).toMatchObject({ required: true, helpText: expect.any(String) });
      expect(unique(Object.keys(each.operation.sample))).toEqual(unique(outputFieldKeys(each.operation.outputFields)));
    }
  });

  test('Find or Create Link pairs Find Link with Create Link, with a title-case label', () => {
    expect(app.searchOrCreates.find_link).toEqual({ key: 'find_link', display: { label: 'Find or Create Link', description: expect.stringMatching(/^Finds .*\.$/) }, search: 'find_link', create: 'create_link' });
  });
});


describe.each(APP_IDS)('%s: publishing checklist, dropdowns (D004) and their searches (D014)', (id) => {
  const app = sourceApp(id);
  const fields = everyField(id);
  /** An ID field: its label says so, or core types it as a UUID. */
  const isIdField = (key: string, label: string | undefined) => / IDs?$/.test(label ?? '') || key.endsWith('Id') || key.endsWith('.entity');

  test('every ID field a user fills is a dynamic dropdown over a hidden trigger the app has, except the ones listed with a reason', () => {
    const idFields = fields.filter(({ key, field }) => isIdField(key, field.label));
    expect(idFields.length).toBeGreaterThan(3);
    const without = idFields.filter(({ field }) => !field.dynamic).map(({ step, key }) => `${step}.${key}`);
    expect(without.sort()).toEqual(Object.keys(WITHOUT_DROPDOWN[id]).sort());
    for (const { field } of idFields.filter(({ field }) => field.dynamic)) {
      const [trigger, value, label] = field.dynamic!.split('.');
      expect([value, label]).toEqual(['id', 'name']);
      expect(app.triggers[trigger!]).toBeDefined();
      expect(field.choices).toBeUndefined();
    }
  });

  test('the record ID fields (line items included) link the "Find <record>" search whose result fills them; others link none', () => {
    const linked = Object.fromEntries(fields.filter(({ field }) => field.search).map(({ step, key, field }) => [`${step}.${key}`, field.search]));
    expect(linked).toEqual(Object.fromEntries(Object.entries(SEARCH_OF[id]).map(([field, search]) => [field, `${search}.id`])));
    for (const search of Object.values(SEARCH_OF[id])) expect(app.searches[search]).toBeDefined();
  });

  test('each hidden trigger: hidden, pages, a singular title-case noun, "List <nouns>", and a sample from core\'s documented first page', () => {
    // The core picker behind each trigger, from the fields that name it.
    const provider = providers[id];
    const withPicker = (list: readonly Field[]): Field[] => list.flatMap((f) => [...(f.picker ? [f] : []), ...withPicker(f.fields ?? [])]);
    const sourceOf = Object.fromEntries(withPicker([...provider.fields, ...findFields(provider).fields]).map((f) => [optionTriggerKey(f.picker!), f.picker!.source]));
    for (const trigger of Object.values(app.triggers)) {
      expect(trigger.display.hidden).toBe(true);
      expect(trigger.operation.canPaginate).toBe(true);
      expect(trigger.noun).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)*( ID)?$/);
      expect(trigger.noun).not.toMatch(/s$/);
      expect(trigger.display.label).toMatch(TITLE_CASE);
      expect(trigger.display.label).toMatch(new RegExp(`^List ${trigger.noun.replace(/y$/, '')}(s|ies)$`));
      expect(trigger.display.description).toMatch(/^Lists .*[^.]\.$/);
      const { sample, outputFields } = trigger.operation;
      expect(unique(Object.keys(sample))).toEqual(unique(outputFieldKeys(outputFields)));
      const example = provider.examples.pickers[sourceOf[trigger.key]!]!;
      expect(sample.name).toBe(example.labels[0]);
    }
  });
});

describe('what perform returns agrees with the sample', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await withSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => admin.reset(sandbox));

  const inputs: Record<ProviderId, Record<string, unknown>> = {
    onetrust: {
      linkTypeId: SEED.onetrust.linkTypes.modelTrainingData.id,
      entity1Type: 'models',
      entity1Id: SEED.onetrust.entities.creditRiskModel.id,
      entity2Type: 'datasets',
      entity2Id: SEED.onetrust.entities.loanApplications.id,
    },
    'yandex-tracker': {
      entityType: 'goal',
      entityId: SEED.yandexTracker.entities.launchEu.id,
      links: [{ relationship: 'is supported by', entity: SEED.yandexTracker.entities.mobileOffline.id }],
    },
    devrev: { source: 'ISS-3', linkType: 'is_related_to', target: 'TKT-2' },
  };

  const FIND_INPUTS: Record<ProviderId, Record<string, unknown>> = {
    onetrust: { entityType: 'models', entityId: SEED.onetrust.entities.creditRiskModel.id },
    'yandex-tracker': { entityType: 'goal', entityId: SEED.yandexTracker.entities.launchEu.id },
    devrev: { object: 'ISS-3' },
  };

  const RECORD_SEARCHES: Record<ProviderId, Record<string, Record<string, string>>> = {
    onetrust: { find_entity: { search: 'model', entityType: 'models' } },
    'yandex-tracker': { find_entity: { search: 'eu', entityType: 'goal' } },
    devrev: { find_work_item: { search: 'ISS-1' } },
  };

  test.each(APP_IDS)('%s', async (id) => {
    const app = sourceApp(id);
    const appTester = zapier.createAppTester(app);
    let authData = sandboxAuthData(id, sandbox);
    if (app.authentication.sessionConfig) authData = { ...authData, ...(await appTester(app.authentication.sessionConfig.perform, { authData })) };
    const result = await appTester(app.creates.create_link.operation.perform, { authData, inputData: inputs[id] });
    const { sample, outputFields } = app.creates.create_link.operation;
    expect(unique(outputKeys(result as unknown as Record<string, unknown>))).toEqual(unique(outputKeys(sample as unknown as Record<string, unknown>)));
    expect(unique(outputKeys(result as unknown as Record<string, unknown>))).toEqual(unique(outputFieldKeys(outputFields)));
    for (const [key, value] of Object.entries(result)) {
      const declared = outputFields.find((field) => field.key === key)!;
      if (declared.type === 'integer') expect(Number.isInteger(value)).toBe(true);
      if (declared.type === 'boolean') expect(typeof value).toBe('boolean');
      if (declared.type === 'datetime' && value !== null) expect(value).toMatch(ISO_8601);
    }

    // Find Link answers an array of results shaped as its sample.
    const search = app.searches.find_link.operation;
    const found = await appTester(search.perform, { authData, inputData: FIND_INPUTS[id] });
    expect(Array.isArray(found)).toBe(true);
    expect(found.length).toBeGreaterThan(0);
    for (const item of found) expect(unique(Object.keys(item))).toEqual(unique(Object.keys(search.sample)));

    // Each "Find <record>" search answers an array too (best match first), of items shaped as its sample.
    for (const [key, { search: text, ...params }] of Object.entries(RECORD_SEARCHES[id])) {
      const record = app.searches[key]!.operation;
      const items = (await appTester(record.perform as never, { authData, inputData: { search: text, ...params } })) as Record<string, unknown>[];
      expect(Array.isArray(items)).toBe(true);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(unique(Object.keys(item))).toEqual(unique(outputFieldKeys(record.outputFields)));
    }
  });
});

describe.each(APP_IDS)('%s: shared with core', (id) => {
  test('the connection label is core\'s describeAccount rule on the documented "who am I" answer', async () => {
    const { examples } = providers[id];
    const app = sourceApp(id);
    const testResult = id === 'onetrust' ? { hostname: examples.credentials.hostname, clientId: examples.credentials.clientId } : examples.account.response.body;
    const label = await zapier.createAppTester(app)(app.authentication.connectionLabel, { authData: examples.credentials, inputData: testResult as Record<string, unknown> });
    expect(label).toBe(examples.account.label);
  });
});
