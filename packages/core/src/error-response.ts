import { type ApiCallError, createApiCallError } from './errors/index.js';
import type { AnyProvider } from './provider.js';
import { parseRetryAfter } from './retry-after.js';
import type { HttpResponse } from './types.js';

/** Whether a response is a success (2xx). */
export function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

/** Turns an error response into the error class for its status, with the API's own message. */
export function parseErrorResponse(provider: AnyProvider, response: HttpResponse, now: number = Date.now()): ApiCallError {
  const details = provider.readError(response.body);
  return createApiCallError({
    provider: provider.id,
    status: response.status,
    apiMessage: details.message || STATUS_TEXT[response.status] || `HTTP ${response.status}`,
    apiCode: details.code,
    body: response.body,
    retryAfter: parseRetryAfter(response.headers['retry-after'], now) ?? details.retryAfter ?? null,
  });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized: the credentials are missing, wrong or expired',
  403: 'Forbidden: the credentials lack the permission or scope for this request',
  404: 'Not found',
  409: 'Conflict',
  422: 'The request body failed validation',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};
