import type { Worker } from 'node:worker_threads';

/**
 * Who writes the database next, across threads. SQLite lets one connection write at a time and
 * makes the others poll with growing sleeps (busy_timeout), so a live event arriving while an
 * import worker commits could wait a whole import transaction plus an overshooting sleep. With
 * the gate, live ingest (the main thread) announces itself, import batches in workers hold back
 * while it waits, and it is woken the moment the batch in progress ends.
 *
 * The state is two 32-bit cells of a SharedArrayBuffer handed to every import worker:
 * [0] the holder (0 free, LIVE for the main thread, a worker's thread id + 1), [1] how many
 * live writers are waiting.
 */
export interface WriteGate {
  /** Runs `fn` holding the gate; a nested call by the holder runs at once. */
  run<T>(fn: () => T): T;
}

const HOLDER = 0;
const WAITING = 1;
const LIVE = -1;
/** After this long a writer goes ahead anyway and leaves the waiting to SQLite's busy_timeout. */
const GIVE_UP_MS = 5000;
/** Waits are woken by notify; the timeout only bounds the harm of a lost wake-up. */
const POLL_MS = 50;

export function createGateBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
}

function release(cells: Int32Array, me: number): void {
  if (Atomics.compareExchange(cells, HOLDER, me, 0) === me) Atomics.notify(cells, HOLDER);
}

/** The main thread's side: goes first whenever it wants to write. */
export function liveGate(buffer: SharedArrayBuffer): WriteGate {
  const cells = new Int32Array(buffer);
  return {
    run(fn) {
      if (Atomics.load(cells, HOLDER) === LIVE) return fn();
      Atomics.add(cells, WAITING, 1);
      const giveUp = Date.now() + GIVE_UP_MS;
      let held = false;
      try {
        for (;;) {
          const holder = Atomics.compareExchange(cells, HOLDER, 0, LIVE);
          if (holder === 0) {
            held = true;
            break;
          }
          if (Date.now() > giveUp) break;
          Atomics.wait(cells, HOLDER, holder, POLL_MS);
        }
      } finally {
        if (Atomics.sub(cells, WAITING, 1) === 1) Atomics.notify(cells, WAITING);
      }
      try {
        return fn();
      } finally {
        if (held) release(cells, LIVE);
      }
    },
  };
}

/** An import worker's side: writes only while no live writer is waiting. */
export function bulkGate(buffer: SharedArrayBuffer, threadId: number): WriteGate {
  const cells = new Int32Array(buffer);
  const me = threadId + 1;
  return {
    run(fn) {
      if (Atomics.load(cells, HOLDER) === me) return fn();
      const giveUp = Date.now() + GIVE_UP_MS;
      let held = false;
      while (Date.now() <= giveUp) {
        const waiting = Atomics.load(cells, WAITING);
        if (waiting > 0) {
          Atomics.wait(cells, WAITING, waiting, POLL_MS);
          continue;
        }
        const holder = Atomics.compareExchange(cells, HOLDER, 0, me);
        if (holder === 0) {
          held = true;
          break;
        }
        Atomics.wait(cells, HOLDER, holder, POLL_MS);
      }
      try {
        return fn();
      } finally {
        if (held) release(cells, me);
      }
    },
  };
}

/** A worker that ended while holding the gate (killed mid-batch) must not keep it. */
export function releaseAbandoned(buffer: SharedArrayBuffer, threadId: number): void {
  release(new Int32Array(buffer), threadId + 1);
}

/**
 * Frees the gate when `worker` ends holding it. The thread id is read now: by the time `exit`
 * is emitted, `worker.threadId` reads -1.
 */
export function releaseWhenEnded(worker: Worker, buffer: SharedArrayBuffer): void {
  const threadId = worker.threadId;
  worker.once('exit', () => releaseAbandoned(buffer, threadId));
}

export const ungated: WriteGate = { run: (fn) => fn() };
