import { z } from 'zod';
import { CHANNELS } from '../../../../shared/domain/channels';

/**
 * One line of the NDJSON event feed (DESIGN §8), as a file line or an HTTP body. Unknown fields
 * pass through (`looseObject`) so the translator can keep them.
 *
 * Required: `type`, `id`, `at`; `channel` and `queue` on `enqueued`; `agent` on `answered`.
 * `at` is ISO 8601 with `Z` or an offset, or epoch milliseconds (a number below 10^11 is taken
 * for seconds by mistake and refused). Recognised optional fields: `customer`, `segment` (on
 * enqueued), `agent`, `csat` 1–5, `nps` 0–10, `reason`, `resolved` (on closed), `to` (on
 * transferred).
 */

export const FEED_TYPES = ['enqueued', 'answered', 'abandoned', 'closed', 'transferred'] as const;
export type FeedType = (typeof FEED_TYPES)[number];

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})$/;
const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

const At = z.union([z.number(), z.string()], { error: (iss) => (iss.input === undefined ? 'missing' : 'expected an ISO 8601 string or epoch milliseconds') }).superRefine((v, ctx) => {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) ctx.addIssue({ code: 'custom', message: 'epoch milliseconds must be a non-negative integer' });
    else if (v < 1e11) ctx.addIssue({ code: 'custom', message: `${v} looks like epoch seconds; the feed takes milliseconds` });
    return;
  }
  if (ISO_LOCAL.test(v)) ctx.addIssue({ code: 'custom', message: `"${v}" has no UTC offset (add Z or +hh:mm)` });
  else if (!ISO_WITH_OFFSET.test(v) || Number.isNaN(Date.parse(v))) ctx.addIssue({ code: 'custom', message: `"${v.slice(0, 40)}" is not an ISO 8601 date-time with offset` });
});

const Id = z.union([z.string().min(1, 'must not be empty').max(200), z.number().int().nonnegative()], { error: (iss) => (iss.input === undefined ? 'missing' : 'expected a string (or integer) id') }).transform(String);
const Text = (max: number) => z.union([z.string().max(max), z.number()]).transform(String).nullish();

export const FeedLine = z
  .looseObject({
    type: z.enum(FEED_TYPES, { error: (iss) => (iss.input === undefined ? 'missing' : `unknown type "${String(iss.input).slice(0, 40)}" (expected ${FEED_TYPES.join(', ')})`) }),
    id: Id,
    at: At,
    channel: z.enum(CHANNELS, { error: (iss) => `unknown channel "${String(iss.input).slice(0, 40)}" (expected ${CHANNELS.join(', ')})` }).nullish(),
    queue: z.string().min(1, 'must not be empty').max(200).nullish(),
    customer: Text(200),
    agent: z.union([z.string().min(1, 'must not be empty').max(200), z.number()]).transform(String).nullish(),
    segment: z.string().max(100).nullish(),
    csat: z.number().int().min(1).max(5).nullish(),
    nps: z.number().int().min(0).max(10).nullish(),
    reason: z.string().max(200).nullish(),
    resolved: z.boolean().nullish(),
    to: z.string().max(200).nullish(),
  })
  .superRefine((line, ctx) => {
    if (line.type === 'enqueued') {
      if (!line.channel) ctx.addIssue({ code: 'custom', path: ['channel'], message: 'required on enqueued' });
      if (!line.queue) ctx.addIssue({ code: 'custom', path: ['queue'], message: 'required on enqueued' });
    }
    if (line.type === 'answered' && !line.agent) ctx.addIssue({ code: 'custom', path: ['agent'], message: 'required on answered' });
  });
export type FeedLine = z.output<typeof FeedLine>;
export type FeedLineInput = z.input<typeof FeedLine>;

/** The fields a line type uses; anything else on the line is "unknown" and kept as extra. */
export const KNOWN_FIELDS: Record<FeedType, readonly string[]> = {
  enqueued: ['type', 'id', 'at', 'channel', 'queue', 'customer', 'segment'],
  answered: ['type', 'id', 'at', 'channel', 'queue', 'agent'],
  abandoned: ['type', 'id', 'at', 'channel', 'queue'],
  closed: ['type', 'id', 'at', 'channel', 'queue', 'agent', 'csat', 'nps', 'reason', 'resolved'],
  transferred: ['type', 'id', 'at', 'channel', 'queue', 'agent', 'to'],
};
