import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** One line of the benchmark table. `met` is null where a figure has no goal. */
export interface BenchRow {
  benchmark: string;
  figure: string;
  goal: string;
  met: boolean | null;
  note?: string;
}

export interface Bench {
  title: string;
  run(): Promise<BenchRow[]>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The sandbox in its own process, so that the client under test does not share an event loop with it. */
export interface SandboxProcess {
  url: string;
  admin(path: string, body?: unknown): Promise<any>;
  stop(): Promise<void>;
}

export async function startSandboxProcess(): Promise<SandboxProcess> {
  const cli = createRequire(import.meta.url).resolve('@links/sandbox').replace(/index\.js$/, 'cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return {
    url,
    async admin(path, body) {
      const response = await fetch(`${url}/__admin/${path}`, {
        method: body === undefined && path === 'state' ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? (path === 'state' ? undefined : '{}') : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`admin ${path}: HTTP ${response.status} ${await response.text()}`);
      return response.json();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const ratio = (value: number) => `${value.toFixed(2)}x`;
export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
