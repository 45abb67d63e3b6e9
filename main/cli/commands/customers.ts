import { parseArgs } from 'node:util';
import { createCore } from '../../core/app';
import { DirectoryFormatError, readDirectoryCsv } from '../../core/ingest/customers';
import { CliError, packageVersion, print, settingsFor, type GlobalOptions } from '../context';

export const customersHelp = `floorwatch customers import FILE.csv [--json]

Imports a customer directory: a CSV whose header names a caller column (phone, number, caller,
msisdn, handle…) and a segment column (segment, tier, type…), optionally name and id. Past and
future contacts of those callers take the directory's segment (history is re-segmented).
With --json prints { file, lines, customers, changed, rejected: [{ line, reason }] }.`;

export async function customers(g: GlobalOptions, argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, options: {}, allowPositionals: true, strict: true });
  const [sub, ...files] = positionals;
  if (sub !== 'import' || files.length !== 1) throw new CliError('Usage: floorwatch customers import FILE.csv', 2);
  const file = files[0]!;
  let parsed;
  try {
    parsed = await readDirectoryCsv(file);
  } catch (error) {
    if (error instanceof DirectoryFormatError) throw new CliError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`Cannot read ${file}: no such file.`);
    throw error;
  }
  const core = createCore({ dbPath: g.db, settings: settingsFor(g), host: 'headless', version: packageVersion(), runSources: false });
  try {
    const changed = core.importCustomers(parsed.records);
    const rej = parsed.rejected.map((r) => `\n  line ${r.line}: ${r.reason}`).join('');
    print(g, `${file}: ${parsed.records.length} customers (${changed} new or changed), ${parsed.rejected.length} rejected${rej}`, {
      file,
      lines: parsed.lines,
      customers: parsed.records.length,
      changed,
      rejected: parsed.rejected,
    });
  } finally {
    core.close();
  }
  return 0;
}
