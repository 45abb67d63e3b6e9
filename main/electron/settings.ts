import { z } from 'zod';
import type { SettingsStore } from '../core/ports';
import { createKvSettingsStore, type KeyValueStore } from '../core/settings/kv-store';

export { SETTINGS_KEY, salvageSettings, type KeyValueStore } from '../core/settings/kv-store';
export const WINDOW_STATE_KEY = 'windowState';

/** The core's `SettingsStore`, persisted in electron-store under its own key. */
export function createElectronSettingsStore(store: KeyValueStore, warn: (message: string) => void = () => undefined): SettingsStore {
  return createKvSettingsStore(store, { warn });
}

export const WindowBounds = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(150).max(100_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

/** Remembered geometry per window kind ("console"), beside the settings in the same file. */
export interface WindowStateStore {
  get(name: string): WindowBounds | null;
  set(name: string, bounds: WindowBounds): void;
}

export function createWindowStateStore(store: KeyValueStore): WindowStateStore {
  const all = (): Record<string, unknown> => {
    const value = store.get(WINDOW_STATE_KEY);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  };
  return {
    get(name) {
      const parsed = WindowBounds.safeParse(all()[name]);
      return parsed.success ? parsed.data : null;
    },
    set(name, bounds) {
      const parsed = WindowBounds.safeParse(bounds);
      if (!parsed.success) return;
      store.set(WINDOW_STATE_KEY, { ...all(), [name]: parsed.data });
    },
  };
}
