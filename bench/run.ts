import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { format, scratchDir, type Benchmark, type Figure } from './harness';
import { BENCHMARKS } from './benchmarks';

/**
 * `npm run bench [-- NAME… --json]`: runs the named benchmarks (all by default) and prints each
 * figure with its unit and, where it has one, the ratio to a baseline measured in the same run.
 * Targets are reported, never asserted: performance is not checked by timed unit tests.
 */
async function main() {
  const { values, positionals } = parseArgs({ options: { json: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } }, allowPositionals: true });
  if (values.list) {
    for (const b of BENCHMARKS) process.stdout.write(`${b.name.padEnd(24)} ${b.description}\n`);
    return;
  }
  const unknown = positionals.filter((p) => !BENCHMARKS.some((b) => b.name === p));
  if (unknown.length) {
    process.stderr.write(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const selected: Benchmark[] = positionals.length ? BENCHMARKS.filter((b) => positionals.includes(b.name)) : BENCHMARKS;
  const results: { benchmark: string; figures: Figure[] }[] = [];
  for (const b of selected) {
    const dir = scratchDir(b.name);
    if (!values.json) process.stdout.write(`\n${b.name} — ${b.description}\n`);
    try {
      const figures = await b.run({ dir, log: (m) => process.stderr.write(`  · ${m}\n`) });
      results.push({ benchmark: b.name, figures });
      if (!values.json) for (const f of figures) process.stdout.write(`${format(f)}\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

void main();
