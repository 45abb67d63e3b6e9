import { parseArgs } from 'node:util';
import { TimeZone } from '../../../shared/contract/settings';
import { createCore } from '../../core/app';
import { systemClock } from '../../core/ports';
import { createFileTail } from '../../core/ingest/tail';
import { CliError, packageVersion, settingsFor, untilInterrupted, type GlobalOptions } from '../context';
import { describeNote } from '../source-note';

export const tailHelp = `floorwatch tail FILE [--format queue_log|ndjson] [--site NAME] [--source-tz ZONE]

Follows a growing queue_log (or NDJSON feed) into --db until Ctrl+C / SIGTERM: appended lines are
applied within a second, a partial last line waits for its newline, logrotate (rename or
copytruncate) is followed, and a restart resumes from the stored offset without counting twice.`;

export async function tail(g: GlobalOptions, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { format: { type: 'string', default: 'queue_log' }, site: { type: 'string', default: 'default' }, 'source-tz': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new CliError('Name one file to follow: floorwatch tail FILE', 2);
  if (values.format !== 'queue_log' && values.format !== 'ndjson') throw new CliError(`--format must be queue_log or ndjson, not "${values.format}".`, 2);
  if (values['source-tz'] !== undefined && !TimeZone.safeParse(values['source-tz']).success) throw new CliError(`Unknown --source-tz "${values['source-tz']}".`, 2);
  const core = createCore({ dbPath: g.db, settings: settingsFor(g), host: 'headless', version: packageVersion(), runSources: false });
  let last = '';
  const t = createFileTail({
    db: core.db,
    store: core.store,
    file: positionals[0]!,
    format: values.format,
    site: values.site,
    sourceTz: values['source-tz'],
    clock: systemClock,
    onStatus: (s) => {
      const line = g.json ? JSON.stringify(s) : `${s.state}: ${s.file} line ${s.lineNo - 1}, ${s.linesApplied} lines applied, ${s.rejected} rejected${s.note ? ` — ${describeNote(s.note)}` : ''}`;
      if (line !== last && (g.json || s.state !== 'following' || s.note)) process.stderr.write(`${line}\n`);
      last = line;
    },
  });
  t.start();
  await untilInterrupted();
  t.drain();
  t.stop();
  core.close();
  const s = t.status();
  process.stdout.write(g.json ? `${JSON.stringify(s)}\n` : `Stopped: ${s.linesApplied} lines applied, ${s.rejected} rejected, at line ${s.lineNo - 1}.\n`);
  return 0;
}
