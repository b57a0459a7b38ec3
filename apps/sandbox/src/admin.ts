/**
 * The admin API under `/__admin`: the same operations as the in-process `sandbox.state` object.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { empty, isRecord, json, type SandboxResponse } from './http.js';
import { SandboxConfigError, type FaultSpec, type SandboxState } from './state.js';

type AdminHandler = (state: SandboxState, body: unknown) => SandboxResponse;

const ADMIN_ROUTES: Record<string, Partial<Record<string, AdminHandler>>> = {
  '/state': {
    GET: (state) => json(200, state.snapshot()),
  },
  '/reset': {
    POST: (state) => {
      state.reset();
      return json(200, { ok: true });
    },
  },
  '/faults': {
    GET: (state) => json(200, { faults: state.faults }),
    POST: (state, body) => {
      if (body === undefined) throw new SandboxConfigError('body must be a fault or a list of faults');
      const list = isRecord(body) && Array.isArray(body.faults) ? body.faults : body;
      return json(200, { faults: state.addFaults(list as FaultSpec | FaultSpec[]) });
    },
    DELETE: (state) => {
      state.clearFaults();
      return json(200, { faults: [] });
    },
  },
  '/rate-limits': {
    GET: (state) => json(200, { rateLimits: state.rateLimits }),
    POST: (state, body) => json(200, { rateLimits: state.setRateLimits((body ?? {}) as Record<string, never>) }),
  },
  '/expire-tokens': {
    POST: (state) => {
      state.expireTokens();
      return json(200, { ok: true });
    },
  },
  '/token-ttl': {
    POST: (state, body) => {
      if (!isRecord(body)) throw new SandboxConfigError('body must be { "seconds": <positive integer> }');
      state.setTokenTtl(body.seconds as number);
      return json(200, { ttlSeconds: state.tokenTtlSeconds });
    },
  },
};

export function handleAdmin(
  state: SandboxState,
  method: string,
  path: string,
  _headers: IncomingHttpHeaders,
  body: { buffer: Buffer },
): SandboxResponse {
  const route = ADMIN_ROUTES[path];
  if (!route) return json(404, { error: `Unknown admin route ${path || '/'}`, routes: Object.keys(ADMIN_ROUTES) });
  const handler = route[method];
  if (!handler) return { ...empty(405), headers: { allow: Object.keys(route).join(', ') } };
  let parsed: unknown;
  const text = body.buffer.toString('utf8');
  if (text.trim() !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      return json(400, { error: 'Admin request body must be JSON' });
    }
  }
  try {
    return handler(state, parsed);
  } catch (error) {
    if (error instanceof SandboxConfigError) return json(400, { error: error.message });
    throw error;
  }
}
