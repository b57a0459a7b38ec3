// A loopback proxy in front of the sandbox that records every request as it arrives on the wire, so that what
// each surface (core, n8n, Zapier, Make) sends can be compared with what core sends for the same input.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it, reduced to what decides its meaning. */
export interface WireRequest {
  method: string;
  path: string;
  /** Query parameters, sorted, repeated keys kept. */
  query: [string, string][];
  /** The media type, without parameters such as `charset`. */
  contentType: string | null;
  /** JSON parsed, a form as sorted entries, other text as it is, `null` when empty. */
  body: unknown;
  /** The headers that matter for authentication: `authorization` and the Tracker organization headers. */
  auth: Record<string, string>;
  /** The JSON the server answered with (to read issued tokens back). */
  responseBody: unknown;
}

const AUTH_HEADERS = ['authorization', 'x-org-id', 'x-cloud-org-id'];

function parseBody(contentType: string | null, text: string): unknown {
  if (text === '') return null;
  if (contentType === 'application/x-www-form-urlencoded') return [...new URLSearchParams(text)].sort(compareEntries);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const compareEntries = (a: [string, string], b: [string, string]) => (a[0] === b[0] ? a[1].localeCompare(b[1]) : a[0].localeCompare(b[0]));

function reduce(method: string, url: string, headers: IncomingHttpHeaders, body: string): Omit<WireRequest, 'responseBody'> {
  const parsed = new URL(url, 'http://recorder');
  const contentType = headers['content-type']?.split(';')[0]!.trim().toLowerCase() ?? null;
  const auth = Object.fromEntries(AUTH_HEADERS.filter((name) => headers[name] !== undefined).map((name) => [name, String(headers[name])]));
  return { method, path: parsed.pathname, query: [...parsed.searchParams].sort(compareEntries), contentType, body: parseBody(contentType, body), auth };
}

export interface WireRecorder {
  /** The base URL to give a surface instead of the sandbox's. */
  url: string;
  /** Everything recorded since the last `take()`, in arrival order. */
  take(): WireRequest[];
  close(): Promise<void>;
}

/** Starts a recorder on 127.0.0.1 (a free port) that forwards each request to `target` unchanged. */
export async function startWireRecorder(target: string): Promise<WireRecorder> {
  const upstream = new URL(target);
  let recorded: WireRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const entry = reduce(req.method ?? 'GET', req.url ?? '/', req.headers, raw.toString('utf8'));
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          const answered: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answered.push(chunk));
          answer.on('end', () => {
            const text = Buffer.concat(answered).toString('utf8');
            recorded.push({ ...entry, responseBody: parseBody('application/json', text) });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(text);
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(raw);
    });
  });
  // Outlast the clients' idle keep-alive sockets (Node's: 5 s), as the sandbox does.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    take() {
      const taken = recorded;
      recorded = [];
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The requests with issued OneTrust tokens replaced by a placeholder: each surface gets its own token, and
 * what must agree is that the create carries the token its own exchange returned.
 */
export function withTokensNamed(requests: readonly WireRequest[]): Omit<WireRequest, 'responseBody'>[] {
  const issued = new Map<string, string>();
  return requests.map(({ responseBody, ...request }) => {
    const bearer = request.auth.authorization?.match(/^Bearer (.+)$/)?.[1];
    const auth = bearer && issued.has(bearer) ? { ...request.auth, authorization: `Bearer ${issued.get(bearer)}` } : request.auth;
    const token = (responseBody as { access_token?: unknown } | null)?.access_token;
    if (typeof token === 'string') issued.set(token, `(token ${issued.size + 1})`);
    return { ...request, auth };
  });
}
