import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { TimeZone } from '../../shared/contract/settings';
import { defaultDbPath, SETTINGS_FILE_NAME } from '../core/paths';
import { createFileSettingsStore } from '../core/settings/file-store';
import type { SettingsStore } from '../core/ports';
import { builtRollupParams } from '../core/ingest/rollup-update';

/** Options every command takes (DESIGN §7). */
export interface GlobalOptions {
  db: string;
  tz: string | undefined;
  json: boolean;
}

/** A user-facing error: printed to stderr without a stack, exit code 1 (2 for usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function parseGlobals(values: { db?: string; tz?: string; json?: boolean }): GlobalOptions {
  if (values.tz !== undefined && !TimeZone.safeParse(values.tz).success) {
    throw new CliError(`Unknown time zone "${values.tz}": give an IANA name such as Europe/Tallinn or America/New_York.`, 2);
  }
  return { db: path.resolve(values.db ?? process.env.FLOORWATCH_DB ?? defaultDbPath()), tz: values.tz, json: values.json ?? false };
}

/** Settings live beside the database (the desktop app uses the same file name in its data folder). */
export function settingsFor(g: GlobalOptions): SettingsStore {
  return createFileSettingsStore(path.join(path.dirname(g.db), SETTINGS_FILE_NAME), g.tz ? { timezone: g.tz } : {});
}

/**
 * Settings for a command that only reads (kpis, report, coaching): --tz is the zone of this run's
 * figures and times, not a new site zone, so the stored settings stand and the rollups stay in
 * their zone (figures in another zone are counted from the contacts). When the rollups were built
 * in the --tz zone already (an import run with the same --tz), that zone is this run's site zone:
 * the rollups answer as they are, where the stored zone would have had them moved or rebuilt
 * into it before the query and back by the next import.
 */
export function readerSettingsFor(g: GlobalOptions): SettingsStore {
  return g.tz !== undefined && rollupZoneOf(g.db) === g.tz ? settingsFor(g) : settingsFor({ ...g, tz: undefined });
}

/** The zone the database's rollups were built in, read without opening it for writing (null: none yet). */
function rollupZoneOf(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return builtRollupParams(db)?.timezone ?? null;
    } finally {
      db.close();
    }
  } catch {
    // Not a database yet, or one from before the rollups: the command opens it and says what is wrong.
    return null;
  }
}

export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('Cannot find the Floorwatch installation folder (package.json).');
    dir = up;
  }
  return dir;
}

export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export function rendererDir(): string {
  return process.env.FLOORWATCH_STATIC_DIR ?? path.join(repoRoot(), 'build', 'renderer');
}

/** Resolves on SIGINT/SIGTERM: long-running commands flush and exit 0. */
export function untilInterrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => resolve(signal);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

export function print(g: GlobalOptions, human: string, json: unknown): void {
  process.stdout.write(g.json ? `${JSON.stringify(json)}\n` : `${human}\n`);
}
