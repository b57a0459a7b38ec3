// @links/core/http: the HTTP client on ky (timeouts, retries, token cache, bulk creates).
export { createLinksClient, type LinkList, type LinksClient, type LinksClientOptions, type OptionSearch, type RetryOptions } from './client.js';
export { createKyTransport, type KyTransportOptions, parseBody } from './ky-transport.js';
export { TokenCache } from './token-cache.js';
