// 1. core createLink vs raw fetch of the same request: 2,000 sequential creates on loopback each, alternated, median of runs.
import { devrev } from '@links/core';
import { createKyTransport, createLinksClient } from '@links/core/http';
import { SANDBOX_CREDENTIALS } from '@links/sandbox';
import { type Bench, median, ratio, startSandboxProcess } from './harness.js';

const CREATES = 2000;
const RUNS = 5;
const input = { source: 'ISS-1', linkType: 'is_related_to', target: 'ISS-2' };

const bench: Bench = {
  title: 'core createLink vs raw fetch',
  async run() {
    const sandbox = await startSandboxProcess();
    try {
      const client = createLinksClient('devrev', { baseUrl: sandbox.url, credentials: { token: SANDBOX_CREDENTIALS.devrev.token } });
      const request = devrev.buildCreateRequest(devrev.validateInput(input), sandbox.url);
      const rawFetch = async () => {
        const response = await fetch(request.url, {
          method: 'POST',
          headers: { ...request.headers, 'content-type': 'application/json', authorization: `Bearer ${SANDBOX_CREDENTIALS.devrev.token}` },
          body: JSON.stringify(request.json),
        });
        if (response.status !== 201) throw new Error(`raw fetch got ${response.status}`);
        await response.json();
      };
      // ky alone, with the options core uses: separates ky's own cost from core's.
      const kyTransport = createKyTransport({ provider: 'devrev', timeoutMs: 30_000 });
      const kyHeaders = { ...request.headers, authorization: `Bearer ${SANDBOX_CREDENTIALS.devrev.token}` };
      const viaKy = async () => {
        const response = await kyTransport({ ...request, headers: kyHeaders });
        if (response.status !== 201) throw new Error(`ky got ${response.status}`);
      };
      const viaCore = async () => {
        await client.createLink(input);
      };
      const time = async (create: () => Promise<void>) => {
        await sandbox.admin('reset');
        const started = performance.now();
        for (let i = 0; i < CREATES; i++) await create();
        return performance.now() - started;
      };
      const variants = { fetch: rawFetch, ky: viaKy, core: viaCore };
      const times: Record<keyof typeof variants, number[]> = { fetch: [], ky: [], core: [] };
      for (const create of Object.values(variants)) await time(create); // warm-up
      for (let run = 0; run < RUNS; run++) {
        for (const [name, create] of Object.entries(variants)) times[name as keyof typeof variants].push(await time(create));
      }
      const perCreate = (name: keyof typeof variants) => median(times[name]) / CREATES;
      const vsFetch = perCreate('core') / perCreate('fetch');
      const ms = (value: number) => `${value.toFixed(3)} ms`;

      // The same comparison where each create takes 20 ms on the server, as over a real network.
      const LATENT = 200;
      await sandbox.admin('faults', { route: 'devrev.create', latencyMs: 20, times: 1_000_000 });
      const latent = { fetch: [] as number[], core: [] as number[] };
      for (let run = 0; run < 3; run++) {
        for (const name of ['fetch', 'core'] as const) {
          const started = performance.now();
          for (let i = 0; i < LATENT; i++) await variants[name]();
          latent[name].push(performance.now() - started);
        }
      }
      const latentRatio = median(latent.core) / median(latent.fetch);
      return [
        {
          benchmark: `1. DevRev createLink through core vs raw fetch, ${CREATES} sequential creates on loopback (median of ${RUNS})`,
          figure: `${ratio(vsFetch)} (core ${ms(perCreate('core'))}, fetch ${ms(perCreate('fetch'))} per create)`,
          goal: '<= 1.15x',
          met: vsFetch <= 1.15,
          note: `ky alone (same request, same options): ${ms(perCreate('ky'))}, so core adds ${ratio(perCreate('core') / perCreate('ky'))} over ky; the rest is ky's own Request clone and pipeline`,
        },
        {
          benchmark: `1b. The same with 20 ms server latency, ${LATENT} sequential creates (median of 3)`,
          figure: ratio(latentRatio),
          goal: '<= 1.15x',
          met: latentRatio <= 1.15,
        },
      ];
    } finally {
      await sandbox.stop();
    }
  },
};
export default bench;
