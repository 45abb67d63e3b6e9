import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings, type LiveAlert, type Settings } from '../../../../shared/contract';
import { makeI18n } from '../../i18n/useI18n';
import { MAX_TOASTS, SOUND_GAP_MS, TOAST_MS, alertText, createThrottle, followAlerts, handleAlert, useAlertsStore, type AlertDeps } from './alerts';

const missed = (over: Partial<LiveAlert> = {}): LiveAlert => ({ kind: 'target-missed', at: 0, channel: 'voice', queue: 'Support', contactId: 1, segment: 'VIP', waitedMs: 21_000, waiting: null, ...over });
const depth = (over: Partial<LiveAlert> = {}): LiveAlert => ({ kind: 'queue-depth', at: 0, channel: 'voice', queue: 'Support', contactId: null, segment: null, waitedMs: 90_000, waiting: 12, ...over });

function text(alert: LiveAlert, locale: Settings['locale'] = 'en') {
  const i18n = makeI18n(locale, 'UTC');
  return alertText(alert, defaultSettings(), i18n.t, i18n.span);
}

beforeEach(() => useAlertsStore.getState().reset());

describe('alert text', () => {
  it('says which queue, who waited past which target, and how deep a queue is', () => {
    // The target is written by Intl ("20 sec" / "20 secs" depends on the ICU version).
    const { span } = makeI18n('en', 'UTC');
    expect(text(missed())).toEqual({ title: 'Voice · Support', body: `A VIP caller has waited past the ${span(20)} target` });
    expect(span(20)).toMatch(/^20 sec/);
    expect(text(missed({ segment: null }))).toEqual({ title: 'Voice · Support', body: `A caller has waited past the ${span(20)} target` });
    expect(text(missed({ channel: 'chat', queue: 'Web chat', segment: null })).body).toBe(`A customer has waited past the ${span(60)} target`);
    expect(text(depth())).toEqual({ title: 'Voice · Support', body: 'Support has 12 waiting' });
  });

  it('is translated, with the locale’s digits', () => {
    expect(text(depth(), 'fa').body).toBe('در Support ۱۲ نفر منتظرند');
    expect(text(missed(), 'fa').body).toContain('VIP');
    expect(text(missed(), 'fa').body).toContain('۲۰');
    expect(text(missed(), 'zh').title).toBe('语音 · Support');
    expect(text(missed({ segment: null }), 'et').body).toMatch(/^Üks helistaja/);
  });
});

describe('sound throttle', () => {
  it('lets one sound through per gap', () => {
    const may = createThrottle(SOUND_GAP_MS);
    expect(may(0)).toBe(true);
    expect(may(1_000)).toBe(false);
    expect(may(SOUND_GAP_MS - 1)).toBe(false);
    expect(may(SOUND_GAP_MS)).toBe(true);
    expect(may(SOUND_GAP_MS + 5)).toBe(false);
  });
});

describe('handling alerts', () => {
  function deps(notifications: Settings['notifications'], now = 0) {
    const settings = { ...defaultSettings(), notifications };
    const notify = vi.fn<AlertDeps['notify']>(() => true);
    const beep = vi.fn<AlertDeps['beep']>();
    return { settings: () => settings, text: (a: LiveAlert) => text(a), notify, beep, now: () => now } satisfies AlertDeps;
  }

  it('always shows a toast; notifies and sounds only when switched on', () => {
    const off = deps({ desktop: false, sound: false });
    handleAlert(missed(), off, createThrottle(SOUND_GAP_MS));
    expect(useAlertsStore.getState().toasts).toHaveLength(1);
    expect(off.notify).not.toHaveBeenCalled();
    expect(off.beep).not.toHaveBeenCalled();

    const on = deps({ desktop: true, sound: true });
    handleAlert(depth(), on, createThrottle(SOUND_GAP_MS));
    expect(on.notify).toHaveBeenCalledWith({ title: 'Voice · Support', body: 'Support has 12 waiting' }, 'queue-depth:voice:Support');
    expect(on.beep).toHaveBeenCalledTimes(1);
  });

  it('sounds at most once per gap however many alerts arrive', () => {
    let now = 0;
    const on = { ...deps({ desktop: false, sound: true }), now: () => now };
    const listeners: ((a: LiveAlert) => void)[] = [];
    const stop = followAlerts({ on: ((_e: string, l: (a: LiveAlert) => void) => (listeners.push(l), () => undefined)) as never }, on);
    for (let i = 0; i < 5; i += 1) listeners[0]!(missed({ contactId: i, queue: `Q${i}` }));
    now = SOUND_GAP_MS;
    listeners[0]!(missed({ contactId: 9 }));
    expect(on.beep).toHaveBeenCalledTimes(2);
    stop();
  });
});

describe('toasts', () => {
  it('keeps one toast per queue and kind, newest first, at most a few', () => {
    const store = useAlertsStore.getState();
    store.push(missed({ contactId: 1 }), 0);
    store.push(missed({ contactId: 2 }), 1);
    store.push(depth(), 2);
    expect(useAlertsStore.getState().toasts.map((t) => [t.alert.kind, t.alert.contactId])).toEqual([
      ['queue-depth', null],
      ['target-missed', 2],
    ]);
    for (let i = 0; i < 10; i += 1) store.push(missed({ queue: `Q${i}` }), 3);
    expect(useAlertsStore.getState().toasts).toHaveLength(MAX_TOASTS);
    expect(useAlertsStore.getState().toasts[0]!.alert.queue).toBe('Q9');
  });

  it('lets toasts go after a while, or when dismissed', () => {
    const store = useAlertsStore.getState();
    store.push(missed(), 0);
    store.push(depth({ queue: 'Sales' }), 5_000);
    store.expire(TOAST_MS);
    expect(useAlertsStore.getState().toasts.map((t) => t.alert.queue)).toEqual(['Sales']);
    store.dismiss(useAlertsStore.getState().toasts[0]!.id);
    expect(useAlertsStore.getState().toasts).toEqual([]);
  });
});
