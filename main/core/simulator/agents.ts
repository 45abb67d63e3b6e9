import { CHANNELS, type Channel } from '../../../shared/domain/channels';
import type { Zone } from './localtime';
import { QUEUE_CHANNEL } from './profile';
import { createRng, hashSeed } from './random';

/**
 * The simulated floor: 25 agents on a weekly rota of local-time shifts. Early, day, mid, late
 * and evening shifts overlap so a weekday has 14–19 agents logged in from 09 to 16, thinning to
 * a handful in the evening; two night agents alternate so every night is covered. Agents whose
 * shift is thinly staffed (evenings, weekends, nights) take all voice queues, so queues rarely
 * turn callers away.
 */
type ShiftKind = 'early' | 'day' | 'mid' | 'late' | 'evening' | 'night';

/** Start and length in local minutes; the night shift runs past midnight into the next day. */
export const SHIFTS: Record<ShiftKind, { start: number; length: number }> = {
  early: { start: 7 * 60, length: 510 },
  day: { start: 8 * 60, length: 510 },
  mid: { start: 9 * 60, length: 510 },
  late: { start: 12 * 60, length: 510 },
  evening: { start: 14 * 60 + 30, length: 510 },
  night: { start: 22 * 60 + 30, length: 510 },
};

export interface AgentSpec {
  key: string;
  name: string;
  queues: readonly string[];
  shift: ShiftKind;
  /** Weekdays (0 = Sunday) on which the agent's shift starts. */
  days: readonly number[];
  /** Chance of letting a ringing contact go unanswered. */
  rna: number;
  /** Handle-time multiplier: below 1 is faster than the team. */
  speed: number;
  /** Shift of resolution and satisfaction odds, around 0. */
  quality: number;
}

const MON_FRI = [1, 2, 3, 4, 5];
const VOICE = ['Sales', 'Support', 'Billing'];

export const ROSTER: readonly AgentSpec[] = [
  { key: 'kadri', name: 'Kadri Tamm', queues: ['Support', 'Billing', 'Inbox'], shift: 'day', days: MON_FRI, rna: 0.03, speed: 0.95, quality: 0.05 },
  { key: 'sathish', name: 'Sathish Kumar', queues: ['Support', 'Web chat'], shift: 'early', days: MON_FRI, rna: 0.02, speed: 0.9, quality: 0.04 },
  { key: 'maria', name: 'Maria Kask', queues: ['Sales', 'Support', 'Web chat'], shift: 'day', days: MON_FRI, rna: 0.03, speed: 1.05, quality: 0.02 },
  { key: 'reza', name: 'Reza Hosseini', queues: [...VOICE, 'Web chat', 'SMS', 'Social'], shift: 'night', days: [0, 1, 2, 3], rna: 0.04, speed: 1.0, quality: 0 },
  { key: 'li-wei', name: 'Li Wei', queues: [...VOICE, 'Web chat', 'Social'], shift: 'day', days: MON_FRI, rna: 0.03, speed: 1.0, quality: 0.03 },
  { key: 'mart', name: 'Mart Saar', queues: ['Sales', 'Support'], shift: 'late', days: MON_FRI, rna: 0.05, speed: 1.1, quality: -0.03 },
  { key: 'priya', name: 'Priya Nair', queues: [...VOICE, 'Inbox'], shift: 'day', days: [2, 3, 4, 5, 6], rna: 0.02, speed: 0.9, quality: 0.06 },
  { key: 'shirin', name: 'Shirin Karimi', queues: ['Support', 'Web chat', 'SMS'], shift: 'day', days: MON_FRI, rna: 0.03, speed: 1.0, quality: 0.02 },
  { key: 'emma', name: 'Emma Wilson', queues: [...VOICE, 'Web chat', 'SMS'], shift: 'early', days: [3, 4, 5, 6, 0], rna: 0.03, speed: 1.0, quality: 0.01 },
  { key: 'jaan', name: 'Jaan Mägi', queues: ['Support', 'Billing'], shift: 'day', days: MON_FRI, rna: 0.04, speed: 1.05, quality: -0.02 },
  { key: 'wang-fang', name: 'Wang Fang', queues: [...VOICE, 'Web chat', 'Social', 'SMS'], shift: 'evening', days: MON_FRI, rna: 0.02, speed: 0.95, quality: 0.03 },
  { key: 'arash', name: 'Arash Rahimi', queues: [...VOICE, 'Web chat', 'SMS', 'Social'], shift: 'night', days: [3, 4, 5, 6], rna: 0.04, speed: 1.05, quality: -0.01 },
  { key: 'liis', name: 'Liis Pärn', queues: ['Billing', 'Support', 'Inbox'], shift: 'early', days: MON_FRI, rna: 0.02, speed: 0.95, quality: 0.04 },
  { key: 'oliver', name: 'Oliver Smith', queues: ['Sales', 'Support', 'Inbox'], shift: 'late', days: MON_FRI, rna: 0.03, speed: 1.0, quality: 0 },
  { key: 'ananya', name: 'Ananya Iyer', queues: [...VOICE, 'Web chat', 'Inbox', 'Social'], shift: 'mid', days: [6, 0, 1, 2, 3], rna: 0.03, speed: 1.0, quality: 0.03 },
  { key: 'kaveh', name: 'Kaveh Moradi', queues: [...VOICE, 'SMS'], shift: 'evening', days: MON_FRI, rna: 0.06, speed: 1.1, quality: -0.04 },
  { key: 'triin', name: 'Triin Lepik', queues: [...VOICE, 'Web chat', 'Inbox', 'Social'], shift: 'evening', days: [4, 5, 6, 0, 1], rna: 0.03, speed: 1.0, quality: 0.02 },
  { key: 'chen-jing', name: 'Chen Jing', queues: ['Support', 'Web chat'], shift: 'day', days: MON_FRI, rna: 0.02, speed: 0.9, quality: 0.05 },
  { key: 'rahul', name: 'Rahul Sharma', queues: [...VOICE, 'Social', 'Inbox'], shift: 'late', days: [6, 0, 1, 2, 3], rna: 0.03, speed: 1.0, quality: 0 },
  { key: 'helen', name: 'Helen Kuusk', queues: ['Support', 'Sales', 'SMS', 'Inbox'], shift: 'early', days: MON_FRI, rna: 0.03, speed: 1.0, quality: 0.02 },
  { key: 'dariush', name: 'Dariush Jafari', queues: [...VOICE, 'Web chat'], shift: 'late', days: MON_FRI, rna: 0.04, speed: 1.05, quality: -0.01 },
  { key: 'sophie', name: 'Sophie Evans', queues: ['Support', 'Web chat', 'Inbox'], shift: 'day', days: [0, 1, 2, 3, 4], rna: 0.03, speed: 0.95, quality: 0.03 },
  { key: 'niloufar', name: 'Niloufar Tehrani', queues: ['Support', 'Web chat', 'Social'], shift: 'mid', days: MON_FRI, rna: 0.03, speed: 1.0, quality: 0.01 },
  { key: 'james', name: 'James Taylor', queues: ['Sales', 'Support', 'Inbox'], shift: 'mid', days: MON_FRI, rna: 0.04, speed: 1.05, quality: 0 },
  { key: 'vikram', name: 'Vikram Reddy', queues: [...VOICE, 'Inbox', 'SMS'], shift: 'early', days: [6, 0, 1, 2, 3], rna: 0.02, speed: 0.95, quality: 0.02 },
];

/**
 * The roster for a floor of `teams` teams. Team 1 is ROSTER; each further team has the same
 * shifts and skills under other names (first and family names of the roster recombined), so a
 * bigger floor keeps the same rota shape and, with arrivals scaled alike, the same service level.
 */
export function rosterFor(teams: number): AgentSpec[] {
  const out: AgentSpec[] = [...ROSTER];
  const n = ROSTER.length;
  for (let team = 2; team <= teams; team++) {
    ROSTER.forEach((spec, i) => {
      const first = spec.name.split(' ')[0]!;
      const other = ROSTER[(i + 7 * (team - 1)) % n]!.name.split(' ');
      const family = other.length > 1 ? other.slice(1).join(' ') : other[0]!;
      out.push({ ...spec, key: `${spec.key}-t${team}`, name: `${first} ${family}` });
    });
  }
  return out;
}

export function agentChannels(spec: AgentSpec): Channel[] {
  const served = new Set(spec.queues.map((q) => QUEUE_CHANNEL.get(q)));
  return CHANNELS.filter((c) => served.has(c));
}

export interface PausePlan {
  at: number;
  durationMs: number;
  reason: 'Lunch' | 'Break' | 'Training';
}

export interface ShiftPlan {
  login: number;
  logoff: number;
  pauses: PausePlan[];
}

const ABSENCE = 0.03;
const MINUTE = 60_000;

/**
 * One agent's shift starting on a local day, or null when off or absent. Drawn from its own
 * stream (seed, agent, day), so a day's rota does not depend on when the simulation started.
 */
export function planShift(spec: AgentSpec, agentIndex: number, day: number, zone: Zone, seed: number): ShiftPlan | null {
  const weekday = (((day + 4) % 7) + 7) % 7;
  if (!spec.days.includes(weekday)) return null;
  const rng = createRng(hashSeed(seed, 0x5417, agentIndex, day));
  if (rng.chance(ABSENCE)) return null;
  const shift = SHIFTS[spec.shift];
  // People log in a little early or late, and leave after the bell more often than before it.
  const start = shift.start + rng.uniform(-5, 6);
  const end = shift.start + shift.length + rng.uniform(-2, 8);
  // Whole minutes: event times are integer milliseconds, and rotas are written in minutes anyway.
  const local = (minute: number): number => zone.toUtc(day, Math.round(minute));
  const at = (fraction: number, jitter: number): number =>
    local(shift.start + shift.length * fraction + rng.uniform(-jitter, jitter));
  const pauses: PausePlan[] =
    spec.shift === 'night'
      ? // Alone on the floor at night: short pauses, so the queues are not unstaffed for long.
        [
          { at: at(0.3, 10), durationMs: rng.int(8, 12) * MINUTE, reason: 'Break' },
          { at: at(0.55, 15), durationMs: rng.int(18, 22) * MINUTE, reason: 'Lunch' },
        ]
      : [
          { at: at(0.25, 10), durationMs: rng.int(10, 15) * MINUTE, reason: 'Break' },
          { at: at(0.5, 15), durationMs: rng.int(28, 35) * MINUTE, reason: 'Lunch' },
          { at: at(0.78, 10), durationMs: rng.int(10, 15) * MINUTE, reason: 'Break' },
        ];
  if (spec.shift !== 'night' && rng.chance(0.12)) {
    pauses.push({ at: at(0.32, 3), durationMs: rng.int(45, 60) * MINUTE, reason: 'Training' });
  }
  pauses.sort((a, b) => a.at - b.at);
  return { login: local(start), logoff: local(end), pauses };
}
