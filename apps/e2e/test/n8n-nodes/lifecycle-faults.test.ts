// The operations after Create (Get, Get Many, Delete) and Create's If Already Linked "Skip" and "Fail", for each
// built node: the fault matrix on the route each one reads or writes (what is re-sent, what is reported and what
// the message says the request may have done), hostile parameters (an error naming the field, nothing sent), and
// canary secrets: with a careless API that repeats the request (headers and body) in every error, no secret
// reaches an error, its description or an output item.
import fc from 'fast-check';
import { SANDBOX_CREDENTIALS as C, SANDBOX_LINK_INPUTS, SEED, type Sandbox, startSandbox } from '@links/sandbox';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { fakeContext, loadNode } from '../../src/n8n/fake-context.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.state.reset());
afterAll(() => sandbox.close());

const T = SEED.yandexTracker.entities;
const OT = SEED.onetrust;
const SEEDED_DEVREV_LINK = 'don:core:dvrv-us-1:devo/demo:link/900001';

type Operation = 'get' | 'getAll' | 'delete' | 'createSkip' | 'createFail';
type Effect = 'read' | 'delete' | 'create';

interface NodeCase {
  node: string;
  api: string;
  credentialType: string;
  /** The credential, with `secret` in its secret field. */
  credentials: (baseUrl: string, secret?: string) => ICredentialDataDecryptedObject;
  /** The route prefix of the sandbox (`tracker.list`). */
  route: string;
  /** Valid parameters per operation, on seeded records (a Create whose link is not there yet). */
  inputs: Record<Operation, Record<string, unknown>>;
  /** The fields of each operation that bad values must be refused for (Tracker ids are free text). */
  fields: Record<'get' | 'getAll' | 'delete', string[]>;
}

const trackerCreate = { operation: 'create', ...SANDBOX_LINK_INPUTS['yandex-tracker'], links: { values: SANDBOX_LINK_INPUTS['yandex-tracker'].links } };
const NODES: NodeCase[] = [
  {
    node: 'DevRev',
    api: 'DevRev',
    credentialType: 'devRevApi',
    credentials: (baseUrl, secret = C.devrev.token) => ({ token: secret, baseUrl }),
    route: 'devrev',
    inputs: {
      get: { operation: 'get', id: SEEDED_DEVREV_LINK },
      getAll: { operation: 'getAll', object: 'ISS-80', direction: 'is_source', returnAll: true },
      delete: { operation: 'delete', id: SEEDED_DEVREV_LINK },
      createSkip: { operation: 'create', ...SANDBOX_LINK_INPUTS.devrev, ifExists: 'skip' },
      createFail: { operation: 'create', ...SANDBOX_LINK_INPUTS.devrev, ifExists: 'fail' },
    },
    fields: { get: ['id'], getAll: ['object'], delete: ['id'] },
  },
  {
    node: 'YandexTracker',
    api: 'Yandex Tracker',
    credentialType: 'yandexTrackerApi',
    credentials: (baseUrl, secret = C.yandexTracker.oauthToken) => ({ tokenKind: 'oauth', token: secret, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl }),
    route: 'tracker',
    inputs: {
      get: { operation: 'get', entityType: 'goal', entityId: T.p95ApiLatencyUnder300Ms.id, linkedEntityId: T.partnerApiV3.id },
      getAll: { operation: 'getAll', entityType: 'goal', entityId: T.p95ApiLatencyUnder300Ms.id, returnAll: true },
      delete: { operation: 'delete', entityType: 'goal', entityId: T.p95ApiLatencyUnder300Ms.id, linkedEntityId: T.partnerApiV3.id },
      createSkip: { ...trackerCreate, ifExists: 'skip' },
      createFail: { ...trackerCreate, ifExists: 'fail' },
    },
    fields: { get: ['entityType'], getAll: ['entityType'], delete: ['entityType'] },
  },
  {
    node: 'OneTrust',
    api: 'OneTrust',
    credentialType: 'oneTrustApi',
    credentials: (baseUrl, secret = C.onetrust.clientSecret) => ({ ...C.onetrust, clientSecret: secret, baseUrl }),
    route: 'onetrust',
    inputs: {
      // Set in beforeAll: a seeded link's id.
      get: { operation: 'get' },
      getAll: { operation: 'getAll', entityType: 'aisystems', entityId: OT.entities.enterpriseKnowledgeAssistant.id, returnAll: true },
      delete: { operation: 'delete' },
      createSkip: { operation: 'create', ...SANDBOX_LINK_INPUTS.onetrust, ifExists: 'skip' },
      createFail: { operation: 'create', ...SANDBOX_LINK_INPUTS.onetrust, ifExists: 'fail' },
    },
    fields: { get: ['linkId', 'linkTypeId'], getAll: ['entityType', 'entityId'], delete: ['linkId', 'linkTypeId'] },
  },
];

beforeAll(() => {
  const seeded = sandbox.state.allLinks('onetrust').find((l) => l.entity1.id === OT.entities.claimsTriageSystem.id)!;
  const onetrust = NODES.find((c) => c.node === 'OneTrust')!;
  for (const operation of ['get', 'delete'] as const) Object.assign(onetrust.inputs[operation], { linkId: seeded.id, linkTypeId: seeded.linkTypeId });
});

/** The route an operation's fault goes on, and what its request does. */
function target(c: NodeCase, operation: Operation): { route: string; effect: Effect } {
  switch (operation) {
    case 'get':
      // Tracker has no route for one link: Get reads the entity's links.
      return { route: `${c.route}.${c.node === 'YandexTracker' ? 'list' : 'get'}`, effect: 'read' };
    case 'getAll':
    case 'createFail':
      // If Already Linked "Fail" only reads the record's links (the link is not there: then it creates).
      return { route: `${c.route}.list`, effect: 'read' };
    case 'delete':
      return { route: `${c.route}.delete`, effect: 'delete' };
    case 'createSkip':
      return { route: `${c.route}.create`, effect: 'create' };
  }
}

type Failure = Error & { httpCode?: string | null; description?: string };

async function run(c: NodeCase, item: Record<string, unknown>, options: { baseUrl?: string; secret?: string; continueOnFail?: boolean } = {}) {
  const fake = fakeContext({
    items: [{ resource: 'link', ...item, options: { timeout: 1000 } }],
    credentialType: c.credentialType,
    credentials: c.credentials(options.baseUrl ?? sandbox.url, options.secret),
    continueOnFail: options.continueOnFail,
  });
  const outcome: { output?: INodeExecutionData[]; error?: Failure } = await loadNode(c.node)
    .execute.call(fake.context as unknown as IExecuteFunctions)
    .then(
      (output) => ({ output: output[0]! }),
      (error: unknown) => ({ error: error as Failure }),
    );
  return { ...fake, ...outcome };
}

const answered = (route: string) => sandbox.state.snapshot().requestLog.filter((entry) => entry.route === route).length;
const OPERATIONS: Operation[] = ['get', 'getAll', 'delete', 'createSkip', 'createFail'];
const CASES = NODES.flatMap((c) => OPERATIONS.map((operation) => [`${c.node} ${operation}`, c, operation] as const));

/** What the description says a failed request of this kind may have done. */
const OUTCOME: Record<Effect, RegExp> = {
  read: /Reading changes nothing/,
  delete: /may or may not have been deleted/,
  create: /may or may not have been created/,
};

describe.each(CASES)('fault matrix: %s', (_name, c, operation) => {
  const { route, effect } = target(c, operation);

  it.each([
    ['429 with Retry-After', { status: 429, retryAfter: 0 }],
    ['503', { status: 503, retryAfter: 0 }],
  ] as const)(`%s on ${route} is re-sent once, and the operation succeeds`, async (_cell, spec) => {
    const clean = await run(c, c.inputs[operation]);
    const requests = answered(route); // Get Many of a busy record: a request per page
    sandbox.state.reset();
    sandbox.state.addFaults({ route: route as never, ...spec });
    const { output, error } = await run(c, c.inputs[operation]);
    expect(error).toBeUndefined();
    // The same items as without the fault (a new OneTrust link gets a new id: its ends and type are compared).
    const shape = (items: INodeExecutionData[]) =>
      items.map(({ json }) => [json.linkType, (json.source as { id?: string } | undefined)?.id, (json.target as { id?: string } | undefined)?.id, json.created, json.deleted]);
    expect(shape(output!)).toEqual(shape(clean.output!));
    expect(answered(route)).toBe(requests + 1);
  });

  // Create's existence check (If Already Linked "Fail" reads the record's links first) failing created nothing:
  // the description speaks of the read, not of a create.
  it.each([
    ['connection reset', { reset: true }, /^Network error/],
    ['hang past the timeout', { hang: true }, /^No response within 1000 ms/],
    ['500', { status: 500 }, new RegExp(`^${c.api} returned HTTP 500`)],
  ] as const)('%s: one request, a NodeApiError saying what it may have done', async (_cell, spec, message) => {
    sandbox.state.addFaults({ route: route as never, ...spec });
    const { error } = await run(c, c.inputs[operation]);
    expect(error).toMatchObject({ name: 'NodeApiError', message: expect.stringMatching(message) });
    expect(error!.description).toMatch(OUTCOME[effect]);
    expect(answered(route)).toBe(1);
  });

  if (c.node === 'OneTrust') {
    it('401 on an expired token: n8n fetches a new token and the request is sent again', async () => {
      await run(c, c.inputs.getAll); // a token is issued ...
      sandbox.state.expireTokens(); // ... and expires
      const before = answered('onetrust.token');
      const { error } = await run(c, c.inputs[operation]);
      expect(error).toBeUndefined();
      expect(answered('onetrust.token')).toBe(before + 1);
    });
  }
});

describe.each(NODES.flatMap((c) => (['get', 'getAll', 'delete'] as const).map((operation) => [`${c.node} ${operation}`, c, operation] as const)))(
  'hostile input: %s',
  (_name, c, operation) => {
    const CANARY = 'canary-n8n-SECRET-lifecycle-8d21';
    const bad = fc.constantFrom<unknown>('', '   ', 42.5, {}, ['x'], 'not valid', '../..');

    it('a bad value of each field fails naming it, before any request, without the secret', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...c.fields[operation]), bad, async (field, value) => {
          const { error, calls } = await run(c, { ...c.inputs[operation], [field]: value }, { secret: CANARY });
          expect(error?.name).toBe('NodeOperationError');
          expect(error?.message).toContain(`(${field})`);
          expect(calls).toHaveLength(0);
          expect(JSON.stringify({ ...error, message: error?.message, description: error?.description })).not.toContain(CANARY);
        }),
        { numRuns: 30 },
      );
    });
  },
);

describe('canary secrets: an API that repeats the request in its errors', () => {
  const CANARY = 'canary-n8n-SECRET-9b47';
  const TOKEN_CANARY = 'canary-n8n-ACCESS-TOKEN-9b47';
  let careless: Server;
  let url = '';
  let status = 400;

  beforeAll(async () => {
    // OneTrust's token request gets a canary access token; every other request is answered `status`, the error
    // repeating the request's headers and body in every field an API puts its message in.
    careless = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url?.startsWith('/api/access/v1/oauth/token')) {
          response.writeHead(200, { 'content-type': 'application/json' });
          return response.end(JSON.stringify({ access_token: TOKEN_CANARY, token_type: 'bearer', expires_in: 3600, scope: 'x' }));
        }
        const received = `received ${JSON.stringify(request.headers)} ${Buffer.concat(chunks).toString('utf8')}`;
        response.writeHead(status, { 'content-type': 'application/json', ...(status === 429 || status === 503 ? { 'retry-after': '0' } : {}) });
        response.end(JSON.stringify({ message: received, detail: received, title: received, errorMessages: [received], errors: { field: received }, type: 'bad_request' }));
      });
    });
    await new Promise<void>((resolve) => careless.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(careless.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => careless.close(resolve)));

  // An API that repeats the Authorization header puts the token (OneTrust: the access token) into its answer; the node
  // redacts the credential's secrets from everything n8n shows.
  it.each(CASES)('%s: no secret in any error, description or output item, whatever the status', async (_name, c, operation) => {
    for (status of [400, 401, 403, 404, 409, 422, 429, 500, 503]) {
      for (const continueOnFail of [false, true]) {
        const { error, output, wire } = await run(c, c.inputs[operation], { baseUrl: url, secret: CANARY, continueOnFail });
        // The canary did go out (so the API could repeat it), and came back in the answer.
        expect(wire.some((request) => JSON.stringify(request).includes(c.node === 'OneTrust' ? TOKEN_CANARY : CANARY))).toBe(true);
        const shown = JSON.stringify({ error: error && { ...error, message: error.message, description: error.description, stack: undefined }, output });
        expect(error ?? output).toBeDefined();
        expect(shown).not.toContain(CANARY);
        expect(shown).not.toContain(TOKEN_CANARY);
      }
    }
  });
});
