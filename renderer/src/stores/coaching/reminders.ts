import type { ApiClient } from '../../../../shared/contract';

let stop: (() => void) | null = null;

/**
 * Turns core's `coaching.reminder` events into desktop notifications (Web Notification API:
 * Electron shows them natively, a browser after the user allowed it). Installed once per client.
 */
export function startCoachingReminders(client: ApiClient, format: (startAt: number) => string = (t) => new Date(t).toLocaleTimeString()): () => void {
  if (stop) return stop;
  const off = client.on('coaching.reminder', (r) => {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    new Notification(`${r.agentName} · ${format(r.startAt)}`, { body: `${r.topic} (${r.lead})`, tag: `coaching-${r.sessionId}-${r.startAt}` });
  });
  stop = () => {
    off();
    stop = null;
  };
  return stop;
}

/** Asks for permission once, from a user gesture (browsers ignore requests made without one). */
export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
}
