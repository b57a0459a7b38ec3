import type { Account } from './provider.js';

/**
 * A connection label from what a "who am I" response says: "Full Name (handle)", or whichever of the two
 * is known, or the fallback. One rule for every API.
 */
export function personAccount(name: string | null, handle: string | null, id: string | null, fallback: string): Account {
  const label = name && handle && name !== handle ? `${name} (${handle})` : (name ?? handle ?? fallback);
  return { label, id };
}
