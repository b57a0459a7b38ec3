// Hostile input on the Zapier surface: invalid input is refused by core inside `perform`, naming the field,
// before any request, without showing the connection's secret. (Make's surface: hostile/make.test.ts.)
import fc from 'fast-check';
import { providers } from '@links/core';
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
