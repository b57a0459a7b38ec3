import { type AnyProvider, type ApiCallError, isApiCallError, isInputError, isLinksError, LinkExistsError, type LinksError, PROVIDER_NAMES, redactError, type RequestEffect } from '@links/core';
import { type INode, type JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { BLOCKED_HOSTNAME, BLOCKED_IP, TokenRequestError } from './transport';

/** The credential's name as n8n shows it ("DevRev API"); each credential class uses the same name. */
export function credentialDisplayName(provider: AnyProvider): string {
  return `${PROVIDER_NAMES[provider.id]} API`;
}

/** What an n8n administrator can do when n8n's SSRF protection refused a host. */
const SSRF_ADVICE =
  'n8n refuses private, loopback and link-local addresses while N8N_SSRF_PROTECTION_ENABLED is true. An n8n administrator can allow this host: ' +
  'add its address range to N8N_SSRF_ALLOWED_IP_RANGES (such as 127.0.0.1/32), or, for a host name rather than an address, the name to ' +
  'N8N_SSRF_ALLOWED_HOSTNAMES (and remove it from N8N_SSRF_BLOCKED_HOSTNAMES if it is listed there), then restart n8n.';

function isBlockedByN8n(error: LinksError): boolean {
  const code = (error as { code?: unknown }).code;
  return code === BLOCKED_IP || code === BLOCKED_HOSTNAME;
}

/** What a request the API did not answer may have done, per effect. */
const UNKNOWN: Record<RequestEffect, (api: string) => string> = {
  create: (api) => `The link may or may not have been created in ${api}: check before running again (If Already Linked "Skip" makes a re-run safe).`,
  delete: (api) => `The link may or may not have been deleted in ${api}: run again with If Link Is Missing "Count as Success" to make sure.`,
  read: () => 'Reading changes nothing: it is safe to run again.',
};

/** What nothing happening means, per effect. */
const NOTHING: Record<RequestEffect, string> = { create: 'no link was created', delete: 'no link was deleted', read: 'nothing was read' };

const VERB: Record<RequestEffect, string> = { create: 'create', delete: 'delete', read: 'read' };

/** What the user can do about each kind of failure of a request that does `effect`. */
function hint(error: LinksError, operationEffect: RequestEffect): string {
  const api = PROVIDER_NAMES[error.provider];
  // The request that failed speaks for the outcome: a create's existence check failing is a read.
  const effect = error.requestEffect ?? operationEffect;
  switch (error.kind) {
    case 'authentication':
      return `${api} did not accept the credential: check the token (or client ID and secret) and, for Yandex Tracker, the organization kind and ID.`;
    case 'permission':
      return `The ${api} credential is valid but lacks the permission or scope to ${VERB[effect]} links.`;
    case 'validation':
      return `${api} rejected the values sent: check the fields named in the message.`;
    case 'not_found':
      return effect === 'delete'
        ? `The link, or a record named in it, does not exist in ${api} (or the credential cannot see it). To count a link already gone as success, set If Link Is Missing to "Count as Success".`
        : `An ID in the request does not exist in ${api}, or the credential cannot see it.`;
    case 'conflict':
      return error instanceof LinkExistsError
        ? 'If Already Linked is "Fail", and the link exists; nothing was sent for this item. Choose "Skip" to output the existing link instead.'
        : `${api} refused the link because it conflicts with an existing one.`;
    case 'rate_limit': {
      const wait = (error as ApiCallError).retryAfter;
      return `${api} is rate limiting requests${wait !== null ? `; it asks to wait ${wait} s` : ''}. Enable "Retry On Fail" with a wait at least that long, or send fewer items at once. ${NOTHING[effect].replace(/^n/, 'N')} for this item.`;
    }
    case 'server':
      return (error as ApiCallError).status === 503
        ? `${api} is unavailable right now and did not process the request; retry later.`
        : `${api} failed while handling the request. ${UNKNOWN[effect](api)}`;
    case 'network':
      if (isBlockedByN8n(error)) return SSRF_ADVICE;
      return (error as { requestSent?: boolean }).requestSent === false
        ? `Nothing reached ${api}, so ${NOTHING[effect]}: check the credential's Base URL or Host Name, then run again.`
        : UNKNOWN[effect](api);
    case 'timeout':
      return UNKNOWN[effect](api);
    case 'input':
      return 'Fix the parameter named in the message.';
  }
}

/** OAuth error codes with which a token endpoint refuses the client itself. */
const CLIENT_REFUSED = new Set(['invalid_client', 'unauthorized_client']);

/**
 * What a failed token request means (OneTrust's client-credentials exchange, run by n8n before the link
 * request), without saying what happened to the link: the node adds that, the credential test does not need it.
 */
export function describeTokenFailure(provider: AnyProvider, reason: unknown): { message: string; description: string; httpCode?: string } {
  const api = PROVIDER_NAMES[provider.id];
  const credential = credentialDisplayName(provider);
  if (isInputError(reason)) {
    return { message: `${credential} credential: ${reason.message}`, description: `Fix that field in the ${credential} credential.` };
  }
  if (isApiCallError(reason)) {
    const code = reason.apiCode ? `, ${reason.apiCode}` : '';
    if (reason.status === 401 || CLIENT_REFUSED.has(reason.apiCode ?? '')) {
      return {
        message: `${api} refused the client ID or secret: ${reason.apiMessage} (HTTP ${reason.status}${code})`,
        description: `Check Client ID and Client Secret in the ${credential} credential, and that this API client credential still exists in ${api}.`,
        httpCode: String(reason.status),
      };
    }
    const retryLater = reason.kind === 'rate_limit' || reason.status === 503;
    return {
      message: `${api} refused the token request: ${reason.apiMessage} (HTTP ${reason.status}${code})`,
      description: retryLater
        ? `${api} is not issuing tokens right now; retry later.`
        : `Check Host Name and Base URL in the ${credential} credential.`,
      httpCode: String(reason.status),
    };
  }
  if (isLinksError(reason) && reason.kind === 'network' && isBlockedByN8n(reason)) {
    return { message: `The ${api} token request was not sent: ${reason.message}`, description: SSRF_ADVICE };
  }
  if (isLinksError(reason) && reason.kind === 'timeout') {
    return { message: `${api} did not answer the token request in time`, description: `Check Host Name and Base URL in the ${credential} credential, or retry later.` };
  }
  const text = reason instanceof Error ? reason.message : String(reason);
  return { message: `The ${api} token request failed: ${text}`, description: `Check Host Name and Base URL in the ${credential} credential, or retry later.` };
}

function tokenRequestNodeError(node: INode, error: TokenRequestError, itemIndex: number): NodeApiError {
  const { message, description, httpCode } = describeTokenFailure(error.api, error.reason);
  const outcome = error.afterRefusal
    ? 'the link request had been refused (HTTP 401) and no new token could be fetched, so no link was created'
    : 'no link request was sent';
  return new NodeApiError(node, { message } as JsonObject, { message: `${message}; ${outcome}`, description, httpCode, itemIndex });
}

/**
 * Turns anything thrown while creating a link into the n8n error a user should see. `inCredential`: the
 * error came from checking the node's credential (its Base URL, its host name), not from a parameter.
 */
export function toNodeError(
  node: INode,
  thrown: unknown,
  itemIndex: number,
  inCredential?: AnyProvider,
  effect: RequestEffect = 'create',
  /** The credential's secret values (`credentialSecrets`): an API may echo them, n8n must not show them. */
  secrets: readonly string[] = [],
): NodeApiError | NodeOperationError {
  const error = redactError(thrown, secrets);
  if (error instanceof TokenRequestError) redactError(error.reason, secrets);
  if (error instanceof TokenRequestError) return tokenRequestNodeError(node, error, itemIndex);
  if (isInputError(error) && inCredential) {
    const credential = credentialDisplayName(inCredential);
    return new NodeOperationError(node, `${credential} credential: ${error.message}`, {
      itemIndex,
      description: `Fix that field in the ${credential} credential selected on this node. Nothing was sent.`,
    });
  }
  if (isInputError(error)) {
    return new NodeOperationError(node, error.message, { itemIndex, description: hint(error, effect) });
  }
  if (isApiCallError(error)) {
    return new NodeApiError(node, { message: error.apiMessage, code: error.apiCode, status: error.status, body: error.body } as JsonObject, {
      message: error.message,
      description: hint(error, effect),
      httpCode: String(error.status),
      itemIndex,
    });
  }
  if (isLinksError(error)) {
    return new NodeApiError(node, { message: error.message, kind: error.kind } as JsonObject, { message: error.message, description: hint(error, effect), itemIndex });
  }
  return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
