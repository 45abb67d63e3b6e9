import fs from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/**
 * The `electron` package exports the binary's path, and throws from its index.js when the binary
 * was never downloaded (path.txt missing). ELECTRON_OVERRIDE_DIST_PATH can point the path at a
 * directory that does not exist, so the file is checked too.
 */
export function findElectronBinary(): ElectronBinary {
  let resolved: unknown;
  try {
    resolved = createRequire(import.meta.url)('electron');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `the Electron binary is not installed (require('electron') failed: ${message}). Install it without ELECTRON_SKIP_BINARY_DOWNLOAD to run these tests.` };
  }
  if (typeof resolved !== 'string') return { ok: false, reason: `require('electron') returned ${typeof resolved}, not the binary path.` };
  if (!fs.existsSync(resolved)) return { ok: false, reason: `the Electron binary is missing at ${resolved}.` };
  return { ok: true, path: resolved };
}
