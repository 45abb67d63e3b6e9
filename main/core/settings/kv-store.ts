import type { z } from 'zod';
import { SettingsPatch, SettingsSchema, type Settings } from '../../../shared/contract/settings';
import type { SettingsStore } from '../ports';

/** A tiny key-value file: electron-store on the desktop, a JSON file for the CLI and host, a Map in tests. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Settings sit under this key of the shared settings file (window state under its own keys). */
export const SETTINGS_KEY = 'settings';

/**
 * Parses stored settings, keeping every top-level field that is valid and replacing the rest with
 * defaults, so a hand-edited or older file never stops the app from starting.
 */
export function salvageSettings(stored: unknown, warn: (message: string) => void = () => undefined): Settings {
  const whole = SettingsSchema.safeParse(stored ?? {});
  if (whole.success) return whole.data;
  const source = stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const kept: Record<string, unknown> = {};
  const shape = SettingsSchema.shape as Record<string, z.ZodType>;
  for (const [key, schema] of Object.entries(shape)) {
    if (!(key in source)) continue;
    if (schema.safeParse(source[key]).success) kept[key] = source[key];
    else warn(`Stored setting "${key}" is invalid; using its default.`);
  }
  return SettingsSchema.parse(kept);
}

/**
 * The core's `SettingsStore` over any key-value store. `overrides` (e.g. the CLI's --tz) apply to
 * this process only and are never written back.
 */
export function createKvSettingsStore(
  store: KeyValueStore,
  options: { overrides?: Partial<Settings>; warn?: (message: string) => void } = {},
): SettingsStore {
  let persisted = salvageSettings(store.get(SETTINGS_KEY), options.warn);
  let current = SettingsSchema.parse({ ...persisted, ...options.overrides });
  const listeners = new Set<(settings: Settings) => void>();
  return {
    get: () => current,
    update(patch) {
      const valid = SettingsPatch.parse(patch);
      persisted = SettingsSchema.parse({ ...persisted, ...valid });
      current = SettingsSchema.parse({ ...current, ...valid });
      store.set(SETTINGS_KEY, persisted);
      for (const listener of [...listeners]) listener(current);
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A Map-backed store for tests. */
export function memoryKv(initial: Record<string, unknown> = {}): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, v) };
}
