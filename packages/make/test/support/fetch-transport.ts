// Core's transport over fetch, for tests that send core's own requests to the sandbox beside the IML's.
import type { HttpRequest, HttpResponse } from '@links/core';

export async function fetchTransport(request: HttpRequest): Promise<HttpResponse> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: { ...request.headers, ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: request.json !== undefined ? JSON.stringify(request.json) : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: Object.fromEntries(response.headers), body: text === '' ? undefined : JSON.parse(text) };
}
