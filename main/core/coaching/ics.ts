import type { CoachingSession } from '../../../shared/contract/coaching';
import { localParts, localToUtc, zoneOffsetMs } from '../../../shared/domain/time';

/**
 * iCalendar (RFC 5545) export. Each event carries DTSTART/DTEND as site-local times with the
 * site's TZID and a VTIMEZONE built from the runtime's zone data (one observance per offset
 * change in the years covered), so clients that do not know the IANA name still place it right.
 */

const CRLF = '\r\n';
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** TEXT value escaping (§3.3.11): backslash, semicolon, comma, newline. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (§3.2): quoted when it holds ':', ';' or ','; DQUOTE itself cannot appear. */
export function paramValue(s: string): string {
  const clean = s.replace(/["\r\n]/g, "'");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 sequence; continuations start with a space. */
export function fold(line: string): string {
  const encoder = new TextEncoder();
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

const utcStamp = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
};

const localStamp = (zone: string, t: number) => {
  const p = localParts(zone, t);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
};

/** True when the instant's local wall time reads back as the same instant (not the second of a repeated hour). */
function unambiguous(zone: string, t: number): boolean {
  const p = localParts(zone, t);
  return localToUtc(zone, p.year, p.month, p.day, p.hour, p.minute, p.second) === Math.floor(t / 1000) * 1000;
}

/** Local wall time of an instant seen with a given offset (for observance onsets, in the old offset). */
const wallStamp = (t: number, offsetMs: number) => {
  const d = new Date(t + offsetMs);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
};

const offsetText = (ms: number) => {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(ms / 60_000));
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
};

interface Transition {
  at: number;
  from: number;
  to: number;
}

/** Offset changes of a zone in [from, to), found by daily steps then bisection to the minute. */
export function transitions(zone: string, from: number, to: number): Transition[] {
  const out: Transition[] = [];
  const DAY = 86_400_000;
  let prevT = from;
  let prev = zoneOffsetMs(zone, from);
  for (let t = from + DAY; t < to + DAY; t += DAY) {
    const off = zoneOffsetMs(zone, t);
    if (off !== prev) {
      let lo = prevT;
      let hi = t;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (zoneOffsetMs(zone, mid) === prev) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, from: prev, to: off });
      prev = off;
    }
    prevT = t;
  }
  return out;
}

/** VTIMEZONE covering the calendar years of [from, to]. */
export function vtimezone(zone: string, from: number, to: number): string[] {
  const y0 = new Date(from).getUTCFullYear();
  const y1 = new Date(to).getUTCFullYear();
  const start = Date.UTC(y0, 0, 1);
  const end = Date.UTC(y1 + 1, 0, 1);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const initial = zoneOffsetMs(zone, start);
  const list = transitions(zone, start, end);
  // The offset in force at the start of the range, as an observance with no change.
  const firstKind = list.length > 0 && list[0]!.to < initial ? 'DAYLIGHT' : 'STANDARD';
  lines.push(`BEGIN:${firstKind}`, `DTSTART:${wallStamp(start, initial)}`, `TZOFFSETFROM:${offsetText(initial)}`, `TZOFFSETTO:${offsetText(initial)}`, `END:${firstKind}`);
  for (const tr of list) {
    const kind = tr.to > tr.from ? 'DAYLIGHT' : 'STANDARD';
    lines.push(`BEGIN:${kind}`, `DTSTART:${wallStamp(tr.at, tr.from)}`, `TZOFFSETFROM:${offsetText(tr.from)}`, `TZOFFSETTO:${offsetText(tr.to)}`, `END:${kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

export interface IcsOptions {
  zone: string;
  now: number;
  /** Lead name → e-mail (ORGANIZER); agent e-mail comes with the session. */
  leadEmail(lead: string): string | null;
  agentEmail(agentId: number): string | null;
}

function description(s: CoachingSession): string {
  const parts: string[] = [];
  if (s.agenda) parts.push(`Agenda:\n${s.agenda}`);
  if (s.evidence.length > 0) parts.push(`Evidence:\n${s.evidence.map((e) => `- ${e.kind} ${e.ref}${e.summary ? `: ${e.summary}` : ''}`).join('\n')}`);
  if (s.targetMetric) parts.push(`Target metric: ${s.targetMetric}`);
  return parts.join('\n\n');
}

/** The calendar text: CRLF line ends, folded lines, one VEVENT per session. */
export function toIcs(sessions: readonly CoachingSession[], o: IcsOptions): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Floorwatch//Coaching//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (sessions.length > 0) {
    lines.push(...vtimezone(o.zone, Math.min(...sessions.map((s) => s.startAt)), Math.max(...sessions.map((s) => s.endAt))));
  }
  for (const s of sessions) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${s.uid}`,
      `DTSTAMP:${utcStamp(o.now)}`,
      // A wall time in the repeated hour of an autumn change means its first occurrence (§3.3.5):
      // an instant in the second one is written in UTC (start) or as a DURATION (end).
      unambiguous(o.zone, s.startAt) ? `DTSTART;TZID=${paramValue(o.zone)}:${localStamp(o.zone, s.startAt)}` : `DTSTART:${utcStamp(s.startAt)}`,
      unambiguous(o.zone, s.endAt) ? `DTEND;TZID=${paramValue(o.zone)}:${localStamp(o.zone, s.endAt)}` : `DURATION:PT${Math.round((s.endAt - s.startAt) / 60_000)}M`,
      `SUMMARY:${escapeText(`Coaching: ${s.agentName} – ${s.topic}`)}`,
    );
    const text = description(s);
    if (text) lines.push(`DESCRIPTION:${escapeText(text)}`);
    lines.push(`STATUS:${s.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:OPAQUE', 'SEQUENCE:0');
    const lead = o.leadEmail(s.lead);
    const agent = o.agentEmail(s.agentId);
    if (lead) lines.push(`ORGANIZER;CN=${paramValue(s.lead)}:mailto:${lead}`);
    if (agent) lines.push(`ATTENDEE;CN=${paramValue(s.agentName)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:${agent}`);
    if (lead && agent) lines.push(`ATTENDEE;CN=${paramValue(s.lead)};ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:${lead}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}
