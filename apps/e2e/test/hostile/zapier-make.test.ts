// Hostile input on the Zapier and Make surfaces.
// Zapier: invalid input is refused by core inside `perform`, naming the field, before any request.
// Make: Make validates mappable parameters itself (required, select options, types) before the module runs;
// the generated parameter specs must declare those rules for every field core checks.
import fc from 'fast-check';
import { type Field, providers } from '@links/core';
import { loadMakeApp } from '@links/make/iml';
import { createAppTester, loadDeployableApp } from '@links/zapier/deployable';
import { CREDENTIALS, INPUTS, PROVIDERS, useSandbox } from '../support.js';

const ctx = useSandbox();
const CANARY = 'canary-zapier-SECRET-9d2e';
const bad = fc.constantFrom<unknown>(undefined, '', '   ', {}, ['x'], 'not valid');
// Free-text fields where any non-blank text is valid (Tracker ids, open entity type names).
const FREE_TEXT = new Set(['entityId', 'entity1Type', 'entity2Type']);

describe.each(PROVIDERS)('Zapier %s: invalid input', (provider) => {
  const app = loadDeployableApp(provider);
  const tester = createAppTester(app);
  const required = providers[provider].fields.filter((f) => f.required && !f.showWhen).map((f) => f.key);

  it('fails naming the field, sends nothing, shows no secret', async () => {
    const secretKey = providers[provider].credentialFields.find((f) => f.secret)!.key;
    const authData = { ...CREDENTIALS[provider], [secretKey]: CANARY, baseUrl: ctx.sandbox.url };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...required), bad, async (field, value) => {
        fc.pre(!(FREE_TEXT.has(field) && typeof value === 'string' && value.trim() !== ''));
        const before = ctx.sandbox.state.snapshot().requests.total;
        const error = await tester(app.creates.create_link.operation.perform, { authData, inputData: { ...INPUTS[provider], [field]: value } }).then(
          () => null,
          (e: Error) => e,
        );
        expect(error?.message).toContain(`(${field}`);
        expect(`${error?.message} ${JSON.stringify(error)}`).not.toContain(CANARY);
        expect(ctx.sandbox.state.snapshot().requests.total).toBe(before);
      }),
      { numRuns: 40 },
    );
  });
});

describe.each(PROVIDERS)('Make %s: parameter specs carry core\'s rules', (provider) => {
  const app = loadMakeApp(provider);
  type Param = { name: string; type: string; required?: boolean; options?: unknown; spec?: unknown[] };
  const params = app.modules.createLink!.code.mappableParams as Param[];
  // Conditional parameters (DevRev's custom link type) are nested under the select option that shows them.
  const byName = new Map<string, Param>();
  for (const param of params) {
    byName.set(param.name, param);
    for (const option of Array.isArray(param.options) ? (param.options as { nested?: Param[] }[]) : []) {
      for (const nested of option.nested ?? []) byName.set(nested.name, nested);
    }
  }

  it.each(providers[provider].fields.filter((f) => !f.advanced).map((f) => [f.key, f] as const))('%s', (_key, field: Field) => {
    const param = byName.get(field.key);
    expect(param).toBeDefined();
    if (field.required) expect(param!.required).toBe(true);
    if (field.type === 'options' && !field.allowCustomValue && !field.dynamicOptions) {
      const values = (param!.options as { value: string }[]).map((o) => o.value);
      expect(values.sort()).toEqual(field.options!.map((o) => o.value).sort());
    }
    if (field.type === 'uuid') expect(param!.type).toBe('uuid');
    if (field.type === 'list') expect(param!.type).toBe('array');
  });
});

describe('Make OneTrust connection: the host name is checked by Make before the token request', () => {
  const params = loadMakeApp('onetrust').connections.onetrust!.code.params as { name: string; validate?: { pattern?: string } }[];
  const pattern = new RegExp(params.find((p) => p.name === 'hostname')!.validate!.pattern!);

  it.each(['evil.example/', 'user@host.example', 'https://x.example', 'host.example:1', 'a.com#', '10.0.0.1', '[::1]', '', 'localhost', 'app.onetrust.com/../x'])(
    'refuses %j',
    (host) => expect(pattern.test(host)).toBe(false),
  );

  it.each(['app.onetrust.com', 'app-eu.onetrust.com', 'trial.onetrust.com'])('accepts %s', (host) => expect(pattern.test(host)).toBe(true));
});
