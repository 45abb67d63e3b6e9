import { z } from 'zod';
import { AGENT_STATES, CHANNELS } from '../domain/channels';

export const ChannelSchema = z.enum(CHANNELS);

/** Figures of one tile: a channel, or one queue of a channel. "Today" is the site's local day. */
export const TileFigures = z.object({
  waiting: z.number().int().nonnegative(),
  longestWaitMs: z.number().nonnegative(),
  /** Share of the answer target the longest waiting contact has used (0 when none waits). */
  longestTargetShare: z.number().nonnegative(),
  agents: z.object({
    available: z.number().int().nonnegative(),
    busy: z.number().int().nonnegative(),
    paused: z.number().int().nonnegative(),
    wrapup: z.number().int().nonnegative(),
  }),
  offeredToday: z.number().int().nonnegative(),
  answeredToday: z.number().int().nonnegative(),
  abandonedToday: z.number().int().nonnegative(),
  /** Service level today (DESIGN §4), 0..1, null when nothing counts yet. */
  serviceLevel: z.number().min(0).max(1).nullable(),
  targetSec: z.number().positive(),
  /** Queue depth sampled once a minute over the last 60 minutes, oldest first. */
  depth60: z.array(z.number().int().nonnegative()),
});
export type TileFigures = z.infer<typeof TileFigures>;

export const ChannelTile = TileFigures.extend({ channel: ChannelSchema });
export const QueueTile = TileFigures.extend({ channel: ChannelSchema, queue: z.string() });

export const WaitingContact = z.object({
  id: z.number().int(),
  channel: ChannelSchema,
  queue: z.string(),
  caller: z.string().nullable(),
  customerName: z.string().nullable(),
  segment: z.string().nullable(),
  repeat: z.boolean(),
  enteredAt: z.number(),
  targetSec: z.number().positive(),
  /** Urgency at `LiveSnapshot.at` (DESIGN §5); grows linearly with the wait. */
  urgency: z.number().nonnegative(),
  /** Multiplier from segment weight and repeat boost: urgency = waited / target × factor. */
  factor: z.number().positive(),
});
export type WaitingContact = z.infer<typeof WaitingContact>;

export const AgentLive = z.object({
  id: z.number().int(),
  name: z.string(),
  state: z.enum(AGENT_STATES),
  since: z.number().nullable(),
  reason: z.string().nullable(),
  handledToday: z.number().int().nonnegative(),
  rnaToday: z.number().int().nonnegative(),
  channels: z.array(ChannelSchema),
});
export type AgentLive = z.infer<typeof AgentLive>;

export const LiveSnapshot = z.object({
  /** Server time the snapshot was computed at (epoch ms); clients advance waits from it. */
  at: z.number(),
  timezone: z.string(),
  /** Local date of "today" at the site, YYYY-MM-DD. */
  today: z.string(),
  /** Time of the last ingested event from any live source, null if none yet. */
  lastEventAt: z.number().nullable(),
  channels: z.array(ChannelTile),
  queues: z.array(QueueTile),
  waiting: z.array(WaitingContact),
  waitingTotal: z.number().int().nonnegative(),
  agents: z.array(AgentLive),
});
export type LiveSnapshot = z.infer<typeof LiveSnapshot>;

/** Pushed when a contact passes its answer target or a queue reaches the red depth threshold. */
export const LiveAlert = z.object({
  kind: z.enum(['target-missed', 'queue-depth']),
  at: z.number(),
  channel: ChannelSchema,
  queue: z.string(),
  contactId: z.number().int().nullable(),
  segment: z.string().nullable(),
  waitedMs: z.number().nonnegative(),
  /** Contacts waiting in the queue (queue-depth alerts). */
  waiting: z.number().int().nullable(),
});
export type LiveAlert = z.infer<typeof LiveAlert>;
