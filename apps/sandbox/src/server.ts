/**
 * The HTTP server shared by the three APIs: routing on raw path segments, body reading, content-type checks,
 * faults, rate limits, and a `close()` that also releases hung and keep-alive sockets.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleAdmin } from './admin.js';
import {
  HttpError,
  json,
  type ApiModule,
  type GenericError,
  type HttpMethod,
  type RequestContext,
  type RouteDef,
  type SandboxResponse,
} from './http.js';
import type { ActiveFault, RequestLogEntry, SandboxState } from './state.js';

export interface ServerOptions {
  port: number;
  /** Bodies above this size are answered 413 (in the API's format). */
  maxBodyBytes: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Segment {
  param?: string;
  literals?: readonly string[];
}

interface CompiledRoute {
  def: RouteDef;
  module: ApiModule;
  segments: Segment[];
}

const ADMIN_PREFIX = '/__admin';

export async function startServer(state: SandboxState, modules: readonly ApiModule[], options: ServerOptions): Promise<RunningServer> {
  const routes = modules.flatMap((module) => module.routes.map((def) => compile(def, module)));
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = '';
  let closing = false;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Only a bug in the sandbox gets here; answer something rather than leave the client waiting.
      process.stderr.write(`[sandbox] unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!res.headersSent && !res.destroyed) send(res, json(500, { error: 'sandbox internal error' }));
    });
  });
  // Clients keep idle keep-alive sockets for about 5 s (Node's global agent, which Zapier's and n8n's HTTP
  // clients use) and Node's server closes them after 5 s as well: a request sent on a socket the server is just
  // closing fails with ECONNRESET. Servers must outlast their clients, so idle sockets stay open for 65 s.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { rawPath, rawQuery } = splitTarget(req.url ?? '/');
    const method = (req.method ?? 'GET').toUpperCase();

    if (rawPath === ADMIN_PREFIX || rawPath.startsWith(`${ADMIN_PREFIX}/`)) {
      const entry = state.recordRequest(method, rawPath, 'admin');
      const body = await readBody(req, options.maxBodyBytes);
      sendLogged(res, handleAdmin(state, method, rawPath.slice(ADMIN_PREFIX.length), req.headers, body), entry);
      return;
    }

    const found = findRoute(routes, method, rawPath);
    const module = found.route?.module ?? modules.find((m) => m.owns(rawPath));
    const entry = state.recordRequest(method, rawPath, found.route && found.kind === 'match' ? found.route.def.name : null);
    const body = await readBody(req, options.maxBodyBytes);
    if (!module) {
      sendLogged(res, json(404, { error: 'not_found', message: `No sandbox route for ${method} ${rawPath}` }), entry);
      return;
    }

    const rate = state.countRateLimit(module.api);
    const finish = (response: SandboxResponse) => {
      module.decorate?.(response, rate);
      sendLogged(res, response, entry);
    };
    const fail = (error: GenericError, headers: Record<string, string> = {}) => {
      const response = module.error({ rate, ...error });
      Object.assign(response.headers, headers);
      finish(response);
    };

    if (found.kind === 'none') return fail({ kind: 'route_not_found', status: 404, message: `Unknown path ${rawPath}` });
    if (found.kind === 'bad_path') return fail({ kind: 'bad_path', status: 400, message: 'Malformed percent-encoding in the path' });
    if (found.kind === 'method') {
      return fail(
        { kind: 'method_not_allowed', status: 405, message: `Method ${method} is not allowed here` },
        { allow: found.allow.join(', ') },
      );
    }
    const { def } = found.route;

    const fault = state.takeFault(def.name);
    if (fault?.latencyMs) await delay(fault.latencyMs);
    if (closing || res.destroyed) return;
    if (fault?.reset) {
      entry.outcome = 'reset';
      req.socket.destroy();
      return;
    }
    if (fault?.hang) {
      entry.outcome = 'hang';
      return;
    }
    if (fault?.status !== undefined) {
      const { error, headers } = faultError(fault);
      return fail(error, headers);
    }
    if (rate.limited) {
      const retryAfterSeconds = Math.max(1, Math.ceil((rate.resetAt - Date.now()) / 1000));
      return fail(
        { kind: 'rate_limited', status: 429, message: 'Too many requests', retryAfterSeconds, rate },
        { 'retry-after': String(retryAfterSeconds) },
      );
    }

    const ctx: RequestContext = {
      method: method as HttpMethod,
      params: found.params,
      query: new URLSearchParams(rawQuery),
      headers: req.headers,
      body: undefined,
      auth: {},
      state,
      baseUrl,
    };
    let response: SandboxResponse;
    try {
      if (def.auth !== false) ctx.auth = module.authenticate(ctx, def);
      ctx.body = parseBody(def, method, req, body, options.maxBodyBytes);
      response = await def.handle(ctx);
    } catch (error) {
      if (error instanceof GenericHttpError) return fail(error.error);
      if (!(error instanceof HttpError)) {
        process.stderr.write(`[sandbox] handler error: ${error instanceof Error ? error.stack : String(error)}\n`);
        return fail({ kind: 'internal', status: 500, message: 'Internal error' });
      }
      response = error.response;
    }
    if (fault?.storeThen500 && response.status < 300) {
      return fail({ kind: 'fault', status: 500, message: 'Internal error (injected after the request was stored)' });
    }
    finish(response);
  }

  function sendLogged(res: ServerResponse, response: SandboxResponse, entry: RequestLogEntry) {
    if (closing || res.destroyed) return;
    entry.outcome = response.status;
    send(res, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------------------------

function compile(def: RouteDef, module: ApiModule): CompiledRoute {
  const segments = def.path
    .split('/')
    .slice(1)
    .map((s): Segment => (s.startsWith(':') ? { param: s.slice(1) } : { literals: s.split('|') }));
  return { def, module, segments };
}

/** Splits a request target into its raw path and raw query; the path is never normalized or decoded. */
function splitTarget(target: string): { rawPath: string; rawQuery: string } {
  let rest = target;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || '/';
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  return q < 0 ? { rawPath: rest, rawQuery: '' } : { rawPath: rest.slice(0, q), rawQuery: rest.slice(q + 1) };
}

type FindResult =
  | { kind: 'match'; route: CompiledRoute; params: Record<string, string> }
  | { kind: 'method'; route: CompiledRoute; allow: string[] }
  | { kind: 'bad_path'; route: CompiledRoute }
  | { kind: 'none'; route?: undefined };

function findRoute(routes: readonly CompiledRoute[], method: string, rawPath: string): FindResult {
  const raw = rawPath.split('/').slice(1);
  let pathMatch: { route: CompiledRoute; params: Record<string, string> | 'bad' } | undefined;
  const allow = new Set<string>();
  for (const route of routes) {
    const params = matchSegments(route.segments, raw);
    if (params === undefined) continue;
    if (params !== 'bad' && route.def.methods.includes(method as HttpMethod)) return { kind: 'match', route, params };
    pathMatch ??= { route, params };
    for (const m of route.def.methods) allow.add(m);
  }
  if (!pathMatch) return { kind: 'none' };
  if (pathMatch.params === 'bad') return { kind: 'bad_path', route: pathMatch.route };
  return { kind: 'method', route: pathMatch.route, allow: [...allow] };
}

/** Matches raw segments; each parameter is decoded exactly once. `'bad'` means malformed percent-encoding. */
function matchSegments(segments: readonly Segment[], raw: readonly string[]): Record<string, string> | 'bad' | undefined {
  if (segments.length !== raw.length) return undefined;
  const params: Record<string, string> = {};
  let bad = false;
  for (const [i, segment] of segments.entries()) {
    const value = raw[i]!;
    if (segment.literals) {
      if (!segment.literals.includes(value)) return undefined;
      continue;
    }
    if (value === '') return undefined;
    try {
      params[segment.param!] = decodeURIComponent(value);
    } catch {
      bad = true;
    }
  }
  return bad ? 'bad' : params;
}

// ---------------------------------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------------------------------

interface ReadBody {
  buffer: Buffer;
  size: number;
}

/** Reads the whole body, keeping at most `max` + 1 bytes (the rest is drained so the client sees the answer). */
function readBody(req: IncomingMessage, max: number): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (kept <= max) {
        chunks.push(chunk);
        kept += chunk.length;
      }
    });
    req.on('end', () => resolve({ buffer: Buffer.concat(chunks), size }));
    // An aborted request may never emit 'end'; resolving twice is harmless.
    req.on('error', () => resolve({ buffer: Buffer.alloc(0), size }));
    req.on('close', () => resolve({ buffer: Buffer.concat(chunks), size }));
  });
}

/** A generic error raised while parsing; rendered by the route's API. */
class GenericHttpError extends Error {
  constructor(readonly error: GenericError) {
    super(error.message);
  }
}

function mediaType(header: string | undefined): { type: string; charset?: string } | undefined {
  if (!header) return undefined;
  const [type, ...params] = header.split(';');
  let charset: string | undefined;
  for (const param of params) {
    const [key, value] = param.split('=');
    if (key?.trim().toLowerCase() === 'charset') charset = value?.trim().replace(/^"|"$/g, '').toLowerCase();
  }
  return { type: type!.trim().toLowerCase(), ...(charset === undefined ? {} : { charset }) };
}

function parseBody(def: RouteDef, method: string, req: IncomingMessage, body: ReadBody, max: number): unknown {
  if (def.body === 'none' || method === 'GET') return undefined;
  if (body.size > max) {
    throw new GenericHttpError({ kind: 'payload_too_large', status: 413, message: `Request body exceeds ${max} bytes`, maxBytes: max });
  }
  const text = body.buffer.toString('utf8');
  if (text.trim() === '') {
    if (def.body === 'optional-json') return undefined;
    throw new GenericHttpError({ kind: 'missing_body', status: 400, message: 'Request body is required' });
  }
  const expected = def.body === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
  const type = mediaType(req.headers['content-type']);
  if (!type || type.type !== expected || (type.charset !== undefined && type.charset !== 'utf-8')) {
    throw new GenericHttpError({
      kind: 'unsupported_media_type',
      status: 415,
      message: `Content-Type must be ${expected}${type ? `, got ${type.type}` : ''}`,
    });
  }
  if (def.body === 'form') return new URLSearchParams(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new GenericHttpError({
      kind: 'parse_error',
      status: 400,
      message: `Malformed JSON: ${error instanceof Error ? error.message : 'parse error'}`,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Faults and sending
// ---------------------------------------------------------------------------------------------------------------

function faultError(fault: ActiveFault): { error: GenericError; headers: Record<string, string> } {
  const status = fault.status!;
  const headers: Record<string, string> = {};
  let retryAfterSeconds: number | undefined;
  if (fault.retryAfterDate) {
    retryAfterSeconds = fault.retryAfter ?? 1;
    headers['retry-after'] = new Date(Date.now() + retryAfterSeconds * 1000).toUTCString();
  } else if (fault.retryAfter !== undefined) {
    retryAfterSeconds = fault.retryAfter;
    headers['retry-after'] = String(fault.retryAfter);
  }
  if (fault.retryAfterHeader === false) delete headers['retry-after'];
  const messages: Record<number, string> = {
    401: 'Unauthorized (injected fault)',
    403: 'Forbidden (injected fault)',
    429: 'Too many requests (injected fault)',
    500: 'Internal error (injected fault)',
    503: 'Service unavailable (injected fault)',
  };
  const error: GenericError = { kind: 'fault', status, message: messages[status] ?? 'Injected fault' };
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  return { error, headers };
}

function send(res: ServerResponse, response: SandboxResponse): void {
  const body = response.body === undefined ? undefined : Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body?.length ?? 0) });
  res.end(body);
}
