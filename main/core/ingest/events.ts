import { z } from 'zod';
import { CHANNELS, OUTCOMES } from '../../../shared/domain/channels';

/**
 * The one normalised event stream every source (queue_log, AMI, CSV/JSON exports, NDJSON feed,
 * simulator) is translated into before it reaches the store. `source` + `id` identify a contact
 * (e.g. source "queue_log:site-a" and the Asterisk uniqueid); `at` is UTC epoch milliseconds.
 * Ingest is idempotent: applying the same events twice changes nothing.
 */
const base = {
  source: z.string().min(1).max(200),
  id: z.string().min(1).max(200),
  at: z.number().int().nonnegative(),
};

export const EnqueuedEvent = z.object({
  kind: z.literal('enqueued'),
  ...base,
  channel: z.enum(CHANNELS),
  queue: z.string().min(1).max(200),
  caller: z.string().max(200).nullish(),
  did: z.string().max(200).nullish(),
  /** Segment stated by the source itself (NDJSON `segment`, a CSV column); the directory wins. */
  segment: z.string().max(100).nullish(),
  customerName: z.string().max(200).nullish(),
  /** Source fields Floorwatch has no column for, kept as JSON. */
  extra: z.record(z.string(), z.unknown()).nullish(),
});

export const RingEvent = z.object({
  kind: z.literal('ring'),
  ...base,
  agent: z.string().min(1).max(200),
});

export const RingEndEvent = z.object({
  kind: z.literal('ring-end'),
  ...base,
  agent: z.string().min(1).max(200),
  ringMs: z.number().int().nonnegative().nullish(),
  result: z.enum(['no-answer', 'canceled']),
});

export const AnsweredEvent = z.object({
  kind: z.literal('answered'),
  ...base,
  agent: z.string().min(1).max(200),
  /** Wait as the source measured it; otherwise answer time minus enter time. */
  waitMs: z.number().int().nonnegative().nullish(),
  ringMs: z.number().int().nonnegative().nullish(),
});

export const EndedEvent = z.object({
  kind: z.literal('ended'),
  ...base,
  /**
   * `answered` for a completed conversation; otherwise why the contact left unanswered. `closed`
   * (ended without a reply) on a contact already answered, e.g. in an earlier file, stores
   * `answered`.
   */
  outcome: z.enum(OUTCOMES),
  /**
   * The agent who took the contact, from a source that names them only at the end (an NDJSON
   * `closed` line with `agent`). A contact not answered yet is answered by them at `at`, the only
   * time known; one already answered keeps its answer.
   */
  agent: z.string().min(1).max(200).nullish(),
  waitMs: z.number().int().nonnegative().nullish(),
  /**
   * The source knows neither the wait nor when the contact left the queue (`at` is only a
   * placeholder), so the wait stays unknown instead of being derived from `at`: an abandoned
   * contact with wait 0 would count as a short abandon and pull down the average wait.
   */
  waitUnknown: z.boolean().nullish(),
  talkMs: z.number().int().nonnegative().nullish(),
  holdMs: z.number().int().nonnegative().nullish(),
  wrapMs: z.number().int().nonnegative().nullish(),
  /** Agent wrap-up after the contact; the agent shows "wrap-up" until `at + wrapMs`. */
  reason: z.string().max(200).nullish(),
  resolved: z.boolean().nullish(),
  csat: z.number().int().min(1).max(5).nullish(),
  nps: z.number().int().min(0).max(10).nullish(),
});

export const TransferredEvent = z.object({
  kind: z.literal('transferred'),
  ...base,
  to: z.string().max(200).nullish(),
});

export const AgentEvent = z.object({
  kind: z.literal('agent'),
  source: base.source,
  at: base.at,
  agent: z.string().min(1).max(200),
  /** Display name when the source knows it apart from the agent key (e.g. `Sathish` for `SIP/1001`). */
  name: z.string().max(200).nullish(),
  action: z.enum(['login', 'logoff', 'pause', 'unpause', 'add', 'remove', 'ready']),
  queue: z.string().max(200).nullish(),
  reason: z.string().max(200).nullish(),
});

export const IngestEvent = z.discriminatedUnion('kind', [
  EnqueuedEvent,
  RingEvent,
  RingEndEvent,
  AnsweredEvent,
  EndedEvent,
  TransferredEvent,
  AgentEvent,
]);
export type IngestEvent = z.infer<typeof IngestEvent>;
export type EnqueuedEvent = z.infer<typeof EnqueuedEvent>;
export type AgentEvent = z.infer<typeof AgentEvent>;

/** A customer directory entry (DESIGN §2 `customers`). */
export const CustomerRecord = z.object({
  caller: z.string().min(1).max(200),
  segment: z.string().max(100).nullish(),
  name: z.string().max(200).nullish(),
  ref: z.string().max(200).nullish(),
});
export type CustomerRecord = z.infer<typeof CustomerRecord>;
