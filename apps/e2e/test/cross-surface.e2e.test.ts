// The same inputs and credentials through every surface: core's client, the n8n nodes in a real n8n, the Zapier
// integrations in Zapier's app tester and the Make modules through the IML evaluator. Each request is recorded as
// it arrives on the wire, and every surface must send exactly what core sends: method, path, query, body, content
// type, and the authentication headers, the OneTrust token exchange included.
import { type Field, type ProviderId, providers } from '@links/core';
import { createLinksClient } from '@links/core/http';
import { loadMakeApp, runModule } from '@links/make/iml';
import { type Sandbox, startSandbox } from '@links/sandbox';
import { ensureN8n, N8N_MAJORS, type N8nMajor, n8nVersion } from '../src/n8n/install.js';
import { N8nInstance, type N8nNode } from '../src/n8n/instance.js';
import { startWireRecorder, type WireRecorder, withTokensNamed } from '../src/wire/recorder.js';
import { connect, makeParameters } from './make-support.js';
import { CREDENTIALS, INPUTS, PROVIDERS } from './support.js';
import { zapierIntegration } from './zapier-support.js';

type Values = Record<string, unknown>;

/** Every text value with blanks and a newline around it, as mapped data and pasted secrets often arrive. */
function padded<T>(value: T): T {
  if (typeof value === 'string') return `  ${value}\n` as T;
  if (Array.isArray(value)) return value.map(padded) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, padded(v)])) as T;
  return value;
}

interface WireCase {
  name: string;
  credentials: Values;
  input: Values;
  /** n8n reads every parameter from the previous step's item through an expression. */
  n8nMapped: boolean;
}

const CASES = (provider: ProviderId): WireCase[] => [
  { name: 'as typed', credentials: CREDENTIALS[provider], input: INPUTS[provider], n8nMapped: false },
  { name: 'padded with blanks and newlines, mapped from a previous step', credentials: padded(CREDENTIALS[provider]), input: padded(INPUTS[provider]), n8nMapped: true },
];

const N8N = {
  onetrust: { type: 'oneTrust', credential: 'oneTrustApi' },
  'yandex-tracker': { type: 'yandexTracker', credential: 'yandexTrackerApi' },
  devrev: { type: 'devRev', credential: 'devRevApi' },
} as const;

/** The node's parameters for an input in core's shape: lists as fixed collections, advanced fields in Additional Fields. */
function n8nParameters(fields: readonly Field[], input: Values, mapped: boolean, path = '$json'): Values {
  const main: Values = {};
  const additional: Values = {};
  for (const field of fields) {
    const value = input[field.key];
    if (value === undefined) continue;
    const at = `${path}[${JSON.stringify(field.key)}]`;
    const parameter =
      field.type === 'list'
        ? { values: (value as Values[]).map((entry, i) => n8nParameters(field.fields!, entry, mapped, `${at}[${i}]`)) }
        : mapped
          ? `={{ ${at} }}`
          : value;
    (field.advanced ? additional : main)[field.key] = parameter;
  }
  return Object.keys(additional).length > 0 ? { ...main, additionalFields: additional } : main;
}

// Core, Zapier and Make run once per n8n version too: cheap, and each block compares within one run.
describe.each(N8N_MAJORS.map((major) => [n8nVersion(major), major] as const))('with real n8n %s', (_version, major: N8nMajor) => {
  let sandbox: Sandbox;
  let recorder: WireRecorder;
  let n8n: N8nInstance;

  beforeAll(async () => {
    const install = ensureN8n((line) => process.stderr.write(`${line}\n`), major);
    sandbox = await startSandbox();
    recorder = await startWireRecorder(sandbox.url);
    n8n = new N8nInstance(install);
    const credentials = PROVIDERS.flatMap((provider) =>
      CASES(provider).map((wireCase, c) => ({
        id: `cred-${provider}-${c}`,
        name: `${provider} ${c}`,
        type: N8N[provider].credential,
        data: { ...wireCase.credentials, baseUrl: recorder.url },
      })),
    );
    await n8n.importCredentials(credentials);
    for (const provider of PROVIDERS) {
      for (const [c, wireCase] of CASES(provider).entries()) {
        const nodes: N8nNode[] = [
          { name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: `return [{ json: ${JSON.stringify(wireCase.input)} }];` } },
          {
            name: 'Link',
            type: `n8n-nodes-links.${N8N[provider].type}`,
            parameters: { resource: 'link', operation: 'create', ...n8nParameters(providers[provider].fields, wireCase.input, wireCase.n8nMapped) },
            credentials: { [N8N[provider].credential]: { id: `cred-${provider}-${c}`, name: `${provider} ${c}` } },
          },
        ];
        await n8n.importWorkflow(`wire-${provider}-${c}`, nodes);
      }
    }
  });

  afterAll(async () => {
    n8n?.dispose();
    await recorder?.close();
    await sandbox?.close();
  });

  /** Runs one surface from a fresh sandbox (so every surface creates the same link) and returns what it sent. */
  async function sent(send: () => Promise<unknown>): Promise<ReturnType<typeof withTokensNamed>> {
    sandbox.state.reset();
    recorder.take();
    await send();
    return withTokensNamed(recorder.take());
  }

  describe.each(PROVIDERS)('%s: every surface sends what core sends', (provider) => {
    it.each(CASES(provider).map((wireCase, c) => [wireCase.name, c] as const))('%s', async (_name, c) => {
      const wireCase = CASES(provider)[c]!;
      const auth = { ...wireCase.credentials, baseUrl: recorder.url } as Record<string, string>;

      const core = await sent(() => createLinksClient(provider, { credentials: wireCase.credentials, baseUrl: recorder.url }).createLink(wireCase.input));
      expect(core.length).toBeGreaterThan(0);
      expect(sandbox.state.snapshot().requests.total).toBeGreaterThan(0);

      const zapier = zapierIntegration(provider);
      const viaZapier = await sent(async () => zapier.createLink(await zapier.connect(auth), wireCase.input));

      const app = loadMakeApp(provider);
      const viaMake = await sent(async () => {
        const { connection } = await connect(app, auth);
        // A header connection's own request is the credential check Make runs when the connection is made, not
        // part of a module run; OneTrust's token exchange is, and stays recorded.
        if (providers[provider].auth.type === 'headers') recorder.take();
        const run = await runModule(app, 'createLink', makeParameters(provider, wireCase.input), connection);
        if (!run.result.ok) throw new Error(`Make: ${run.result.error.type} ${run.result.error.message}`);
      });

      const viaN8n = await sent(async () => {
        const run = await n8n.execute(`wire-${provider}-${c}`);
        if (run.status !== 'success') throw new Error(`n8n: ${JSON.stringify(run.nodeError('Link'))}`);
      });

      expect({ zapier: viaZapier, make: viaMake, n8n: viaN8n }).toEqual({ zapier: core, make: core, n8n: core });
    });
  });
});
