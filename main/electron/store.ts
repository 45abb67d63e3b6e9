import fs from 'node:fs';
import path from 'node:path';
import ElectronStore from 'electron-store';
import type { KeyValueStore } from './settings';

export const STORE_NAME = 'floorwatch';

/**
 * Opens the app's electron-store file in `dir` (normally userData). Values are validated with the
 * contract's zod schema on read rather than by electron-store's JSON-schema option, so one bad
 * field costs that field only, not the whole file. A file that is not JSON at all is set aside
 * (electron-store would otherwise overwrite it on the next write) so nothing is silently lost.
 */
export function openElectronStore(dir: string, warn: (message: string) => void = () => undefined): KeyValueStore {
  const file = path.join(dir, `${STORE_NAME}.json`);
  try {
    JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      const aside = `${file}.invalid-${Date.now()}`;
      try {
        fs.renameSync(file, aside);
        warn(`Settings file ${file} was unreadable (${String(error).slice(0, 200)}); moved to ${aside}, using defaults.`);
      } catch {
        warn(`Settings file ${file} is unreadable and could not be moved aside; using defaults.`);
      }
    }
  }
  const store = new ElectronStore<Record<string, unknown>>({
    name: STORE_NAME,
    cwd: dir,
    clearInvalidConfig: true,
    accessPropertiesByDotNotation: false,
  });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
  };
}
