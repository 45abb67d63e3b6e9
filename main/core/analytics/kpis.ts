import { abandonRate, ahtMs, answerRate, asaMs, avgWaitMs, serviceLevel, ZERO_COUNTS, addCounts, type Counts } from '../../../shared/domain/kpi';
import { addLocalDays, localDayStartOf, localParts } from '../../../shared/domain/time';
import { localPartsCache } from './local-parts';
import type { Db } from '../../db/open';
import { CONTACT_ROW_SQL, contribution, type ContactRow, type RollupParams } from '../ingest/rollup';

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

interface RollupRow {
  hour_at: number;
  channel: string;
  queue: string;
  segment: string;
  agent: string | null;
  offered: number;
  answered: number;
  abandoned: number;
  short_abandoned: number;
  answered_in_target: number;
  wait_ms: number;
  answered_wait_ms: number;
  talk_ms: number;
  hold_ms: number;
  wrap_ms: number;
}

const ROLLUP_SUMS = ['offered', 'answered', 'abandoned', 'short_abandoned', 'answered_in_target', 'wait_ms', 'answered_wait_ms', 'talk_ms', 'hold_ms', 'wrap_ms'] as const;

const sec = (ms: number | null) => (ms === null ? null : ms / 1000);

function bounds(q: KpiQuery): [number, number] {
  const from = q.from ? localDayStartOf(q.zone, q.from) : -8.64e15;
  const to = q.to ? localDayStartOf(q.zone, addLocalDays(q.to, 1)) : 8.64e15;
  return [from, to];
}

/**
 * KPIs of DESIGN §4 grouped by local day / hour / weekday and by segment, queue, channel, agent.
 * Reads the hourly rollup when it was built in the requested zone (the normal case: fast at
 * millions of contacts); otherwise (a one-off --tz) it buckets the contacts themselves.
 */
export function queryKpis(db: Db, q: KpiQuery, rollup: RollupParams): KpiRow[] {
  const [from, to] = bounds(q);
  const groups = new Map<string, { keys: Partial<KpiRow>; counts: Counts }>();
  const zoneParts = localPartsCache(q.zone);
  const partsCache = new Map<number, ReturnType<typeof localParts>>();
  const parts = (t: number) => {
    let p = partsCache.get(t);
    if (!p) partsCache.set(t, (p = zoneParts(t)));
    return p;
  };
  const add = (hourAt: number, r: { channel: string; queue: string; segment: string; agent: string | null; reason?: string | null }, c: Counts) => {
    const keys: Partial<KpiRow> = {};
    for (const g of q.by) {
      if (g === 'day') {
        const p = parts(hourAt);
        keys.day = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
      } else if (g === 'hour') keys.hour = parts(hourAt).hour;
      else if (g === 'weekday') keys.weekday = parts(hourAt).weekday;
      else if (g === 'segment') keys.segment = r.segment === '' ? null : r.segment;
      else if (g === 'agent') keys.agent = r.agent;
      else if (g === 'reason') keys.reason = r.reason ?? null;
      else keys[g] = r[g];
    }
    const k = JSON.stringify(q.by.map((g) => keys[g] ?? null));
    const cur = groups.get(k);
    if (cur) cur.counts = addCounts(cur.counts, c);
    else groups.set(k, { keys, counts: c });
  };

  // The rollup has no reason dimension: grouping by reason counts the contacts themselves.
  if (rollup.timezone === q.zone && !q.by.includes('reason')) {
    // SQLite sums away the dimensions not asked for (fewer rows to hand to JS); without an agent
    // grouping the coarser tier, which has no agent dimension, is read.
    const sums = ROLLUP_SUMS.map((f) => `SUM(r.${f}) AS ${f}`).join(', ');
    const dims = (['channel', 'queue', 'segment'] as const).map((d) => (q.by.includes(d) ? `r.${d}` : `'' AS ${d}`)).join(', ');
    const groupBy = ['r.hour_at', ...(['channel', 'queue', 'segment'] as const).filter((d) => q.by.includes(d)).map((d) => `r.${d}`)];
    const sql = q.by.includes('agent')
      ? `SELECT r.hour_at, ${dims}, a.name AS agent, ${sums} FROM rollup_hour r LEFT JOIN agents a ON a.id = r.agent_id AND r.agent_id <> 0
         WHERE r.hour_at >= ? AND r.hour_at < ? GROUP BY ${[...groupBy, 'r.agent_id'].join(', ')}`
      : `SELECT r.hour_at, ${dims}, NULL AS agent, ${sums} FROM rollup_hour_seg r WHERE r.hour_at >= ? AND r.hour_at < ? GROUP BY ${groupBy.join(', ')}`;
    const rows = db
      .prepare<[number, number], RollupRow>(sql)
      .iterate(from, to);
    for (const r of rows) {
      add(r.hour_at, r, {
        offered: r.offered,
        answered: r.answered,
        abandoned: r.abandoned,
        shortAbandoned: r.short_abandoned,
        answeredInTarget: r.answered_in_target,
        waitMs: r.wait_ms,
        answeredWaitMs: r.answered_wait_ms,
        talkMs: r.talk_ms,
        holdMs: r.hold_ms,
        wrapMs: r.wrap_ms,
      });
    }
  } else {
    const params = { ...rollup, timezone: q.zone };
    const names = new Map(db.prepare<[], { id: number; name: string }>('SELECT id, name FROM agents').all().map((a) => [a.id, a.name] as const));
    const rows = db
      .prepare<[number, number], ContactRow & { reason: string | null }>(`${CONTACT_ROW_SQL.replace('SELECT c.id,', 'SELECT c.id, c.reason,')} WHERE c.enter_at >= ? AND c.enter_at < ?`)
      .iterate(from - 86_400_000, to + 86_400_000);
    for (const r of rows) {
      const { key, values } = contribution(r, params);
      const hourAt = (JSON.parse(key) as [number])[0];
      if (hourAt < from || hourAt >= to) continue;
      add(hourAt, { channel: r.channel, queue: r.queue, segment: r.segment, agent: r.agent_id === null ? null : (names.get(r.agent_id) ?? null), reason: r.reason }, {
        offered: values.offered,
        answered: values.answered,
        abandoned: values.abandoned,
        shortAbandoned: values.short_abandoned,
        answeredInTarget: values.answered_in_target,
        waitMs: values.wait_ms,
        answeredWaitMs: values.answered_wait_ms,
        talkMs: values.talk_ms,
        holdMs: values.hold_ms,
        wrapMs: values.wrap_ms,
      });
    }
  }

  const out: KpiRow[] = [];
  for (const { keys, counts: c } of groups.values()) {
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
  const cmp = (a: unknown, b: unknown) => (a === b ? 0 : a === null || a === undefined ? 1 : b === null || b === undefined ? -1 : a < b ? -1 : 1);
  out.sort((a, b) => {
    for (const g of q.by) {
      const d = cmp(a[g], b[g]);
      if (d) return d;
    }
    return 0;
  });
  return out;
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
