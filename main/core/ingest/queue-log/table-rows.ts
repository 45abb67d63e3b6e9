import { canonicalEventName } from './event-specs';
import { epochMs } from './file-line';
import { parseDateTime, type LocalTimeConverter } from './local-time';
import type { CountMode, QlRecord } from './translate';

/**
 * Rows of the database forms of queue_log, as CSV:
 * - `table`: Asterisk's realtime table, `time, callid, queuename, agent, event, data1..data5`
 *   (or one `data` column holding the pipe-joined fields), `time` a local datetime;
 * - `pbxware`: PBXware's own table, `uid, date_time, callid, queue_name, type, event, param1..3,
 *   entpos, expos, htime, ttime, time`, `date_time` an epoch.
 * SQL NULL exported as the text `NULL`, or as MySQL's `\N`, is an empty value.
 */

export interface TableLayout {
  kind: 'table' | 'pbxware';
  time: number;
  /** PBXware's epoch column; -1 for the realtime table. */
  epoch: number;
  callid: number;
  queue: number;
  agent: number;
  event: number;
  /** data1..dataN columns (realtime) or param1..3 (PBXware). */
  data: number[];
  /** Single `data` column with pipes (realtime), else -1. */
  joined: number;
  /** PBXware entpos, expos, htime, ttime. */
  entpos: number;
  expos: number;
  htime: number;
  ttime: number;
  /** Column count of the header, to recognise a repeated header row. */
  width: number;
  header: string[] | null;
}

const ALIASES: Record<string, string> = {
  time: 'time', created: 'time', datetime: 'time', timestamp: 'time',
  callid: 'callid', call_id: 'callid', uniqueid: 'callid',
  queuename: 'queue', queue_name: 'queue', queue: 'queue',
  agent: 'agent', type: 'agent',
  event: 'event',
  data: 'data',
  date_time: 'epoch',
  entpos: 'entpos', expos: 'expos', htime: 'htime', ttime: 'ttime',
};

function emptyLayout(kind: 'table' | 'pbxware'): TableLayout {
  return { kind, time: -1, epoch: -1, callid: -1, queue: -1, agent: -1, event: -1, data: [], joined: -1, entpos: -1, expos: -1, htime: -1, ttime: -1, width: 0, header: null };
}

/** A layout from a header row, or null when the row is not a usable header. */
export function layoutFromHeader(fields: string[], kind: 'table' | 'pbxware'): TableLayout | null {
  const layout = emptyLayout(kind);
  const data: Array<[number, number]> = [];
  fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    const numbered = /^(data|param)(\d)$/.exec(name);
    if (numbered) {
      data.push([Number(numbered[2]), i]);
      return;
    }
    switch (ALIASES[name]) {
      case 'time': layout.time = i; break;
      case 'callid': layout.callid = i; break;
      case 'queue': layout.queue = i; break;
      case 'agent': layout.agent = i; break;
      case 'event': layout.event = i; break;
      case 'data': layout.joined = i; break;
      case 'epoch': layout.epoch = i; break;
      case 'entpos': layout.entpos = i; break;
      case 'expos': layout.expos = i; break;
      case 'htime': layout.htime = i; break;
      case 'ttime': layout.ttime = i; break;
      default: break;
    }
  });
  layout.data = data.sort((a, b) => a[0] - b[0]).map(([, i]) => i);
  layout.width = fields.length;
  layout.header = fields;
  const hasTime = layout.time >= 0 || layout.epoch >= 0;
  if (!hasTime || layout.callid < 0 || layout.queue < 0 || layout.agent < 0 || layout.event < 0) return null;
  return layout;
}

export function looksLikeHeader(fields: string[]): boolean {
  return fields.some((f) => f.trim().toLowerCase() === 'event') && fields.some((f) => /^(callid|call_id|time|date_time)$/i.test(f.trim()));
}

/** Layout of a header-less export, inferred from its first row; null if it fits no known shape. */
export function layoutFromRow(fields: string[], kind: 'table' | 'pbxware'): TableLayout | null {
  const layout = emptyLayout(kind);
  layout.width = fields.length;
  if (kind === 'pbxware') {
    if (fields.length < 13) return null;
    Object.assign(layout, { epoch: 1, callid: 2, queue: 3, agent: 4, event: 5, data: [6, 7, 8], entpos: 9, expos: 10, htime: 11, ttime: 12, time: fields.length > 13 ? 13 : -1 });
    return layout;
  }
  const base = parseDateTime(fields[0] ?? '') ? 0 : /^\d+$/.test(fields[0] ?? '') && parseDateTime(fields[1] ?? '') ? 1 : -1;
  if (base < 0 || fields.length < base + 5) return null;
  Object.assign(layout, { time: base, callid: base + 1, queue: base + 2, agent: base + 3, event: base + 4 });
  const rest = fields.length - (base + 5);
  if (rest === 1) layout.joined = base + 5;
  else layout.data = Array.from({ length: rest }, (_, k) => base + 5 + k);
  return layout;
}

function value(fields: string[], i: number): string {
  if (i < 0 || i >= fields.length) return '';
  const v = fields[i];
  return v === 'NULL' || v === '\\N' ? '' : v;
}

/**
 * Whether a line read alone is a whole row of this layout (every column, a time where the time
 * is): where a quoted field left open on an earlier line stops being joined, since a quoted field
 * spanning lines never continues with a line that is itself a row.
 */
export function isWholeRow(fields: string[] | null, layout: TableLayout): boolean {
  if (fields === null || fields.length !== layout.width) return false;
  const epoch = value(fields, layout.epoch).trim();
  if (epoch.length > 0) return /^\d+(\.\d+)?$/.test(epoch);
  const time = value(fields, layout.time).trim();
  return /^\d+(\.\d+)?$/.test(time) || parseDateTime(time) !== null;
}

export interface RowContext {
  zone: LocalTimeConverter | null;
  /** Instant of the previous row, to place a wall time that occurs twice (DST overlap). */
  previousAt: number;
}

/** Rows slightly out of order are normal; only a step back this large means "second pass". */
const OVERLAP_TOLERANCE_MS = 60_000;

function rowTime(text: string, ctx: RowContext): number | string {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const at = epochMs(trimmed, 0, trimmed.length);
    return at < 0 ? 'time out of range' : at;
  }
  const parsed = parseDateTime(trimmed);
  if (!parsed) return trimmed.length === 0 ? 'missing time' : 'time is not a datetime';
  if (parsed.offsetMs !== null) return parsed.wallMs - parsed.offsetMs;
  if (!ctx.zone) return 'local time without a source time zone';
  const r = ctx.zone.resolve(parsed.wallMs);
  if (r.kind === 'overlap' && r.earlier < ctx.previousAt - OVERLAP_TOLERANCE_MS) return r.later;
  return r.earlier;
}

/** One CSV row into `rec`. Returns the count mode to check it with, or a rejection reason. */
export function rowToRecord(fields: string[], layout: TableLayout, ctx: RowContext, rec: QlRecord): CountMode | { reject: string } {
  // Every column the header (or a header-less export's first row) has: a shorter row was cut
  // off, and its last field may be cut short too.
  if (fields.length < layout.width) {
    return { reject: `truncated row: ${fields.length} columns, expected ${layout.width}` };
  }
  if (layout.width > 0 && fields.length > layout.width) {
    return { reject: `${fields.length} columns, expected ${layout.width}` };
  }
  let at: number | string;
  const epochText = value(fields, layout.epoch).trim();
  if (epochText.length > 0) {
    at = epochMs(epochText, 0, epochText.length);
    if (at < 0) at = 'date_time is not an epoch';
  } else if (layout.time >= 0) {
    at = rowTime(value(fields, layout.time), ctx);
  } else {
    at = 'missing time';
  }
  if (typeof at === 'string') return { reject: at };
  const event = canonicalEventName(value(fields, layout.event).trim());
  rec.at = at;
  rec.callid = value(fields, layout.callid).trim();
  rec.queue = value(fields, layout.queue).trim();
  rec.agent = value(fields, layout.agent).trim();
  rec.event = event;
  if (layout.kind === 'pbxware') return pbxData(fields, layout, rec);
  if (layout.joined >= 0) {
    const parts = value(fields, layout.joined).split('|');
    for (let i = 0; i < parts.length; i++) rec.data[i] = parts[i];
    rec.dataLen = parts.length;
  } else {
    for (let i = 0; i < layout.data.length; i++) rec.data[i] = value(fields, layout.data[i]);
    rec.dataLen = layout.data.length;
  }
  return 'padded';
}

/**
 * PBXware moved Asterisk's data fields into its own columns (see the fixture's SOURCE.md): the
 * caller id sits in param1 on ENTERQUEUE/RINGNOANSWER/ABANDON/COMPLETE*, entpos/expos are the
 * entry/exit positions, htime the wait (ring ms for RINGNOANSWER), ttime the talk time. Rebuild
 * the stock layout so one translator serves every form.
 */
function pbxData(fields: string[], layout: TableLayout, rec: QlRecord): CountMode {
  const p1 = value(fields, layout.data[0] ?? -1);
  const p2 = value(fields, layout.data[1] ?? -1);
  const p3 = value(fields, layout.data[2] ?? -1);
  const entpos = value(fields, layout.entpos);
  const expos = value(fields, layout.expos);
  const htime = value(fields, layout.htime);
  const ttime = value(fields, layout.ttime);
  const set = (...values: string[]): CountMode => {
    for (let i = 0; i < values.length; i++) rec.data[i] = values[i];
    rec.dataLen = values.length;
    return 'exact';
  };
  switch (rec.event) {
    case 'ENTERQUEUE': return set('', p1, entpos);
    case 'CONNECT': return set(htime, p2, p3);
    case 'COMPLETECALLER':
    case 'COMPLETEAGENT': return set(htime, ttime, entpos);
    case 'ABANDON':
    case 'EXITEMPTY':
    case 'EXITWITHTIMEOUT': return set(expos, entpos, htime);
    // No PBXware sample shows where the key goes (param1 is the caller id), so it is left out.
    case 'EXITWITHKEY': return set('', expos, entpos, htime);
    case 'RINGNOANSWER':
    case 'RINGCANCELED': return set(htime);
    case 'TRANSFER':
    case 'BLINDTRANSFER':
    case 'ATTENDEDTRANSFER': return set(p2, p3, htime, ttime, entpos);
    default:
      rec.data[0] = p1;
      rec.data[1] = p2;
      rec.data[2] = p3;
      rec.dataLen = 3;
      return 'padded';
  }
}
