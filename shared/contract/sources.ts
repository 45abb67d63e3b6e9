import { z } from 'zod';
import { TimeZone } from './settings';

/** Live sources the app runs itself (DESIGN §1): followed files, AMI connections. */
export const SOURCE_KINDS = ['queue_log-tail', 'ndjson-tail', 'ami'] as const;

export const QueueLogTailConfig = z.object({
  file: z.string().min(1).max(4096),
  site: z.string().min(1).max(100).default('default'),
});
export const NdjsonTailConfig = z.object({ file: z.string().min(1).max(4096) });
export const AmiConfig = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(5038),
  username: z.string().min(1).max(100),
  secret: z.string().min(1).max(200),
  site: z.string().min(1).max(100).default('default'),
});

export const SourceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue_log-tail'), name: z.string().min(1).max(100), config: QueueLogTailConfig }),
  z.object({ kind: z.literal('ndjson-tail'), name: z.string().min(1).max(100), config: NdjsonTailConfig }),
  z.object({ kind: z.literal('ami'), name: z.string().min(1).max(100), config: AmiConfig }),
]);
export type SourceInput = z.infer<typeof SourceInput>;

/** Why an AMI connection is being retried. */
export const RETRY_CAUSES = ['closed', 'no-greeting', 'no-login-answer', 'no-ping-answer', 'network'] as const;

/**
 * What a source says beside its state, as a code and figures so every screen and the CLI word it
 * in their own language. `detail` is text from outside the app, kept verbatim (an OS error, the
 * server's reason, the parser's reason for a rejected line); it is never built from our words.
 */
export const SourceNote = z.discriminatedUnion('code', [
  z.object({ code: z.literal('connecting'), host: z.string(), port: z.number().int() }),
  /** Asterisk's greeting: `Asterisk Call Manager/<version>`. */
  z.object({ code: z.literal('connected'), version: z.string() }),
  z.object({ code: z.literal('queue-status-refused'), detail: z.string().nullable() }),
  /** The next connection attempt is `seconds` away. */
  z.object({ code: z.literal('retrying'), seconds: z.number().int().nonnegative(), cause: z.enum(RETRY_CAUSES), detail: z.string().nullable() }),
  z.object({ code: z.literal('login-refused'), seconds: z.number().int().nonnegative(), detail: z.string().nullable() }),
  /** The followed file cannot be opened (yet); `detail` is the OS error code, e.g. ENOENT. */
  z.object({ code: z.literal('file-missing'), detail: z.string() }),
  z.object({ code: z.literal('file-rotated') }),
  z.object({ code: z.literal('file-truncated') }),
  z.object({ code: z.literal('line-rejected'), line: z.number().int().nonnegative(), detail: z.string() }),
  z.object({ code: z.literal('read-error'), detail: z.string() }),
  z.object({ code: z.literal('start-failed'), detail: z.string() }),
]);
export type SourceNote = z.infer<typeof SourceNote>;

export const SourceStatus = z.object({
  state: z.enum(['starting', 'following', 'connected', 'waiting', 'retrying', 'refused', 'error', 'stopped', 'disabled']),
  note: SourceNote.nullable(),
  /** Records applied since the app started. */
  applied: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** When the last record from this source was applied (epoch ms). */
  lastAt: z.number().nullable(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

export const SourceView = z.object({
  id: z.number().int(),
  kind: z.enum(SOURCE_KINDS),
  name: z.string(),
  /** Configuration with secrets replaced by "••••". */
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  status: SourceStatus,
});
export type SourceView = z.infer<typeof SourceView>;

export const IMPORT_FORMAT_NAMES = ['auto', 'queue_log', 'queue_log-table', 'ami', 'csv', 'ndjson', 'connect-ctr', 'customers'] as const;

export const ImportStart = z
  .object({
    /** A file on this machine (desktop dialog / drop) or an id returned by the host's upload. */
    path: z.string().min(1).max(4096).optional(),
    uploadId: z.string().regex(/^[a-f0-9]{32}$/).optional(),
    name: z.string().max(255).optional(),
    format: z.enum(IMPORT_FORMAT_NAMES).default('auto'),
    sourceTz: TimeZone.optional(),
    site: z.string().min(1).max(100).optional(),
    mapping: z.string().max(4096).optional(),
    /** A column mapping built on screen (JSON text of the mapping schema, README "Mapping files"). */
    mappingJson: z.string().max(100_000).optional(),
  })
  .refine((v) => (v.path === undefined) !== (v.uploadId === undefined), 'Give either a file path or an upload id.');

/** "Preview rows → map columns → preview result" before an import. */
export const ImportPreviewInput = z
  .object({
    path: z.string().min(1).max(4096).optional(),
    uploadId: z.string().regex(/^[a-f0-9]{32}$/).optional(),
    format: z.enum(IMPORT_FORMAT_NAMES).default('auto'),
    sourceTz: TimeZone.optional(),
    mapping: z.string().max(4096).optional(),
    mappingJson: z.string().max(100_000).optional(),
  })
  .refine((v) => (v.path === undefined) !== (v.uploadId === undefined), 'Give either a file path or an upload id.');

export const ImportPreview = z.object({
  /** Detected (or given) format; null when it cannot be told. */
  format: z.enum(IMPORT_FORMAT_NAMES).nullable(),
  /** The first lines of the file as text. */
  lines: z.array(z.object({ line: z.number().int(), text: z.string() })),
  /** CSV/JSON exports: column names, the built-in mapping that fits (if any), and the mapping used (JSON). */
  headers: z.array(z.string()),
  preset: z.string().nullable(),
  mappingJson: z.string().nullable(),
  missing: z.array(z.string()),
  /** What the mapping makes of the first rows. */
  rows: z.array(
    z.object({
      line: z.number().int(),
      values: z.record(z.string(), z.string()),
      result: z.enum(['contact', 'skip', 'reject']),
      reason: z.string().nullable(),
      enterAt: z.number().nullable(),
      channel: z.string().nullable(),
      queue: z.string().nullable(),
      outcome: z.string().nullable(),
      agent: z.string().nullable(),
      segment: z.string().nullable(),
    }),
  ),
  fatal: z.string().nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportJob = z.object({
  jobId: z.string(),
  file: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  bytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  lines: z.number().int().nonnegative(),
  contacts: z.number().int().nonnegative(),
  error: z.string().nullable(),
  report: z
    .object({
      format: z.string(),
      lines: z.number().int(),
      imported: z.number().int(),
      contacts: z.number().int(),
      newContacts: z.number().int(),
      rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
      rejectedCount: z.number().int(),
      unknownEvents: z.record(z.string(), z.number()),
    })
    .nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportRun = z.object({
  id: z.number().int(),
  file: z.string().nullable(),
  format: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  status: z.string(),
  lines: z.number().int(),
  imported: z.number().int(),
  contacts: z.number().int(),
  rejected: z.number().int(),
  error: z.string().nullable(),
});
export type ImportRun = z.infer<typeof ImportRun>;
