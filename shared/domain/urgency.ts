/**
 * Urgency of a waiting contact (DESIGN §5):
 *   urgency = (waited / target(channel)) × weight(segment) × (repeat ? repeatBoost : 1)
 * ≥ 1 means the answer target is already missed. Lists sort by urgency, then longest wait.
 */
export interface UrgencyInput {
  waitedMs: number;
  targetSec: number;
  segment: string | null;
  repeat: boolean;
}

export interface UrgencyWeights {
  segmentWeights: Record<string, number>;
  repeatBoost: number;
}

export function urgencyFactor(segment: string | null, repeat: boolean, w: UrgencyWeights): number {
  const weight = segment !== null ? (w.segmentWeights[segment] ?? 1) : 1;
  return weight * (repeat ? w.repeatBoost : 1);
}

export function urgency(input: UrgencyInput, w: UrgencyWeights): number {
  const waited = Math.max(0, input.waitedMs);
  return (waited / (input.targetSec * 1000)) * urgencyFactor(input.segment, input.repeat, w);
}

/** Milliseconds until the contact's own answer target is missed (negative: missed that long ago). */
export function msToBreach(waitedMs: number, targetSec: number): number {
  return targetSec * 1000 - waitedMs;
}

export interface Ranked {
  urgency: number;
  enteredAt: number;
}

/** Sort order of waiting lists: most urgent first, then the longest wait (earliest entry). */
export function byUrgency(a: Ranked, b: Ranked): number {
  return b.urgency - a.urgency || a.enteredAt - b.enteredAt;
}
