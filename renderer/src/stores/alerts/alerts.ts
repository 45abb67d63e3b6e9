import { create } from 'zustand';
import type { ApiClient, LiveAlert, Settings } from '../../../../shared/contract';
import type { Channel } from '../../../../shared/domain/channels';
import type { MessageKey, Params } from '../../i18n/translate';

/** At most one alert sound per this many ms: a burst of missed targets must not become a siren. */
export const SOUND_GAP_MS = 10_000;
/** Toasts shown at once; older ones give way. */
export const MAX_TOASTS = 5;
/** How long a toast stays when nobody dismisses it. */
export const TOAST_MS = 12_000;

export interface AlertText {
  title: string;
  body: string;
}

type T = (key: MessageKey, params?: Params) => string;

/**
 * The words of an alert, e.g. title "Voice · Support", body "A VIP caller has waited past the
 * 20 s target" / "Support has 12 waiting". `span` formats the target in the locale.
 */
export function alertText(alert: LiveAlert, settings: Pick<Settings, 'targetSec'>, t: T, span: (seconds: number) => string): AlertText {
  const channel = t(`channel.${alert.channel}` as MessageKey);
  // Channel and queue are names, not a sentence: the same order reads in every locale.
  const title = `${channel} · ${alert.queue}`;
  if (alert.kind === 'queue-depth') {
    return { title, body: t('alerts.depth', { queue: alert.queue, waiting: alert.waiting ?? 0 }) };
  }
  const target = span(settings.targetSec[alert.channel as Channel]);
  const who = t(alert.channel === 'voice' ? 'alerts.who.caller' : 'alerts.who.customer');
  const body = alert.segment
    ? t('alerts.missedSegment', { segment: alert.segment, who, target })
    : t('alerts.missed', { who, target });
  return { title, body };
}

/** True when a sound may play now; remembers that it did. */
export function createThrottle(gapMs: number): (now: number) => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return (now) => {
    if (now - last < gapMs) return false;
    last = now;
    return true;
  };
}

export interface Toast {
  id: number;
  alert: LiveAlert;
  shownAt: number;
}

export interface AlertsState {
  toasts: Toast[];
  push(alert: LiveAlert, now?: number): void;
  dismiss(id: number): void;
  expire(now?: number): void;
  reset(): void;
}

let nextToast = 1;

export const useAlertsStore = create<AlertsState>()((set, get) => ({
  toasts: [],
  push(alert, now = Date.now()) {
    // One toast per queue and kind: a queue whose callers miss the target one after another
    // shows its latest alert, not a growing pile.
    const same = (t: Toast) => t.alert.kind === alert.kind && t.alert.channel === alert.channel && t.alert.queue === alert.queue;
    const kept = get().toasts.filter((t) => !same(t));
    set({ toasts: [{ id: nextToast++, alert, shownAt: now }, ...kept].slice(0, MAX_TOASTS) });
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  expire(now = Date.now()) {
    const left = get().toasts.filter((t) => now - t.shownAt < TOAST_MS);
    if (left.length !== get().toasts.length) set({ toasts: left });
  },
  reset() {
    set({ toasts: [] });
  },
}));

export interface AlertDeps {
  settings(): Settings;
  text(alert: LiveAlert): AlertText;
  /** Shows a desktop notification; false when the permission is not granted. */
  notify(text: AlertText, tag: string): boolean;
  beep(): void;
  now(): number;
}

/** What one alert does: always a toast; a desktop notification and a sound when switched on. */
export function handleAlert(alert: LiveAlert, deps: AlertDeps, mayBeep: (now: number) => boolean): void {
  const now = deps.now();
  useAlertsStore.getState().push(alert, now);
  const { notifications } = deps.settings();
  if (notifications.desktop) deps.notify(deps.text(alert), `${alert.kind}:${alert.channel}:${alert.queue}`);
  if (notifications.sound && mayBeep(now)) deps.beep();
}

/** Follows `live.alert` for the whole session (every screen), until the returned function is called. */
export function followAlerts(client: Pick<ApiClient, 'on'>, deps: AlertDeps): () => void {
  const mayBeep = createThrottle(SOUND_GAP_MS);
  return client.on('live.alert', (alert) => handleAlert(alert, deps, mayBeep));
}
