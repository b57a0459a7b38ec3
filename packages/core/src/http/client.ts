import type { CreatedLink, StoredLink } from '../operations/contract.js';
import { type CreateOptions, sendCreateLinks } from '../operations/create.js';
import { type DeleteOptions, type DeleteResult, sendDeleteLink } from '../operations/delete.js';
import { sendFindLinks } from '../operations/find.js';
import { sendGetLink } from '../operations/get.js';
import { checkLimit, type ListOptions, sendListPages } from '../operations/list.js';
import type { OptionPage, PickerOption } from '../pickers/contract.js';
import { checkOptionQuery, collectOptions, pickerOf, sendOptionSearch } from '../pickers/search.js';
import type { Account, Provider } from '../provider.js';
import { providers } from '../providers/index.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, sendWithRetries } from '../retry.js';
import { redactError, secretValues } from '../secrets.js';
import { type SendOptions, sendOrThrow, withHeaders } from '../send.js';
import type { HttpRequest, ProviderId, Transport } from '../types.js';
import { resolveBaseUrl } from '../url.js';
import { createKyTransport } from './ky-transport.js';
import { TokenCache } from './token-cache.js';

/** Overrides of `DEFAULT_RETRY_POLICY` (limit 2, maxDelayMs 60 s, backoffMs 1 s). */
export type RetryOptions = Partial<RetryPolicy>;

export interface LinksClientOptions {
  /** Credentials as the provider's credential fields describe them; checked when the client is made. */
  credentials: Record<string, unknown>;
  /** Base URL override (sandbox, proxy). Default: the real service. */
  baseUrl?: string | null;
  /** Milliseconds to wait for each response. Default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Requests in flight at once in `createLinks` (its lists and its creates). Default 4. */
  concurrency?: number;
  /** The `fetch` the default ky transport sends with. */
  fetch?: typeof fetch;
  /** Replaces the ky transport entirely (a platform's own request helper). */
  transport?: Transport;
  /** For tests: how to wait, and what time it is. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** The links of a record: iterate it for every link, or `pages()` for the pages; one page is held at a time. */
export interface LinkList extends AsyncIterable<StoredLink> {
  pages(): AsyncIterable<StoredLink[]>;
}

/** A search of an option source. */
export interface OptionSearch {
  search?: string;
  cursor?: string | null;
  params?: Record<string, unknown>;
}

export interface LinksClient {
  readonly provider: Provider<any, any>;
  readonly baseUrl: string;
  /** Validates, sends, and returns one result per link of the input (`created: false` for one kept by `ifExists: 'skip'`). */
  createLink(input: unknown, options?: CreateOptions): Promise<CreatedLink[]>;
  /**
   * Creates many links with bounded concurrency. Each input gets its own result or error, in input
   * order; Yandex Tracker inputs that start from the same entity share one array request. With `ifExists`
   * `skip` or `fail`, each source record's links are listed once first.
   */
  createLinks(inputs: readonly unknown[], options?: CreateOptions): Promise<PromiseSettledResult<CreatedLink[]>[]>;
  /**
   * The links of one record, page by page as the caller reads them (validated now: bad input throws before
   * any request). `limit`: the most links to return.
   */
  listLinks(query: unknown, options?: ListOptions): LinkList;
  /** One link, by what addresses it (`link.ref`). A link that does not exist is an error of kind `not_found`. */
  getLink(ref: unknown): Promise<StoredLink>;
  /** The links between two records (of one type, where given), every page read. */
  findLinks(query: unknown): Promise<StoredLink[]>;
  /** Deletes one link by its ref; a link already gone is an error of kind `not_found`, or `{ deleted: false }` with `missingOk`. */
  deleteLink(ref: unknown, options?: DeleteOptions): Promise<DeleteResult>;
  /**
   * One page of an option source (`provider.pickers`, such as `devrev.works`): `search` text (a pasted web
   * address of a record is read as its id), the `cursor` a previous page gave, and the source's `params`.
   */
  searchOptions(source: string, query?: OptionSearch): Promise<OptionPage>;
  /** Every option of an option source, all pages, each value once (a dropdown such as DevRev's custom link types). */
  allOptions(source: string, query?: Omit<OptionSearch, 'cursor'>): Promise<PickerOption[]>;
  /** Proves the credentials work: the token exchange, or the API's "who am I" request. */
  testCredentials(): Promise<void>;
  /** Proves the credentials work and says who they belong to (the label a platform shows for a connection). */
  whoAmI(): Promise<Account>;
}

export function createLinksClient(providerOrId: ProviderId | Provider<any, any>, options: LinksClientOptions): LinksClient {
  const provider: Provider<any, any> = typeof providerOrId === 'string' ? providers[providerOrId] : providerOrId;
  const credentials = provider.validateCredentials(options.credentials);
  const secrets = secretValues(credentials, provider.credentialFields.filter((f) => f.secret).map((f) => f.key));
  const baseUrl = resolveBaseUrl(provider, credentials, options.baseUrl);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const transport = options.transport ?? createKyTransport({ provider: provider.id, timeoutMs, fetch: options.fetch });
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? 4;

  /** Every request, whatever it does: re-sent only when the server refused it (429, 503, connection refused). */
  const send = (request: HttpRequest) => sendWithRetries(provider, () => transport(request), { policy: retry, sleep, now });

  const tokens =
    provider.auth.type === 'client-credentials'
      ? new TokenCache(async () => {
          const auth = provider.auth as Extract<Provider['auth'], { type: 'client-credentials' }>;
          return auth.parseTokenResponse(await sendOrThrow(provider, auth.buildTokenRequest(credentials, baseUrl), { transport: send, now }, 'read'));
        }, now)
      : null;

  /** A transport that adds authentication, and on a 401 fetches a new token and sends once more. */
  const authenticated: Transport = async (request) => {
    if (provider.auth.type === 'headers') return send(withHeaders(request, provider.auth.headers(credentials)));
    const token = await tokens!.get();
    const response = await send(withHeaders(request, provider.auth.headers(token)));
    if (response.status !== 401) return response;
    // A 401 means the request was refused, so sending it again with a fresh token is safe.
    tokens!.invalidate(token);
    return send(withHeaders(request, provider.auth.headers(await tokens!.get())));
  };

  const sendOptions: SendOptions = { transport: authenticated, baseUrl, now };
  const redacted = (error: unknown) => redactError(error, secrets);
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw redacted(error);
    }
  };

  async function createLinks(inputs: readonly unknown[], create: CreateOptions = {}): Promise<PromiseSettledResult<CreatedLink[]>[]> {
    const results = await guard(() => sendCreateLinks(provider, inputs, { ...sendOptions, concurrency, ifExists: create.ifExists }));
    return results.map((result) => (result.status === 'rejected' ? { status: 'rejected', reason: redacted(result.reason) } : result));
  }

  async function whoAmI(): Promise<Account> {
    return guard(async () => {
      if (tokens) {
        await tokens.get();
        return provider.describeAccount(undefined, credentials);
      }
      const response = await sendOrThrow(provider, provider.buildCredentialTestRequest!(baseUrl), sendOptions, 'read');
      return provider.describeAccount(response.body, credentials);
    });
  }

  return {
    provider,
    baseUrl,

    async createLink(input, create) {
      const [result] = await createLinks([input], create);
      if (result!.status === 'rejected') throw result!.reason;
      return result!.value;
    },

    createLinks,

    listLinks(query, list = {}) {
      const checked = guardSync(() => provider.operations.list.validate(query));
      guardSync(() => checkLimit(provider, list.limit));
      async function* pages(): AsyncGenerator<StoredLink[]> {
        try {
          yield* sendListPages(provider, checked, { ...sendOptions, limit: list.limit });
        } catch (error) {
          throw redacted(error);
        }
      }
      return {
        pages,
        async *[Symbol.asyncIterator]() {
          for await (const page of pages()) yield* page;
        },
      };
    },

    getLink: (ref) => guard(() => sendGetLink(provider, provider.operations.get.validate(ref), sendOptions)),

    findLinks: (query) => guard(() => sendFindLinks(provider, provider.operations.find.validate(query), sendOptions)),

    deleteLink: (ref, remove = {}) => guard(() => sendDeleteLink(provider, provider.operations.delete.validate(ref), { ...sendOptions, missingOk: remove.missingOk })),

    searchOptions: (source, query = {}) =>
      guard(async () => {
        const picker = pickerOf(provider, source);
        return sendOptionSearch(provider, picker, checkOptionQuery(provider, picker, query), sendOptions);
      }),

    allOptions: (source, query = {}) =>
      guard(async () => {
        const picker = pickerOf(provider, source);
        return collectOptions(provider, picker, checkOptionQuery(provider, picker, query), sendOptions);
      }),

    async testCredentials() {
      await whoAmI();
    },

    whoAmI,
  };

  function guardSync<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw redacted(error);
    }
  }
}
