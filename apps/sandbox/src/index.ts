/**
 * @links/sandbox: a strict loopback emulator of the OneTrust AI Governance, Yandex Tracker and DevRev link APIs on
 * one port, with fault injection, rate limits and an admin API (`/__admin/*`).
 */
import { devrev } from './apis/devrev.js';
import { onetrust } from './apis/onetrust.js';
import { yandexTracker } from './apis/yandex-tracker.js';
import { startServer } from './server.js';
import { SandboxState, type RateLimits } from './state.js';

export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** `expires_in` of OneTrust access tokens, in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** Per-API fixed-window rate limits. Default: none. */
  rateLimits?: RateLimits;
  /** Bodies larger than this are answered 413 in the API's format. Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  port: number;
  /** Closes the server and every open socket, hung ones included. Idempotent. */
  close(): Promise<void>;
  /** Direct in-process access: the same operations as the admin API. */
  state: SandboxState;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = new SandboxState({
    ...(options.tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: options.tokenTtlSeconds }),
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
  });
  const server = await startServer(state, [onetrust, yandexTracker, devrev], {
    port: options.port ?? 0,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  });
  return { url: server.url, port: server.port, close: server.close, state };
}

export { DEVREV_LINK_TYPES } from './apis/devrev.js';
export {
  DEVREV_CUSTOM_LINK_TYPES,
  DEVREV_OBJECTS,
  DEVREV_SEED_LINKS,
  DEVREV_WORK_DETAILS,
  DEVREV_WORKS,
  ONETRUST_AI_ENTITY_TYPES,
  ONETRUST_ENTITIES,
  ONETRUST_ENTITY_TYPE_DETAILS,
  ONETRUST_LINK_TYPES,
  ONETRUST_SEED_LINKS,
  SANDBOX_CREDENTIALS,
  SANDBOX_EXTRA_CREDENTIALS,
  SEED,
  TRACKER_ENTITIES,
  TRACKER_ENTITY_DETAILS,
  TRACKER_SEED_LINKS,
} from './seed.js';
export type {
  DevRevCustomLinkType,
  DevRevObjectType,
  DevRevSeedLink,
  DevRevSeedObject,
  DevRevWorkDetail,
  OneTrustEntityType,
  OneTrustEntityTypeDetail,
  OneTrustEntityTypeName,
  OneTrustLinkType,
  OneTrustLinkTypeLabel,
  OneTrustNumberedEntity,
  OneTrustSeedEntity,
  OneTrustSeedLink,
  TrackerEntityDetail,
  TrackerEntityType,
  TrackerSeedEntity,
  TrackerSeedLink,
} from './seed.js';
export { API_NAMES, FAULT_STATUSES, ROUTE_NAMES, SandboxConfigError, SandboxState } from './state.js';
export type {
  ActiveFault,
  ApiName,
  DevRevLinkRecord,
  DevRevLinkRef,
  FaultRoute,
  FaultSpec,
  FaultStatus,
  OneTrustLinkRecord,
  RateLimitConfig,
  RateLimits,
  RequestCounters,
  RequestLogEntry,
  RouteName,
  SandboxSnapshot,
  StoredLinks,
  TrackerLinkRecord,
} from './state.js';
export { SANDBOX_LINK_CREDENTIALS, SANDBOX_LINK_INPUTS } from './fixtures.js';
export { type CredentialGuide, credentialGuide, credentialGuideText } from './guide.js';
