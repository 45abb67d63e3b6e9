import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One measured figure; `baseline` is measured in the same run so the ratio is meaningful here. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** What the figure is held to, in words (e.g. "≤ 15 ms"), shown beside it. */
  target?: string;
  /** Whether `target` holds; undefined when the figure has no target. */
  meets?: boolean;
}

export interface BenchContext {
  /** A fresh scratch directory for this benchmark, removed afterwards. */
  dir: string;
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Figure[]> | Figure[];
}

export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function time<T>(fn: () => T): { ms: number; result: T } {
  const t = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, result };
}

export function scratchDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fw-bench-${name}-`));
}

export function format(f: Figure): string {
  const v = Math.abs(f.value) >= 100 ? f.value.toFixed(0) : f.value.toPrecision(3);
  let line = `  ${f.name.padEnd(52)} ${v.padStart(12)} ${f.unit}`;
  if (f.baseline) line += `   ratio ${(f.value / f.baseline.value).toFixed(2)}× vs ${f.baseline.name}`;
  if (f.target) line += `   target ${f.target}${f.meets === undefined ? '' : f.meets ? ' ✓' : ' ✗'}`;
  return line;
}
