import { defaultSettings } from '../../shared/contract/settings';
import { openDb } from '../../main/db/open';
import { importFile } from '../../main/core/ingest/import/driver';
import { createIngestStore } from '../../main/core/ingest/store';

/**
 * Imports one file in a process of its own and prints its peak resident memory, so the figure is
 * the importer's alone (`node --import tsx import-child.ts FILE DB`).
 */
async function main() {
  const [file, dbPath] = process.argv.slice(2);
  if (!file || !dbPath) throw new Error('usage: import-child FILE DB');
  const s = defaultSettings();
  const db = openDb(dbPath);
  const store = createIngestStore(db, () => ({ timezone: 'Europe/Tallinn', targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec }));
  const t = process.hrtime.bigint();
  const report = await importFile({ db, store, now: () => Date.now() }, { file, format: 'queue_log' });
  db.close();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(
    `${JSON.stringify({ ms, lines: report.lines, contacts: report.contacts, rejected: report.rejectedCount, maxRssKb: process.resourceUsage().maxRSS })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
