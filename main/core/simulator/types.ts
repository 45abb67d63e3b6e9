import { z } from 'zod';
import type { Channel } from '../../../shared/domain/channels';
import type { CustomerRecord, IngestEvent } from '../ingest/events';
import type { Clock } from '../ports';

const window = {
  /** Epoch ms from which the anomaly is active (inclusive); open when absent. */
  from: z.number().optional(),
  /** Epoch ms until which the anomaly is active (exclusive); open when absent. */
  to: z.number().optional(),
};

/**
 * Anomalies planted in the traffic, so detection can be benchmarked against a known truth.
 * `avoidance`: the agent lets contacts of one segment ring out at `rnaRate` (0..1) instead of its
 * usual rate. `unanswered`: in the given local hours (and weekdays, 0 = Sunday … 6 = Saturday)
 * the segment's contacts go unanswered about `abandonFactor` times as often as normal; without a
 * segment, every contact does (an outage for the whole floor, with `from`/`to` around one hour).
 */
export const Injection = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('avoidance'),
    agent: z.string().min(1),
    segment: z.string().min(1),
    rnaRate: z.number().min(0).max(1),
    ...window,
  }),
  z.object({
    kind: z.literal('unanswered'),
    segment: z.string().min(1).optional(),
    localHours: z.array(z.number().int().min(0).max(23)).min(1),
    weekdays: z.array(z.number().int().min(0).max(6)).optional(),
    abandonFactor: z.number().min(1).max(100),
    ...window,
  }),
]);
export type Injection = z.infer<typeof Injection>;

export interface SimulatorOptions {
  /** Same seed + same clock → same events. */
  seed: number;
  clock: Clock;
  /** Site IANA zone: shifts and hourly profiles are local hours. */
  timezone: string;
  /** Receives batches of events in time order. */
  emit(events: IngestEvent[]): void;
  /** Default 'simulator'. */
  source?: string;
  /** Arrival-rate multiplier, default 1. */
  intensity?: number;
  /**
   * Teams on the floor, 1–20 (default 1: 25 agents). Each team adds 25 agents with the same
   * rota and scales arrivals alike, so a bigger floor stays as well served and is livelier.
   */
  teams?: number;
  inject?: Injection[];
  /** Called when `emit` throws inside the real-time timer; without it the error is rethrown. */
  onError?: (error: unknown) => void;
}

export interface SimulatedAgent {
  key: string;
  name: string;
  channels: Channel[];
  queues: string[];
}

export interface SimulatorStatus {
  running: boolean;
  seed: number;
  /** Simulated contacts emitted so far. */
  generated: number;
}

export interface Simulator {
  /** The directory of simulated customers (caller → segment, name). */
  customers(): CustomerRecord[];
  agents(): SimulatedAgent[];
  /**
   * Generates everything between from and to (epoch ms) at once. The first call (or `start`)
   * fixes the simulation's origin; later calls continue from where the simulation stands.
   */
  backfill(from: number, to: number): void;
  /** Real time: every ~200 ms, advances to clock.now() and emits what happened. */
  start(): void;
  stop(): void;
  /** Advances to clock.now() once; what the real-time timer calls. */
  tick(): void;
  status(): SimulatorStatus;
}
