import { z } from 'zod';
import type { MethodSpec } from './api';

/** Declared like `method()` in api.ts; spread into `methods` there. */
const spec = <I extends z.ZodType, O extends z.ZodType>(access: 'read' | 'write', input: I, output: O): MethodSpec<I, O> => ({ access, input, output });

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a local date YYYY-MM-DD');
/** A wall-clock time at the site, e.g. 2026-03-29T10:30. */
export const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Expected a local date and time YYYY-MM-DDTHH:MM');
const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Expected HH:MM');

export const SESSION_STATUSES = ['scheduled', 'done', 'missed', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const EVIDENCE_KINDS = ['anomaly', 'contact', 'kpi'] as const;
/** Metrics "did it work?" can compare; rates are tested with a two-proportion z-test, AHT with Welch's t. */
export const TARGET_METRICS = ['rnaRate', 'aht', 'answered', 'repeatRate', 'csat'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export const Evidence = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  ref: z.string().min(1).max(200),
  summary: z.string().max(2000).nullable().default(null),
});
export type Evidence = z.infer<typeof Evidence>;

export const CoachingSession = z.object({
  id: z.number().int(),
  uid: z.string(),
  agentId: z.number().int(),
  agentName: z.string(),
  lead: z.string(),
  startAt: z.number(),
  endAt: z.number(),
  topic: z.string(),
  agenda: z.string().nullable(),
  status: z.enum(SESSION_STATUSES),
  targetMetric: z.enum(TARGET_METRICS).nullable(),
  seriesId: z.string().nullable(),
  evidence: z.array(Evidence),
});
export type CoachingSession = z.infer<typeof CoachingSession>;

export const Recurrence = z
  .object({
    every: z.enum(['weekly', 'biweekly']),
    until: LocalDate.optional(),
    count: z.number().int().min(1).max(104).optional(),
  })
  .strict()
  .refine((r) => r.until !== undefined || r.count !== undefined, 'A recurring session needs an end: until a date or a count');
export type Recurrence = z.infer<typeof Recurrence>;

export const ScheduleInput = z
  .object({
    agentId: z.number().int(),
    lead: z.string().trim().min(1).max(200),
    start: LocalDateTime,
    minutes: z.number().int().min(5).max(480),
    topic: z.string().trim().min(1).max(200),
    agenda: z.string().max(4000).optional(),
    evidence: z.array(Evidence).max(50).default([]),
    targetMetric: z.enum(TARGET_METRICS).optional(),
    recurrence: Recurrence.optional(),
  })
  .strict();
export type ScheduleInput = z.input<typeof ScheduleInput>;

export const ScheduleResult = z.object({
  sessions: z.array(CoachingSession),
  /** Soft problems: outside the agent's shift. Hard ones (a clash) are a `conflict` error. */
  warnings: z.array(z.string()),
});

export const Note = z.object({ id: z.number().int(), at: z.number(), text: z.string() });
export const Action = z.object({ id: z.number().int(), text: z.string(), dueAt: z.number().nullable(), done: z.boolean() });

export const MetricValue = z.object({ agent: z.number().nullable(), team: z.number().nullable() });
export const Scorecard = z.object({
  from: z.number(),
  to: z.number(),
  answered: MetricValue,
  ahtSec: MetricValue,
  rnaRate: MetricValue,
  repeatRate: MetricValue,
  csat: MetricValue,
  rnaBySegment: z.array(z.object({ segment: z.string(), agent: z.number().nullable(), team: z.number().nullable(), attempts: z.number().int() })),
  /** Four weeks, oldest first. */
  weeks: z.array(z.object({ from: z.number(), answered: z.number().int(), ahtSec: z.number().nullable(), rnaRate: z.number().nullable() })),
});
export type Scorecard = z.infer<typeof Scorecard>;

export const Impact = z.object({
  metric: z.enum(TARGET_METRICS),
  days: z.number().int(),
  before: z.object({ value: z.number().nullable(), n: z.number().int() }),
  after: z.object({ value: z.number().nullable(), n: z.number().int() }),
  change: z.number().nullable(),
  test: z.string(),
  statistic: z.number().nullable(),
  pValue: z.number().nullable(),
  significant: z.boolean(),
  /** False while the "after" window has not finished yet. */
  complete: z.boolean(),
});
export type Impact = z.infer<typeof Impact>;

export const SessionDetail = z.object({
  session: CoachingSession,
  notes: z.array(Note),
  actions: z.array(Action),
  scorecard: Scorecard,
  impact: Impact.nullable(),
  warnings: z.array(z.string()),
});
export type SessionDetail = z.infer<typeof SessionDetail>;

export const Slot = z.object({
  start: LocalDateTime,
  startAt: z.number(),
  endAt: z.number(),
  /** Expected service level with everyone, and with the agent in the session (time-weighted). */
  slWith: z.number(),
  slWithout: z.number(),
  /** Service-level points lost (0–1) × contacts expected: the ranking key. */
  cost: z.number(),
  forecastContacts: z.number(),
  queue: z.string().nullable(),
});
export type Slot = z.infer<typeof Slot>;

export const Shift = z.object({
  /** null = everyone without their own shift. */
  agentId: z.number().int().nullable(),
  /** 0 = Sunday … 6 = Saturday. */
  days: z.array(z.number().int().min(0).max(6)).min(1),
  from: HourMinute,
  to: HourMinute,
});
export type Shift = z.infer<typeof Shift>;

const settingsFields = {
  /** Desktop notification this many minutes before a session; 0 = none. */
  reminderMinutes: z.number().int().min(0).max(24 * 60),
  /** Days before/after a session that "did it work?" compares. */
  impactDays: z.number().int().min(1).max(90),
  /** Team leads and their e-mail (ORGANIZER in .ics); agents' e-mail is `agents.email`. */
  leads: z.array(z.object({ name: z.string().trim().min(1).max(200), email: z.email().nullable() })).max(500),
  /** Simple shift schedule; agents not listed get their shifts from login/logoff history. */
  shifts: z.array(Shift).max(2000),
  /** Hours the slot finder searches when an agent has no known shift. */
  workday: z.object({ from: HourMinute, to: HourMinute }),
};
export const CoachingSettings = z.object(settingsFields);
export type CoachingSettings = z.infer<typeof CoachingSettings>;
export const DEFAULT_COACHING_SETTINGS: CoachingSettings = { reminderMinutes: 10, impactDays: 14, leads: [], shifts: [], workday: { from: '08:00', to: '18:00' } };
/** A change to some coaching settings (no defaults, so absent fields stay as they are). */
export const CoachingSettingsPatch = z.object(settingsFields).partial().strict();

export const CoachingAgent = z.object({ id: z.number().int(), name: z.string(), email: z.string().nullable() });
export type CoachingAgent = z.infer<typeof CoachingAgent>;

export const StaffingHour = z.object({
  at: z.number(),
  forecast: z.number(),
  ahtSec: z.number().nullable(),
  required: z.number().int(),
  scheduled: z.number().int(),
});
export const StaffingQueue = z.object({
  queue: z.string(),
  channel: z.string(),
  /** Mean absolute percentage error of the same method on the past 4 weeks (hours with contacts). */
  mape: z.number().nullable(),
  hours: z.array(StaffingHour),
});
export type StaffingQueue = z.infer<typeof StaffingQueue>;

const Id = z.object({ id: z.number().int() }).strict();
const Range = z.object({ from: LocalDate.optional(), to: LocalDate.optional() }).strict();

export const coachingMethods = {
  'coaching.agents': spec('read', z.object({}).strict(), z.array(CoachingAgent)),
  'coaching.list': spec('read', Range.extend({ agentId: z.number().int().optional() }).strict(), z.array(CoachingSession)),
  'coaching.get': spec('read', Id, SessionDetail),
  'coaching.schedule': spec('write', ScheduleInput, ScheduleResult),
  'coaching.update': spec(
    'write',
    z
      .object({
        id: z.number().int(),
        status: z.enum(SESSION_STATUSES).optional(),
        topic: z.string().trim().min(1).max(200).optional(),
        agenda: z.string().max(4000).nullable().optional(),
        targetMetric: z.enum(TARGET_METRICS).nullable().optional(),
        evidence: z.array(Evidence).max(50).optional(),
      })
      .strict(),
    CoachingSession,
  ),
  'coaching.addNote': spec('write', z.object({ id: z.number().int(), text: z.string().trim().min(1).max(10_000) }).strict(), Note),
  'coaching.addAction': spec('write', z.object({ id: z.number().int(), text: z.string().trim().min(1).max(2000), due: LocalDate.optional() }).strict(), Action),
  'coaching.setAction': spec('write', z.object({ actionId: z.number().int(), done: z.boolean() }).strict(), Action),
  'coaching.suggest': spec(
    'read',
    z.object({ agentId: z.number().int(), lead: z.string().trim().min(1).max(200), minutes: z.number().int().min(5).max(480), days: z.number().int().min(1).max(28).default(5) }).strict(),
    z.array(Slot),
  ),
  'coaching.ics': spec('read', Range.extend({ ids: z.array(z.number().int()).max(1000).optional() }).strict(), z.object({ filename: z.string(), text: z.string() })),
  'coaching.evidenceOf': spec('read', z.object({ anomalyId: z.number().int() }).strict(), z.object({ agentId: z.number().int().nullable(), evidence: Evidence })),
  'coaching.settings': spec('read', z.object({}).strict(), CoachingSettings),
  'coaching.updateSettings': spec('write', CoachingSettingsPatch, CoachingSettings),
  /** Agents' e-mail addresses (ATTENDEE in .ics); null clears one. */
  'coaching.setAgentEmails': spec(
    'write',
    z.object({ emails: z.array(z.object({ agentId: z.number().int(), email: z.email().nullable() })).max(5000) }).strict(),
    z.array(CoachingAgent),
  ),
  'staffing.forecast': spec('read', z.object({ days: z.number().int().min(1).max(14).default(7) }).strict(), z.array(StaffingQueue)),
} as const;

export const CoachingReminder = z.object({ sessionId: z.number().int(), agentName: z.string(), lead: z.string(), startAt: z.number(), topic: z.string() });
export const coachingEvents = { 'coaching.reminder': CoachingReminder } as const;
