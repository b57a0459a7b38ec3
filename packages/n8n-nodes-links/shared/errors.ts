import { type ApiCallError, isApiCallError, isInputError, isLinksError, type LinksError, PROVIDER_NAMES } from '@links/core';
import { type INode, type JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What the user can do about each kind of failure. */
function hint(error: LinksError): string {
  const api = PROVIDER_NAMES[error.provider];
  switch (error.kind) {
    case 'authentication':
      return `${api} did not accept the credential: check the token (or client ID and secret) and, for Yandex Tracker, the organization kind and ID.`;
    case 'permission':
      return `The ${api} credential is valid but lacks the permission or scope to create links.`;
    case 'validation':
      return `${api} rejected the values sent: check the fields named in the message.`;
    case 'not_found':
      return `An ID in the request does not exist in ${api}, or the credential cannot see it.`;
    case 'conflict':
      return `${api} refused the link because it conflicts with an existing one.`;
    case 'rate_limit': {
      const wait = (error as ApiCallError).retryAfter;
      return `${api} is rate limiting requests${wait !== null ? `; it asks to wait ${wait} s` : ''}. Enable "Retry On Fail" with a wait at least that long, or send fewer items at once. No link was created for this item.`;
    }
    case 'server':
      return (error as ApiCallError).status === 503
        ? `${api} is unavailable right now and did not process the request; retry later.`
        : `${api} failed while handling the request. The link may or may not have been created: check before running again.`;
    case 'network':
    case 'timeout':
      return `The link may or may not have been created in ${api}: check before running again.`;
    case 'input':
      return 'Fix the parameter named in the message.';
  }
}

/** Turns anything thrown while creating a link into the n8n error a user should see. */
export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
  if (isInputError(error)) {
    return new NodeOperationError(node, error.message, { itemIndex, description: hint(error) });
  }
  if (isApiCallError(error)) {
    return new NodeApiError(node, { message: error.apiMessage, code: error.apiCode, status: error.status, body: error.body } as JsonObject, {
      message: error.message,
      description: hint(error),
      httpCode: String(error.status),
      itemIndex,
    });
  }
  if (isLinksError(error)) {
    return new NodeApiError(node, { message: error.message, kind: error.kind } as JsonObject, { message: error.message, description: hint(error), itemIndex });
  }
  return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
