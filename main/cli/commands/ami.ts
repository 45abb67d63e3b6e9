import { parseArgs } from 'node:util';
import { createCore } from '../../core/app';
import { systemClock } from '../../core/ports';
import { createAmiRunner } from '../../core/sources/ami-runner';
import { CliError, packageVersion, settingsFor, untilInterrupted, type GlobalOptions } from '../context';
import { describeNote } from '../source-note';

export const amiHelp = `floorwatch ami --host H [--port 5038] --user U --secret S [--site NAME]

Connects to the Asterisk Manager Interface and records queue calls and agent states into --db
until Ctrl+C / SIGTERM: logs in, takes a QueueStatus snapshot (callers waiting now, members),
then follows events; reconnects with backoff and says so. Contacts share the site's source with
its queue_log, so a call seen both ways is counted once. The secret can also come from
$FLOORWATCH_AMI_SECRET (so it does not show in the process list).`;

export async function ami(g: GlobalOptions, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string', default: '5038' },
      user: { type: 'string' },
      secret: { type: 'string' },
      site: { type: 'string', default: 'default' },
    },
    strict: true,
  });
  const secret = values.secret ?? process.env.FLOORWATCH_AMI_SECRET;
  if (!values.host || !values.user || !secret) throw new CliError('Give --host, --user and --secret (or $FLOORWATCH_AMI_SECRET).', 2);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliError(`--port must be 1–65535, not "${values.port}".`, 2);
  const core = createCore({ dbPath: g.db, settings: settingsFor(g), host: 'headless', version: packageVersion(), runSources: false });
  let applied = 0;
  const runner = createAmiRunner(
    { host: values.host, port, username: values.user, secret, site: values.site },
    {
      ingest: (events) => core.ingest(events),
      db: core.db,
      clock: systemClock,
      onApplied: (n) => {
        applied += n;
      },
      onStatus: (state, note) => process.stderr.write(g.json ? `${JSON.stringify({ state, note })}\n` : `AMI ${values.host}:${port}: ${state}${note ? ` — ${describeNote(note)}` : ''}\n`),
      log: (m) => process.stderr.write(`${m}\n`),
    },
  );
  await untilInterrupted();
  // The callers still waiting for their outcome are settled and written before the database closes.
  await runner.stop();
  core.close();
  process.stdout.write(g.json ? `${JSON.stringify({ events: applied })}\n` : `Stopped: ${applied} events recorded.\n`);
  return 0;
}
