// `pnpm bench`: runs every bench/NN-*.ts, prints one table and writes it to BENCHMARKS.md at the repo root.
// Figures are ratios and counts measured in one run (medians where a bench repeats), never asserted in tests.
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type } from 'node:os';
import type { Bench, BenchRow } from './harness.js';

const only = process.argv.slice(2);
const files = readdirSync(new URL('./', import.meta.url))
  .filter((f) => /^\d\d-.*\.ts$/.test(f) && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();
const rows: BenchRow[] = [];
for (const file of files) {
  const bench = (await import(`./${file}`)).default as Bench;
  process.stderr.write(`running ${bench.title} ...\n`);
  const started = performance.now();
  try {
    rows.push(...(await bench.run()));
  } catch (error) {
    rows.push({ benchmark: bench.title, figure: 'failed', goal: '', met: false, note: error instanceof Error ? error.message : String(error) });
  }
  process.stderr.write(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const mark = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'MISSED');
const table = [
  '| benchmark | figure | goal | | note |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.benchmark} | ${r.figure} | ${r.goal} | ${mark(r.met)} | ${r.note ?? ''} |`),
].join('\n');
const machine = `${type()} ${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`;
console.log(table);
if (only.length === 0) {
  writeFileSync(
    new URL('../../../BENCHMARKS.md', import.meta.url),
    `# Benchmarks\n\nProduced by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}.\n\nMachine: ${machine}.\n\n` +
      'Every figure is a ratio or a count measured within one run (medians where a benchmark repeats), against the local ' +
      'sandbox on loopback. Shared machines are noisy: compare ratios, not absolute times.\n\n' +
      `${table}\n`,
  );
  console.log('\nWritten to BENCHMARKS.md');
}
