import type { Sandbox } from '@links/sandbox';

/** One surface's part of the demo: creates links against the sandbox and returns lines to print. */
export interface DemoStep {
  title: string;
  run(sandbox: Sandbox): Promise<string[]>;
}
