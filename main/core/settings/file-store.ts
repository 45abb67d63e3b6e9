import fs from 'node:fs';
import path from 'node:path';
import { SettingsPatch, SettingsSchema, type Settings } from '../../../shared/contract/settings';
import type { SettingsStore } from '../ports';

/**
 * Settings kept as JSON beside the database, for the headless host and the CLI (the desktop app
 * keeps the same schema in electron-store). A damaged file is set aside, not silently lost.
 */
export function createFileSettingsStore(file: string, overrides: Partial<Settings> = {}): SettingsStore {
  let current: Settings = SettingsSchema.parse({});
  if (fs.existsSync(file)) {
    try {
      current = SettingsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch (error) {
      const aside = `${file}.invalid-${Date.now()}`;
      fs.renameSync(file, aside);
      process.emitWarning(`Settings file ${file} was invalid (${(error as Error).message.slice(0, 200)}); moved to ${aside}, using defaults.`);
    }
  }
  // Overrides (e.g. CLI --tz) apply to this process only and are not written back.
  let persisted = current;
  current = SettingsSchema.parse({ ...current, ...overrides });
  const listeners = new Set<(s: Settings) => void>();
  return {
    get: () => current,
    update(patch) {
      const valid = SettingsPatch.parse(patch);
      persisted = SettingsSchema.parse({ ...persisted, ...valid });
      current = SettingsSchema.parse({ ...current, ...valid });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // The desktop app keeps other keys (window bounds) in the same file: keep what we do not own.
      let other: Record<string, unknown> = {};
      try {
        other = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch {
        other = {};
      }
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ ...other, ...persisted }, null, 2));
      fs.renameSync(tmp, file);
      for (const l of listeners) l(current);
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** In-memory settings for tests. */
export function createMemorySettingsStore(initial: Partial<Settings> = {}): SettingsStore {
  let current = SettingsSchema.parse(initial);
  const listeners = new Set<(s: Settings) => void>();
  return {
    get: () => current,
    update(patch) {
      current = SettingsSchema.parse({ ...current, ...SettingsPatch.parse(patch) });
      for (const l of listeners) l(current);
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
