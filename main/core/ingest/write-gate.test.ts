import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateBuffer, liveGate, releaseAbandoned, releaseWhenEnded } from './write-gate';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-gate-'));
let gateModule = '';

beforeAll(async () => {
  gateModule = path.join(dir, 'write-gate.mjs');
  await build({ entryPoints: [path.join(import.meta.dirname, 'write-gate.ts')], outfile: gateModule, bundle: true, platform: 'node', format: 'esm', logLevel: 'error' });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A worker that writes batches back to back through the bulk side, appending 1 to the shared log
 * per batch and holding each batch for ~2 ms, until told to stop (log cell 0 is the length).
 */
const BULK_WORKER = `
const { workerData, threadId } = require('node:worker_threads');
import(workerData.module).then(({ bulkGate }) => {
  const gate = bulkGate(workerData.gate, threadId);
  const log = new Int32Array(workerData.log);
  const stop = new Int32Array(workerData.stop);
  while (Atomics.load(stop, 0) === 0) {
    gate.run(() => {
      const n = Atomics.add(log, 0, 1);
      Atomics.store(log, 1 + n, 1);
      const until = Date.now() + 2;
      while (Date.now() < until) {}
    });
  }
});`;

describe('write gate', () => {
  it('lets the holder nest runs', () => {
    const live = liveGate(createGateBuffer());
    expect(live.run(() => live.run(() => 42))).toBe(42);
  });

  it('gives the live writer the next turn while a worker writes back to back', async () => {
    const gate = createGateBuffer();
    const log = new SharedArrayBuffer(4 * 10_000);
    const stop = new SharedArrayBuffer(4);
    const cells = new Int32Array(log);
    const worker = new Worker(BULK_WORKER, { eval: true, workerData: { module: pathToFileURL(gateModule).href, gate, log, stop } });
    try {
      const live = liveGate(gate);
      const positions: number[] = [];
      for (let round = 0; round < 20; round++) {
        // Wait (without blocking the loop) until the worker is busy writing batches.
        const before = Atomics.load(cells, 0);
        while (Atomics.load(cells, 0) < before + 3) await new Promise((r) => setTimeout(r, 1));
        const asked = Atomics.load(cells, 0);
        live.run(() => {
          const n = Atomics.add(cells, 0, 1);
          Atomics.store(cells, 1 + n, 2);
          positions.push(n - asked);
        });
      }
      // At most the batch in progress, and one that had already passed the check, go first.
      expect(Math.max(...positions)).toBeLessThanOrEqual(2);
    } finally {
      Atomics.store(new Int32Array(stop), 0, 1);
      await worker.terminate();
    }
  });

  it('frees the gate when a worker exits in the middle of a batch', async () => {
    const gate = createGateBuffer();
    const worker = new Worker(
      `const { workerData, threadId } = require('node:worker_threads');
       import(workerData.module).then(({ bulkGate }) => bulkGate(workerData.gate, threadId).run(() => process.exit(3)));`,
      { eval: true, workerData: { module: pathToFileURL(gateModule).href, gate } },
    );
    releaseWhenEnded(worker, gate);
    const code = await new Promise<number>((resolve) => worker.once('exit', resolve));
    expect(code).toBe(3);
    expect(new Int32Array(gate)[0]).toBe(0);
  });

  it('frees a gate left held by a worker that ended mid-batch', () => {
    const gate = createGateBuffer();
    new Int32Array(gate)[0] = 7 + 1;
    releaseAbandoned(gate, 7);
    let ran = false;
    liveGate(gate).run(() => (ran = true));
    expect(ran).toBe(true);
    expect(new Int32Array(gate)[0]).toBe(0);
  });
});
