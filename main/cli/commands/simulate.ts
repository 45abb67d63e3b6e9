import { parseArgs } from 'node:util';
import { createCore } from '../../core/app';
import { createSimulator } from '../../core/simulator';
import { systemClock } from '../../core/ports';
import { CliError, packageVersion, print, settingsFor, untilInterrupted, type GlobalOptions } from '../context';

export const simulateHelp = `floorwatch simulate [--days N] [--seed N] [--teams N] [--live]

Writes simulated contact-center traffic into --db through the ordinary ingest path.
  --days N   history to generate, ending now (default 1). Fractions are allowed.
  --seed N   simulator seed (default 1): the same seed and period give the same traffic.
  --teams N  floor size in teams of 25 agents (default 1); arrivals scale alike.
  --live     keep generating in real time after the history, until Ctrl+C.`;

export async function simulate(g: GlobalOptions, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { days: { type: 'string', default: '1' }, seed: { type: 'string', default: '1' }, teams: { type: 'string', default: '1' }, live: { type: 'boolean', default: false } },
    strict: true,
  });
  const days = Number(values.days);
  if (!(days > 0 && days <= 3660)) throw new CliError(`--days must be a number of days between 0 and 3660, not "${values.days}".`, 2);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new CliError(`--seed must be a whole number, not "${values.seed}".`, 2);

  const teams = Number(values.teams);
  if (!Number.isInteger(teams) || teams < 1 || teams > 20) throw new CliError(`--teams must be a whole number 1–20, not "${values.teams}".`, 2);
  const settings = settingsFor(g);
  const core = createCore({ dbPath: g.db, settings, host: 'headless', version: packageVersion(), runSources: false });
  try {
    let events = 0;
    const sim = createSimulator({
      seed,
      clock: systemClock,
      timezone: settings.get().timezone,
      source: `simulator-cli-${seed}`,
      teams,
      emit: (batch) => {
        events += batch.length;
        core.ingest(batch);
      },
    });
    core.importCustomers(sim.customers());
    const to = systemClock.now();
    const from = to - Math.round(days * 86_400_000);
    const started = Date.now();
    sim.backfill(from, to);
    const status = sim.status();
    print(
      g,
      `Simulated ${status.generated} contacts (${events} events) from ${new Date(from).toISOString()} to ${new Date(to).toISOString()} in ${Date.now() - started} ms into ${g.db}.`,
      { contacts: status.generated, events, from, to, db: g.db },
    );
    if (values.live) {
      sim.start();
      process.stderr.write('Simulating live traffic; press Ctrl+C to stop.\n');
      await untilInterrupted();
      sim.stop();
    }
  } finally {
    core.close();
  }
  return 0;
}
