import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from '../../../shared/contract/settings';
import type { SettingsStore } from '../ports';
import { createKvSettingsStore, memoryKv, type KeyValueStore } from './kv-store';

/**
 * The desktop app's settings file (electron-store's JSON) read and written without Electron, so
 * the CLI and the headless host use the very settings the desktop app uses. Keys we do not own
 * (window state) are kept. A file that is not JSON is set aside, not silently overwritten.
 */
export function jsonFileKv(file: string, warn: (message: string) => void = (m) => process.emitWarning(m)): KeyValueStore {
  let data: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
    } catch (error) {
      const aside = `${file}.invalid-${Date.now()}`;
      fs.renameSync(file, aside);
      warn(`Settings file ${file} was unreadable (${String(error).slice(0, 200)}); moved to ${aside}, using defaults.`);
    }
  }
  return {
    get: (key) => data[key],
    set(key, value) {
      // Re-read first: the desktop app may have written other keys meanwhile.
      try {
        const onDisk: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (onDisk !== null && typeof onDisk === 'object' && !Array.isArray(onDisk)) data = onDisk as Record<string, unknown>;
      } catch {
        // Missing or unreadable: keep what we have.
      }
      data = { ...data, [key]: value };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify(data, null, '\t')}\n`);
      fs.renameSync(tmp, file);
    },
  };
}

export function createFileSettingsStore(file: string, overrides: Partial<Settings> = {}): SettingsStore {
  return createKvSettingsStore(jsonFileKv(file), { overrides, warn: (m) => process.emitWarning(m) });
}

/** In-memory settings for tests. */
export function createMemorySettingsStore(initial: Partial<Settings> = {}): SettingsStore {
  return createKvSettingsStore(memoryKv({ settings: initial }));
}
