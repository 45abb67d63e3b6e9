/**
 * Erlang C (M/M/N queue) for staffing. Assumptions, stated because they bias the answer:
 * - arrivals are Poisson with a constant rate within the interval (an hour here);
 * - handle times are exponential with mean `ahtSec` (talk + hold + wrap where the data has them);
 * - nobody abandons: every caller waits until answered. Real callers hang up, so Erlang C
 *   overstates waiting (and the agents required) when abandonment is material;
 * - agents are interchangeable and fully available for the whole interval (no shrinkage).
 */

/** Erlang B by the stable recursion B(0)=1, B(n) = A·B(n−1) / (n + A·B(n−1)) (no factorials). */
export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (traffic * b) / (n + traffic * b);
  return b;
}

/** Probability that a contact waits at all, C(N, A); 1 when the queue is unstable (A ≥ N). */
export function erlangC(agents: number, traffic: number): number {
  if (traffic <= 0) return 0;
  if (agents <= traffic) return 1;
  const b = erlangB(agents, traffic);
  return (agents * b) / (agents - traffic * (1 - b));
}

export interface ErlangInput {
  /** Contacts arriving per hour. */
  perHour: number;
  /** Mean handle time in seconds. */
  ahtSec: number;
  agents: number;
  /** Answer target in seconds (the "Y" of X/Y). */
  targetSec: number;
}

/** Offered load in Erlangs: arrival rate × mean handle time. */
export const trafficOf = (perHour: number, ahtSec: number): number => (perHour * ahtSec) / 3600;

/** Expected share answered within the target: 1 − C·e^(−(N−A)·t/AHT). 0 when unstable. */
export function serviceLevelOf(i: ErlangInput): number {
  const a = trafficOf(i.perHour, i.ahtSec);
  if (a <= 0) return 1;
  if (i.agents <= a) return 0;
  const c = erlangC(i.agents, a);
  return Math.max(0, Math.min(1, 1 - c * Math.exp((-(i.agents - a) * i.targetSec) / i.ahtSec)));
}

/** Average speed of answer in seconds: C·AHT/(N−A); Infinity when unstable. */
export function asaOf(i: ErlangInput): number {
  const a = trafficOf(i.perHour, i.ahtSec);
  if (a <= 0) return 0;
  if (i.agents <= a) return Number.POSITIVE_INFINITY;
  return (erlangC(i.agents, a) * i.ahtSec) / (i.agents - a);
}

/** The fewest agents whose expected service level reaches `goal` (0–1). 0 when nothing arrives. */
export function agentsRequired(perHour: number, ahtSec: number, targetSec: number, goal: number, max = 10_000): number {
  const a = trafficOf(perHour, ahtSec);
  if (a <= 0 || ahtSec <= 0) return 0;
  for (let n = Math.max(1, Math.floor(a) + 1); n <= max; n++) {
    if (serviceLevelOf({ perHour, ahtSec, agents: n, targetSec }) >= goal) return n;
  }
  return max;
}
