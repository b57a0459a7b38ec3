/**
 * The items of Zapier's publishing checklist that can be checked locally (the rest is Zapier's online
 * style check and review).
 */
import type { Sandbox } from '@links/sandbox';
import { SEED } from '@links/sandbox';
import type { Bundle, PlainInputField, PlainOutputField, ZObject } from 'zapier-platform-core';
import * as zapier from 'zapier-platform-core';
import { type ProviderId, providers } from '@links/core';
import { APP_IDS, admin, sandboxAuthData, sourceApp, withSandbox } from './helpers.js';

const TITLE_CASE = /^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*$/;
const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)$/;

/** Static input fields, and the ones dynamic-field functions add when their condition holds. */
function allInputFields(id: ProviderId): PlainInputField[] {
  const operation = sourceApp(id).creates.create_link.operation;
  // Input that meets every condition, so that each dynamic-field function shows its field.
  const conditions = providers[id].fields.flatMap((f) => (f.showWhen ? [[f.showWhen.field, f.showWhen.equals[0]]] : []));
  const bundle = { inputData: Object.fromEntries(conditions) } as unknown as Bundle;
  return operation.inputFields.flatMap((field) => (typeof field === 'function' ? field(zapier as unknown as ZObject, bundle) : [field]));
}

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

  test('Find or Create Link pairs Find Link with Create Link, with a title-case label', () => {
    expect(app.searchOrCreates.find_link).toEqual({ key: 'find_link', display: { label: 'Find or Create Link', description: expect.stringMatching(/^Finds .*\.$/) }, search: 'find_link', create: 'create_link' });
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
