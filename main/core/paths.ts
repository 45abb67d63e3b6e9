import os from 'node:os';
import path from 'node:path';

/**
 * Where the desktop app keeps its data (Electron's `userData` for productName "Floorwatch"),
 * computed without Electron so the CLI and host default to the very same file.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FLOORWATCH_DATA_DIR) return env.FLOORWATCH_DATA_DIR;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Floorwatch');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Floorwatch');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Floorwatch');
}

export const DB_FILE_NAME = 'floorwatch.sqlite';
/** electron-store's file (name "floorwatch") in the data folder: settings under key "settings". */
export const SETTINGS_FILE_NAME = 'floorwatch.json';

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(defaultDataDir(env), DB_FILE_NAME);
}
