import { z } from 'zod';
import type { MethodSpec } from './api';

/** Detection settings (DESIGN §6): what must hold before a cell may become a flag. */
export const AnomalySettings = z
  .object({
    /** Contacts (or ring attempts) a cell needs before it is tested at all. */
    minContacts: z.number().int().min(1).max(100_000).default(20),
    /** Observed count must be at least this multiple of the expected count. */
    minRatio: z.number().min(1).max(100).default(1.5),
    /** False-discovery rate for Benjamini–Hochberg: a cell is flagged when q ≤ this. */
    fdr: z.number().min(0.0001).max(0.5).default(0.05),
    /** Days a scan looks back from now. */
    windowDays: z.number().int().min(1).max(366).default(28),
    /** Rescan live data (at most once a minute, only when new contacts arrived). */
    live: z.boolean().default(true),
  })
  .default({ minContacts: 20, minRatio: 1.5, fdr: 0.05, windowDays: 28, live: true });
export type AnomalySettings = z.infer<typeof AnomalySettings>;

export const ANOMALY_KINDS = ['unanswered', 'avoidance'] as const;
/**
 * `hour`: recurring hour of day; `weekday-hour`: recurring hour on one weekday; `date-hour`: one-off;
 * `floor-weekday-hour`: recurring hour on one weekday, every segment together; `floor-date-hour`:
 * one-off, every segment together (the segment of both floor flags is null); `agent-segment`: avoidance.
 */
export const ANOMALY_SCOPES = ['hour', 'weekday-hour', 'date-hour', 'floor-weekday-hour', 'floor-date-hour', 'agent-segment'] as const;
/** Scopes of flags about the whole floor (every segment together; the flag's segment is null). */
export const FLOOR_SCOPES: readonly AnomalyScope[] = ['floor-weekday-hour', 'floor-date-hour'];
export type AnomalyScope = (typeof ANOMALY_SCOPES)[number];
export const isFloorScope = (scope: AnomalyScope): boolean => FLOOR_SCOPES.includes(scope);
export const ANOMALY_STATUSES = ['new', 'acknowledged', 'dismissed', 'coached'] as const;

/** The figures behind an explanation, so screens render the sentence in their own language. */
export const AnomalyDetail = z.object({
  scope: z.enum(ANOMALY_SCOPES),
  /** 0 = Sunday … 6 = Saturday, for `weekday-hour` and `floor-weekday-hour`. */
  weekday: z.number().int().min(0).max(6).nullable(),
  /** Local date YYYY-MM-DD, for `date-hour` and `floor-date-hour`. */
  date: z.string().nullable(),
  /**
   * Unanswered: the segment's rate in the other hours (whole floor: that date's, or that
   * weekday's, rate in its other hours). Avoidance: the agent's RNA rate with other segments.
   */
  baseRate: z.number().min(0).max(1),
  /**
   * Unanswered: other segments' rate in the same hours (whole floor: the same hour on the other
   * dates, or on the other weekdays). Avoidance: the team's RNA rate with this segment.
   */
  peerRate: z.number().min(0).max(1),
  /** Overdispersion factor the test allowed for (1 = plain binomial). */
  dispersion: z.number().min(1),
});
export type AnomalyDetail = z.infer<typeof AnomalyDetail>;

/** A flag on record (the `anomalies` table). */
export const Anomaly = z.object({
  id: z.number().int(),
  /**
   * Stable identity of the finding (the table's unique fingerprint): the same pattern found by
   * another scan, or by a read before any scan recorded it, has the same key.
   */
  key: z.string(),
  kind: z.enum(ANOMALY_KINDS),
  segment: z.string().nullable(),
  agent: z.string().nullable(),
  agentId: z.number().int().nullable(),
  queue: z.string().nullable(),
  channel: z.string().nullable(),
  /** ISO 8601 with the site's offset, bounding the contacts concerned. */
  from: z.string(),
  to: z.string(),
  fromAt: z.number(),
  toAt: z.number(),
  /** Local hours of day of a recurring pattern; null for one-off windows and avoidance. */
  hours: z.array(z.number().int().min(0).max(23)).nullable(),
  observed: z.number().nonnegative(),
  expected: z.number().nonnegative(),
  total: z.number().int().nonnegative(),
  pValue: z.number().min(0).max(1),
  qValue: z.number().min(0).max(1),
  /** English sentence (CLI, logs); screens render their own from `detail`. */
  explanation: z.string(),
  detail: AnomalyDetail,
  status: z.enum(ANOMALY_STATUSES),
  statusReason: z.string().nullable(),
  detectedAt: z.number(),
});
export type Anomaly = z.infer<typeof Anomaly>;

/**
 * A flag as a read shows it: on record (id set), or found by this read and not recorded yet (id
 * null, status new). Reads never write; the periodic scan and `anomalies.scan` record findings.
 */
export const AnomalyFinding = Anomaly.extend({
  id: z.number().int().nullable(),
  /**
   * Found by the scan this overview shows. False: on record from an earlier scan that the data
   * as it is now no longer supports (more contacts since, a directory import, a settings change);
   * its figures are that scan's.
   */
  found: z.boolean(),
});
export type AnomalyFinding = z.infer<typeof AnomalyFinding>;

/** Local dates YYYY-MM-DD, both inclusive; default the last `windowDays`. */
export const AnomalyRange = z
  .object({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict();

export const HeatCell = z.object({
  segment: z.string().nullable(),
  hour: z.number().int().min(0).max(23),
  offered: z.number().int().nonnegative(),
  unanswered: z.number().int().nonnegative(),
  rate: z.number().min(0).max(1).nullable(),
  /** Key of a flag covering this cell (recurring hour pattern), else null. */
  flagKey: z.string().nullable(),
});
export const RnaCell = z.object({
  agentId: z.number().int(),
  agent: z.string(),
  segment: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  noAnswer: z.number().int().nonnegative(),
  rate: z.number().min(0).max(1).nullable(),
  /** Key of the avoidance flag of this cell, else null. */
  flagKey: z.string().nullable(),
});
export const AnomalyOverview = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  segments: z.array(z.string().nullable()),
  heatmap: z.array(HeatCell),
  rna: z.array(RnaCell),
  flags: z.array(AnomalyFinding),
  scannedAt: z.number(),
  /** Cells tested per kind (the multiple-testing family size). */
  tested: z.object({ unanswered: z.number().int(), avoidance: z.number().int() }),
});
export type AnomalyOverview = z.infer<typeof AnomalyOverview>;

export const AnomalyContact = z.object({
  id: z.number().int(),
  enterAt: z.number(),
  channel: z.string(),
  queue: z.string(),
  caller: z.string().nullable(),
  customerName: z.string().nullable(),
  segment: z.string().nullable(),
  agent: z.string().nullable(),
  outcome: z.string().nullable(),
  waitSec: z.number().nullable(),
  /** The contact counts towards the flag's observed figure (went unanswered / rang out on the agent). */
  concerned: z.boolean(),
});
export type AnomalyContact = z.infer<typeof AnomalyContact>;

const ContactLimit = z.number().int().min(1).max(1000).default(200);
const spec = <I extends z.ZodType, O extends z.ZodType>(access: 'read' | 'write', input: I, output: O): MethodSpec<I, O> => ({ access, input, output });

export const anomalyMethods = {
  /**
   * Heatmap, RNA matrix and the flags of the range: those on record and those a scan would record
   * now (id null). Writes nothing.
   */
  'anomalies.overview': spec('read', AnomalyRange, AnomalyOverview),
  /** Scans the range and records what it finds (new flags are pushed as `anomalies.flagged`); returns the overview, every flag with its id. */
  'anomalies.scan': spec('write', AnomalyRange, AnomalyOverview),
  /** Flags on record whose window overlaps the range. */
  'anomalies.list': spec(
    'read',
    // current: only flags the latest scan of the default window (the periodic scan's) found.
    AnomalyRange.extend({ status: z.enum(ANOMALY_STATUSES).optional(), current: z.boolean().optional() }).strict(),
    z.array(Anomaly),
  ),
  /** Contacts behind a flag: by id when it is on record, else by key and the range of the overview that showed it. */
  'anomalies.contacts': spec(
    'read',
    z.union([
      z.object({ id: z.number().int(), limit: ContactLimit }).strict(),
      AnomalyRange.extend({ key: z.string().min(1).max(500), limit: ContactLimit }).strict(),
    ]),
    z.array(AnomalyContact),
  ),
  'anomalies.setStatus': spec(
    'write',
    z
      .object({ id: z.number().int(), status: z.enum(ANOMALY_STATUSES), reason: z.string().max(500).optional() })
      .strict()
      .refine((v) => v.status !== 'dismissed' || (v.reason ?? '').trim().length > 0, { message: 'Dismissing a flag needs a reason.' }),
    Anomaly,
  ),
} as const satisfies Record<string, MethodSpec>;

export const anomalyEvents = {
  /** New flags found by a scan (live rescans included). */
  'anomalies.flagged': z.object({ added: z.array(Anomaly) }),
  /** A flag's status changed. */
  'anomalies.updated': Anomaly,
} as const;
