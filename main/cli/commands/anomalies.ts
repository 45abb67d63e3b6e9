import { parseArgs } from 'node:util';
import { createAnomalyService } from '../../core/anomalies/service';
import { createCore } from '../../core/app';
import { systemClock } from '../../core/ports';
import { CliError, packageVersion, settingsFor, type GlobalOptions } from '../context';

export const anomaliesHelp = `floorwatch anomalies [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]

Scans the range for anomalies (DESIGN §6) — unanswered contacts by local hour × segment
(recurring hours, hours on one weekday, one-off date-hours), hours on one weekday and one-off
date-hours of the whole floor, and agent avoidance (ring-no-answer by segment) — stores new flags and prints every flag
found. Dates are local to the site's time zone, both inclusive; the default is the last
\`anomalies.windowDays\` days (setting, 28).
With --json: an array of { id, kind, scope, segment, agent, queue, channel, from, to, hours,
observed, expected, total, pValue, qValue, explanation }; scope is hour, weekday-hour, date-hour,
floor-weekday-hour or floor-date-hour (every segment: segment null), or agent-segment.`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function anomalies(g: GlobalOptions, argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true });
  for (const d of [values.from, values.to]) {
    if (d !== undefined && (!DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))) throw new CliError(`Dates are local calendar dates YYYY-MM-DD, not "${d}".`, 2);
  }
  if (values.from && values.to && values.from > values.to) throw new CliError(`--from ${values.from} is after --to ${values.to}.`, 2);
  const settings = settingsFor(g);
  const core = createCore({ dbPath: g.db, settings, host: 'headless', version: packageVersion(), runSources: false });
  try {
    const service = createAnomalyService({ db: core.db, settings, clock: systemClock });
    const { flags, fromAt, toAt } = service.run({ from: values.from, to: values.to });
    if (g.json) {
      const out = flags.map((f) => ({
        id: f.id,
        kind: f.kind,
        scope: f.detail.scope,
        segment: f.segment,
        agent: f.agent,
        queue: f.queue,
        channel: f.channel,
        from: f.from,
        to: f.to,
        hours: f.hours,
        observed: f.observed,
        expected: f.expected,
        total: f.total,
        pValue: f.pValue,
        qValue: f.qValue,
        explanation: f.explanation,
      }));
      process.stdout.write(`${JSON.stringify(out)}\n`);
    } else if (flags.length === 0) {
      process.stdout.write(`No anomalies between ${new Date(fromAt).toISOString()} and ${new Date(toAt).toISOString()}.\n`);
    } else {
      for (const f of flags) process.stdout.write(`#${f.id} [${f.kind}${f.status === 'new' ? '' : `, ${f.status}`}] ${f.explanation}\n`);
    }
  } finally {
    core.close();
  }
  return 0;
}
