// What `pnpm sandbox` prints, typed into the n8n credentials field by field (by their labels, dropdowns by their
// option names): each credential's Test passes and a node run reaches the sandbox.
import { credentialGuide, type Sandbox, SEED, startSandbox } from '@links/sandbox';
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { fakeContext, loadCredential, loadNode } from '../../src/n8n/fake-context.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const CREDENTIALS = { 'OneTrust AI Governance': 'OneTrustApi', 'Yandex Tracker': 'YandexTrackerApi', DevRev: 'DevRevApi' } as const;
const credentialType = (className: string) => className[0]!.toLowerCase() + className.slice(1);

/** The printed fields as the credential stores them: each label is a field's display name, each dropdown value an option's name. */
function typedIn(service: keyof typeof CREDENTIALS): ICredentialDataDecryptedObject {
  const guide = credentialGuide(sandbox.url).find((g) => g.service === service)!;
  const properties = loadCredential(CREDENTIALS[service]).properties;
  return Object.fromEntries(
    guide.fields.map(([label, value]) => {
      const property = properties.find((p) => p.displayName === label);
      if (!property) throw new Error(`${service}: the credential has no field "${label}"`);
      const option = (property.options as { name: string; value: string }[] | undefined)?.find((o) => o.name === value);
      if (property.options && !option) throw new Error(`${service}: "${value}" is not an option of ${label}`);
      return [property.name, option ? option.value : value];
    }),
  );
}

describe('the sandbox\'s printed credentials work as typed into each n8n credential', () => {
  it.each(Object.keys(CREDENTIALS) as (keyof typeof CREDENTIALS)[])('%s: the credential Test passes', async (service) => {
    const fake = fakeContext({ items: [], credentialType: credentialType(CREDENTIALS[service]), credentials: typedIn(service) });
    expect(await fake.testCredential()).toMatchObject({ status: 'OK' });
  });

  it('Yandex Tracker: the printed Base URL is the sandbox root, without /v2, and a Get Many reaches the API', async () => {
    expect(typedIn('Yandex Tracker').baseUrl).toBe(sandbox.url);
    const T = SEED.yandexTracker.entities;
    const fake = fakeContext({
      items: [{ resource: 'link', operation: 'getAll', entityType: 'project', entityId: T.websiteRedesign.id, returnAll: true }],
      credentialType: 'yandexTrackerApi',
      credentials: typedIn('Yandex Tracker'),
    });
    await loadNode('YandexTracker').execute.call(fake.context as unknown as IExecuteFunctions);
    expect(fake.wire.map((request) => new URL(request.url).pathname)).toEqual([`/v2/entities/project/${T.websiteRedesign.id}/links`]);
  });
});
