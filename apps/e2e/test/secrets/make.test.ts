// Secrets on the Make surface. Make shows a module's error message and output in the scenario, and logs every
// request and response of a run with the `log.sanitize` paths of the app masked. With recognizable fake secrets
// (canaries) in the connection, every error path — each fault cell, 401 with a wrong secret, 404, 400 — must keep
// them (and the sandbox's real secrets and tokens) out of the message, the output and the sanitized log; and the
// sanitize lists must cover every place a secret appears in a rendered request.
import { type ProviderId, providers, redactSecrets } from '@links/core';
import {
  component,
  handleResponse,
  type LocalApp,
  loadMakeApp,
  type MakeConnection,
  renderConnectionRequest,
  type RenderedRequest,
  renderModuleRequest,
  renderRequest,
  type Run,
  runConnection,
  runModule,
  runRpc,
  scopeOf,
} from '@links/make/iml';
import { SEED } from '@links/sandbox';
import { cellsFor, type FaultCell } from '../../src/fault-cells.js';
import { connect, logEntry, MAKE_SEES, makeError, makeParameters, MODULE, pathsContaining, READ_MODULE_PARAMETERS, RPC_PARAMETERS, sanitizedLog, timedFetch } from '../make-support.js';
import { CREDENTIALS, INPUTS, PROVIDERS, SECRETS, useSandbox } from '../support.js';

const ctx = useSandbox();
const options = { fetch: timedFetch(1000) };

/** A canary per secret credential field, and one for a OneTrust access token. */
const canary = (key: string) => `canary-make-SECRET-${key}-7f3a9c`;
const ACCESS_TOKEN_CANARY = canary('accessToken');
const secretKeys = (provider: ProviderId) => providers[provider].credentialFields.filter((f) => f.secret).map((f) => f.key);

/** Connection parameters with a canary in every secret field, the rest as the sandbox wants them. */
function canaryParameters(provider: ProviderId): Record<string, unknown> {
  return { ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url, ...Object.fromEntries(secretKeys(provider).map((key) => [key, canary(key)])) };
}

/** The connection a module gets with canaries only (OneTrust: a canary access token, as if the token step had saved it). */
function canaryConnection(provider: ProviderId): MakeConnection {
  const parameters = canaryParameters(provider);
  if (provider !== 'onetrust') return parameters;
  return { ...parameters, accessToken: ACCESS_TOKEN_CANARY, expires: new Date(Date.now() + 3600_000), apiBaseUrl: ctx.sandbox.url };
}

/**
 * The connection a module gets when the API must accept it (to reach a 404, a 400 or a stored link): the real
 * token, and for OneTrust the canary client secret the connection keeps next to the token the step saved.
 */
async function workingConnection(app: LocalApp, provider: ProviderId): Promise<{ connection: MakeConnection; secrets: string[] }> {
  const { data } = await connect(app, { ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
  const connection = provider === 'onetrust' ? { ...canaryParameters(provider), ...data } : { ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url };
  return { connection, secrets: [...allSecrets(provider), ...(data.accessToken ? [String(data.accessToken)] : [])] };
}

/** Every secret a test may have put anywhere: the canaries and the sandbox's real credentials. */
function allSecrets(provider: ProviderId): string[] {
  return [...secretKeys(provider).map(canary), ACCESS_TOKEN_CANARY, ...SECRETS];
}

function expectNone(secrets: readonly string[], text: string): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

/** What a Make user or Make's log can see of a run: its error message or output, and its sanitized log. */
function expectCleanRun(run: Run, secrets: readonly string[]): void {
  expectNone(secrets, run.result.ok ? JSON.stringify(run.result.output) : `${run.result.error.type} ${run.result.error.message}`);
  expectNone(secrets, JSON.stringify(sanitizedLog(run.request, run.response)));
}

/** A run that ended without a response: the thrown error, and the log of the request that was sent. */
function expectCleanThrow(thrown: Error & { cause?: unknown }, sent: RenderedRequest, secrets: readonly string[]): void {
  const cause = thrown.cause as { message?: string; code?: string } | undefined;
  expectNone(secrets, `${String(thrown)} ${thrown.stack} ${cause?.message} ${cause?.code}`);
  expectNone(secrets, JSON.stringify(sanitizedLog(sent)));
}

/** The secrets of a rendered request sit only at `log.sanitize` paths, and the sanitized log has none. */
function expectSanitizeCovers(request: RenderedRequest, secret: string, where: string[]): void {
  const paths = pathsContaining(logEntry(request), secret);
  expect(paths).toEqual(where); // the secret is really sent, and only there
  expect(paths.filter((path) => !request.sanitize.map((p) => p.toLowerCase()).includes(path))).toEqual([]);
  expect(JSON.stringify(sanitizedLog(request))).not.toContain(secret);
}

const OT = SEED.onetrust;
/** Inputs core accepts that each API refuses with 404 (unknown entity) and 400 (a rule of the API). */
const REFUSED: Record<ProviderId, Record<404 | 400, Record<string, unknown>>> = {
  onetrust: {
    404: { linkTypeId: OT.linkTypes.related.id, entity1Type: 'models', entity1Id: '11111111-2222-4333-8444-555555555555', entity2Type: 'models', entity2Id: OT.entities.creditRiskModel.id },
    400: { linkTypeId: OT.linkTypes.modelTrainingData.id, entity1Type: 'datasets', entity1Id: OT.entities.loanApplications.id, entity2Type: 'models', entity2Id: OT.entities.creditRiskModel.id },
  },
  'yandex-tracker': {
    404: { entityType: 'portfolio', entityId: 'no-such-portfolio', links: [{ relationship: 'relates', entity: SEED.yandexTracker.entities.reduceChurn.id }] },
    // Tracker answers 400 for an entity type it does not know (core's select would not offer it: mapped here).
    400: { entityType: 'epic', entityId: SEED.yandexTracker.entities.websiteRedesign.id, links: [{ relationship: 'relates', entity: SEED.yandexTracker.entities.paymentsMigration.id }] },
  },
  devrev: {
    404: { source: 'ISS-999', linkType: 'is_related_to', target: 'ISS-2' },
    400: { source: 'ISS-1', linkType: 'is_dependent_on', target: 'TKT-3' },
  },
};

/** The lifecycle modules beyond Create a Link (Search Links and Get a Link where the app has them). */
const LIFECYCLE_MODULES = ['searchLinks', 'findLinks', 'getLink', 'makeApiCall', 'deleteLink'] as const;

/**
 * A module's example parameters: core's documented list input for a search, seeded records for the find and
 * the API call, its documented ref otherwise.
 */
const exampleParameters = (provider: ProviderId, module: (typeof LIFECYCLE_MODULES)[number]): Record<string, unknown> =>
  module === 'searchLinks'
    ? { ...providers[provider].examples.list.input }
    : module === 'findLinks' || module === 'makeApiCall'
      ? { ...READ_MODULE_PARAMETERS[provider][module] }
      : { ...providers[provider].examples.delete.input, missingOk: false };

describe.each(PROVIDERS)('Make %s', (provider) => {
  const app = loadMakeApp(provider);

  describe('log.sanitize covers every secret of a rendered request', () => {
    it.each(provider === 'onetrust' ? (['token', 'refresh'] as const) : (['token'] as const))('the connection request (%s)', (step) => {
      const dueNow = { expires: new Date(Date.now() - 1000) };
      const request = renderConnectionRequest(app, canaryParameters(provider), dueNow, new Date(), step)!;
      for (const key of secretKeys(provider)) {
        expectSanitizeCovers(request, canary(key), [provider === 'onetrust' ? `request.body.client_secret` : 'request.headers.authorization']);
      }
    });

    it('the module request', () => {
      const request = renderModuleRequest(app, MODULE, makeParameters(provider, INPUTS[provider]), canaryConnection(provider));
      const sent = provider === 'onetrust' ? ACCESS_TOKEN_CANARY : canary('token');
      expectSanitizeCovers(request, sent, ['request.headers.authorization']);
      // The OneTrust client secret stays in the connection: the module never sends it.
      if (provider === 'onetrust') expect(pathsContaining(logEntry(request), canary('clientSecret'))).toEqual([]);
    });

    // Get a Link and Delete a Link, with the documented example ref.
    for (const module of LIFECYCLE_MODULES.filter((id) => app.modules[id])) {
      it(`the ${module} module request`, () => {
        const request = renderModuleRequest(app, module, exampleParameters(provider, module), canaryConnection(provider));
        expectSanitizeCovers(request, provider === 'onetrust' ? ACCESS_TOKEN_CANARY : canary('token'), ['request.headers.authorization']);
        if (provider === 'onetrust') expect(pathsContaining(logEntry(request), canary('clientSecret'))).toEqual([]);
      });
    }

    for (const rpc of Object.keys(app.rpcs)) {
      it(`the ${rpc} RPC request`, () => {
        const request = renderRequest(component(app, 'rpcs', rpc), scopeOf({ ...RPC_PARAMETERS[provider], search: 'x' }, canaryConnection(provider)))!.request;
        expectSanitizeCovers(request, provider === 'onetrust' ? ACCESS_TOKEN_CANARY : canary('token'), ['request.headers.authorization']);
      });
    }

    if (provider === 'onetrust') {
      it('the token step’s response: the issued access token', async () => {
        const { run } = await connect(app, { ...CREDENTIALS.onetrust, baseUrl: ctx.sandbox.url });
        const token = (run.response.body as { access_token: string }).access_token;
        expect(pathsContaining(logEntry(run.request, run.response), token)).toEqual(['response.body.access_token']);
        expect(JSON.stringify(sanitizedLog(run.request, run.response))).not.toContain(token);
      });
    }
  });

  describe('every fault cell', () => {
    it.each(cellsFor(provider).map((cell) => [cell.name, cell] as const))('%s', async (_name, cell: FaultCell) => {
      // Faults answer before auth, so canaries reach them; a stored link or an expiring token needs real auth.
      const realAuth = cell.storedWithoutRetry === 1 || cell.name.startsWith('401');
      const { connection, secrets } = realAuth ? await workingConnection(app, provider) : { connection: canaryConnection(provider), secrets: allSecrets(provider) };
      await cell.arrange(ctx.sandbox, provider);
      const parameters = makeParameters(provider, INPUTS[provider]);
      const outcome = await runModule(app, MODULE, parameters, connection, options).then(
        (run) => ({ run }),
        (thrown: Error) => ({ thrown }),
      );
      const seen = MAKE_SEES[cell.name]!;
      if ('thrown' in outcome) {
        expect(seen).toHaveProperty('thrown');
        expectCleanThrow(outcome.thrown, renderModuleRequest(app, MODULE, parameters, connection), secrets);
      } else {
        expect(outcome.run.response.status).toBe((seen as { status: number }).status); // the fault answered, not auth
        expectCleanRun(outcome.run, secrets);
      }
      expect(ctx.unhandled).toEqual([]);
    });
  });

  describe('refusals', () => {
    it('401: the connection check with a canary secret', async () => {
      const { run } = await runConnection(app, canaryParameters(provider), {}, options);
      expect(run!.response.status).toBe(401);
      expect(makeError(run!).type).toBe('InvalidAccessTokenError');
      expectCleanRun(run!, allSecrets(provider));
    });

    it('401: the module with a canary token', async () => {
      const run = await runModule(app, MODULE, makeParameters(provider, INPUTS[provider]), canaryConnection(provider), options);
      expect(makeError(run).type).toBe('InvalidAccessTokenError');
      expectCleanRun(run, allSecrets(provider));
    });

    for (const rpc of Object.keys(app.rpcs)) {
      it(`401: the ${rpc} RPC with a canary token`, async () => {
        const run = await runRpc(app, rpc, canaryConnection(provider), options, RPC_PARAMETERS[provider]);
        expect(makeError(run).type).toBe('InvalidAccessTokenError');
        expectCleanRun(run, allSecrets(provider));
      });
    }

    it.each([404, 400] as const)('%i', async (status) => {
      const { connection, secrets } = await workingConnection(app, provider);
      const run = await runModule(app, MODULE, makeParameters(provider, REFUSED[provider][status]), connection, options);
      expect(run.response.status).toBe(status);
      expect(makeError(run).type).toBe(status === 400 ? 'DataError' : 'RuntimeError');
      expectCleanRun(run, secrets);
    });

    it('success: the output holds no secret', async () => {
      const { connection, secrets } = await workingConnection(app, provider);
      const run = await runModule(app, MODULE, makeParameters(provider, INPUTS[provider]), connection, options);
      expect(run.result.ok).toBe(true);
      expectCleanRun(run, secrets);
    });
  });

  // An API that echoes the credential it was sent: the app's message template replaces it with core's mask,
  // wherever the API puts it (every status, every part of the body the message reads), like core's redactError.
  describe('an API error that echoes the secret never shows it', () => {
    const echo = (secret: string): unknown =>
      provider === 'yandex-tracker'
        ? { errorMessages: [`Bad token ${secret}`, `${secret} again`] }
        : provider === 'devrev'
          ? { message: `Bad token ${secret}`, field_name: `auth ${secret}`, reference_id: secret }
          : { message: `Bad token ${secret}; ${secret}` };

    it.each([400, 401, 403, 404, 422, 429, 500, 502, 503, 504, 599])('module, %i', (status) => {
      const connection = canaryConnection(provider);
      const echoed = provider === 'onetrust' ? ACCESS_TOKEN_CANARY : canary('token');
      const result = handleResponse(component(app, 'modules', MODULE), { status, headers: {}, body: echo(echoed) }, scopeOf({}, connection));
      if (result.ok) throw new Error('an error status read as a success');
      expect(result.error.message).toContain('[redacted]');
      expectNone(allSecrets(provider), result.error.message);
      // Exactly core's redaction of the API's own message (Tracker's field errors aside, which the app leaves out).
      const core = redactSecrets(providers[provider].readError(echo(echoed)).message, [echoed]);
      expect(core.startsWith(result.error.message.replace(`[${status}] `, ''))).toBe(true);
    });

    const lifecycle = LIFECYCLE_MODULES.filter((id) => app.modules[id]);
    it.each(lifecycle.flatMap((module) => [400, 401, 404, 429, 500, 503].map((status) => [module, status] as const)))('%s module, %i', (module, status) => {
      const echoed = provider === 'onetrust' ? ACCESS_TOKEN_CANARY : canary('token');
      const parameters = exampleParameters(provider, module);
      const result = handleResponse(component(app, 'modules', module), { status, headers: {}, body: echo(echoed) }, scopeOf(parameters, canaryConnection(provider)));
      if (result.ok) throw new Error('an error status read as a success');
      expect(result.error.message).toContain('[redacted]');
      expectNone(allSecrets(provider), result.error.message);
    });

    it.each([400, 401, 429, 500])('connection check, %i', (status) => {
      const [connection] = Object.values(app.connections);
      const communication = connection!.code.communication as Record<string, unknown>;
      const parameters = canaryParameters(provider);
      const key = secretKeys(provider)[0]!;
      for (const spec of provider === 'onetrust' ? [communication.token, communication.refresh] : [communication]) {
        const result = handleResponse(spec as never, { status, headers: {}, body: echo(canary(key)) }, { parameters, data: {}, now: new Date(), temp: {} });
        if (result.ok) throw new Error('an error status read as a success');
        expect(result.error.message).toContain('[redacted]');
        expectNone(allSecrets(provider), result.error.message);
      }
    });

    it('sent to the sandbox: a 401 with the canary token, and the message the API would write with it echoed', async () => {
      const run = await runModule(app, MODULE, makeParameters(provider, INPUTS[provider]), canaryConnection(provider), options);
      expect(makeError(run).type).toBe('InvalidAccessTokenError');
      const echoed = provider === 'onetrust' ? ACCESS_TOKEN_CANARY : canary('token');
      const result = handleResponse(component(app, 'modules', MODULE), { ...run.response, body: echo(echoed) }, scopeOf({}, canaryConnection(provider)));
      expectNone(allSecrets(provider), JSON.stringify(result));
    });
  });
});
