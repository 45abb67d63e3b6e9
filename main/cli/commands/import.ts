import { parseArgs } from 'node:util';
import { TimeZone } from '../../../shared/contract/settings';
import { createCore } from '../../core/app';
import { IMPORT_FORMATS, ImportError, type ImportFormat } from '../../core/ingest/import/formats';
import type { ImportReport } from '../../core/ingest/import/driver';
import { CliError, packageVersion, settingsFor, type GlobalOptions } from '../context';

export const importHelp = `floorwatch import FILE… [--format auto|${IMPORT_FORMATS.join('|')}] [--mapping PRESET|FILE] [--source-tz ZONE] [--site NAME]

Imports files into --db through the ingest path. Re-importing a file, or files that overlap, never
duplicates a contact. Damaged lines are rejected with their line number; good lines still import.
  --format F       the file format (default auto: detected from the first lines)
  --mapping M      read the file as a CSV/JSON export by this mapping: a preset name or a mapping JSON file
  --source-tz Z    IANA zone of local date-times in the file (queue_log table exports, CSV)
  --site NAME      which system the file comes from (default "default"); call ids are unique per site
With --json, prints one report per file: { file, format, lines, imported, contacts, rejected: [{ line, reason }], unknownEvents, warnings, … }.`;

function human(r: ImportReport): string {
  const unknown = Object.entries(r.unknownEvents);
  const lines = [
    `${r.file}: ${r.format}, ${r.lines} lines, ${r.imported} imported, ${r.contacts} contacts (${r.newContacts} new), ${r.rejectedCount} rejected${r.status === 'cancelled' ? ' — CANCELLED' : ''}`,
  ];
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  for (const x of r.rejected.slice(0, 20)) lines.push(`  line ${x.line}: ${x.reason}`);
  if (r.rejectedCount > 20) lines.push(`  … and ${r.rejectedCount - 20} more rejected lines (use --json for the list)`);
  if (unknown.length) lines.push(`  unknown events skipped: ${unknown.map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  if (r.orphanEvents) lines.push(`  ${r.orphanEvents} events belong to calls whose queue entry is in an earlier file: import that file too`);
  return lines.join('\n');
}

export async function importCommand(g: GlobalOptions, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', default: 'auto' },
      mapping: { type: 'string' },
      'source-tz': { type: 'string' },
      site: { type: 'string', default: 'default' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new CliError('Name at least one file to import.', 2);
  const format = values.format as ImportFormat | 'auto';
  if (format !== 'auto' && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError(`Unknown --format "${values.format}": use auto, ${IMPORT_FORMATS.join(', ')}.`, 2);
  }
  const sourceTz = values['source-tz'];
  if (sourceTz !== undefined && !TimeZone.safeParse(sourceTz).success) throw new CliError(`Unknown --source-tz "${sourceTz}": give an IANA zone such as Europe/Tallinn.`, 2);

  const core = createCore({ dbPath: g.db, settings: settingsFor(g), host: 'headless', version: packageVersion(), runSources: false });
  const reports: ImportReport[] = [];
  try {
    for (const file of positionals) {
      const showProgress = !g.json && process.stderr.isTTY;
      try {
        const r = await core.importFileInWorker({
          file,
          format,
          site: values.site,
          sourceTz,
          mapping: values.mapping,
          onProgress: showProgress
            ? (p) => process.stderr.write(`\r  ${file}: ${p.totalBytes ? Math.floor((100 * p.bytes) / p.totalBytes) : 100}% · ${p.lines} lines · ${p.contacts} contacts`)
            : undefined,
        });
        if (showProgress) process.stderr.write('\r\x1b[K');
        reports.push(r);
        if (!g.json) process.stdout.write(`${human(r)}\n`);
      } catch (error) {
        if (error instanceof ImportError) throw new CliError(error.message);
        throw error;
      }
    }
  } finally {
    core.close();
  }
  if (g.json) {
    const out = reports.map((r) => ({
      file: r.file,
      format: r.format,
      lines: r.lines,
      imported: r.imported,
      contacts: r.contacts,
      newContacts: r.newContacts,
      rejected: r.rejected,
      rejectedCount: r.rejectedCount,
      unknownEvents: r.unknownEvents,
      orphanEvents: r.orphanEvents,
      warnings: r.warnings,
    }));
    process.stdout.write(`${JSON.stringify(out.length === 1 ? out[0] : out)}\n`);
  }
  return 0;
}
