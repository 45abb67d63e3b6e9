import { z } from 'zod';
import type { IngestEvent } from '../ingest/events';
import { agentChannels, rosterFor } from './agents';
import { createDirectory, type Directory } from './directory';
import { createEngine } from './engine';
import { TIME, createZone } from './localtime';
import { Injection, type Simulator, type SimulatorOptions } from './types';

export type { Injection, SimulatedAgent, Simulator, SimulatorOptions, SimulatorStatus } from './types';
export { SEGMENTS } from './profile';

/**
 * The built-in traffic simulator: a source like any other. It only produces `IngestEvent`s and a
 * customer directory; the core feeds them through the ordinary ingest path.
 *
 * Contact ids are `sim-<seed>-<origin in base-36 seconds>-<n>`: the origin is where the first
 * backfill (or `start`) began, so a restart with the same seed and origin regenerates the same
 * contacts under the same ids (ingest dedupes them, and contacts left open by the previous run
 * get their ending), while runs from another origin never collide.
 */
const TICK_MS = 200;
/** Backfill hands events over in batches of about this size, so a month never sits in memory. */
const BATCH = 5000;

const Numbers = z.object({ seed: z.number().int(), intensity: z.number().min(0).max(100), teams: z.number().int().min(1).max(20) });

let sharedDirectory: Directory | null = null;
/** One customer base for every run: seeds vary per day in some hosts, customers should not. */
function directory(): Directory {
  sharedDirectory ??= createDirectory(1);
  return sharedDirectory;
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const { seed, intensity, teams } = Numbers.parse({ seed: options.seed, intensity: options.intensity ?? 1, teams: options.teams ?? 1 });
  const injections = z.array(Injection).parse(options.inject ?? []);
  const zone = createZone(options.timezone);
  const engine = createEngine({
    seed,
    source: options.source ?? 'simulator',
    zone,
    directory: directory(),
    injections,
    intensity,
    teams,
  });
  let timer: ReturnType<typeof setInterval> | null = null;

  const flush = (): void => {
    const events: IngestEvent[] = engine.drain();
    if (events.length > 0) options.emit(events);
  };

  const tick = (): void => {
    const now = options.clock.now();
    if (!engine.started) engine.init(now);
    engine.advanceTo(now);
    flush();
  };

  const stop = (): void => {
    if (timer) clearInterval(timer);
    timer = null;
  };

  const onTimer = (): void => {
    try {
      tick();
    } catch (error) {
      if (options.onError) return options.onError(error);
      // Unreported, a failing sink would fail again every tick: stop, then let it surface.
      stop();
      throw error;
    }
  };

  return {
    customers: () => directory().records(),
    agents: () =>
      rosterFor(teams).map((spec) => ({ key: spec.key, name: spec.name, channels: agentChannels(spec), queues: [...spec.queues] })),
    backfill(from, to) {
      if (!engine.started) engine.init(from);
      // Hour steps keep batches bounded; stepping does not change what is generated.
      for (let t = Math.max(engine.time, from); t < to; ) {
        t = Math.min(to, t + TIME.HOUR);
        engine.advanceTo(t);
        if (engine.pending() >= BATCH) flush();
      }
      flush();
    },
    start() {
      if (timer) return;
      tick();
      // Not unref'd: a running live source keeps the process alive until stop() (the CLI's
      // `simulate --live` relies on it).
      timer = setInterval(onTimer, TICK_MS);
    },
    stop,
    tick,
    status: () => ({ running: timer !== null, seed, generated: engine.generated }),
  };
}
