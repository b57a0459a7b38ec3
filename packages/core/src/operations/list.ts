import { InputError } from '../errors/index.js';
import type { AnyProvider } from '../provider.js';
import { type SendOptions, sendOrThrow } from '../send.js';
import type { CheckedInput } from '../validation.js';
import type { StoredLink } from './contract.js';

export interface ListOptions {
  /** The most links to return; all of them when not given. */
  limit?: number;
}

/** Checks a list limit: a whole number from 1, or nothing (all links). */
export function checkLimit(provider: AnyProvider, limit: unknown): number {
  if (limit === undefined || limit === null) return Number.POSITIVE_INFINITY;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
    throw new InputError(provider.id, 'limit', 'format', `Limit (limit) must be a whole number from 1, got ${JSON.stringify(limit) ?? String(limit)}`);
  }
  return limit;
}

/**
 * Sends a validated list query page by page and yields each page's links, fetching the next page only when
 * the caller asks for it: one page is held at a time. Stops at the last page (no next cursor, an empty page,
 * or a cursor the API already gave) or at `limit` links.
 */
export async function* sendListPages(
  provider: AnyProvider,
  query: CheckedInput,
  options: SendOptions & ListOptions,
): AsyncGenerator<StoredLink[], void, undefined> {
  const operation = provider.operations.list;
  let remaining = checkLimit(provider, options.limit);
  const size = Math.min(operation.pageSize ?? Number.POSITIVE_INFINITY, remaining);
  let cursor: string | null = null;
  const seen = new Set<string>();
  while (remaining > 0) {
    const pageRequest = { cursor, size: Number.isFinite(size) ? size : 0 };
    const request = operation.buildRequest(query, options.baseUrl, pageRequest);
    const page = operation.parseResponse(await sendOrThrow(provider, request, options, 'read'), query, pageRequest);
    const links = page.links.length > remaining ? page.links.slice(0, remaining) : page.links;
    remaining -= links.length;
    if (links.length > 0) yield links;
    if (page.nextCursor === null || page.links.length === 0 || seen.has(page.nextCursor)) return;
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/** Every link of a validated list query, all pages. */
export async function collectLinks(provider: AnyProvider, query: CheckedInput, options: SendOptions & ListOptions): Promise<StoredLink[]> {
  const links: StoredLink[] = [];
  for await (const page of sendListPages(provider, query, options)) links.push(...page);
  return links;
}
