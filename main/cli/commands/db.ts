import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupDir, backupName, backupTo, inspectDatabase, listBackups, pruneBackups, restoreFrom } from '../../core/backup/backup';
import { createCore } from '../../core/app';
import { purgeContactsBefore } from '../../core/privacy/purge';
import { readConfig, writeConfig } from '../../core/review/config';
import { dataFileInfo } from '../../core/review/handlers';
import { migrate, NewerDatabaseError } from '../../db/open';
import { rollupParamsOf } from '../../core/ingest/rollup';
import { ensureRollupParams } from '../../core/ingest/rollup-update';
import { CliError, packageVersion, print, settingsFor, type GlobalOptions } from '../context';

export const dbHelp = `floorwatch db info | backup [--out FILE] | backups | restore NAME|FILE --yes | copy FILE | check FILE
                | purge --older-than DAYS --yes | config [--backup-every HOURS] [--keep N] [--retain-days DAYS] [--pseudonymise on|off]

The data file: which one is open and what it holds; an online backup (SQLite backup API: safe while
the console runs) into the backups folder beside it (or --out), keeping the newest N; restoring one
(the current content is backed up first); a copy to another file; checking that a file can be
opened (a database from a newer Floorwatch is refused); deleting contacts older than N days
(rollups rebuilt, one transaction); and the file's own policy (scheduled backups, retention,
caller pseudonymisation on import).`;

export async function db(g: GlobalOptions, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      yes: { type: 'boolean', default: false },
      'older-than': { type: 'string' },
      'backup-every': { type: 'string' },
      keep: { type: 'string' },
      'retain-days': { type: 'string' },
      pseudonymise: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [sub, arg] = positionals;
  if (sub === 'check') {
    if (!arg) throw new CliError('Usage: floorwatch db check FILE', 2);
    let r;
    try {
      r = inspectDatabase(path.resolve(arg));
    } catch (error) {
      if (error instanceof NewerDatabaseError) throw error;
      throw new CliError(error instanceof Error ? error.message : String(error));
    }
    print(g, `${arg}: a Floorwatch database, schema version ${r.schemaVersion}`, r);
    return 0;
  }
  const settings = settingsFor(g);
  const core = createCore({ dbPath: g.db, settings, host: 'headless', version: packageVersion(), runSources: false });
  const dir = backupDir(g.db);
  const progress = (p: { done: number; total: number }) => {
    if (!g.json && process.stderr.isTTY) process.stderr.write(`\r${Math.round((100 * p.done) / Math.max(1, p.total))} %`);
  };
  try {
    switch (sub) {
      case 'info': {
        const info = dataFileInfo(core.db, g.db);
        print(g, `${info.path}\n  schema ${info.schemaVersion}, ${info.contacts} contacts, ${(info.sizeBytes / 1e6).toFixed(1)} MB`, info);
        return 0;
      }
      case 'backup': {
        const out = path.resolve(values.out ?? path.join(dir, backupName(Date.now())));
        await backupTo(core.db, out, { onProgress: progress });
        if (!values.out) pruneBackups(dir, readConfig(core.db).backupKeep);
        print(g, `backed up to ${out}`, { file: out });
        return 0;
      }
      case 'backups':
        print(g, listBackups(dir).map((b) => `${b.name}  ${(b.sizeBytes / 1e6).toFixed(1)} MB`).join('\n') || '(no backups)', listBackups(dir));
        return 0;
      case 'copy': {
        if (!arg) throw new CliError('Usage: floorwatch db copy FILE', 2);
        await backupTo(core.db, path.resolve(arg), { onProgress: progress });
        print(g, `copied to ${path.resolve(arg)}`, { file: path.resolve(arg) });
        return 0;
      }
      case 'restore': {
        if (!arg) throw new CliError('Usage: floorwatch db restore NAME|FILE --yes', 2);
        if (!values.yes) throw new CliError('Restoring replaces everything in the database (a backup of it is made first). Add --yes to go ahead.', 2);
        const source = arg.includes(path.sep) ? path.resolve(arg) : path.join(dir, arg);
        await restoreFrom(core.db, g.db, source, path.join(dir, `before-restore-${backupName(Date.now())}`));
        migrate(core.db, undefined, g.db);
        const s = settings.get();
        // Rebuilt with today's settings and recorded as built with them (see the backup service).
        ensureRollupParams(core.db, rollupParamsOf(s), true);
        print(g, `restored ${source}`, { restored: source });
        return 0;
      }
      case 'purge': {
        const days = Number(values['older-than']);
        if (!Number.isInteger(days) || days < 1) throw new CliError('Give --older-than DAYS (a whole number ≥ 1).', 2);
        if (!values.yes) throw new CliError(`This deletes every contact older than ${days} days. Add --yes to go ahead.`, 2);
        const s = settings.get();
        const n = purgeContactsBefore(core.db, Date.now() - days * 86_400_000, rollupParamsOf(s));
        print(g, `deleted ${n} contacts older than ${days} days`, { deleted: n });
        return 0;
      }
      case 'config': {
        const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
        const pseudo = values.pseudonymise;
        if (pseudo !== undefined && pseudo !== 'on' && pseudo !== 'off') throw new CliError('--pseudonymise on|off', 2);
        const patch = Object.fromEntries(
          Object.entries({ backupEveryHours: num(values['backup-every']), backupKeep: num(values.keep), retainDays: num(values['retain-days']), pseudonymise: pseudo === undefined ? undefined : pseudo === 'on' }).filter(([, v]) => v !== undefined),
        );
        let config;
        try {
          config = Object.keys(patch).length ? writeConfig(core.db, patch) : readConfig(core.db);
        } catch (error) {
          throw new CliError(`Invalid setting: ${error instanceof Error ? error.message : String(error)}`, 2);
        }
        print(g, Object.entries(config).map(([k, v]) => `${k}: ${String(v)}`).join('\n'), config);
        return 0;
      }
      default:
        throw new CliError('Usage: floorwatch db info|backup|backups|restore|copy|check|purge|config (see --help)', 2);
    }
  } finally {
    core.close();
  }
}
