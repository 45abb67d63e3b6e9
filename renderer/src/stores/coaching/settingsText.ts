import type { CoachingAgent, CoachingSettings, Shift } from '../../../../shared/contract/coaching';

/**
 * The coaching settings form edits lists as plain lines, which a lead can paste from a roster:
 *   leads:   `Lea Kask <lea@example.ee>` (e-mail optional)
 *   shifts:  `Mari Tamm; Mon-Fri; 09:00-17:00`  or  `*; Sat,Sun; 10:00-16:00` (everyone)
 *   e-mails: `Mari Tamm <mari@example.ee>`
 */
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const PERSON = /^(.+?)\s*(?:<([^<>\s]+@[^<>\s]+)>)?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export interface LineError {
  line: number;
  text: string;
}

export function formatLeads(leads: CoachingSettings['leads']): string {
  return leads.map((l) => (l.email ? `${l.name} <${l.email}>` : l.name)).join('\n');
}

export function parsePeople(text: string): { people: { name: string; email: string | null }[]; errors: LineError[] } {
  const people: { name: string; email: string | null }[] = [];
  const errors: LineError[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = PERSON.exec(line);
    if (!m || m[1]!.includes('<')) errors.push({ line: i + 1, text: line });
    else people.push({ name: m[1]!.trim(), email: m[2] ?? null });
  });
  return { people, errors };
}

function parseDays(text: string): number[] | null {
  const out = new Set<number>();
  for (const part of text.toLowerCase().split(',')) {
    const [a, b] = part.trim().split('-').map((s) => DAYS.indexOf(s.trim().slice(0, 3)));
    if (a === undefined || a < 0 || (b !== undefined && b < 0)) return null;
    if (b === undefined) out.add(a);
    else for (let d = a; ; d = (d + 1) % 7) {
      out.add(d);
      if (d === b) break;
    }
  }
  return [...out].sort();
}

const dayText = (days: readonly number[]) => days.map((d) => DAYS[d]![0]!.toUpperCase() + DAYS[d]!.slice(1)).join(',');

export function formatShifts(shifts: readonly Shift[], agents: readonly CoachingAgent[]): string {
  return shifts.map((s) => `${s.agentId === null ? '*' : (agents.find((a) => a.id === s.agentId)?.name ?? String(s.agentId))}; ${dayText(s.days)}; ${s.from}-${s.to}`).join('\n');
}

export function parseShifts(text: string, agents: readonly CoachingAgent[]): { shifts: Shift[]; errors: LineError[] } {
  const shifts: Shift[] = [];
  const errors: LineError[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const [who, days, hours] = line.split(';').map((s) => s.trim());
    const [from, to] = (hours ?? '').split('-').map((s) => s.trim());
    const agent = who === '*' ? null : (agents.find((a) => a.name.toLowerCase() === who?.toLowerCase() || String(a.id) === who) ?? undefined);
    const dayList = days ? parseDays(days) : null;
    if (agent === undefined || !dayList || dayList.length === 0 || !from || !to || !TIME.test(from) || !TIME.test(to)) errors.push({ line: i + 1, text: line });
    else shifts.push({ agentId: agent === null ? null : agent.id, days: dayList, from, to });
  });
  return { shifts, errors };
}
