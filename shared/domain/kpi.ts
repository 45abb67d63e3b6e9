/**
 * KPI formulas of DESIGN §4 on counted figures. Every function returns null when its
 * denominator is empty, so screens show "–" instead of a misleading 0 % or 100 %.
 */
export interface Counts {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  answeredInTarget: number;
  /** Sum of known waits of contacts that were answered or left. */
  waitMs: number;
  /** How many contacts `waitMs` sums: unknown waits count neither in the sum nor here. */
  waited: number;
  answeredWaitMs: number;
  talkMs: number;
  holdMs: number;
  wrapMs: number;
}

export const ZERO_COUNTS: Counts = {
  offered: 0,
  answered: 0,
  abandoned: 0,
  shortAbandoned: 0,
  answeredInTarget: 0,
  waitMs: 0,
  waited: 0,
  answeredWaitMs: 0,
  talkMs: 0,
  holdMs: 0,
  wrapMs: 0,
};

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** Answered within target / (answered + abandoned after the short-abandon threshold). */
export function serviceLevel(c: Counts): number | null {
  return ratio(c.answeredInTarget, c.answered + (c.abandoned - c.shortAbandoned));
}
export const unanswered = (c: Counts): number => c.offered - c.answered;
export const answerRate = (c: Counts): number | null => ratio(c.answered, c.offered);
export const abandonRate = (c: Counts): number | null => ratio(c.abandoned, c.offered);
/** Average speed of answer: mean wait of answered contacts, ms (an answer time makes every answered wait known). */
export const asaMs = (c: Counts): number | null => ratio(c.answeredWaitMs, c.answered);
/** Mean wait of the offered contacts whose wait is known, ms. */
export const avgWaitMs = (c: Counts): number | null => ratio(c.waitMs, c.waited);
/** Talk + hold + wrap-up per handled contact, ms (what the data has). */
export const ahtMs = (c: Counts): number | null => ratio(c.talkMs + c.holdMs + c.wrapMs, c.answered);

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    offered: a.offered + b.offered,
    answered: a.answered + b.answered,
    abandoned: a.abandoned + b.abandoned,
    shortAbandoned: a.shortAbandoned + b.shortAbandoned,
    answeredInTarget: a.answeredInTarget + b.answeredInTarget,
    waitMs: a.waitMs + b.waitMs,
    waited: a.waited + b.waited,
    answeredWaitMs: a.answeredWaitMs + b.answeredWaitMs,
    talkMs: a.talkMs + b.talkMs,
    holdMs: a.holdMs + b.holdMs,
    wrapMs: a.wrapMs + b.wrapMs,
  };
}
