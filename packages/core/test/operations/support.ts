import type { HttpRequest, HttpResponse, Transport } from '@links/core';

/** A transport that answers from a function and records every request it was given. */
export function recording(answer: (request: HttpRequest, n: number) => HttpResponse | Promise<HttpResponse>): { transport: Transport; requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    requests,
    transport: async (request) => {
      requests.push(request);
      return answer(request, requests.length - 1);
    },
  };
}

/** Answers the given responses in turn (the last one again once they run out). */
export function inTurn(...responses: HttpResponse[]): { transport: Transport; requests: HttpRequest[] } {
  return recording((_request, n) => responses[Math.min(n, responses.length - 1)]!);
}

export const ok = (body: unknown, status = 200): HttpResponse => ({ status, headers: {}, body });

export async function collect<T>(iterable: AsyncIterable<T[]>): Promise<T[][]> {
  const pages: T[][] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

export async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a failure');
}
