import type { AccessToken } from '../provider.js';

/**
 * Holds one access token until shortly before it expires. Concurrent callers share one fetch, and a
 * token that the API rejected is dropped once, however many callers saw it rejected.
 */
export class TokenCache {
  #token: { value: string; refreshAt: number } | null = null;
  #pending: Promise<string> | null = null;

  constructor(
    private readonly fetchToken: () => Promise<AccessToken>,
    private readonly now: () => number,
  ) {}

  get(): Promise<string> {
    if (this.#token && this.now() < this.#token.refreshAt) return Promise.resolve(this.#token.value);
    this.#pending ??= this.fetchToken()
      .then(({ accessToken, expiresInSeconds }) => {
        // Refresh a minute early, or at 90% of a short lifetime.
        const marginMs = Math.min(60_000, expiresInSeconds * 100);
        this.#token = { value: accessToken, refreshAt: this.now() + expiresInSeconds * 1000 - marginMs };
        return accessToken;
      })
      .finally(() => {
        this.#pending = null;
      });
    return this.#pending;
  }

  /** Drops the token if it is still the one that was rejected. */
  invalidate(rejected: string): void {
    if (this.#token?.value === rejected) this.#token = null;
  }
}
