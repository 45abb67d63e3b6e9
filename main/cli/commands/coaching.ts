import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { CoachingSession, Evidence } from '../../../shared/contract/coaching';
import { LocalDateTime } from '../../../shared/contract/coaching';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/api';
import { ApiError } from '../../../shared/contract/errors';
import { ZodError } from 'zod';
import { createCore, type CoreInternals } from '../../core/app';
import { localWhen, scheduleSessions } from '../../core/coaching/service';
import { createCoachingStore } from '../../core/coaching/store';
import { CliError, packageVersion, print, readerSettingsFor, type GlobalOptions } from '../context';

export const coachingHelp = `floorwatch coaching <add|list|ics|suggest> [options]

  add --agent A --lead L --start YYYY-MM-DDTHH:MM --minutes N --topic T
      [--agenda TEXT] [--evidence ID …] [--every weekly|biweekly --until YYYY-MM-DD | --count N]
      Schedules a one-to-one. The start is local to --tz (default: the site's time zone). A is an
      agent name, any alias a source used (e.g. SIP/1001) or the agent id. --evidence takes an
      anomaly id (12 or anomaly:12), contact:ID or kpi:TEXT, and may repeat. Exits 1 naming the
      clash when the agent or the lead already has a session then (touching sessions are fine);
      a start outside the agent's shift is warned about on stderr.
  list [--from YYYY-MM-DD] [--to YYYY-MM-DD]
      Sessions overlapping the local dates (inclusive), with status.
  ics [--from D] [--to D] --out FILE.ics
      Writes the sessions as an iCalendar file (RFC 5545) for Outlook, Google Calendar, Thunderbird.
  suggest --agent A --lead L --minutes N [--days 5]
      The 3 free slots in the next days that cost the least service level (forecast + Erlang C).

--json prints the API's result objects.`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function call<M extends MethodName>(core: CoreInternals, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = await core.dispatcher.call(method, input, { access: 'write' });
  if (!envelope.ok) throw new CliError(envelope.error.message, envelope.error.code === 'bad-input' ? 2 : 1);
  return envelope.result as MethodOutput<M>;
}

function checkDate(name: string, d: string | undefined): void {
  if (d !== undefined && (!DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))) throw new CliError(`--${name} takes a local date YYYY-MM-DD, not "${d}".`, 2);
}

function parseEvidence(ref: string): { kind: Evidence['kind']; ref: string } {
  const m = /^(anomaly|contact|kpi):(.+)$/.exec(ref);
  if (m) return { kind: m[1] as Evidence['kind'], ref: m[2]! };
  if (/^\d+$/.test(ref)) return { kind: 'anomaly', ref };
  throw new CliError(`--evidence "${ref}": give an anomaly id, anomaly:ID, contact:ID or kpi:TEXT.`, 2);
}

const line = (zone: string, s: CoachingSession) => `#${s.id}  ${localWhen(zone, s.startAt, s.endAt)}  ${s.status.padEnd(9)}  ${s.agentName} with ${s.lead}: ${s.topic}`;

export async function coaching(g: GlobalOptions, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      agent: { type: 'string' },
      lead: { type: 'string' },
      start: { type: 'string' },
      minutes: { type: 'string' },
      topic: { type: 'string' },
      agenda: { type: 'string' },
      evidence: { type: 'string', multiple: true },
      every: { type: 'string' },
      until: { type: 'string' },
      count: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      days: { type: 'string' },
    },
  });
  const sub = positionals[0];
  if (!sub || !['add', 'list', 'ics', 'suggest'].includes(sub) || positionals.length > 1) throw new CliError(`Usage:\n${coachingHelp}`, 2);
  checkDate('from', values.from);
  checkDate('to', values.to);
  checkDate('until', values.until);
  const int = (name: 'minutes' | 'days' | 'count', v: string | undefined, fallback?: number) => {
    if (v === undefined) {
      if (fallback === undefined) throw new CliError(`--${name} is required.`, 2);
      return fallback;
    }
    if (!/^\d+$/.test(v)) throw new CliError(`--${name} takes a whole number, not "${v}".`, 2);
    return Number(v);
  };

  // The site zone stays as stored, unless the rollups were built in --tz (readerSettingsFor); --tz changes how times are read and shown.
  const settings = readerSettingsFor(g);
  const core = createCore({ dbPath: g.db, settings, host: 'headless', version: packageVersion(), runSources: false });
  try {
    const site = settings.get().timezone;
    const zone = g.tz ?? site;
    const store = createCoachingStore(core.db, () => Date.now());
    const agentOf = () => {
      if (!values.agent) throw new CliError('--agent is required.', 2);
      const agent = store.resolveAgent(values.agent);
      if (!agent) throw new CliError(`No agent "${values.agent}" (by name, alias or id).`);
      return agent;
    };
    const leadOf = () => {
      if (!values.lead?.trim()) throw new CliError('--lead is required.', 2);
      return values.lead.trim();
    };

    if (sub === 'add') {
      const agent = agentOf();
      const lead = leadOf();
      if (!values.start || !LocalDateTime.safeParse(values.start).success) throw new CliError('--start takes a local date and time YYYY-MM-DDTHH:MM.', 2);
      if (!values.topic?.trim()) throw new CliError('--topic is required.', 2);
      const minutes = int('minutes', values.minutes);
      const evidence: Evidence[] = [];
      for (const raw of values.evidence ?? []) {
        const e = parseEvidence(raw);
        evidence.push(e.kind === 'anomaly' ? (await call(core, 'coaching.evidenceOf', { anomalyId: Number(e.ref) })).evidence : { ...e, summary: null });
      }
      if (values.every !== undefined && values.every !== 'weekly' && values.every !== 'biweekly') throw new CliError('--every is weekly or biweekly.', 2);
      if (values.every && !values.until && !values.count) throw new CliError('A recurring session needs --until YYYY-MM-DD or --count N.', 2);
      const recurrence = values.every ? { every: values.every as 'weekly' | 'biweekly', until: values.until, count: values.count ? int('count', values.count) : undefined } : undefined;
      // The start, the recurrence and any clash message are read and written in --tz (default: the site zone).
      let result;
      try {
        result = scheduleSessions({ db: core.db, zone, now: () => Date.now() }, { agentId: agent.id, lead, start: values.start, minutes, topic: values.topic, agenda: values.agenda, evidence, recurrence });
      } catch (error) {
        if (error instanceof ApiError) throw new CliError(error.message, error.code === 'bad-input' ? 2 : 1);
        if (error instanceof ZodError) throw new CliError(error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 2);
        throw error;
      }
      for (const w of result.warnings) process.stderr.write(`floorwatch: warning: ${w}\n`);
      print(g, result.sessions.map((s) => `scheduled ${line(zone, s)}`).join('\n'), result);
    } else if (sub === 'list') {
      const sessions = await call(core, 'coaching.list', { from: values.from, to: values.to });
      print(g, sessions.length ? sessions.map((s) => line(zone, s)).join('\n') : '(no sessions in that range)', sessions);
    } else if (sub === 'ics') {
      if (!values.out) throw new CliError('--out FILE.ics is required.', 2);
      const { text } = await call(core, 'coaching.ics', { from: values.from, to: values.to });
      fs.writeFileSync(values.out, text);
      const count = (text.match(/^BEGIN:VEVENT/gm) ?? []).length;
      print(g, `${values.out}: ${count} session${count === 1 ? '' : 's'}`, { file: values.out, sessions: count });
    } else {
      const agent = agentOf();
      const slots = await call(core, 'coaching.suggest', { agentId: agent.id, lead: leadOf(), minutes: int('minutes', values.minutes), days: int('days', values.days, 5) });
      const human = slots.length
        ? slots
            .map(
              (s, i) =>
                `${i + 1}. ${localWhen(zone, s.startAt, s.endAt)}  cost ${s.cost.toFixed(2)} contacts over target  SL ${(s.slWith * 100).toFixed(1)}% → ${(s.slWithout * 100).toFixed(1)}% without ${agent.name}` +
                `  (forecast ${s.forecastContacts.toFixed(1)} contacts${s.queue ? ` in ${s.queue}` : ''})`,
            )
            .join('\n')
        : '(no free slot in those days)';
      print(g, human, slots);
    }
  } finally {
    core.close();
  }
  return 0;
}
