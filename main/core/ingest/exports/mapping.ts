import { z } from 'zod';
import { OUTCOMES } from '../../../../shared/domain/channels';
import { DATE_PATTERN, isTimeZone } from './values';

/**
 * A mapping says how one exported per-contact file (CSV, or JSON records) becomes ingest events.
 * It is data, so a user can keep one as a JSON file; `parseMapping` validates such a file and
 * names the offending field in every error. Columns are header names for CSV and dotted paths
 * (`Queue.Name`) for JSON. Presets (presets.ts) are mappings too.
 */

/** Union failures say "required" for a missing field, else what the field takes. */
const unionError = (message: string) => (iss: { input?: unknown }) => (iss.input === undefined ? 'required' : message);

const Column = z.string().min(1, 'a column name must not be empty').max(300);
/** One column, or several: the first non-empty one is used. */
const Columns = z.union([Column, z.array(Column).min(1).max(20)], { error: unionError('expected a column name or a list of column names') });
const Tokens = z.array(z.string().max(100)).max(50);

/** A value taken from the record: a column (shorthand: just its name), a constant, or columns joined. */
const ValueObject = z
  .strictObject({
    column: Columns.optional(),
    const: z.string().min(1).max(200).optional(),
    /** Columns joined with `sep` (default `|`); `@date` stands for the record's date as YYYY-MM-DD. */
    join: z.array(Column).min(1).max(10).optional(),
    sep: z.string().max(5).optional(),
    /** Value translations, e.g. `{"2": "Priority"}`; matched exactly, then ignoring case. */
    map: z.record(z.string(), z.string().max(200)).optional(),
    /** Texts that mean "no value" here (in addition to the mapping's `nullValues` and ""). */
    empty: Tokens.optional(),
    /** Used when the value is empty. */
    default: z.string().max(200).optional(),
  })
  .refine((v) => [v.column, v.const, v.join].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of "column", "const" or "join"',
  });
export const ValueSpec = z.union([Column, ValueObject], { error: unionError('expected a column name or an object with "column", "const" or "join"') });
export type ValueSpec = z.infer<typeof ValueSpec>;

/** `iso`: ISO 8601 (instant when it has an offset, else wall-clock in the zone); `time`: time of day on the record's `date`; or a pattern like `DD/MM/YYYY HH:mm:ss`. */
const TimeFormat = z
  .string()
  .min(1)
  .max(40)
  .refine((f) => ['iso', 'epoch-s', 'epoch-ms', 'time'].includes(f) || DATE_PATTERN.test(f.split(' ')[0]), {
    message: 'expected "iso", "epoch-s", "epoch-ms", "time" or a date pattern such as "DD/MM/YYYY HH:mm:ss"',
  });

const InstantObject = z.strictObject({
  column: Columns,
  /** Default `iso`, or `time` when the mapping has a `date`. */
  format: TimeFormat.optional(),
  empty: Tokens.optional(),
});
export const InstantSpec = z.union([Column, InstantObject], { error: unionError('expected a column name or an object with "column" and "format"') });
export type InstantSpec = z.infer<typeof InstantSpec>;

const DurationObject = z
  .strictObject({
    column: Columns.optional(),
    /** `s` (default), `ms`, `min`, or `hms` (H:MM:SS, also plain seconds). */
    unit: z.enum(['s', 'ms', 'min', 'hms']).optional(),
    /** The time between two instants of the record (e.g. `["q_start", "q_exit"]`). */
    between: z.tuple([Column, Column]).optional(),
    /** Format of the `between` columns; default as for instants. */
    format: TimeFormat.optional(),
    empty: Tokens.optional(),
  })
  .refine((v) => (v.column === undefined) !== (v.between === undefined), { message: 'give exactly one of "column" or "between"' });
export const DurationSpec = z.union([Column, DurationObject], { error: unionError('expected a column name (seconds) or an object with "column" or "between"') });
export type DurationSpec = z.infer<typeof DurationSpec>;

export const OUTCOME_CHOICES = [...OUTCOMES, 'skip'] as const;
const OutcomeName = z.enum(OUTCOME_CHOICES);
export type OutcomeName = z.infer<typeof OutcomeName>;

/**
 * How the outcome is decided. Either a column whose values are translated
 * (`{"column": "outcome", "values": {"AGENT": "answered", "HANG": "abandoned", "PHANTOM": "skip"}}`),
 * or the presence of a column (`{"present": "Agent.ConnectedToAgentTimestamp", "otherwise": …}`),
 * or a fixed outcome. `skip` drops the record as "not a contact" (counted, not rejected).
 */
export type OutcomeRule =
  | OutcomeName
  | {
      column?: string | string[];
      values?: Record<string, OutcomeName>;
      /** For values not listed; default `reject`. */
      default?: OutcomeName | 'reject';
      /** Rule used when the column is empty; default: reject. */
      whenEmpty?: OutcomeRule;
      present?: string | string[];
      /** Outcome when `present` has a value; default `answered`. */
      then?: OutcomeName;
      otherwise?: OutcomeRule;
      empty?: string[];
    };

export const OutcomeRule: z.ZodType<OutcomeRule> = z.lazy(() =>
  z.union(
    [
    OutcomeName,
    z
      .strictObject({
        column: Columns.optional(),
        values: z.record(z.string(), OutcomeName).optional(),
        default: z.union([OutcomeName, z.literal('reject')]).optional(),
        whenEmpty: OutcomeRule.optional(),
        present: Columns.optional(),
        then: OutcomeName.optional(),
        otherwise: OutcomeRule.optional(),
        empty: Tokens.optional(),
      })
      .refine((r) => (r.column !== undefined && r.values !== undefined) !== (r.present !== undefined && r.otherwise !== undefined), {
        message: 'give either "column" with "values", or "present" with "otherwise"',
      }),
    ],
    { error: unionError(`expected one of ${OUTCOME_CHOICES.join(', ')}, or a rule object`) },
  ),
);

const DateSpec = z.strictObject({
  column: Column,
  /** One pattern or several tried in order, e.g. `["YYYY-MM-DD", "YYMMDD"]`. */
  format: z.union([z.string().regex(DATE_PATTERN, 'a date pattern uses YYYY, YY, MM, M, DD, D and separators'), z.array(z.string().regex(DATE_PATTERN, 'a date pattern uses YYYY, YY, MM, M, DD, D and separators')).min(1)]),
  /** Replaces the year read from the file (for exports whose year is known to be wrong). */
  year: z.number().int().min(1970).max(2200).optional(),
});

const Zone = z.string().refine(isTimeZone, { message: 'not an IANA time zone Intl knows (e.g. "Europe/Tallinn")' });

export const Mapping = z.strictObject({
  version: z.literal(1).optional(),
  name: z.string().min(1).max(100),
  description: z.string().max(2000).optional(),
  format: z.enum(['csv', 'json']),
  /** CSV only; default `auto` (most frequent of `,` `;` TAB in the header). */
  delimiter: z.enum([',', ';', '\t', '|', 'auto']).optional(),
  /** Zone of wall-clock times in the file; an import's `sourceTimeZone` overrides it; default UTC. */
  zone: Zone.optional(),
  /** Texts that mean "no value" in every field, e.g. `["NULL", "\\N"]`. */
  nullValues: Tokens.optional(),
  /** The record's date, for `time` columns that hold only a time of day. */
  date: DateSpec.optional(),
  /** Time-of-day column the record's date refers to (midnight crossings are judged from it); default the enter time. */
  dayStart: Column.optional(),

  id: ValueSpec,
  /** Default `voice`. Values map to voice/chat/email/social/sms, or `skip`. */
  channel: ValueSpec.optional(),
  queue: ValueSpec,
  caller: ValueSpec.optional(),
  customerName: ValueSpec.optional(),
  did: ValueSpec.optional(),
  segment: ValueSpec.optional(),
  agent: ValueSpec.optional(),
  /** Agent name used for an answered record whose agent is empty; without it such records are rejected. */
  unknownAgent: z.string().min(1).max(200).optional(),

  /** When the contact entered the queue. */
  enter: InstantSpec,
  answer: InstantSpec.optional(),
  end: InstantSpec.optional(),
  outcome: OutcomeRule,
  /** Records without a value here never entered a queue: skipped (counted), unless answered and `exceptAnswered`. */
  requireQueue: z.strictObject({ column: Columns, empty: Tokens.optional(), exceptAnswered: z.boolean().optional() }).optional(),

  wait: DurationSpec.optional(),
  talk: DurationSpec.optional(),
  hold: DurationSpec.optional(),
  wrap: DurationSpec.optional(),

  reason: ValueSpec.optional(),
  resolved: ValueSpec.optional(),
  /** 1–5. */
  csat: ValueSpec.optional(),
  /** 0–10. */
  nps: ValueSpec.optional(),

  /** Columns copied into the contact's `extra`; `Prefix.*` copies every column under a prefix. */
  extra: z.array(Column).max(100).optional(),
  /** Copy every column the mapping does not use into `extra`. */
  extraRest: z.boolean().optional(),
  /** Also emit customer directory entries (caller → segment, name). */
  directory: z.boolean().optional(),
});
export type Mapping = z.infer<typeof Mapping>;

export type MappingCheck = { ok: true; mapping: Mapping } | { ok: false; errors: string[] };

/** Validates a mapping (e.g. a parsed mapping file); every error names the field path. */
export function parseMapping(input: unknown): MappingCheck {
  const r = Mapping.safeParse(input);
  if (r.success) return { ok: true, mapping: r.data };
  return { ok: false, errors: formatIssues(r.error.issues) };
}

/** Reads a mapping from JSON text; syntax errors are reported like schema errors. */
export function parseMappingJson(text: string): MappingCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`mapping file: invalid JSON: ${(e as Error).message}`] };
  }
  return parseMapping(value);
}

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: IssueLike[][];
}

/**
 * Flattens zod issues into `path: message` lines. For a union (e.g. "column name or object"),
 * the branch that got past the type check explains the problem better than "invalid input".
 */
export function formatIssues(issues: readonly IssueLike[], prefix: PropertyKey[] = []): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
      const branches = issue.errors.filter((b) => b.length > 0);
      const best = Math.max(...branches.map(progress));
      if (best === 0) {
        out.push(`${label(path)}: ${issue.message !== 'Invalid input' ? issue.message : describeExpected(branches)}`);
      } else {
        out.push(...formatIssues(branches.find((b) => progress(b) === best)!, path));
      }
      continue;
    }
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const k of issue.keys) out.push(`${label([...path, k])}: unknown field`);
      continue;
    }
    out.push(`${label(path)}: ${/received undefined$/.test(issue.message) ? 'required' : issue.message}`);
  }
  return [...new Set(out)];
}

/**
 * How far a union branch got: 0 when it failed on the value's type (wrong branch), 1 for a check
 * on the whole value, more for a problem inside it. The branch that got furthest is the one the
 * author meant.
 */
function progress(branch: IssueLike[]): number {
  let best = 0;
  for (const i of branch) {
    const p = i.path.length > 0 ? 1 + i.path.length : i.code === 'invalid_type' || i.code === 'invalid_value' ? 0 : 1;
    best = Math.max(best, p);
  }
  return best;
}

function describeExpected(branches: IssueLike[][]): string {
  const msgs = branches.map((b) => b[0]?.message).filter(Boolean);
  return msgs.length ? msgs.join(', or ') : 'invalid value';
}

function label(path: PropertyKey[]): string {
  if (path.length === 0) return 'mapping';
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}
