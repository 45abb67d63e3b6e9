import type { LiveAlert, LiveSnapshot } from '../../../shared/contract/live';
import type { Settings } from '../../../shared/contract/settings';

/**
 * Turns successive snapshots into alerts a supervisor may want pushed at them: a contact passing
 * its answer target, and a queue reaching the red depth threshold. Each fires once: a contact
 * alerts once in its life; a queue re-arms only after falling back below the amber depth
 * (hysteresis, so a queue hovering at the threshold does not ring every few seconds).
 */
export interface AlertState {
  missed: Set<number>;
  deepQueues: Set<string>;
}

export const initialAlertState = (): AlertState => ({ missed: new Set(), deepQueues: new Set() });

export function detectAlerts(state: AlertState, snap: LiveSnapshot, settings: Settings): LiveAlert[] {
  const alerts: LiveAlert[] = [];
  const stillWaiting = new Set<number>();
  for (const c of snap.waiting) {
    stillWaiting.add(c.id);
    const waited = snap.at - c.enteredAt;
    if (waited >= c.targetSec * 1000 && !state.missed.has(c.id)) {
      state.missed.add(c.id);
      alerts.push({ kind: 'target-missed', at: snap.at, channel: c.channel, queue: c.queue, contactId: c.id, segment: c.segment, waitedMs: waited, waiting: null });
    }
  }
  // Forget contacts that left, so the set stays as small as the waiting list.
  for (const id of state.missed) if (!stillWaiting.has(id)) state.missed.delete(id);

  const { redDepth, amberDepth } = settings.thresholds;
  for (const q of snap.queues) {
    const key = `${q.channel}\u001f${q.queue}`;
    if (q.waiting >= redDepth && !state.deepQueues.has(key)) {
      state.deepQueues.add(key);
      alerts.push({ kind: 'queue-depth', at: snap.at, channel: q.channel, queue: q.queue, contactId: null, segment: null, waitedMs: q.longestWaitMs, waiting: q.waiting });
    } else if (q.waiting < amberDepth) {
      state.deepQueues.delete(key);
    }
  }
  return alerts;
}

/** Milliseconds until the next waiting contact passes its target (for a timely alert), or null. */
export function nextTargetCrossing(state: AlertState, snap: LiveSnapshot): number | null {
  let next: number | null = null;
  for (const c of snap.waiting) {
    if (state.missed.has(c.id)) continue;
    const due = c.enteredAt + c.targetSec * 1000 - snap.at;
    if (due > 0 && (next === null || due < next)) next = due;
  }
  return next;
}
