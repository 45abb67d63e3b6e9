import type { EventHub } from '../api/event-hub';
import type { Clock } from '../ports';
import type { CoachingStore } from './store';

const CHECK_MS = 15_000;

/**
 * Sends each scheduled session's reminder once, `reminderMinutes` before it starts, as an event
 * the screens turn into a desktop notification (one channel, so nobody is notified twice; a host
 * without screens has nobody to remind). Remembered per (session,
 * start) in the database, so a restart does not repeat it and a moved session reminds again.
 */
export function checkReminders(store: CoachingStore, clock: Clock, hub: EventHub): number {
  const minutes = store.settings().reminderMinutes;
  if (minutes <= 0) return 0;
  const now = clock.now();
  const due = store.dueReminders(now, now + minutes * 60_000);
  for (const s of due) {
    store.markReminded(s.id, s.startAt);
    hub.emit('coaching.reminder', { sessionId: s.id, agentName: s.agentName, lead: s.lead, startAt: s.startAt, topic: s.topic });
  }
  return due.length;
}

/** Runs `checkReminders` on a timer that never keeps the process alive; stops when the database closes. */
export function startReminders(store: CoachingStore, clock: Clock, hub: EventHub): () => void {
  const tick = () => {
    try {
      checkReminders(store, clock, hub);
    } catch {
      // The database was closed under us (core.close()): nothing left to remind.
      clearInterval(timer);
    }
  };
  const timer = setInterval(tick, CHECK_MS);
  timer.unref();
  setImmediate(tick).unref();
  return () => clearInterval(timer);
}
