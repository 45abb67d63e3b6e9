import { parseArgs } from 'node:util';
import { createCore } from '../../core/app';
import { startHost } from '../../host/server';
import { createSwitchableCore } from '../../host/switchable';
import { CliError, packageVersion, print, rendererDir, settingsFor, untilInterrupted, type GlobalOptions } from '../context';

export const serveHelp = `floorwatch serve [--host 127.0.0.1] [--port 4780] [--token T] [--simulate [--seed N] [--teams N]]

Serves the console and its API over HTTP for a browser, a TV or a wall-board display.
  --host ADDR    address to bind (default 127.0.0.1). Any other address needs --token.
  --port N       TCP port (default 4780; 0 picks a free one).
  --token T      access token LAN clients must present (open http://HOST:PORT/?token=T#/wallboard);
                 they get read-only access.
  --simulate     run the built-in traffic simulator as a live source (today is backfilled).
  --seed N       simulator seed (default 1).
  --teams N      simulated floor size in teams of 25 agents (default 3); arrivals scale alike.`;

export async function serve(g: GlobalOptions, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4780' },
      token: { type: 'string' },
      simulate: { type: 'boolean', default: false },
      seed: { type: 'string' },
      teams: { type: 'string', default: '3' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a whole number 0–65535, not "${values.port}".`, 2);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new CliError(`--seed must be a whole number, not "${values.seed}".`, 2);
  const teams = Number(values.teams);
  if (!Number.isInteger(teams) || teams < 1 || teams > 20) throw new CliError(`--teams must be a whole number 1–20, not "${values.teams}".`, 2);
  if (values.token !== undefined && values.token.length < 8) throw new CliError('--token must be at least 8 characters.', 2);

  const log = (m: string) => process.stderr.write(`${m}\n`);
  const switchable = createSwitchableCore(
    (dbPath, switchDatabase) =>
      createCore({
        dbPath,
        settings: settingsFor({ ...g, db: dbPath }),
        host: 'headless',
        version: packageVersion(),
        // Never simulate into a file opened later (a colleague's database, a backup).
        simulate: values.simulate && dbPath === g.db ? { seed, teams } : false,
        log,
        switchDatabase,
      }),
    g.db,
    log,
  );
  let host;
  try {
    host = await startHost({ core: switchable.facade, host: values.host, port, token: values.token ?? null, staticDir: rendererDir(), log: (m) => process.stderr.write(`${m}\n`) });
  } catch (error) {
    switchable.close();
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  print(g, `Floorwatch console: ${host.url}  (wall-board: ${host.url}#/wallboard)\nDatabase: ${g.db}\nPress Ctrl+C to stop.`, {
    url: host.url,
    port: host.port,
    db: g.db,
  });
  await untilInterrupted();
  await host.close();
  // Live sources write what they still hold (an AMI source its callers' outcomes) before the database closes.
  await switchable.stopSources();
  switchable.close();
  return 0;
}
