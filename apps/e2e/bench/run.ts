// `pnpm bench`: runs every bench/NN-*.ts, prints one table and writes it to BENCHMARKS.md at the repo root.
// `pnpm bench 7` runs the files whose names contain 7 and replaces only their rows there.
// Figures are ratios and counts measured in one run (medians where a bench repeats), never asserted in tests.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    // The whole message on stderr; its first line (capped) in the table, which stays readable.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`  failed: ${message}\n`);
    rows.push({ benchmark: bench.title, figure: 'failed', goal: '', met: false, note: message.split('\n')[0]!.slice(0, 300) });
  }
  process.stderr.write(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const mark = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'MISSED');
const line = (r: BenchRow) => `| ${r.benchmark} | ${r.figure} | ${r.goal} | ${mark(r.met)} | ${r.note ?? ''} |`;
const HEADER = ['| benchmark | figure | goal | | note |', '| --- | --- | --- | --- | --- |'];
const machine = `${type()} ${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`;
console.log([...HEADER, ...rows.map(line)].join('\n'));

/** A row's label: "7a" of "7a. DevRev ...". Rows are kept in label order. */
const labelOf = (row: string) => /^\| (\d+)([a-z]?)\./.exec(row);
const order = (row: string) => {
  const match = labelOf(row);
  return match ? Number(match[1]) * 100 + (match[2] ? match[2].charCodeAt(0) - 96 : 0) : Number.MAX_SAFE_INTEGER;
};

const target = new URL('../../../BENCHMARKS.md', import.meta.url);
let table = rows.map(line);
let machines = `Machine: ${machine}.`;
if (only.length > 0 && existsSync(target)) {
  const previous = readFileSync(target, 'utf8');
  const earlier = /^Machine: .*$/m.exec(previous)?.[0];
  machines = `${earlier ? `${earlier}\n\n` : ''}Machine of the rows re-run: ${machine}.`;
  // A partial run (`pnpm bench 7`) replaces the rows of the benchmarks it ran and keeps every other row.
  const ran = new Set(table.map((row) => labelOf(row)?.slice(1).join('')));
  const kept = previous
    .split('\n')
    .filter((row) => row.startsWith('| ') && !HEADER.includes(row) && !ran.has(labelOf(row)?.slice(1).join('')));
  table = [...kept, ...table].sort((a, b) => order(a) - order(b));
}
writeFileSync(
  target,
  `# Benchmarks\n\nProduced by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}${only.length > 0 ? ` (the rows of ${only.join(', ')} re-run; the others as last produced)` : ''}.\n\n${machines}\n\n` +
    'Every figure is a ratio or a count measured within one run (medians where a benchmark repeats), against the local ' +
    'sandbox on loopback. Shared machines are noisy: compare ratios, not absolute times.\n\n' +
    `${[...HEADER, ...table].join('\n')}\n` +
    // How each figure is measured, and the commands: bench/about.md, kept as written.
    `\n${readFileSync(new URL('./about.md', import.meta.url), 'utf8')}`,
);
console.log('\nWritten to BENCHMARKS.md');
