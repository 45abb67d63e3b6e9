import type { Anomaly, AnomalyDetail } from '../../../shared/contract/anomalies';
import { decide, pooledPValue, scoreCells, type CellCount, type DetectOptions, type ScoredCell } from './detect';
import { explain } from './explain';
import { isoLocal, type AgentSegmentCount, type HourSegmentCount } from './load';

/** A flag as a scan finds it, before it is stored (id, status and detection time come from the table). */
export type FoundFlag = Omit<Anomaly, 'id' | 'key' | 'status' | 'statusReason' | 'detectedAt'> & { fingerprint: string };

export interface ScanInput {
  zone: string;
  fromAt: number;
  toAt: number;
  hours: readonly HourSegmentCount[];
  agents: readonly AgentSegmentCount[];
  options: DetectOptions;
}

export interface ScanResult {
  flags: FoundFlag[];
  tested: { unanswered: number; avoidance: number };
  /** Cells of the recurring hour table that belong to a flag: `${segment}\0${hour}` → fingerprint. */
  hourCells: Map<string, string>;
  /** Agent × segment cells that belong to a flag: `${agentId}\0${segment}` → fingerprint. */
  agentCells: Map<string, string>;
}

/** A decided cell; `extended` when it joined a neighbouring discovery rather than being one. */
type Decided = ScoredCell & { qValue: number; weight: number; flagged: boolean; extended?: boolean };
const seg = (s: string) => (s === '' ? null : s);
const cellKey = (a: string | number, b: string | number) => `${a}\u0000${b}`;

function sumCells(cells: readonly Decided[], phi: number) {
  const observed = cells.reduce((s, c) => s + c.events, 0);
  const total = cells.reduce((s, c) => s + c.total, 0);
  const expected = cells.reduce((s, c) => s + c.expected, 0);
  const w = (f: (c: Decided) => number) => cells.reduce((s, c) => s + f(c) * c.total, 0) / total;
  return {
    observed,
    total,
    expected,
    // The merged cells' expectations share their margins: the least certain one bounds the pool's.
    pValue: pooledPValue(observed, total, expected, phi, Math.min(...cells.map((c) => c.concentration))),
    // The merged flag is only as sure as its least sure discovery (hours that joined one were
    // tested only given it: its q is theirs).
    qValue: Math.max(...(cells.some((c) => !c.extended) ? cells.filter((c) => !c.extended) : cells).map((c) => c.qValue)),
    baseRate: w((c) => c.baseRate),
    peerRate: w((c) => c.peerRate),
  };
}

/** Offered and unanswered contacts summed into the cells that `row` and `col` name. */
export function countCells(hours: readonly HourSegmentCount[], row: (h: HourSegmentCount) => string, col: (h: HourSegmentCount) => string): CellCount[] {
  const m = new Map<string, CellCount>();
  for (const h of hours) {
    const r = row(h);
    const k = col(h);
    const key = cellKey(r, k);
    const c = m.get(key) ?? { row: r, col: k, total: 0, events: 0 };
    c.total += h.offered;
    c.events += h.unanswered;
    m.set(key, c);
  }
  return [...m.values()];
}

/** Runs of consecutive integers (hours) as arrays. */
function runs<T>(items: readonly T[], at: (t: T) => number, step: number): T[][] {
  const sorted = [...items].sort((a, b) => at(a) - at(b));
  const out: T[][] = [];
  for (const it of sorted) {
    const last = out[out.length - 1];
    if (last && at(it) - at(last[last.length - 1]!) <= step) last.push(it);
    else out.push([it]);
  }
  return out;
}

/**
 * Every flag of a window: unanswered contacts by hour × segment at three levels (recurring hour
 * of day, recurring hour on a weekday, one date-hour), the whole floor by weekday-hour (recurring)
 * and by date-hour, then agent avoidance. The three segment levels share one Benjamini–Hochberg
 * family; a narrower flag already explained by a wider recurring one is not repeated.
 */
export function scan(input: ScanInput): ScanResult {
  const { zone, fromAt, toAt, options } = input;
  const byCol = (col: (h: HourSegmentCount) => string) => countCells(input.hours, (h) => h.segment, col);
  const hourInfo = new Map<string, HourSegmentCount>();
  for (const h of input.hours) hourInfo.set(String(h.hourAt), h);

  const l1 = scoreCells(byCol((h) => String(h.hour)), options);
  const l2 = scoreCells(byCol((h) => `${h.weekday}:${h.hour}`), options);
  // A date-hour's column is that very hour of every other segment: what went wrong for all of
  // them at once is that hour's, not one segment's (its effect is not shrunk, see TableShape).
  const l3 = scoreCells(byCol((h) => String(h.hourAt)), options, { shrinkColumns: false });
  const [d1, d2, d3] = decide([l1.scored, l2.scored, l3.scored], options) as [Decided[], Decided[], Decided[]];
  /** A family's Benjamini–Hochberg rejection level (weight 1): with R discoveries among m tests, α·R/m. */
  const rejectionLevel = (family: readonly Decided[]) => (options.fdr * Math.max(1, family.filter((c) => c.qValue <= options.fdr).length)) / Math.max(1, family.length);
  // The segment levels' family is weighted: a cell of it is rejected at p ≤ w·α·R/m.
  const cutoff = rejectionLevel([...d1, ...d2, ...d3]);
  /** An excess that stands on its own: a few events, the effect size, and p ≤ `level` on the dispersion `phi`. */
  const standsAlone = (x: number, n: number, expected: number, phi: number, concentration: number, level: number): boolean =>
    n > 0 && x >= 3 && x >= options.minRatio * expected && pooledPValue(x, n, expected, phi, concentration) <= level;
  /**
   * Whether a whole-floor cell's excess holds without the contacts `part` (those of segments
   * flagged there): the rest at the cell's expected rate, p ≤ α, the effect size.
   */
  const holdsWithout = (c: Decided, part: { n: number; x: number } | undefined, phi: number): boolean => {
    if (!part || part.n === 0) return true;
    const n = c.total - part.n;
    return standsAlone(c.events - part.x, n, (c.expected / c.total) * n, phi, c.concentration, options.fdr);
  };
  /**
   * A recurring pattern must not rest on one bad day: without its worst date the cell must still
   * show the effect size and pass `level` (the same weighted cut-off as the discovery; α for an
   * hour joining one, see `extend`). A single congested morning is a one-off (date-hour) finding.
   */
  const recurs = (c: Decided, phi: number, inCell: (h: HourSegmentCount) => boolean, level = cutoff * c.weight): boolean => {
    const rate = c.expected / c.total;
    const byDate = new Map<string, { n: number; x: number }>();
    for (const h of input.hours) {
      if (!inCell(h)) continue;
      const d = byDate.get(h.date) ?? { n: 0, x: 0 };
      d.n += h.offered;
      d.x += h.unanswered;
      byDate.set(h.date, d);
    }
    if (byDate.size < 2) return false;
    let worst = { n: 0, x: 0 };
    for (const d of byDate.values()) if (d.x - rate * d.n > worst.x - rate * worst.n) worst = d;
    const n = c.total - worst.n;
    const x = c.events - worst.x;
    return standsAlone(x, n, rate * n, phi, c.concentration, level);
  };
  const inHour = (c: Decided) => (h: HourSegmentCount) => h.segment === c.row && String(h.hour) === c.col;
  const inWeekdayHour = (c: Decided) => (h: HourSegmentCount) => h.segment === c.row && `${h.weekday}:${h.hour}` === c.col;
  for (const c of d1) if (c.flagged) c.flagged = recurs(c, l1.dispersion, inHour(c));
  for (const c of d2) if (c.flagged) c.flagged = recurs(c, l2.dispersion, inWeekdayHour(c));
  /**
   * A discovered recurring pattern extends into the neighbouring hours of its segment (and
   * weekday) that show the same excess on their own: p ≤ α, the effect size, not one bad day. A
   * two-hour pattern is then reported as two hours rather than as the one hour that passed the
   * family's cut-off; without a discovery nothing is extended.
   */
  const extend = (cells: Decided[], hourOf: (c: Decided) => number, groupOf: (c: Decided) => string, phi: number, inCell: (c: Decided) => (h: HourSegmentCount) => boolean) => {
    const at = new Map(cells.map((c) => [`${c.row}\u0000${groupOf(c)}\u0000${hourOf(c)}`, c] as const));
    for (let grew = true; grew; ) {
      grew = false;
      for (const c of cells.filter((x) => x.flagged)) {
        for (const step of [-1, 1]) {
          const n = at.get(`${c.row}\u0000${groupOf(c)}\u0000${hourOf(c) + step}`);
          if (!n || n.flagged || n.pValue > options.fdr || n.events < 3 || n.events < options.minRatio * n.expected) continue;
          if (recurs(n, phi, inCell(n), options.fdr)) n.flagged = n.extended = grew = true;
        }
      }
    }
  };
  extend(d1, (c) => Number(c.col), () => '', l1.dispersion, inHour);
  extend(d2, (c) => Number(c.col.split(':')[1]), (c) => c.col.split(':')[0]!, l2.dispersion, inWeekdayHour);

  const flags: FoundFlag[] = [];
  const hourCells = new Map<string, string>();
  const covered1 = new Set<string>();
  const covered2 = new Set<string>();
  /** Whether a recurring flag of `segment` (its hour of day, or that hour on that weekday) covers the hour `h`. */
  const recurringSegment = (segment: string, h: HourSegmentCount) => covered1.has(cellKey(segment, h.hour)) || covered2.has(cellKey(segment, `${h.weekday}:${h.hour}`));
  const base = { queue: null, channel: null, agent: null, agentId: null } as const;

  const push = (f: Omit<FoundFlag, 'explanation' | 'from' | 'to'>) => {
    const full = { ...f, from: isoLocal(zone, f.fromAt), to: isoLocal(zone, f.toAt), explanation: '' };
    full.explanation = explain(full, zone);
    flags.push(full);
    return full;
  };
  const detail = (scope: AnomalyDetail['scope'], s: ReturnType<typeof sumCells>, phi: number, extra: Partial<AnomalyDetail> = {}): AnomalyDetail => ({
    scope,
    weekday: null,
    date: null,
    baseRate: s.baseRate,
    peerRate: s.peerRate,
    dispersion: phi,
    ...extra,
  });

  // Recurring hour of day: adjacent flagged hours of one segment make one flag.
  const f1 = new Map<string, Decided[]>();
  for (const c of d1.filter((c) => c.flagged)) f1.set(c.row, [...(f1.get(c.row) ?? []), c]);
  for (const [segment, cells] of f1) {
    for (const run of runs(cells, (c) => Number(c.col), 1)) {
      const s = sumCells(run, l1.dispersion);
      const hours = run.map((c) => Number(c.col));
      const fingerprint = `unanswered|hour|${segment}|${hours.join(',')}`;
      push({ ...base, kind: 'unanswered', fingerprint, segment: seg(segment), fromAt, toAt, hours, ...s, detail: detail('hour', s, l1.dispersion) });
      for (const h of hours) {
        covered1.add(cellKey(segment, h));
        hourCells.set(cellKey(segment, h), fingerprint);
      }
    }
  }

  // Recurring hour on one weekday.
  const f2 = new Map<string, Decided[]>();
  for (const c of d2.filter((c) => c.flagged)) {
    const [wd, h] = c.col.split(':').map(Number) as [number, number];
    if (covered1.has(cellKey(c.row, h))) continue;
    const k = cellKey(c.row, wd);
    f2.set(k, [...(f2.get(k) ?? []), c]);
  }
  for (const cells of f2.values()) {
    const segment = cells[0]!.row;
    const weekday = Number(cells[0]!.col.split(':')[0]);
    for (const run of runs(cells, (c) => Number(c.col.split(':')[1]), 1)) {
      const s = sumCells(run, l2.dispersion);
      const hours = run.map((c) => Number(c.col.split(':')[1]));
      push({
        ...base,
        kind: 'unanswered',
        fingerprint: `unanswered|weekday|${segment}|${weekday}|${hours.join(',')}`,
        segment: seg(segment),
        fromAt,
        toAt,
        hours,
        ...s,
        detail: detail('weekday-hour', s, l2.dispersion, { weekday }),
      });
      for (const h of hours) covered2.add(cellKey(segment, `${weekday}:${h}`));
    }
  }

  // The whole floor, one weekday's hour over the window: every segment together, against that
  // weekday's other hours and that hour on the other weekdays. Monday 10:00 going wrong for
  // everybody every week is no segment's (the weekday-hour table's column takes it) and may not
  // stand out on any one Monday: it is found here, as the recurring pattern it is. Its own family.
  const l4 = scoreCells(countCells(input.hours, (h) => String(h.weekday), (h) => String(h.hour)), options);
  const [d4] = decide([l4.scored], options) as [Decided[]];
  const cutoff4 = rejectionLevel(d4);
  const inFloorWeekdayHour = (c: Decided) => (h: HourSegmentCount) => String(h.weekday) === c.row && String(h.hour) === c.col;
  for (const c of d4) if (c.flagged) c.flagged = recurs(c, l4.dispersion, inFloorWeekdayHour(c), cutoff4);
  extend(d4, (c) => Number(c.col), () => '', l4.dispersion, inFloorWeekdayHour);
  // Segments whose recurring flags cover the cell may be all there is to it: the floor flag stays
  // when the other segments' contacts there still show the excess on their own.
  const beyondSegmentFlags = (c: Decided): boolean => {
    const inCell = inFloorWeekdayHour(c);
    const part = { n: 0, x: 0 };
    for (const h of input.hours) {
      if (!inCell(h) || !recurringSegment(h.segment, h)) continue;
      part.n += h.offered;
      part.x += h.unanswered;
    }
    return holdsWithout(c, part, l4.dispersion);
  };
  /** `${weekday}:${hour}` cells of the whole floor's recurring flags. */
  const covered4 = new Set<string>();
  const f4 = new Map<string, Decided[]>();
  for (const c of d4.filter((x) => x.flagged && beyondSegmentFlags(x))) f4.set(c.row, [...(f4.get(c.row) ?? []), c]);
  for (const [wd, cells] of f4) {
    const weekday = Number(wd);
    for (const run of runs(cells, (c) => Number(c.col), 1)) {
      const s = sumCells(run, l4.dispersion);
      const hours = run.map((c) => Number(c.col));
      push({
        ...base,
        kind: 'unanswered',
        fingerprint: `unanswered|floor-weekday|${weekday}|${hours.join(',')}`,
        segment: null,
        fromAt,
        toAt,
        hours,
        ...s,
        detail: detail('floor-weekday-hour', s, l4.dispersion, { weekday }),
      });
      for (const h of hours) covered4.add(`${weekday}:${h}`);
    }
  }
  const weekdayOf = new Map(input.hours.map((h) => [h.date, h.weekday] as const));

  // The whole floor, one date-hour at a time: every segment together, against that date's other
  // hours and that hour on the other dates (DESIGN §6, "the same hour in past weeks"). An hour
  // that went wrong for every segment at once is that hour's column in the date-hour table, so
  // no segment is blamed there; it is found here. Its own family: it asks another question.
  const floorCells = countCells(input.hours, (h) => h.date, (h) => String(h.hour));
  const floor = new Map(floorCells.map((c) => [cellKey(c.row, c.col), c] as const));
  // The first and last hour each cell spans (two where a fall-back day repeats the local hour).
  const span = new Map<string, { firstAt: number; lastAt: number }>();
  for (const h of input.hours) {
    const k = cellKey(h.date, String(h.hour));
    const t = span.get(k);
    span.set(k, t ? { firstAt: Math.min(t.firstAt, h.hourAt), lastAt: Math.max(t.lastAt, h.hourAt) } : { firstAt: h.hourAt, lastAt: h.hourAt });
  }
  const l0 = scoreCells(floorCells, options);
  const [d0] = decide([l0.scored], options) as [Decided[]];
  // Segments flagged in that very date-hour (one-off, or by a recurring flag that covers it) may
  // be all there is to it: then the floor flag would only say again, less precisely, what theirs
  // say. It stays when the other segments' contacts of the hour still show the excess on their own.
  const flagged3 = new Set(d3.filter((x) => x.flagged).map((c) => cellKey(c.row, c.col)));
  const segmentFlagged = new Map<string, { n: number; x: number }>();
  for (const h of input.hours) {
    if (!flagged3.has(cellKey(h.segment, String(h.hourAt))) && !recurringSegment(h.segment, h)) continue;
    const k = cellKey(h.date, String(h.hour));
    const m = segmentFlagged.get(k) ?? { n: 0, x: 0 };
    m.n += h.offered;
    m.x += h.unanswered;
    segmentFlagged.set(k, m);
  }
  const floorFlagged = d0.filter((c) => {
    // A date-hour of a recurring pattern of the floor is said by that pattern's flag.
    if (!c.flagged || covered4.has(`${weekdayOf.get(c.row)}:${c.col}`)) return false;
    return holdsWithout(c, segmentFlagged.get(cellKey(c.row, c.col)), l0.dispersion);
  });
  /**
   * In an hour flagged for the whole floor (that date-hour, or its weekday's hour as a recurring
   * pattern), a segment's own one-off flag must show more than the floor's trouble: its rate
   * above the other segments' rate in that same hour (p ≤ α, the effect size). Else the few contacts of the other segments, pulled towards the usual rate, would make
   * the biggest segment look singled out by what hit everybody.
   */
  const floorHours = new Set(floorFlagged.map((c) => cellKey(c.row, c.col)));
  const aboveTheFloor = (c: Decided, h: HourSegmentCount): boolean => {
    const k = cellKey(h.date, String(h.hour));
    if (!floorHours.has(k) && !covered4.has(`${h.weekday}:${h.hour}`)) return true;
    const all = floor.get(k)!;
    const n = all.total - c.total;
    if (n <= 0) return true;
    const expected = ((all.events - c.events) / n) * c.total;
    return standsAlone(c.events, c.total, expected, l3.dispersion, Math.max(1, n), options.fdr);
  };

  // One-off date-hours: consecutive hours of one segment make one flag.
  const f3 = new Map<string, Decided[]>();
  for (const c of d3.filter((c) => c.flagged)) {
    const h = hourInfo.get(c.col)!;
    if (recurringSegment(c.row, h) || !aboveTheFloor(c, h)) continue;
    f3.set(c.row, [...(f3.get(c.row) ?? []), c]);
  }
  for (const [segment, cells] of f3) {
    for (const run of runs(cells, (c) => Number(c.col), 3_600_000)) {
      const s = sumCells(run, l3.dispersion);
      const first = Number(run[0]!.col);
      const last = Number(run[run.length - 1]!.col);
      push({
        ...base,
        kind: 'unanswered',
        fingerprint: `unanswered|date|${segment}|${first}`,
        segment: seg(segment),
        fromAt: first,
        toAt: last + 3_600_000,
        hours: null,
        ...s,
        detail: detail('date-hour', s, l3.dispersion, { date: hourInfo.get(String(first))!.date }),
      });
    }
  }

  const floorAt = (c: Decided) => span.get(cellKey(c.row, c.col))!;
  const floorRuns: Decided[][] = [];
  for (const c of [...floorFlagged].sort((a, b) => floorAt(a).firstAt - floorAt(b).firstAt)) {
    const last = floorRuns[floorRuns.length - 1];
    if (last && floorAt(c).firstAt - floorAt(last[last.length - 1]!).lastAt <= 3_600_000) last.push(c);
    else floorRuns.push([c]);
  }
  for (const run of floorRuns) {
    const s = sumCells(run, l0.dispersion);
    const first = floorAt(run[0]!).firstAt;
    push({
      ...base,
      kind: 'unanswered',
      fingerprint: `unanswered|floor|${first}`,
      segment: null,
      fromAt: first,
      toAt: floorAt(run[run.length - 1]!).lastAt + 3_600_000,
      hours: null,
      ...s,
      detail: detail('floor-date-hour', s, l0.dispersion, { date: run[0]!.row }),
    });
  }

  // Agent avoidance: agent × segment ring-no-answer, its own family.
  const names = new Map(input.agents.map((a) => [String(a.agentId), a.agent] as const));
  const av = scoreCells(
    input.agents.map((a) => ({ row: String(a.agentId), col: a.segment, total: a.attempts, events: a.noAnswer })),
    options,
  );
  const [dav] = decide([av.scored], options) as [Decided[]];
  const agentCells = new Map<string, string>();
  for (const c of dav.filter((c) => c.flagged)) {
    const s = sumCells([c], av.dispersion);
    const fingerprint = `avoidance|${c.row}|${c.col}`;
    push({
      kind: 'avoidance',
      fingerprint,
      segment: seg(c.col),
      agent: names.get(c.row) ?? c.row,
      agentId: Number(c.row),
      queue: null,
      channel: null,
      fromAt,
      toAt,
      hours: null,
      ...s,
      detail: detail('agent-segment', s, av.dispersion),
    });
    agentCells.set(cellKey(c.row, c.col), fingerprint);
  }

  return { flags, tested: { unanswered: d0.length + d1.length + d2.length + d3.length + d4.length, avoidance: dav.length }, hourCells, agentCells };
}
