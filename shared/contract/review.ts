import { z } from 'zod';
import { CHANNELS } from '../domain/channels';
import { addLocalDays } from '../domain/time';
import type { Access, MethodSpec } from './api';

/**
 * Offline review: range and filters shared by every analytic screen, KPI tables and period
 * comparison, the contacts explorer, exports (CSV, XLSX, PDF) as cancellable jobs, the open data
 * file, backups and privacy actions.
 */

const spec = <I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O): MethodSpec<I, O> => ({ access, input, output });

export const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');

/** Both dates are local to the site and inclusive. Empty filter fields mean "all". */
export const ReviewFilters = z
  .object({
    from: LocalDate,
    to: LocalDate,
    channel: z.enum(CHANNELS).optional(),
    queue: z.string().max(200).optional(),
    /** '' selects contacts without a segment. */
    segment: z.string().max(200).optional(),
    agent: z.string().max(200).optional(),
  })
  .strict()
  .refine((f) => f.from <= f.to, { message: 'from is after to', path: ['to'] });
export type ReviewFilters = z.infer<typeof ReviewFilters>;

/** The KPI columns screens and PDF reports show (exports carry every column of `floorwatch kpis`). */
export const DISPLAY_KPI_FIELDS = ['offered', 'answered', 'abandoned', 'serviceLevel', 'answerRate', 'abandonRate', 'asaSec', 'avgWaitSec', 'ahtSec', 'rnaRate', 'fcr', 'csat', 'nps'] as const;

/** Figures that are shares 0–1 (shown as %); `nps` is a score −100…100. */
export const isShareMetric = (metric: string): boolean => /Rate$|^serviceLevel$|^fcr$|^csat$/.test(metric);

export const REVIEW_GROUPS = ['day', 'hour', 'weekday', 'segment', 'queue', 'channel', 'agent'] as const;
export const ReviewGroup = z.enum(REVIEW_GROUPS);
export type ReviewGroup = z.infer<typeof ReviewGroup>;

/** One KPI table: the same columns `floorwatch kpis --csv` writes. */
export const Cell = z.union([z.string(), z.number(), z.null()]);
export const KpiTable = z.object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), Cell)) });
export type KpiTable = z.infer<typeof KpiTable>;

export const CompareRow = z.object({
  metric: z.string(),
  a: z.number().nullable(),
  b: z.number().nullable(),
  /** a − b; null when either side is missing. */
  diff: z.number().nullable(),
  /** (a − b) / b; null when b is 0 or missing. */
  pct: z.number().nullable(),
});
export type CompareRow = z.infer<typeof CompareRow>;

export const CONTACT_SORTS = ['enter-desc', 'enter-asc', 'wait-desc'] as const;
export const ContactSort = z.enum(CONTACT_SORTS);
export type ContactSort = z.infer<typeof ContactSort>;

export const ContactListRow = z.object({
  id: z.number().int(),
  enterAt: z.number(),
  channel: z.string(),
  queue: z.string(),
  caller: z.string().nullable(),
  segment: z.string(),
  agent: z.string().nullable(),
  outcome: z.string().nullable(),
  waitSec: z.number().nullable(),
  talkSec: z.number().nullable(),
  transfers: z.number().int(),
});
export type ContactListRow = z.infer<typeof ContactListRow>;
export const CONTACT_COLUMNS = ['id', 'enterAt', 'channel', 'queue', 'caller', 'segment', 'agent', 'outcome', 'waitSec', 'talkSec', 'transfers'] as const;

export const ContactPage = z.object({ rows: z.array(ContactListRow), next: z.string().nullable() });
export type ContactPage = z.infer<typeof ContactPage>;

export const TimelineEntry = z.object({
  at: z.number(),
  kind: z.enum(['enter', 'ring', 'answer', 'transfer', 'end']),
  agent: z.string().nullable(),
  /** ring: connected / no-answer (let it ring out) / canceled; end: the outcome. */
  result: z.string().nullable(),
  ms: z.number().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const ContactDetail = z.object({ contact: ContactListRow.extend({ source: z.string(), sourceId: z.string(), reason: z.string().nullable() }), timeline: z.array(TimelineEntry) });
export type ContactDetail = z.infer<typeof ContactDetail>;

export const ReviewOptions = z.object({ queues: z.array(z.string()), segments: z.array(z.string()), agents: z.array(z.string()) });
export type ReviewOptions = z.infer<typeof ReviewOptions>;

export const ReviewJob = z.object({
  jobId: z.string(),
  kind: z.enum(['export', 'pdf', 'backup', 'copy', 'restore', 'purge']),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  done: z.number(),
  total: z.number().nullable(),
  /** File name offered for download (exports) or written (backups, copies). */
  file: z.string().nullable(),
  bytes: z.number(),
  error: z.string().nullable(),
});
export type ReviewJob = z.infer<typeof ReviewJob>;

export const DataFileInfo = z.object({
  path: z.string(),
  sizeBytes: z.number(),
  schemaVersion: z.number().int(),
  contacts: z.number().int(),
  firstAt: z.number().nullable(),
  lastAt: z.number().nullable(),
});
export type DataFileInfo = z.infer<typeof DataFileInfo>;

export const ReviewConfig = z
  .object({
    /** Hours between automatic backups; 0 = off. */
    backupEveryHours: z.number().int().min(0).max(24 * 30),
    backupKeep: z.number().int().min(1).max(365),
    /** Pseudonymise caller numbers on import (keyed HMAC; see privacy/pseudonymise.ts). */
    pseudonymise: z.boolean(),
    /** Delete contacts older than this many days on each scheduled run; 0 = keep everything. */
    retainDays: z.number().int().min(0).max(36500),
  })
  .strict();
export type ReviewConfig = z.infer<typeof ReviewConfig>;
export const DEFAULT_REVIEW_CONFIG: ReviewConfig = { backupEveryHours: 0, backupKeep: 7, pseudonymise: false, retainDays: 0 };

export const BackupEntry = z.object({ name: z.string(), at: z.number(), sizeBytes: z.number() });
export type BackupEntry = z.infer<typeof BackupEntry>;

const NoInput = z.object({}).strict();
const JobRef = z.object({ jobId: z.string().max(100) }).strict();
const FilePath = z.string().min(1).max(4096);

export const reviewMethods = {
  'review.options': spec('read', NoInput, ReviewOptions),
  'review.kpis': spec('read', z.object({ filters: ReviewFilters, by: z.array(ReviewGroup).max(4) }).strict(), KpiTable),
  'review.compare': spec('read', z.object({ filters: ReviewFilters, against: z.object({ from: LocalDate, to: LocalDate }).strict() }).strict(), z.array(CompareRow)),
  'review.contacts': spec(
    'read',
    z.object({ filters: ReviewFilters, sort: ContactSort.default('enter-desc'), after: z.string().max(200).nullable().default(null), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    ContactPage,
  ),
  'review.contact': spec('read', z.object({ id: z.number().int() }).strict(), ContactDetail),
  'review.export': spec(
    'write',
    z.object({ table: z.enum(['kpis', 'contacts']), format: z.enum(['csv', 'xlsx']), filters: ReviewFilters, by: z.array(ReviewGroup).max(4).default(['day']) }).strict(),
    ReviewJob,
  ),
  /** A PDF of the current view, page by page: the screen renders each page (text shaped by the browser, charts included). */
  'review.pdfStart': spec('write', z.object({ title: z.string().max(200) }).strict(), ReviewJob),
  'review.pdfPage': spec('write', z.object({ jobId: z.string().max(100), jpegBase64: z.string().max(900_000), width: z.number().int().min(1).max(10000), height: z.number().int().min(1).max(10000) }).strict(), ReviewJob),
  'review.pdfFinish': spec('write', JobRef, ReviewJob),
  'review.jobs': spec('read', NoInput, z.array(ReviewJob)),
  'review.cancel': spec('write', JobRef, z.object({ cancelled: z.boolean() })),
  /** A finished export's bytes, in chunks (the host's request bodies are small; downloads can be large). */
  'review.download': spec('write', z.object({ jobId: z.string().max(100), offset: z.number().int().min(0).default(0) }).strict(), z.object({ dataBase64: z.string(), next: z.number().int().nullable(), name: z.string(), mime: z.string() })),
  'files.info': spec('read', NoInput, DataFileInfo),
  'files.saveCopy': spec('write', z.object({ path: FilePath }).strict(), ReviewJob),
  'files.open': spec('write', z.object({ path: FilePath }).strict(), DataFileInfo),
  'review.config': spec('read', NoInput, ReviewConfig),
  'review.configure': spec('write', ReviewConfig.partial().strict(), ReviewConfig),
  'backup.run': spec('write', NoInput, ReviewJob),
  'backup.list': spec('read', NoInput, z.array(BackupEntry)),
  'backup.restore': spec('write', z.object({ name: z.string().max(300), confirm: z.literal(true) }).strict(), z.object({ restored: z.string() })),
  'privacy.purge': spec('write', z.object({ olderThanDays: z.number().int().min(1).max(36500), confirm: z.literal(true) }).strict(), z.object({ deleted: z.number().int() })),
} as const;

export const reviewEvents = { 'review.progress': ReviewJob } as const;

/** The period of the same length just before `from`..`to` (this week → last week). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return { from: addLocalDays(from, -days), to: addLocalDays(to, -days) };
}
