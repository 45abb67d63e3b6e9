import type { Channel } from '../../../../shared/domain/channels';
import type { AgentLive, LiveSnapshot, Settings, TileFigures, WaitingContact } from '../../../../shared/contract';

export type Level = 'ok' | 'warning' | 'breach';

/** The server's "now", advanced by how long ago (client clock) the snapshot arrived. */
export function serverNow(snapshot: LiveSnapshot, receivedAt: number, clientNow: number): number {
  return snapshot.at + Math.max(0, clientNow - receivedAt);
}

/** DESIGN §5 urgency at `now`: waited / target × factor (segment weight × repeat boost). */
export function urgencyAt(contact: WaitingContact, now: number): number {
  const waitedSec = Math.max(0, now - contact.enteredAt) / 1000;
  return (waitedSec / contact.targetSec) * contact.factor;
}

export interface WaitingFilters {
  channel: Channel | null;
  queue: string | null;
  /** `''` selects contacts without a segment. */
  segment: string | null;
}

export const NO_FILTERS: WaitingFilters = { channel: null, queue: null, segment: null };

export interface WaitingRow {
  contact: WaitingContact;
  urgency: number;
  waitedMs: number;
  /** Time until the answer target; negative once it is missed. */
  leftMs: number;
}

/** Waiting contacts at `now`, most urgent first, ties to the longest wait (DESIGN §5). */
export function selectWaitingRows(waiting: readonly WaitingContact[], now: number, filters: WaitingFilters = NO_FILTERS): WaitingRow[] {
  const rows: WaitingRow[] = [];
  for (const contact of waiting) {
    if (filters.channel !== null && contact.channel !== filters.channel) continue;
    if (filters.queue !== null && contact.queue !== filters.queue) continue;
    if (filters.segment !== null && (contact.segment ?? '') !== filters.segment) continue;
    const waitedMs = Math.max(0, now - contact.enteredAt);
    rows.push({ contact, urgency: urgencyAt(contact, now), waitedMs, leftMs: contact.targetSec * 1000 - waitedMs });
  }
  return rows.sort((a, b) => b.urgency - a.urgency || b.waitedMs - a.waitedMs || a.contact.id - b.contact.id);
}

export interface FilterOptions {
  queues: { channel: Channel; queue: string }[];
  segments: string[];
  hasUnsegmented: boolean;
}

export function waitingFilterOptions(snapshot: LiveSnapshot, channel: Channel | null): FilterOptions {
  const queues = new Map<string, { channel: Channel; queue: string }>();
  for (const tile of snapshot.queues) {
    if (!channel || tile.channel === channel) queues.set(`${tile.channel}\u0000${tile.queue}`, { channel: tile.channel, queue: tile.queue });
  }
  const segments = new Set<string>();
  let hasUnsegmented = false;
  for (const contact of snapshot.waiting) {
    if (channel && contact.channel !== channel) continue;
    queues.set(`${contact.channel}\u0000${contact.queue}`, { channel: contact.channel, queue: contact.queue });
    if (contact.segment) segments.add(contact.segment);
    else hasUnsegmented = true;
  }
  return {
    queues: [...queues.values()].sort((a, b) => a.queue.localeCompare(b.queue)),
    segments: [...segments].sort((a, b) => a.localeCompare(b)),
    hasUnsegmented,
  };
}

/** Longest wait advanced by the time since the snapshot; nobody waiting means no wait. */
export function longestWaitAt(figures: TileFigures, elapsedMs: number): number {
  return figures.waiting > 0 ? figures.longestWaitMs + Math.max(0, elapsedMs) : 0;
}

/**
 * A tile's state: the worse of the longest wait's share of the answer target and the queue
 * depth, against the thresholds in settings.
 */
export function tileLevel(figures: TileFigures, elapsedMs: number, thresholds: Settings['thresholds']): Level {
  const share = longestWaitAt(figures, elapsedMs) / 1000 / figures.targetSec;
  if (figures.waiting > 0 && (share >= thresholds.redTargetShare || figures.waiting >= thresholds.redDepth)) return 'breach';
  if (figures.waiting > 0 && (share >= thresholds.amberTargetShare || figures.waiting >= thresholds.amberDepth)) return 'warning';
  return 'ok';
}

/** Level of the longest wait alone, for colouring that figure. */
export function waitLevel(figures: TileFigures, elapsedMs: number, thresholds: Settings['thresholds']): Level {
  if (figures.waiting === 0) return 'ok';
  const share = longestWaitAt(figures, elapsedMs) / 1000 / figures.targetSec;
  if (share >= thresholds.redTargetShare) return 'breach';
  if (share >= thresholds.amberTargetShare) return 'warning';
  return 'ok';
}

/** Level of the queue depth alone, for colouring the "waiting" figure. */
export function depthLevel(waiting: number, thresholds: Settings['thresholds']): Level {
  if (waiting >= thresholds.redDepth) return 'breach';
  if (waiting >= thresholds.amberDepth) return 'warning';
  return 'ok';
}

/**
 * Service level against the goal: at or above goal is fine; within 10 points below is a warning,
 * further below a breach. Null when nothing has been measured today.
 */
export function serviceLevelLevel(serviceLevel: number | null, goalPct: number): Level | null {
  if (serviceLevel === null) return null;
  const pct = serviceLevel * 100;
  if (pct >= goalPct) return 'ok';
  if (pct >= goalPct - 10) return 'warning';
  return 'breach';
}

export interface StaleInput {
  snapshot: LiveSnapshot | null;
  receivedAt: number | null;
  lastMessageAt: number | null;
  connected: boolean;
}

export interface StaleState {
  stale: boolean;
  /** Server-clock instant of the older of "last event" and "last message"; null before any data. */
  since: number | null;
  reason: 'offline' | 'quiet';
}

/**
 * Data is stale when either the connection has delivered nothing, or the live source has produced
 * no event, for `staleAfterSec`. The older of the two instants counts: a stream of snapshots that
 * carries no new events is still stale data.
 */
export function staleState(input: StaleInput, clientNow: number, staleAfterSec: number): StaleState {
  const { snapshot, receivedAt } = input;
  const offset = snapshot && receivedAt !== null ? snapshot.at - receivedAt : 0;
  const candidates: number[] = [];
  if (input.lastMessageAt !== null) candidates.push(input.lastMessageAt);
  if (snapshot && receivedAt !== null && snapshot.lastEventAt !== null) {
    candidates.push(Math.min(receivedAt, snapshot.lastEventAt - offset));
  }
  const reason = input.connected ? 'quiet' : 'offline';
  if (candidates.length === 0) return { stale: false, since: null, reason };
  const oldest = Math.min(...candidates);
  return { stale: clientNow - oldest >= staleAfterSec * 1000, since: oldest + offset, reason };
}

const STATE_ORDER: Record<AgentLive['state'], number> = { available: 0, ringing: 1, busy: 2, wrapup: 3, paused: 4, offline: 5 };

/** Agents grouped by state (available first), longest in state first within a group. */
export function sortAgents(agents: readonly AgentLive[]): AgentLive[] {
  return [...agents].sort(
    (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.since ?? Infinity) - (b.since ?? Infinity) || a.name.localeCompare(b.name),
  );
}

export function agentCounts(agents: readonly AgentLive[]): Record<AgentLive['state'], number> {
  const counts = { available: 0, ringing: 0, busy: 0, wrapup: 0, paused: 0, offline: 0 };
  for (const agent of agents) counts[agent.state] += 1;
  return counts;
}

export interface Totals {
  waiting: number;
  offered: number;
  answered: number;
  abandoned: number;
}

export function todayTotals(snapshot: LiveSnapshot): Totals {
  const totals: Totals = { waiting: 0, offered: 0, answered: 0, abandoned: 0 };
  for (const tile of snapshot.channels) {
    totals.waiting += tile.waiting;
    totals.offered += tile.offeredToday;
    totals.answered += tile.answeredToday;
    totals.abandoned += tile.abandonedToday;
  }
  return totals;
}

export function queuesOf(snapshot: LiveSnapshot, channel: Channel): LiveSnapshot['queues'] {
  return snapshot.queues.filter((tile) => tile.channel === channel);
}
