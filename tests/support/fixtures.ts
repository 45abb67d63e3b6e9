import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared folder of real data sets beside the repository (never copied into it). */
export const PUBLIC_DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/public');

export const publicFile = (...parts: string[]) => path.join(PUBLIC_DATA, ...parts);

export function tempDir(prefix = 'fw-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const ISSABEL_FILES = ['queue_log-20220707', 'queue_log-20220801', 'queue_log-20220901', 'queue_log-20221005', 'queue_log'].map((f) =>
  publicFile('queue_log-issabel-asterisk16-2022', f),
);
