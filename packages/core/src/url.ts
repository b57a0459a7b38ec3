import { InputError } from './errors/index.js';
import type { Provider } from './provider.js';
import type { ProviderId } from './types.js';

/**
 * Joins a base URL, path segments and query parameters. Every segment is encoded on its own, so an
 * id such as `../x?y#z` stays one segment (`..%2Fx%3Fy%23z`) and cannot change the route.
 */
export function buildUrl(baseUrl: string, segments: readonly string[], query?: Record<string, string>): string {
  const path = segments.map((segment) => encodeURIComponent(segment)).join('/');
  const search = query ? `?${new URLSearchParams(query).toString()}` : '';
  return `${baseUrl}/${path}${search}`;
}

/**
 * `.` and `..` (also as `%2E`) are dot segments to every URL parser, which would collapse them and
 * change the route, so no id may be one of them.
 */
export function isDotSegment(segment: string): boolean {
  return segment === '.' || segment === '..';
}

const LABEL = '(?!-)[A-Za-z0-9-]{1,63}(?<!-)';
/**
 * A bare DNS host name with at least two labels, the last containing a letter (so no IP literal). One
 * regular expression, so that platforms that validate input themselves (Make) apply the same rule.
 */
export const HOSTNAME_PATTERN = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*\\.(?=[A-Za-z0-9-]*[A-Za-z])${LABEL}$`);

/**
 * Accepts a bare DNS host name such as `app-eu.onetrust.com`: no scheme, path, port, user info or
 * fragment, and no IP literal (the last label must contain a letter).
 */
export function checkHostname(provider: ProviderId, field: string, label: string, value: string): string {
  const host = value.trim().toLowerCase();
  if (!HOSTNAME_PATTERN.test(host)) {
    throw new InputError(
      provider,
      field,
      'hostname',
      `${label} (${field}) must be a bare host name such as app.onetrust.com, without https://, a path, a port or user info; got "${value}"`,
    );
  }
  return host;
}

// This machine only: `localhost`, IPv6 `[::1]` and the IPv4 loopback range, never a DNS name that merely
// starts with "127." (such as 127.0.0.1.evil.example).
const LOOPBACK = /^(?:localhost|\[::1\]|127(?:\.\d{1,3}){3})$/;

/**
 * Whether a host name (as `new URL(...).hostname` gives it) is this machine's loopback: the one place where
 * plain `http://` is allowed, for every base URL override and for Make's deploy target alike.
 */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** Whether a URL may be used to send credentials: `https://`, or `http://` on this machine's loopback. */
export function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/**
 * Checks a base URL override (for the sandbox or a proxy) and drops its trailing slash. HTTPS is
 * required except on this machine's loopback, so that a token is never sent in clear text.
 */
export function checkBaseUrl(provider: ProviderId, value: string): string {
  const fail = (problem: string): never => {
    throw new InputError(provider, 'baseUrl', 'url', `Base URL (baseUrl) ${problem}; got "${value}"`);
  };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return fail('must be an absolute URL such as https://api.example.com');
  }
  if (!isSecureOrLoopback(url)) fail('must use https:// (http:// is allowed only for localhost)');
  if (url.username || url.password) fail('must not contain user info');
  if (url.search || url.hash) fail('must not contain a query or fragment');
  return url.toString().replace(/\/+$/, '');
}

/** The base URL to send to: a checked override, or the real service. */
export function resolveBaseUrl<C>(provider: Provider<C, any>, credentials: C, override?: string | null): string {
  return override ? checkBaseUrl(provider.id, override) : provider.defaultBaseUrl(credentials);
}
