import { CHANNELS, type Channel, type Outcome } from '../../../../shared/domain/channels';
import { IngestEvent, type CustomerRecord } from '../events';
import type { DurationSpec, InstantSpec, Mapping, OutcomeName, OutcomeRule, ValueSpec } from './mapping';
import {
  clip,
  isBad,
  localDateTime,
  nearestDayTime,
  parseBool,
  parseDate,
  parseDuration,
  parseEpoch,
  parseIntIn,
  parseIso,
  parseTimeOfDay,
  type Bad,
  type DurationUnit,
  type LocalDate,
} from './values';

/** One source record as the translator sees it: CSV columns by header, or a flattened JSON object. */
export interface SourceRow {
  lineNo: number;
  /** The column's text, '' when empty, undefined when the column does not exist. */
  get(column: string): string | undefined;
  /** Typed value for `extra` (JSON keeps numbers and booleans); defaults to the text. */
  raw?(column: string): unknown;
  columns(): readonly string[];
  /**
   * The name, among `columns()`, of the column `get(column)` reads (a CSV header matches without
   * regard to case); undefined when there is none. Without it, names match exactly.
   */
  resolve?(column: string): string | undefined;
}

export type RecordResult =
  | { kind: 'contact'; events: IngestEvent[]; customer: CustomerRecord | null; enterAt: number; outcome: Outcome; agent: string | null }
  | { kind: 'skip'; reason: string }
  | { kind: 'reject'; reason: string };

export interface TranslateOptions {
  /** Written into every event; default `export:<mapping name>`. */
  source?: string;
  /** Zone of wall-clock times; overrides the mapping's `zone`. Default UTC. */
  sourceTimeZone?: string;
}

export interface ColumnUse {
  column: string;
  field: string;
  required: boolean;
}

export interface Translator {
  readonly source: string;
  readonly zone: string;
  /** Every column the mapping reads, with the field that reads it (for header checks and previews). */
  readonly uses: readonly ColumnUse[];
  translate(row: SourceRow): RecordResult;
}

const CHANNEL_ALIASES: Record<string, Channel> = {
  phone: 'voice',
  call: 'voice',
  telephone: 'voice',
  webchat: 'chat',
  mail: 'email',
  text: 'sms',
};

class Reject extends Error {}
class Skip extends Error {}

const list = (c: string | string[]): string[] => (Array.isArray(c) ? c : [c]);

export function createTranslator(mapping: Mapping, options: TranslateOptions = {}): Translator {
  const zone = options.sourceTimeZone ?? mapping.zone ?? 'UTC';
  const source = options.source ?? `export:${mapping.name}`;
  const nulls = new Set(['', ...(mapping.nullValues ?? [])]);
  const dateFormats = mapping.date ? list(mapping.date.format) : [];
  const uses = collectUses(mapping);
  const used = new Set(uses.map((u) => u.column));

  /** The columns the mapping reads, as the rows name them (by `columns()` list: one per CSV header). */
  let mappedFor: readonly string[] | null = null;
  let mapped: ReadonlySet<string> = used;
  const mappedColumns = (r: SourceRow): ReadonlySet<string> => {
    if (!r.resolve) return used;
    const columns = r.columns();
    if (columns !== mappedFor) {
      mappedFor = columns;
      mapped = new Set([...used].map((c) => r.resolve!(c) ?? c));
    }
    return mapped;
  };

  /** Per-record state: the parsed date and the anchor instant for midnight crossings. */
  let row: SourceRow;
  let date: LocalDate | null = null;
  let anchor: number | null = null;

  const fail = (field: string, reason: string): never => {
    throw new Reject(`${field}: ${reason}`);
  };
  const check = <T>(field: string, v: T | Bad): T => (isBad(v) ? fail(field, v.bad) : v);

  /** The first non-empty of `columns`, with the column it came from. */
  function pick(columns: string | string[], empty?: readonly string[]): [string, string] | null {
    for (const c of list(columns)) {
      const v = row.get(c);
      if (v === undefined) continue;
      const t = v.trim();
      if (nulls.has(t) || (empty && empty.includes(t))) continue;
      return [t, c];
    }
    return null;
  }
  const first = (columns: string | string[], empty?: readonly string[]): string | null => pick(columns, empty)?.[0] ?? null;
  /** `wait (q_exit)`: the field, and the column when its name says something else. */
  const labelOf = (field: string, column: string) => (column.toLowerCase() === field.toLowerCase() ? field : `${field} (${column})`);

  function value(spec: ValueSpec | undefined, field: string): string | null {
    if (spec === undefined) return null;
    if (typeof spec === 'string') return first(spec);
    if (spec.const !== undefined) return spec.const;
    if (spec.join !== undefined) {
      const parts = spec.join.map((c) => (c === '@date' ? isoDate(date ?? fail(field, '@date needs a "date" in the mapping')) : (first(c, spec.empty) ?? '')));
      return parts.every((p) => p === '') ? null : parts.join(spec.sep ?? '|');
    }
    const raw = first(spec.column!, spec.empty);
    if (raw === null) return spec.default ?? null;
    if (!spec.map) return raw;
    if (raw in spec.map) return spec.map[raw];
    const lower = raw.toLowerCase();
    for (const [k, v] of Object.entries(spec.map)) if (k.toLowerCase() === lower) return v;
    return raw;
  }

  function formatOf(spec: { format?: string }): string {
    return spec.format ?? (mapping.date ? 'time' : 'iso');
  }

  function instantText(text: string, format: string, field: string): number {
    switch (format) {
      case 'iso':
        return check(field, parseIso(text, zone));
      case 'epoch-s':
        return check(field, parseEpoch(text, 's'));
      case 'epoch-ms':
        return check(field, parseEpoch(text, 'ms'));
      case 'time': {
        if (!date) return fail(field, 'format "time" needs a "date" in the mapping');
        const t = check(field, parseTimeOfDay(text));
        if (anchor === null) return localDateTime(zone, date, t);
        return nearestDayTime(zone, date, t, anchor);
      }
      default: {
        // A pattern: date part, then an optional time of day after a space or `T`.
        const [datePattern] = format.split(' ');
        const m = /^(\S+?)(?:[ T]+(\S+))?$/.exec(text.trim());
        if (!m) return fail(field, `"${clip(text)}" does not fit ${format}`);
        const d = check(field, parseDate(m[1], [datePattern]));
        const t = m[2] ? check(field, parseTimeOfDay(m[2])) : 0;
        return localDateTime(zone, d, t);
      }
    }
  }

  function instant(spec: InstantSpec | undefined, field: string): number | null {
    if (spec === undefined) return null;
    const s = typeof spec === 'string' ? { column: spec } : spec;
    const hit = pick(s.column, s.empty);
    return hit === null ? null : instantText(hit[0], formatOf(s), labelOf(field, hit[1]));
  }

  function duration(spec: DurationSpec | undefined, field: string): number | null {
    if (spec === undefined) return null;
    const s = typeof spec === 'string' ? { column: spec } : spec;
    if (s.between) {
      const a = pick(s.between[0], s.empty);
      const b = pick(s.between[1], s.empty);
      if (a === null || b === null) return null;
      const f = formatOf(s);
      // Clock granularity in some exports puts the end a second before the start: never negative.
      return Math.max(0, instantText(b[0], f, labelOf(field, b[1])) - instantText(a[0], f, labelOf(field, a[1])));
    }
    const hit = pick(s.column!, s.empty);
    return hit === null ? null : check(labelOf(field, hit[1]), parseDuration(hit[0], (s.unit ?? 's') as DurationUnit));
  }

  function outcomeOf(rule: OutcomeRule, field = 'outcome'): { outcome: OutcomeName; raw: string | null } {
    if (typeof rule === 'string') return { outcome: rule, raw: null };
    if (rule.present !== undefined) {
      const v = first(rule.present, rule.empty);
      if (v !== null) return { outcome: rule.then ?? 'answered', raw: v };
      return outcomeOf(rule.otherwise!, field);
    }
    const raw = first(rule.column!, rule.empty);
    if (raw === null) {
      if (rule.whenEmpty !== undefined) return outcomeOf(rule.whenEmpty, field);
      return fail(field, 'empty');
    }
    const values = rule.values ?? {};
    let hit: OutcomeName | undefined = values[raw];
    if (hit === undefined) {
      const lower = raw.toLowerCase();
      for (const [k, v] of Object.entries(values)) if (k.toLowerCase() === lower) hit = v;
    }
    if (hit !== undefined) return { outcome: hit, raw };
    if (rule.default !== undefined && rule.default !== 'reject') return { outcome: rule.default, raw };
    return fail(field, `unknown value "${clip(raw)}" (expected ${Object.keys(values).join(', ')})`);
  }

  function channelOf(): Channel {
    const v = value(mapping.channel ?? { const: 'voice' }, 'channel');
    if (v === null) return fail('channel', 'empty');
    if (v === 'skip') throw new Skip('channel skipped by the mapping');
    const c = v.toLowerCase();
    if ((CHANNELS as readonly string[]).includes(c)) return c as Channel;
    const alias = CHANNEL_ALIASES[c];
    if (alias) return alias;
    return fail('channel', `"${clip(v)}" is not one of ${CHANNELS.join(', ')}`);
  }

  function extraOf(): Record<string, unknown> | null {
    const out: Record<string, unknown> = {};
    const put = (c: string) => {
      const v = row.get(c);
      if (v === undefined || nulls.has(v.trim())) return;
      out[c] = row.raw ? row.raw(c) : v;
    };
    for (const e of mapping.extra ?? []) {
      if (e.endsWith('.*')) {
        const prefix = e.slice(0, -1);
        for (const c of row.columns()) if (c.startsWith(prefix)) put(c);
      } else {
        put(e);
      }
    }
    if (mapping.extraRest) {
      // Only the columns no field reads: `ID` is the `id` column, not an extra.
      const read = mappedColumns(row);
      for (const c of row.columns()) if (!read.has(c) && !(c in out)) put(c);
    }
    return Object.keys(out).length > 0 ? out : null;
  }

  function translate(r: SourceRow): RecordResult {
    row = r;
    date = null;
    anchor = null;
    try {
      return build();
    } catch (e) {
      if (e instanceof Reject) return { kind: 'reject', reason: e.message };
      if (e instanceof Skip) return { kind: 'skip', reason: e.message };
      throw e;
    }
  }

  function build(): RecordResult {
    if (mapping.date) {
      const text = first(mapping.date.column) ?? fail('date', 'empty');
      const d = check(labelOf('date', mapping.date.column), parseDate(text, dateFormats));
      date = mapping.date.year !== undefined ? { ...d, year: mapping.date.year } : d;
      if (mapping.dayStart) {
        const t = first(mapping.dayStart);
        if (t !== null) anchor = localDateTime(zone, date, check(labelOf('dayStart', mapping.dayStart), parseTimeOfDay(t)));
      }
    }
    const id = value(mapping.id, 'id') ?? fail('id', 'empty');
    const enterAt = instant(mapping.enter, 'enter') ?? fail('enter', 'empty');
    if (anchor === null) anchor = enterAt;

    const { outcome, raw } = outcomeOf(mapping.outcome);
    if (outcome === 'skip') return { kind: 'skip', reason: raw === null ? 'outcome: skipped by the mapping' : `outcome "${clip(raw)}" is skipped` };
    if (mapping.requireQueue) {
      const q = first(mapping.requireQueue.column, mapping.requireQueue.empty);
      if (q === null && !(mapping.requireQueue.exceptAnswered && outcome === 'answered')) return { kind: 'skip', reason: 'never entered a queue' };
    }
    const channel = channelOf();
    const queue = value(mapping.queue, 'queue') ?? fail('queue', 'empty');
    const agentText = value(mapping.agent, 'agent');
    const answerAtCol = instant(mapping.answer, 'answer');
    const answered = outcome === 'answered' || (outcome === 'transferred' && agentText !== null && answerAtCol !== null);
    const agent = answered ? (agentText ?? mapping.unknownAgent ?? fail('agent', 'empty for an answered contact')) : agentText;

    let waitMs = duration(mapping.wait, 'wait');
    const talkMs = duration(mapping.talk, 'talk');
    const holdMs = duration(mapping.hold, 'hold');
    const wrapMs = duration(mapping.wrap, 'wrap');
    const endCol = instant(mapping.end, 'end');

    let answerAt: number | null = null;
    if (answered) {
      answerAt = answerAtCol ?? enterAt + (waitMs ?? 0);
      if (waitMs === null) waitMs = Math.max(0, answerAt - enterAt);
    } else if (waitMs === null && endCol !== null) {
      waitMs = Math.max(0, endCol - enterAt);
    }
    const endAt = endCol ?? (answerAt !== null ? answerAt + (talkMs ?? 0) + (holdMs ?? 0) : enterAt + (waitMs ?? 0));

    const caller = value(mapping.caller, 'caller');
    const segment = value(mapping.segment, 'segment');
    const customerName = value(mapping.customerName, 'customerName');
    const resolvedText = value(mapping.resolved, 'resolved');
    const csatText = value(mapping.csat, 'csat');
    const npsText = value(mapping.nps, 'nps');
    const common = { source, id };
    const events: IngestEvent[] = [
      {
        kind: 'enqueued',
        ...common,
        at: enterAt,
        channel,
        queue,
        caller,
        did: value(mapping.did, 'did'),
        segment,
        customerName,
        extra: extraOf(),
      },
    ];
    if (answered && answerAt !== null) events.push({ kind: 'answered', ...common, at: answerAt, agent: agent!, waitMs });
    if (outcome === 'transferred') events.push({ kind: 'transferred', ...common, at: endAt, to: null });
    events.push({
      kind: 'ended',
      ...common,
      at: endAt,
      outcome,
      waitMs,
      // Neither a wait nor an end time: `endAt` above is only the enter time.
      ...(waitMs === null && endCol === null && !answered ? { waitUnknown: true } : {}),
      talkMs: answered ? talkMs : null,
      holdMs: answered ? holdMs : null,
      wrapMs: answered ? wrapMs : null,
      reason: value(mapping.reason, 'reason'),
      resolved: resolvedText === null ? null : check('resolved', parseBool(resolvedText)),
      csat: csatText === null ? null : check('csat', parseIntIn(csatText, 1, 5)),
      nps: npsText === null ? null : check('nps', parseIntIn(npsText, 0, 10)),
    });
    for (const e of events) {
      const r = IngestEvent.safeParse(e);
      if (!r.success) {
        const issue = r.error.issues[0];
        return { kind: 'reject', reason: `${fieldOfEvent(issue.path)}: ${issue.message}` };
      }
    }
    const customer = mapping.directory && caller !== null && (segment !== null || customerName !== null) ? { caller, segment, name: customerName } : null;
    return { kind: 'contact', events, customer, enterAt, outcome, agent: answered ? agent : null };
  }

  return { source, zone, uses, translate };
}

const EVENT_FIELD: Record<string, string> = { at: 'time', talkMs: 'talk', holdMs: 'hold', wrapMs: 'wrap', waitMs: 'wait' };
function fieldOfEvent(path: PropertyKey[]): string {
  const k = String(path[0] ?? 'record');
  return EVENT_FIELD[k] ?? k;
}

function isoDate(d: LocalDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The columns a mapping reads. `id`, `queue`, `enter` and `date` are required; the rest may be missing from a file. */
export function collectUses(mapping: Mapping): ColumnUse[] {
  const out: ColumnUse[] = [];
  const add = (cols: string | string[] | undefined, field: string, required = false) => {
    if (cols === undefined) return;
    for (const c of list(cols)) if (c !== '@date') out.push({ column: c, field, required });
  };
  const fromValue = (spec: ValueSpec | undefined, field: string, required = false) => {
    if (spec === undefined) return;
    if (typeof spec === 'string') add(spec, field, required);
    else {
      add(spec.column, field, required && spec.default === undefined);
      add(spec.join, field, required);
    }
  };
  const fromInstant = (spec: InstantSpec | undefined, field: string, required = false) => {
    if (spec !== undefined) add(typeof spec === 'string' ? spec : spec.column, field, required);
  };
  const fromDuration = (spec: DurationSpec | undefined, field: string) => {
    if (spec === undefined) return;
    if (typeof spec === 'string') add(spec, field);
    else {
      add(spec.column, field);
      if (spec.between) add([...spec.between], field);
    }
  };
  const fromOutcome = (rule: OutcomeRule | undefined) => {
    if (rule === undefined || typeof rule === 'string') return;
    add(rule.column, 'outcome');
    add(rule.present, 'outcome');
    fromOutcome(rule.whenEmpty);
    fromOutcome(rule.otherwise);
  };
  fromValue(mapping.id, 'id', true);
  if (mapping.date) add(mapping.date.column, 'date', true);
  if (mapping.dayStart) add(mapping.dayStart, 'dayStart');
  fromInstant(mapping.enter, 'enter', true);
  fromValue(mapping.channel, 'channel');
  fromValue(mapping.queue, 'queue', true);
  fromValue(mapping.caller, 'caller');
  fromValue(mapping.customerName, 'customerName');
  fromValue(mapping.did, 'did');
  fromValue(mapping.segment, 'segment');
  fromValue(mapping.agent, 'agent');
  fromInstant(mapping.answer, 'answer');
  fromInstant(mapping.end, 'end');
  fromOutcome(mapping.outcome);
  if (mapping.requireQueue) add(mapping.requireQueue.column, 'requireQueue');
  fromDuration(mapping.wait, 'wait');
  fromDuration(mapping.talk, 'talk');
  fromDuration(mapping.hold, 'hold');
  fromDuration(mapping.wrap, 'wrap');
  fromValue(mapping.reason, 'reason');
  fromValue(mapping.resolved, 'resolved');
  fromValue(mapping.csat, 'csat');
  fromValue(mapping.nps, 'nps');
  for (const e of mapping.extra ?? []) if (!e.endsWith('.*')) add(e, 'extra');
  return out;
}
