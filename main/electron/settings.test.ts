import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../shared/contract/settings';
import { createElectronSettingsStore, createWindowStateStore, salvageSettings, SETTINGS_KEY, WINDOW_STATE_KEY, type KeyValueStore } from './settings';

function memoryKv(initial: Record<string, unknown> = {}): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>(Object.entries(initial));
  return { data, get: (k) => structuredClone(data.get(k)), set: (k, v) => void data.set(k, structuredClone(v)) };
}

describe('salvageSettings', () => {
  it('returns defaults for nothing stored or garbage', () => {
    expect(salvageSettings(undefined)).toEqual(defaultSettings());
    expect(salvageSettings('x')).toEqual(defaultSettings());
    expect(salvageSettings([1, 2])).toEqual(defaultSettings());
    expect(salvageSettings(null)).toEqual(defaultSettings());
  });

  it('keeps the valid fields and resets only the invalid ones', () => {
    const warn = vi.fn();
    const settings = salvageSettings({ timezone: 'Mars/Olympus_Mons', locale: 'et', theme: 'light', shortAbandonSec: -4, unknownKey: 1 }, warn);
    expect(settings.timezone).toBe('UTC');
    expect(settings.shortAbandonSec).toBe(defaultSettings().shortAbandonSec);
    expect(settings.locale).toBe('et');
    expect(settings.theme).toBe('light');
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('electron settings store', () => {
  it('starts from what is stored, validated', () => {
    const kv = memoryKv({ [SETTINGS_KEY]: { timezone: 'Europe/Tallinn', thresholds: 'red' } });
    const store = createElectronSettingsStore(kv);
    expect(store.get().timezone).toBe('Europe/Tallinn');
    expect(store.get().thresholds).toEqual(defaultSettings().thresholds);
  });

  it('persists updates under its key, notifies listeners, and rejects invalid patches untouched', () => {
    const kv = memoryKv();
    const store = createElectronSettingsStore(kv);
    const listener = vi.fn();
    const off = store.onChange(listener);
    const updated = store.update({ timezone: 'Asia/Tehran', wallboard: { rotateSec: 30, pages: ['agents'], displayId: 2 } });
    expect(updated.wallboard.displayId).toBe(2);
    expect(kv.data.get(SETTINGS_KEY)).toEqual(updated);
    expect(listener).toHaveBeenCalledWith(updated);

    expect(() => store.update({ timezone: 'Nowhere/Land' })).toThrow();
    expect(store.get().timezone).toBe('Asia/Tehran');
    expect(kv.data.get(SETTINGS_KEY)).toEqual(updated);

    off();
    store.update({ theme: 'high-contrast' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(createElectronSettingsStore(kv).get().theme).toBe('high-contrast');
  });
});

describe('window state store', () => {
  it('remembers bounds per window beside the settings without touching them', () => {
    const kv = memoryKv({ [SETTINGS_KEY]: { theme: 'light' } });
    const state = createWindowStateStore(kv);
    expect(state.get('console')).toBeNull();
    state.set('console', { x: -1920, y: 0, width: 1600, height: 900, maximized: false });
    state.set('other', { x: 0, y: 0, width: 800, height: 600, maximized: true });
    expect(state.get('console')).toEqual({ x: -1920, y: 0, width: 1600, height: 900, maximized: false });
    expect(kv.data.get(SETTINGS_KEY)).toEqual({ theme: 'light' });
  });

  it('treats damaged entries as absent', () => {
    const kv = memoryKv({ [WINDOW_STATE_KEY]: { console: { x: 'left', y: 0, width: 10, height: 10 } } });
    expect(createWindowStateStore(kv).get('console')).toBeNull();
    const broken = memoryKv({ [WINDOW_STATE_KEY]: 'nonsense' });
    const state = createWindowStateStore(broken);
    expect(state.get('console')).toBeNull();
    state.set('console', { x: 1, y: 2, width: 800, height: 600, maximized: false });
    expect(state.get('console')).toMatchObject({ x: 1, y: 2 });
  });
});
