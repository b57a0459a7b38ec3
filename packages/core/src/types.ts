/** The three APIs that can create a link. */
export type ProviderId = 'onetrust' | 'yandex-tracker' | 'devrev';

/** Product names, as users know them. */
export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  onetrust: 'OneTrust',
  'yandex-tracker': 'Yandex Tracker',
  devrev: 'DevRev',
};

/** A request as it goes on the wire, before authentication headers are added. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Absolute URL with path segments and query already encoded. */
  url: string;
  headers: Record<string, string>;
  /** JSON body (sent with `Content-Type: application/json`). */
  json?: unknown;
  /** Form body (sent as `application/x-www-form-urlencoded`). */
  form?: Record<string, string>;
}

/** A response as any transport hands it back, whatever its status. */
export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON where the body was JSON, the text otherwise, `undefined` when empty. */
  body: unknown;
}

/**
 * Sends a request and resolves with the response for every HTTP status. It rejects only when no
 * response arrived, preferably with a `NetworkError` or `TimeoutError` from `@links/core`.
 */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** One side of a link as the API reported it (or as it was requested, where the API returns nothing). */
export interface LinkEnd {
  id: string;
  /** Entity or object type (`models`, `project`, `issue`), where known. */
  type: string | null;
  /** Human name or title, where the API returns one. */
  name: string | null;
  /** Display id such as DevRev's `ISS-1`, where the API returns one. */
  displayId: string | null;
}

/** The normalized result of one created link, the same shape for every API. */
export interface LinkResult<Raw = unknown> {
  provider: ProviderId;
  /** The link's own id, where the API returns one (Yandex Tracker does not). */
  id: string | null;
  /** The link type as the API names it (`is_parent_of`, `depends on`, a OneTrust link type name). */
  linkType: string;
  /** The link type in words, read from source to target (`is parent of`, `is composed of`). */
  linkTypeLabel: string;
  source: LinkEnd;
  target: LinkEnd;
  /** ISO-8601 creation time, where the API returns one. */
  createdAt: string | null;
  /** The API's response body for this request (`null` where it has none). */
  raw: Raw;
}
