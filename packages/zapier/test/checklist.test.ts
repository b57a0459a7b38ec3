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
      if (declared.type === 'datetime' && value !== null) expect(value).toMatch(ISO_8601);
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
