// Shared helpers for the Zapier evidence (fault matrix, hostile input, secrets): the DEPLOYABLE integrations
// (packages/zapier/apps/<api>/index.js, what `zapier-platform push` uploads) run by Zapier's own app tester.
import type { ProviderId } from '@links/core';
import type { CreateLinkOutput, FoundLinkOutput, OptionChoice, ZapierApp } from '@links/zapier';
import { createAppTester, loadDeployableApp } from '@links/zapier/deployable';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SANDBOX_LINK_INPUTS, SEED } from '@links/sandbox';
import type { FaultCell } from '../src/fault-cells.js';

export type AuthData = Record<string, string>;

/**
 * The per-request timeout the integrations read from `LINKS_TIMEOUT_MS` (a Zapier environment variable, set with
 * `zapier env:set`; Zapier copies it into process.env), passed as z.request's `timeout`: 1 s keeps the hang cells short.
 * Only the step meant to hang runs with it (`withHangTimeout`). Every other request keeps the integrations' default
 * (25 s), as a user's does: with 1 s on every request, an ordinary one (such as the first token exchange of a test
 * file) could take longer than that on a loaded 2-core machine and fail the test with a timeout.
 */
export const HANG_TIMEOUT_MS = 1000;

/** Runs one step with the short timeout, then gives the integrations their default again. */
export async function withHangTimeout<T>(step: () => Promise<T>): Promise<T> {
  const before = process.env.LINKS_TIMEOUT_MS;
  process.env.LINKS_TIMEOUT_MS = String(HANG_TIMEOUT_MS);
  try {
    return await step();
  } finally {
    if (before === undefined) delete process.env.LINKS_TIMEOUT_MS;
    else process.env.LINKS_TIMEOUT_MS = before;
  }
}

/** Find Link inputs that find the link `INPUTS` creates (the fixtures' create input), per API. */
export const FIND_INPUTS: Record<ProviderId, Record<string, unknown>> = {
  onetrust: { entityType: 'aisystems', entityId: SANDBOX_LINK_INPUTS.onetrust.entity1Id, otherEntityId: SANDBOX_LINK_INPUTS.onetrust.entity2Id },
  'yandex-tracker': {
    entityType: SANDBOX_LINK_INPUTS['yandex-tracker'].entityType,
    entityId: SANDBOX_LINK_INPUTS['yandex-tracker'].entityId,
    linkedEntityId: SANDBOX_LINK_INPUTS['yandex-tracker'].links[0].entity,
  },
  devrev: { object: SANDBOX_LINK_INPUTS.devrev.source, otherObject: SANDBOX_LINK_INPUTS.devrev.target },
};

/**
 * Inputs that let every dropdown of an integration load (the fields their pickers depend on), and the "Find <record>"
 * searches with a text they find in the sandbox.
 */
const KNOWLEDGE_ASSISTANT = SEED.onetrust.entities.enterpriseKnowledgeAssistant.id;
export const DROPDOWN_INPUTS: Record<ProviderId, Record<string, unknown>> = {
  onetrust: { entityType: 'aisystems', entityId: KNOWLEDGE_ASSISTANT, entity1Type: 'aisystems', entity1Id: KNOWLEDGE_ASSISTANT, entity2Type: 'models' },
  'yandex-tracker': { entityType: 'project' },
  devrev: {},
};
export const RECORD_SEARCHES: Record<ProviderId, { key: string; inputData: Record<string, unknown> }> = {
  onetrust: { key: 'find_entity', inputData: { search: 'model', entityType: 'models' } },
  'yandex-tracker': { key: 'find_entity', inputData: { search: 'eu', entityType: 'goal' } },
  devrev: { key: 'find_work_item', inputData: { search: 'ISS-1' } },
};

/** The route each Find Link reads: the list of the record's links. */
export const LIST_ROUTE = { onetrust: 'onetrust.list', 'yandex-tracker': 'tracker.list', devrev: 'devrev.list' } as const;

/** The fault cell whose request gets no answer at all: the one step run with the short timeout. */
export const hangs = (cell: FaultCell): boolean => cell.name === 'hang past the timeout';

/** One integration as Zapier runs it: each call is one invocation of the app tester (Zapier's Lambda handler). */
export interface ZapierIntegration {
  app: ZapierApp;
  /** Runs any function of the app as one invocation. */
  tester: ReturnType<typeof createAppTester>;
  /** The Create Link step. */
  createLink(authData: AuthData, inputData: Record<string, unknown>): Promise<CreateLinkOutput>;
  /** The Find Link search (also the first half of Find or Create Link). */
  findLink(authData: AuthData, inputData: Record<string, unknown>): Promise<FoundLinkOutput[]>;
  /**
   * A dropdown's hidden trigger, as Zapier calls it when the user opens the dropdown (page 0) and for each "Load more"
   * (page 1, 2 ...). Zapier keeps the next page's cursor in its RPC store, which the app tester lacks: `store` (one per
   * dropdown, a fresh one by default) stands in for it.
   */
  listChoices(authData: AuthData, key: string, inputData: Record<string, unknown>, paging?: { page: number; store: Map<string, string> }): Promise<OptionChoice[]>;
  /** A "Find <record>" search (Find Entity, Find Work Item), linked from the record dropdowns. */
  findRecord(authData: AuthData, key: string, inputData: Record<string, unknown>): Promise<OptionChoice[]>;
  /** The connection test ("Test connection" in Zapier). */
  test(authData: AuthData): Promise<Record<string, unknown>>;
  /** The connection's label, computed by Zapier from the test's result. */
  label(authData: AuthData, testResult: Record<string, unknown>): Promise<string>;
  /** Session auth only (OneTrust): the session step, which Zapier runs on connect and again after RefreshAuthError. */
  session?: (authData: AuthData) => Promise<Record<string, string>>;
  /** What Zapier holds after connecting: the connection's fields plus the session step's output (OneTrust's token). */
  connect(authData: AuthData): Promise<AuthData>;
}

export function zapierIntegration(provider: ProviderId): ZapierIntegration {
  const app = loadDeployableApp(provider);
  const appTester = createAppTester(app);
  const tester = (async (method: Parameters<typeof appTester>[0], bundle?: Parameters<typeof appTester>[1]) => {
    await nextEvent();
    return appTester(method, bundle);
  }) as typeof appTester;
  const { authentication } = app;
  const session = authentication.sessionConfig?.perform;
  return {
    app,
    tester,
    createLink: (authData, inputData) => tester(app.creates.create_link.operation.perform, { authData, inputData }),
    findLink: (authData, inputData) => tester(app.searches.find_link.operation.perform, { authData, inputData }),
    listChoices: (authData, key, inputData, { page, store } = { page: 0, store: new Map() }) => {
      const trigger = app.triggers[key];
      if (!trigger) throw new Error(`no hidden trigger ${key}`);
      const cursor = { get: async () => store.get('cursor') ?? null, set: async (value: string) => void store.set('cursor', value) };
      const perform = (z: object, bundle: object) => trigger.operation.perform({ ...z, cursor } as never, bundle as never);
      return tester(perform, { authData, inputData, meta: { page } } as never);
    },
    findRecord: (authData, key, inputData) => {
      const search = app.searches[key];
      if (!search || key === 'find_link') throw new Error(`no record search ${key}`);
      return tester(search.operation.perform as never, { authData, inputData }) as Promise<OptionChoice[]>;
    },
    test: (authData) => tester(authentication.test, { authData }),
    label: (authData, testResult) => tester(authentication.connectionLabel, { authData, inputData: testResult }),
    session: session ? (authData) => tester(session, { authData }) : undefined,
    connect: async (authData) => (session ? { ...authData, ...(await tester(session, { authData })) } : authData),
  };
}

/**
 * Zapier starts each invocation as an event of its own. Here too: without this, hundreds of steps that send nothing
 * (refused input) run back to back as one chain of promises, for seconds, and the event loop never reaches its timers;
 * an idle keep-alive connection to the sandbox then outlives both sides' idle timeouts unclosed, the next step writes its
 * request onto it, and the sandbox's overdue timer closes it under that request (ECONNRESET). Between events, the
 * client's timer, which Node sets a second shorter than the server's, closes the idle connection first.
 */
const nextEvent = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A step's outcome: its result, or the error Zapier gets. */
export async function outcomeOf<T>(step: Promise<T>): Promise<{ result: T; error?: undefined } | { error: Error; result?: undefined }> {
  try {
    return { result: await step };
  } catch (error) {
    return { error: error as Error };
  }
}

/** Runs a step that must fail and returns the error (fails the test when the step succeeds). */
export async function failureOf(step: Promise<unknown>): Promise<Error> {
  const outcome = await outcomeOf(step);
  if (!outcome.error) throw new Error(`expected the step to fail, but it returned ${JSON.stringify(outcome.result)}`);
  return outcome.error;
}

export interface ZapierErrorDetails {
  name: string;
  /** What the user reads in the Zap's history. */
  message: string;
  code?: string;
  status?: number;
  /** ThrottledError only: seconds until Zapier runs the step again. */
  delay?: number;
}

/** z.errors.Error and ThrottledError carry `{ message, code, status }` / `{ message, delay }` as JSON in `message`. */
export function zapierError(error: Error): ZapierErrorDetails {
  if (error.name === 'AppError' || error.name === 'ThrottledError') {
    return { name: error.name, ...(JSON.parse(error.message) as { message: string }) };
  }
  return { name: error.name, message: error.message };
}

/** Everything of an error a user, Zapier or a log can see: name, message, stack and enumerable properties. */
export function errorText(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return [error.name, error.message, error.stack, JSON.stringify(error), cause instanceof Error ? `${cause.message} ${cause.stack}` : ''].join('\n');
}

/** One line of Zapier's log stream: a console line or the HTTP log of a request (`data.log_type` 'http'). */
export interface ZapierLogLine {
  message: string;
  data: Record<string, unknown>;
}

/**
 * Zapier's log stream, captured. Each invocation streams its log lines (z.console output, one HTTP log per z.request
 * with headers and bodies, unhandled errors), censored by zapier-platform-core itself, to `LOGGING_ENDPOINT` with
 * `LOGGING_TOKEN`: what Zapier's log service stores and shows in the integration's Monitoring. Pointing that endpoint
 * at a loopback server captures exactly those lines.
 */
export function useZapierLogs(): { readonly lines: ZapierLogLine[] } {
  const holder = { lines: [] as ZapierLogLine[] };
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      for (const line of body.split('\n').filter(Boolean)) holder.lines.push(JSON.parse(line) as ZapierLogLine);
      response.end('ok');
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.LOGGING_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}/input`;
    process.env.LOGGING_TOKEN = 'e2e-log-stream';
  });
  beforeEach(() => void (holder.lines.length = 0));
  afterAll(async () => {
    delete process.env.LOGGING_ENDPOINT;
    delete process.env.LOGGING_TOKEN;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return holder;
}
