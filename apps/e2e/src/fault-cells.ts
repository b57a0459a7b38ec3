// The fault matrix: the same cells for every surface (core client, n8n, Zapier, Make), against the sandbox.
import type { Sandbox } from '@links/sandbox';

export type ProviderKey = 'onetrust' | 'yandex-tracker' | 'devrev';

export interface FaultCell {
  name: string;
  /** Only for this provider (DevRev's body `retry_after`, OneTrust's token). */
  only?: ProviderKey;
  /** Sets the fault up on the create route of the provider. */
  arrange(sandbox: Sandbox, provider: ProviderKey): void | Promise<void>;
  /** What the sandbox must hold afterwards when the surface does not retry by itself. */
  storedWithoutRetry: 0 | 1;
  /** Whether the server refused the request, so that sending it again is safe (the surface or platform may retry). */
  refused: boolean;
}

export const CREATE_ROUTE = { onetrust: 'onetrust.create', 'yandex-tracker': 'tracker.create', devrev: 'devrev.create' } as const;

const fault = (spec: Record<string, unknown>) => (sandbox: Sandbox, provider: ProviderKey) =>
  void sandbox.state.addFaults({ route: CREATE_ROUTE[provider], ...spec } as never);

export const FAULT_CELLS: readonly FaultCell[] = [
  { name: '429 with Retry-After in seconds', arrange: fault({ status: 429, retryAfter: 1 }), storedWithoutRetry: 0, refused: true },
  { name: '429 with Retry-After as an HTTP date', arrange: fault({ status: 429, retryAfter: 1, retryAfterDate: true }), storedWithoutRetry: 0, refused: true },
  { name: '429 with retry_after in the body only', only: 'devrev', arrange: fault({ status: 429, retryAfter: 1, retryAfterHeader: false }), storedWithoutRetry: 0, refused: true },
  { name: '503', arrange: fault({ status: 503, retryAfter: 1 }), storedWithoutRetry: 0, refused: true },
  { name: 'connection reset before a response', arrange: fault({ reset: true }), storedWithoutRetry: 0, refused: false },
  { name: 'hang past the timeout', arrange: fault({ hang: true }), storedWithoutRetry: 0, refused: false },
  { name: '401 on an expired token', only: 'onetrust', arrange: (sandbox) => sandbox.state.expireTokens(), storedWithoutRetry: 0, refused: true },
  { name: 'stored, then 500', arrange: fault({ storeThen500: true }), storedWithoutRetry: 1, refused: false },
];

export function cellsFor(provider: ProviderKey): FaultCell[] {
  return FAULT_CELLS.filter((cell) => !cell.only || cell.only === provider);
}
