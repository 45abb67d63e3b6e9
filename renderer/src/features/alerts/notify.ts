import type { ApiClient } from '../../../../shared/contract';
import { makeI18n } from '../../i18n/useI18n';
import { alertText, followAlerts, type AlertText } from '../../stores/alerts/alerts';
import { useSettingsStore } from '../../stores/settings/actions';

let audio: AudioContext | null = null;

/**
 * Two short tones made on the spot with the Web Audio API: no sound file to ship or fetch. The
 * falling pair reads as "attention" without the urgency of an alarm.
 */
export function beep(): void {
  const Context = typeof window !== 'undefined' ? window.AudioContext : undefined;
  if (!Context) return;
  try {
    audio ??= new Context();
    const ctx = audio;
    if (ctx.state === 'suspended') void ctx.resume();
    const start = ctx.currentTime + 0.01;
    [880, 660].forEach((frequency, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const at = start + i * 0.18;
      osc.type = 'sine';
      osc.frequency.setValueAtTime(frequency, at);
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.17);
    });
  } catch {
    // No audio device: the toast and the notification still say it.
  }
}

export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function notificationPermission(): NotificationPermission | 'unsupported' {
  return notificationsSupported() ? Notification.permission : 'unsupported';
}

/** Asks once, when the user switches desktop notifications on (browsers require a user gesture). */
export async function requestNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (!notificationsSupported()) return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

function showNotification(text: AlertText, tag: string): boolean {
  if (!notificationsSupported() || Notification.permission !== 'granted') return false;
  try {
    // The tag replaces the previous notification of the same queue instead of stacking them.
    const note = new Notification(text.title, { body: text.body, tag, lang: useSettingsStore.getState().settings.locale });
    note.onclick = () => {
      window.focus();
      window.location.hash = '#/live';
    };
    return true;
  } catch {
    return false;
  }
}

/** Starts alerts for the session: call once at start-up with the api client. */
export function startAlerts(client: Pick<ApiClient, 'on'>): () => void {
  return followAlerts(client, {
    settings: () => useSettingsStore.getState().settings,
    text: (alert) => {
      const settings = useSettingsStore.getState().settings;
      const i18n = makeI18n(settings.locale, settings.timezone);
      return alertText(alert, settings, i18n.t, i18n.span);
    },
    notify: showNotification,
    beep,
    now: () => Date.now(),
  });
}
