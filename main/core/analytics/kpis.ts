import { abandonRate, ahtMs, answerRate, asaMs, avgWaitMs, serviceLevel, ZERO_COUNTS, addCounts, type Counts } from '../../../shared/domain/kpi';
import { addLocalDays, localDayStartOf, localParts } from '../../../shared/domain/time';
import { tierPlan, weekdayOf } from './kpi-tiers';
import { tierZone } from '../ingest/rollup-tiers';
import { DAY_KEY_SQL, localInstantSql } from '../../db/migrations/0006-rollup-tiers';
import { byDayAndHour, dayKeyOf, localPartsCache, offsetText, utcOffsetText } from './local-parts';
import type { Db } from '../../db/open';
import { CONTACT_ROW_SQL, contribution, type ContactRow, type RollupParams } from '../ingest/rollup';
import { ROLLUP_SUMS, SUM_INDEX, type RollupSum } from '../ingest/rollup-sums';
import { addExtraCounts, keyOf, type ExtraCounts } from './kpi-extras';

export const KPI_GROUPS = ['day', 'hour', 'weekday', 'segment', 'queue', 'channel', 'agent', 'reason'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];

export interface KpiQuery {
  /** Local dates YYYY-MM-DD, both inclusive; open-ended when absent. */
  from?: string;
  to?: string;
  by: KpiGroup[];
  /** Site zone the days and hours are counted in. */
  zone: string;
}

export interface KpiRow {
  day?: string;
  hour?: number;
  weekday?: number;
  segment?: string | null;
  queue?: string;
  channel?: string;
  agent?: string | null;
  /** Contact reason (disposition, topic) where the data has one. */
  reason?: string | null;
  /**
   * With `day` and `hour` both: the hour's UTC offset (±HH:MM), so the hour that happens twice
   * when clocks go back is two rows (a 25-hour day has 25), the earlier (larger offset) first.
   */
  utcOffset?: string;
  offered: number;
  answered: number;
  unanswered: number;
  abandoned: number;
  shortAbandoned: number;
  answeredInTarget: number;
  serviceLevel: number | null;
  answerRate: number | null;
  abandonRate: number | null;
  asaSec: number | null;
  avgWaitSec: number | null;
  ahtSec: number | null;
}

type RollupRow = {
  hour_at: number;
  channel: string;
  queue: string;
  segment: string;
  agent: string | null;
} & Record<RollupSum, number>;

/** A row of rollup_day_seg / rollup_month_seg: the hourly row's sums under a coarser key. */
type DayRow = Omit<RollupRow, 'hour_at'> & { day: string };
type MonthRow = Omit<RollupRow, 'hour_at'> & { weekday: number; hour: number };
interface TimeKeys {
  day: string;
  hour: number;
  weekday: number;
  utcOffset: string;
}

const countsOf = (r: Omit<RollupRow, 'hour_at'>): Counts => ({
  offered: r.offered,
  answered: r.answered,
  abandoned: r.abandoned,
  shortAbandoned: r.short_abandoned,
  answeredInTarget: r.answered_in_target,
  waitMs: r.wait_ms,
  waited: r.waited,
  answeredWaitMs: r.answered_wait_ms,
  talkMs: r.talk_ms,
  holdMs: r.hold_ms,
  wrapMs: r.wrap_ms,
});

const extraSums = (r: Omit<RollupRow, 'hour_at'>): ExtraCounts => ({
  offered: r.offered,
  answered: r.answered,
  attempts: r.attempts,
  rnaAttempts: r.rna_attempts,
  transferred: r.transferred,
  identified: r.identified,
  repeatContacts: r.repeat_contacts,
  fcrBase: r.fcr_base,
  fcrRepeated: r.fcr_repeated,
  csatResponses: r.csat_responses,
  csatSatisfied: r.csat_satisfied,
  npsResponses: r.nps_responses,
  npsPromoters: r.nps_promoters,
  npsDetractors: r.nps_detractors,
});

/** A group's keys and sums; `extra` holds the rollup's RNA/transfer/repeat/survey sums (null when counted from contacts). */
export interface KpiGroupSums {
  keys: Partial<KpiRow>;
  counts: Counts;
  extra: ExtraCounts | null;
}


/** Per-agent sums (`inner` has an agent_id column) with the agent's name: joined to the sums, not to every rollup row. */
const withAgentNames = (inner: string) => `SELECT g.*, a.name AS agent FROM (${inner}) g LEFT JOIN agents a ON a.id = g.agent_id AND g.agent_id <> 0`;

/**
 * Local day / hour / weekday of a local instant `l` (ms) in SQL, as localParts gives them: a
 * rollup hour starts on a whole local hour, so its hour of day is exact integer arithmetic.
 */
const LOCAL_KEY_SQL: Record<'day' | 'hour' | 'weekday', (l: string) => string> = {
  day: (l) => DAY_KEY_SQL(`(${l})`),
  hour: (l) => `((${l}) / 3600000 % 24 + 24) % 24`,
  weekday: (l) => `CAST(strftime('%w', (${l}) / 1000, 'unixepoch') AS INTEGER)`,
};

const sec = (ms: number | null) => (ms === null ? null : ms / 1000);

function bounds(q: KpiQuery): [number, number] {
  const from = q.from ? localDayStartOf(q.zone, q.from) : -8.64e15;
  const to = q.to ? localDayStartOf(q.zone, addLocalDays(q.to, 1)) : 8.64e15;
  return [from, to];
}

const agentNames = (db: Db) => new Map(db.prepare<[], { id: number; name: string }>('SELECT id, name FROM agents').all().map((a) => [a.id, a.name] as const));

/**
 * KPIs of DESIGN §4 grouped by local day / hour / weekday and by segment, queue, channel, agent.
 * Reads the hourly rollup when it was built in the requested zone (the normal case: fast at
 * millions of contacts); otherwise (a one-off --tz) it buckets the contacts themselves.
 */
export function queryKpis(db: Db, q: KpiQuery, rollup: RollupParams): KpiRow[] {
  return kpiRows(queryKpiGroups(db, q, rollup, false), q.by);
}

/** The rollups answer grouping `q` (built in its zone, and the rollup has no reason dimension). */
export const rollupAnswers = (q: KpiQuery, rollup: RollupParams) => rollup.timezone === q.zone && !q.by.includes('reason');

/**
 * The sums of every group of `q`, read from the rollups when they answer it (`rollupAnswers`);
 * with `extras` the RNA/transfer/repeat/survey sums too (twice the columns to sum).
 */
export function queryKpiGroups(db: Db, q: KpiQuery, rollup: RollupParams, extras = true): KpiGroupSums[] {
  const [from, to] = bounds(q);
  const groups = new Map<string, KpiGroupSums>();
  const zoneParts = localPartsCache(q.zone);
  const partsCache = new Map<number, ReturnType<typeof localParts>>();
  const parts = (t: number) => {
    let p = partsCache.get(t);
    if (!p) partsCache.set(t, (p = zoneParts(t)));
    return p;
  };
  /** Local day / hour / weekday of a rollup hour, once per hour. */
  const timeKeys = new Map<number, TimeKeys>();
  const keysOfHour = (hourAt: number): TimeKeys => {
    let k = timeKeys.get(hourAt);
    if (!k) {
      const p = parts(hourAt);
      timeKeys.set(hourAt, (k = { day: dayKeyOf(p), hour: p.hour, weekday: p.weekday, utcOffset: utcOffsetText(p, hourAt) }));
    }
    return k;
  };
  const dayAndHour = byDayAndHour(q.by);
  const add = (t: Partial<TimeKeys>, r: { channel: string; queue: string; segment: string; agent: string | null; reason?: string | null }, c: Counts, e: ExtraCounts | null) => {
    const keys: Partial<KpiRow> = {};
    for (const g of q.by) {
      if (g === 'day') keys.day = t.day;
      else if (g === 'hour') keys.hour = t.hour;
      else if (g === 'weekday') keys.weekday = t.weekday;
      else if (g === 'segment') keys.segment = r.segment === '' ? null : r.segment;
      else if (g === 'agent') keys.agent = r.agent;
      else if (g === 'reason') keys.reason = r.reason ?? null;
      else keys[g] = r[g];
    }
    if (dayAndHour) keys.utcOffset = t.utcOffset;
    const k = keyOf(q.by, keys);
    const cur = groups.get(k);
    if (cur) {
      cur.counts = addCounts(cur.counts, c);
      cur.extra = cur.extra && e ? addExtraCounts(cur.extra, e) : null;
    } else groups.set(k, { keys, counts: c, extra: e });
  };

  // The rollup has no reason dimension: grouping by reason counts the contacts themselves.
  if (rollupAnswers(q, rollup)) {
    const sums = (extras ? ROLLUP_SUMS : ROLLUP_SUMS.slice(0, SUM_INDEX.waited + 1)).map((f) => `SUM(r.${f}) AS ${f}`).join(', ');
    const extraOf = extras ? extraSums : () => null;
    const dims = (['channel', 'queue', 'segment'] as const).map((d) => (q.by.includes(d) ? `r.${d}` : `'' AS ${d}`)).join(', ');
    const dimGroups = (['channel', 'queue', 'segment'] as const).filter((d) => q.by.includes(d)).map((d) => `r.${d}`);
    const timeGroups = (['day', 'hour', 'weekday'] as const).filter((g) => q.by.includes(g));
    // Without a time grouping SQLite sums the hours away too (a row per agent, not per agent-hour).
    const timeless = timeGroups.length === 0;
    // In the zone rollup_zone holds (the normal case) SQLite also groups the hours by the local
    // day / hour / weekday asked for, so a week by hour hands JS 24 rows per segment, not 168.
    const localTimeKeys = !timeless && tierZone(db) === q.zone;
    // By day and hour, the offset tells the two hours of a day when clocks go back apart.
    const offsetSql = localTimeKeys && dayAndHour ? [`(${localInstantSql('r.hour_at')}) - r.hour_at AS offset_ms`] : [];
    const timeSql = localTimeKeys
      ? [...timeGroups.map((g) => `${LOCAL_KEY_SQL[g](localInstantSql('r.hour_at'))} AS ${g}`), ...offsetSql].join(', ')
      : timeless
        ? 'MIN(r.hour_at) AS hour_at'
        : 'r.hour_at';
    const timeGroupBy = localTimeKeys ? [...timeGroups, ...(offsetSql.length ? ['offset_ms'] : [])] : timeless ? [] : ['r.hour_at'];
    type LocalRow = RollupRow & Partial<Omit<TimeKeys, 'utcOffset'>> & { offset_ms?: number };
    const timeKeysOf = (r: LocalRow): Partial<TimeKeys> =>
      localTimeKeys ? { day: r.day, hour: r.hour, weekday: r.weekday, utcOffset: r.offset_ms === undefined ? undefined : offsetText(r.offset_ms) } : keysOfHour(r.hour_at);
    /** Hours [a, b): SQLite sums away the dimensions not asked for (fewer rows to hand to JS). */
    const hourly = (a: number, b: number) => {
      // Without an agent grouping the tier without the agent dimension is read.
      const sql = q.by.includes('agent')
        ? withAgentNames(`SELECT ${timeSql}, ${dims}, r.agent_id, ${sums} FROM rollup_hour r
             WHERE r.hour_at >= ? AND r.hour_at < ? GROUP BY ${[...timeGroupBy, ...dimGroups, 'r.agent_id'].join(', ')}`)
        : `SELECT ${timeSql}, ${dims}, NULL AS agent, ${sums} FROM rollup_hour_seg r WHERE r.hour_at >= ? AND r.hour_at < ? GROUP BY ${[...timeGroupBy, ...dimGroups].join(', ') || 'NULL'}`;
      for (const r of db.prepare<[number, number], LocalRow>(sql).iterate(a, b)) add(timeKeysOf(r), r, countsOf(r), extraOf(r));
    };
    const plan = tierPlan(db, q);
    if (!plan) hourly(from, to);
    else if (plan.tier === 'day') {
      const byDay = q.by.includes('day') || q.by.includes('weekday');
      // By agent alone the agents' day totals answer (one row per agent and day, migration 0012).
      const agentDays = dimGroups.length === 0 ? 'rollup_day_agent_total' : 'rollup_day_agent';
      const sql = q.by.includes('agent')
        ? withAgentNames(`SELECT ${byDay ? 'r.day' : 'MIN(r.day) AS day'}, ${dims}, r.agent_id, ${sums} FROM ${agentDays} r WHERE r.day >= ? AND r.day <= ?
             GROUP BY ${[...(byDay ? ['r.day'] : []), ...dimGroups, 'r.agent_id'].join(', ')}`)
        : `SELECT r.day, ${dims}, NULL AS agent, ${sums} FROM rollup_day_seg r WHERE r.day >= ? AND r.day <= ? GROUP BY ${['r.day', ...dimGroups].join(', ')}`;
      for (const r of db.prepare<[string, string], DayRow>(sql).iterate(q.from ?? '', q.to ?? '9999-12-31')) add({ day: r.day, weekday: weekdayOf(r.day) }, r, countsOf(r), extraOf(r));
    } else {
      const sql = `SELECT r.weekday, r.hour, ${dims}, NULL AS agent, ${sums} FROM rollup_month_seg r WHERE r.month >= ? AND r.month <= ?
        GROUP BY ${['r.weekday', 'r.hour', ...dimGroups].join(', ')}`;
      for (const r of db.prepare<[string, string], MonthRow>(sql).iterate(plan.months[0], plan.months[1])) add({ hour: r.hour, weekday: r.weekday }, r, countsOf(r), extraOf(r));
      for (const [a, b] of plan.edges) hourly(localDayStartOf(q.zone, a), localDayStartOf(q.zone, addLocalDays(b, 1)));
    }
  } else {
    const params = { ...rollup, timezone: q.zone };
    const names = agentNames(db);
    const rows = db
      .prepare<[number, number], ContactRow & { reason: string | null }>(`${CONTACT_ROW_SQL.replace('SELECT c.id,', 'SELECT c.id, c.reason,')} WHERE c.enter_at >= ? AND c.enter_at < ?`)
      .iterate(from - 86_400_000, to + 86_400_000);
    for (const r of rows) {
      const { hour: hourAt, values } = contribution(r, params);
      if (hourAt < from || hourAt >= to) continue;
      add(keysOfHour(hourAt), { channel: r.channel, queue: r.queue, segment: r.segment, agent: r.agent_id === null ? null : (names.get(r.agent_id) ?? null), reason: r.reason }, {
        offered: values.offered,
        answered: values.answered,
        abandoned: values.abandoned,
        shortAbandoned: values.short_abandoned,
        answeredInTarget: values.answered_in_target,
        waitMs: values.wait_ms,
        waited: values.waited,
        answeredWaitMs: values.answered_wait_ms,
        talkMs: values.talk_ms,
        holdMs: values.hold_ms,
        wrapMs: values.wrap_ms,
      }, null);
    }
  }
  return [...groups.values()];
}

/** KPI rows of groups that had contacts, sorted by the group keys. */
export function kpiRows(groups: readonly KpiGroupSums[], by: readonly KpiGroup[]): KpiRow[] {
  const out: KpiRow[] = [];
  for (const { keys, counts: c } of groups) {
    if (c.offered === 0 && c.answered === 0) continue;
    out.push({
      ...keys,
      offered: c.offered,
      answered: c.answered,
      unanswered: c.offered - c.answered,
      abandoned: c.abandoned,
      shortAbandoned: c.shortAbandoned,
      answeredInTarget: c.answeredInTarget,
      serviceLevel: serviceLevel(c),
      answerRate: answerRate(c),
      abandonRate: abandonRate(c),
      asaSec: sec(asaMs(c)),
      avgWaitSec: sec(avgWaitMs(c)),
      ahtSec: sec(ahtMs(c)),
    });
  }
  sortByKeys(out, by);
  return out;
}

const cmp = (a: unknown, b: unknown) => (a === b ? 0 : a === null || a === undefined ? 1 : b === null || b === undefined ? -1 : a < b ? -1 : 1);

/** Minutes east of UTC of a ±HH:MM offset. */
const offsetMinutes = (o: string) => (o.startsWith('-') ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(4, 6)));

/**
 * Sorts rows by the group keys in order, missing values last; the two rows of an hour that
 * happens twice (by day and hour) in time order: the larger offset is the earlier.
 */
export function sortByKeys<T extends Partial<Record<KpiGroup, unknown>> & { utcOffset?: string }>(out: T[], by: readonly KpiGroup[]): void {
  out.sort((a, b) => {
    for (const g of by) {
      const d = cmp(a[g], b[g]);
      if (d) return d;
    }
    return a.utcOffset && b.utcOffset ? offsetMinutes(b.utcOffset) - offsetMinutes(a.utcOffset) : 0;
  });
}

export const KPI_FIELDS = [
  'offered',
  'answered',
  'unanswered',
  'abandoned',
  'shortAbandoned',
  'answeredInTarget',
  'serviceLevel',
  'answerRate',
  'abandonRate',
  'asaSec',
  'avgWaitSec',
  'ahtSec',
] as const;

/** `ZERO_COUNTS` re-exported for callers building totals. */
export { ZERO_COUNTS };
