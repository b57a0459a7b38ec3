// A client reusing an idle keep-alive socket must never meet a server that is closing it at the same moment.
import { connect } from 'node:net';
import { useSandbox } from './helpers.js';

const ctx = useSandbox();

/** Sends raw requests on one socket and resolves with each response's status line. */
function statusLines(url: string, waitMs: number): Promise<string[]> {
  const { port } = new URL(url);
  const request = `GET /v2/myself HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const lines: string[] = [];
    let closed = false;
    socket.on('close', () => {
      closed = true;
      resolve(lines);
    });
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      lines.push(...chunk.toString('latin1').split('\r\n').filter((line) => line.startsWith('HTTP/1.1 ')));
      if (lines.length === 1) setTimeout(() => !closed && socket.write(request), waitMs);
      if (lines.length === 2) socket.end();
    });
    socket.write(request);
  });
}

it('keeps an idle keep-alive socket open longer than clients keep theirs (Node: 5 s)', async () => {
  // Both requests are answered (401: no credentials) on the same socket, 7 s apart (an unchanged Node server closes it after about 6 s).
  expect(await statusLines(ctx.sandbox.url, 7000)).toEqual(['HTTP/1.1 401 Unauthorized', 'HTTP/1.1 401 Unauthorized']);
});
