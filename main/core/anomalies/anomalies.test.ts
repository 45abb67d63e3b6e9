import { afterAll, describe, expect, it } from 'vitest';
import { anomalyMethods } from '../../../shared/contract/anomalies';
import { createEventHub } from '../api/event-hub';
import { scoreCells, decide } from './detect';
import { explain } from './explain';
import { loadAgentSegments } from './load';
import { SEGMENT_SQL } from '../ingest/rollup';
import { createAnomalyHandlers } from './handlers';
import { createAnomalyService } from './service';
import { scan } from './scan';
import { simulatedDb } from './testing';

const FROM = Date.parse('2025-03-03T00:00:00+02:00');
const OPTIONS = { minContacts: 20, minRatio: 1.5, fdr: 0.05 };

describe('detection on counted cells', () => {
  // 6 segments × 10 hours, 3 % unanswered everywhere, congestion at hour 5 for every segment.
  const table = (extra: (row: number, col: number) => number) =>
    Array.from({ length: 6 * 10 }, (_, i) => {
      const row = Math.floor(i / 10);
      const col = i % 10;
      const total = 200;
      const base = col === 5 ? 0.15 : 0.03;
      return { row: `s${row}`, col: String(col), total, events: Math.round(total * base) + extra(row, col) };
    });

  it('does not flag an hour that is bad for every segment alike', () => {
    const { scored } = scoreCells(table(() => 0), OPTIONS);
    const [d] = decide([scored], OPTIONS);
    expect(d!.filter((c) => c.flagged)).toEqual([]);
  });

  it('flags the one segment × hour that is far above its margins', () => {
    const { scored } = scoreCells(table((r, c) => (r === 2 && c === 7 ? 30 : 0)), OPTIONS);
    const [d] = decide([scored], OPTIONS);
    const flagged = d!.filter((c) => c.flagged);
    expect(flagged.map((c) => [c.row, c.col])).toEqual([['s2', '7']]);
    // Expected from margins ≈ 3 % of 200, not inflated by the anomaly itself.
    expect(flagged[0]!.expected).toBeGreaterThan(4);
    expect(flagged[0]!.expected).toBeLessThan(8);
  });

  it('respects minimum contacts and minimum effect size', () => {
    const cells = table((r, c) => (r === 2 && c === 7 ? 30 : 0));
    const strict = { ...OPTIONS, minContacts: 500 };
    expect(decide([scoreCells(cells, strict).scored], strict)[0]!.some((c) => c.flagged)).toBe(false);
    const huge = { ...OPTIONS, minRatio: 20 };
    expect(decide([scoreCells(cells, huge).scored], huge)[0]!.some((c) => c.flagged)).toBe(false);
  });

  it('merges adjacent recurring hours and explains them in plain words', () => {
    const hours = [];
    for (let d = 0; d < 14; d++) {
      for (let h = 8; h < 18; h++) {
        for (const seg of ['A', 'B', 'C', 'D']) {
          const bad = seg === 'B' && (h === 9 || h === 10);
          hours.push({ hourAt: FROM + d * 86_400_000 + h * 3_600_000, hour: h, weekday: (1 + d) % 7, date: `2025-03-${String(3 + d).padStart(2, '0')}`, segment: seg, offered: 10, unanswered: bad ? 4 : d % 10 === 0 ? 1 : 0 });
        }
      }
    }
    const r = scan({ zone: 'UTC', fromAt: FROM, toAt: FROM + 14 * 86_400_000, hours, agents: [], options: OPTIONS });
    expect(r.flags).toHaveLength(1);
    const f = r.flags[0]!;
    expect([f.kind, f.segment, f.hours, f.detail.scope, f.observed, f.total]).toEqual(['unanswered', 'B', [9, 10], 'hour', 112, 280]);
    expect(f.explanation).toMatch(/^B contacts between 09:00 and 11:00: 112 of 280 went unanswered; .* q < 0\.001\.$/);
  });

  /** Hour × segment counts of `days` days, 08:00–18:00: `unanswered(segment, day, hour)` of `offered(segment, hour)`. */
  const traffic = (days: number, offered: (seg: string, h: number) => number, unanswered: (seg: string, d: number, h: number) => number) => {
    const hours = [];
    for (let d = 0; d < days; d++) {
      for (let h = 8; h < 18; h++) {
        for (const seg of ['A', 'B', 'C', 'D']) {
          const date = new Date(FROM + d * 86_400_000).toISOString().slice(0, 10);
          hours.push({ hourAt: FROM + d * 86_400_000 + h * 3_600_000, hour: h, weekday: (1 + d) % 7, date, segment: seg, offered: offered(seg, h), unanswered: unanswered(seg, d, h) });
        }
      }
    }
    return hours;
  };

  it('finds a two-hour pattern at three times the usual rate in binomial noise, both hours, over 40 seeds', () => {
    // 30 days, 08:00–20:00, 25 contacts an hour shared 45/25/15/15 % by four segments, each left
    // unanswered with probability 8 %; Business at 24 % from 14:00 to 16:00 on weekdays. Each
    // hour is in the other's "Business at other hours": left in, they raise each other's
    // expectation, and the spread of the cells around it, until neither is a discovery.
    const runs = Array.from({ length: 40 }, (_, k) => {
      let state = 0x9e3779b9 ^ (k + 1);
      const random = () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const shares = [['Consumer', 0.45], ['Business', 0.25], ['New', 0.15], ['VIP', 0.15]] as const;
      const hours = [];
      for (let d = 0; d < 30; d++) {
        const weekday = (1 + d) % 7;
        for (let h = 8; h < 20; h++) {
          for (const [segment, share] of shares) {
            let offered = 0;
            let unanswered = 0;
            const p = segment === 'Business' && (h === 14 || h === 15) && weekday >= 1 && weekday <= 5 ? 0.24 : 0.08;
            for (let i = 0; i < 25; i++) {
              if (random() >= share) continue;
              offered++;
              if (random() < p) unanswered++;
            }
            const date = new Date(FROM + d * 86_400_000).toISOString().slice(0, 10);
            hours.push({ hourAt: FROM + d * 86_400_000 + h * 3_600_000, hour: h, weekday, date, segment, offered, unanswered });
          }
        }
      }
      return scan({ zone: 'UTC', fromAt: FROM, toAt: FROM + 30 * 86_400_000, hours, agents: [], options: OPTIONS }).flags;
    });
    const planted = (f: { segment: string | null; hours: number[] | null }) => f.segment === 'Business' && (f.hours ?? []).some((h) => h === 14 || h === 15);
    // No other segment flag. The whole-floor date-hours are a family of their own at the same
    // 5 % rate: in binomial noise about 2 of the 40 runs show one chance finding there.
    const floor = (f: { detail: { scope: string } }) => f.detail.scope === 'floor-date-hour';
    expect(runs.flat().filter((f) => !planted(f) && !floor(f))).toEqual([]);
    expect(runs.filter((flags) => flags.some(floor)).length).toBeLessThanOrEqual(5);
    expect(runs.filter((flags) => flags.some(planted)).length).toBeGreaterThanOrEqual(36);
    expect(runs.filter((flags) => flags.some((f) => planted(f) && f.hours?.join() === '14,15')).length).toBeGreaterThanOrEqual(32);
    // A flag is a discovery: its q is within the false-discovery rate, whichever hour joined it.
    expect(runs.flat().filter((f) => f.qValue > OPTIONS.fdr)).toEqual([]);
  });

  it('blames no segment for a one-off hour that went wrong for every segment, and flags it for the whole floor', () => {
    // Segment A has 40 contacts an hour, B, C and D 6 each; 1 in 20 unanswered (A: 2; the others
    // 1 in 6 every third hour). On day 9 at 11:00 half of everybody's went unanswered.
    const hours = traffic(
      28,
      (seg) => (seg === 'A' ? 40 : 6),
      (seg, d, h) => (d === 9 && h === 11 ? (seg === 'A' ? 20 : 3) : seg === 'A' ? 2 : (d + h) % 3 === 0 ? 1 : 0),
    );
    const r = scan({ zone: 'UTC', fromAt: FROM, toAt: FROM + 28 * 86_400_000, hours, agents: [], options: OPTIONS });
    expect(r.flags.filter((f) => f.segment !== null)).toEqual([]);
    expect(r.flags).toHaveLength(1);
    const f = r.flags[0]!;
    const at = FROM + 9 * 86_400_000 + 11 * 3_600_000;
    expect(f).toMatchObject({ kind: 'unanswered', segment: null, hours: null, fromAt: at, toAt: at + 3_600_000, observed: 29, total: 58 });
    expect(f.detail).toMatchObject({ scope: 'floor-date-hour', date: hours.find((h) => h.hourAt === at)!.date });
    // About 5 % of 58 was expected from that day's other hours and that hour on other days.
    expect(f.expected).toBeGreaterThan(1.5);
    expect(f.expected).toBeLessThan(6);
    expect(f.qValue).toBeLessThanOrEqual(OPTIONS.fdr);
    // The fixture's 11:00 is 09:00 in the scan's zone (UTC).
    expect(f.explanation).toMatch(/^All contacts on 2025-03-11 between 09:00 and 10:00: 29 of 58 went unanswered; about \d were expected/);
  });

  it('in an hour bad for the whole floor, blames no segment whose rate is no worse than the others’ there', () => {
    // Two segments: A with 30 contacts an hour, 0–2 of them unanswered, B with 8, 1 unanswered
    // every other hour. On day 9 at 11:00, 17 of A's 30 and 4 of B's 8: the floor's hour, not
    // A's (B's few contacts, pulled towards the usual rate, would otherwise make A look singled out).
    const hours = traffic(
      28,
      (seg) => (seg === 'A' ? 30 : seg === 'B' ? 8 : 0),
      (seg, d, h) => {
        if (d === 9 && h === 11) return seg === 'A' ? 17 : 4;
        return seg === 'A' ? ((d * 3 + h) % 5 < 2 ? 2 : (d + h) % 2) : (d + h) % 2;
      },
    ).filter((h) => h.offered > 0);
    const r = scan({ zone: 'UTC', fromAt: FROM, toAt: FROM + 28 * 86_400_000, hours, agents: [], options: OPTIONS });
    expect(r.flags.map((f) => [f.segment, f.detail.scope, f.observed, f.total])).toEqual([[null, 'floor-date-hour', 21, 38]]);
  });

  it('does not repeat for the whole floor what one segment’s flag already says', () => {
    // The same floor, but on day 9 from 11:00 to 13:00 only segment A went wrong (30 of 40).
    const hours = traffic(
      28,
      (seg) => (seg === 'A' ? 40 : 6),
      (seg, d, h) => (seg === 'A' ? (d === 9 && (h === 11 || h === 12) ? 30 : 2) : (d + h) % 3 === 0 ? 1 : 0),
    );
    const r = scan({ zone: 'UTC', fromAt: FROM, toAt: FROM + 28 * 86_400_000, hours, agents: [], options: OPTIONS });
    expect(r.flags.map((f) => [f.segment, f.detail.scope, f.fromAt])).toEqual([['A', 'date-hour', FROM + 9 * 86_400_000 + 11 * 3_600_000]]);
  });

  it('merges consecutive hours of a floor-wide outage into one flag and leaves ordinary days alone', () => {
    // Every segment at 1 or 2 in 20, except day 20 from 14:00 to 16:00: 8 in 20 for everybody.
    const hours = traffic(
      28,
      () => 20,
      (seg, d, h) => (d === 20 && (h === 14 || h === 15) ? 8 : (d + h + seg.charCodeAt(0)) % 3 === 0 ? 2 : 1),
    );
    const r = scan({ zone: 'UTC', fromAt: FROM, toAt: FROM + 28 * 86_400_000, hours, agents: [], options: OPTIONS });
    const at = FROM + 20 * 86_400_000 + 14 * 3_600_000;
    expect(r.flags.map((f) => [f.segment, f.detail.scope, f.fromAt, f.toAt, f.observed, f.total])).toEqual([[null, 'floor-date-hour', at, at + 2 * 3_600_000, 64, 160]]);
  });

  it('flags an hour that goes wrong for every segment every week as one recurring floor flag, not one per date', () => {
    // Four segments, 10 contacts an hour each, about 1 in 40 unanswered; every Tuesday (days 1,
    // 8, 15, 22) at 10:00, 3 of each segment's 10.
    const tuesday10 = (d: number, h: number) => d % 7 === 1 && h === 10;
    const hours = traffic(
      28,
      () => 10,
      (seg, d, h) => (tuesday10(d, h) ? 3 : (d + h + seg.charCodeAt(0)) % 4 === 0 ? 1 : 0),
    );
    expect(hours.filter((h) => tuesday10((h.hourAt - FROM - h.hour * 3_600_000) / 86_400_000, h.hour)).every((h) => h.weekday === 2)).toBe(true);
    const r = scan({ zone: 'UTC', fromAt: FROM, toAt: FROM + 28 * 86_400_000, hours, agents: [], options: OPTIONS });
    // Counted by hand: 4 Tuesdays × 4 segments × 3 of 10.
    expect(r.flags.map((f) => [f.segment, f.detail.scope, f.detail.weekday, f.hours, f.observed, f.total])).toEqual([[null, 'floor-weekday-hour', 2, [10], 48, 160]]);
    const f = r.flags[0]!;
    expect(f.expected).toBeLessThan(10);
    expect(f.qValue).toBeLessThanOrEqual(OPTIONS.fdr);
    expect(f.explanation).toMatch(/^All contacts between 10:00 and 11:00 on Tuesdays: 48 of 160 went unanswered; about \d+ were expected from that weekday's rate/);
    // Without the pattern's weeks but one, nothing recurs: one Tuesday is a one-off of the floor.
    const once = hours.map((h) => (h.weekday === 2 && h.hour === 10 && h.hourAt > FROM + 2 * 86_400_000 ? { ...h, unanswered: 0 } : h));
    const r1 = scan({ zone: 'UTC', fromAt: FROM, toAt: FROM + 28 * 86_400_000, hours: once, agents: [], options: OPTIONS });
    expect(r1.flags.map((x) => [x.segment, x.detail.scope, x.observed, x.total])).toEqual([[null, 'floor-date-hour', 12, 40]]);
  });

  it('leaves a weekly floor excess to the segment whose recurring flag accounts for it', () => {
    // Only segment A goes wrong every Tuesday at 10:00 (8 of 10): its recurring flag (at 10:00,
    // which holds on its own) says it; neither the floor's weekday-hour nor its Tuesdays' date-hours,
    // raised by A alone, are flagged again.
    const hours = traffic(
      28,
      () => 10,
      (seg, d, h) => (seg === 'A' && d % 7 === 1 && h === 10 ? 8 : (d + h + seg.charCodeAt(0)) % 4 === 0 ? 1 : 0),
    );
    const r = scan({ zone: 'UTC', fromAt: FROM, toAt: FROM + 28 * 86_400_000, hours, agents: [], options: OPTIONS });
    expect(r.flags.map((f) => [f.segment, f.detail.scope, f.detail.weekday, f.hours])).toEqual([['A', 'hour', null, [10]]]);
  });

  it('writes the avoidance sentence of the issue', () => {
    const text = explain(
      { kind: 'avoidance', segment: 'Business', agent: 'Kadri', hours: null, fromAt: 0, toAt: 1, observed: 19, expected: 1.1, total: 27, qValue: 0.0004, detail: { scope: 'agent-segment', weekday: null, date: null, baseRate: 0.04, peerRate: 0.03, dispersion: 1 } },
      'UTC',
    );
    expect(text).toBe(
      "Business callers rang Kadri 27 times and 19 rang out unanswered; about 1 was expected from the agent's rate with other customers (4.0 %) and the team's rate with Business callers (3.0 %); q < 0.001.",
    );
  });
});

describe('anomaly service on simulated traffic', () => {
  const planted = simulatedDb({
    from: FROM,
    days: 21,
    seed: 11,
    inject: [
      { kind: 'avoidance', agent: 'kadri', segment: 'VIP', rnaRate: 0.6 },
      { kind: 'unanswered', segment: 'Business', localHours: [14], abandonFactor: 6 },
    ],
  });
  const clean = simulatedDb({ from: FROM, days: 21, seed: 12 });
  afterAll(() => {
    planted.close();
    clean.close();
  });

  it('finds both planted anomalies; clean traffic gives no flag', () => {
    const { flags } = planted.service.run({});
    const kadri = planted.db.prepare<[], { agent_id: number }>("SELECT agent_id FROM agent_aliases WHERE alias = 'kadri'").get()!.agent_id;
    expect(flags.find((f) => f.kind === 'avoidance' && f.agentId === kadri && f.segment === 'VIP')).toBeDefined();
    expect(flags.find((f) => f.kind === 'unanswered' && f.segment === 'Business' && f.hours?.includes(14))).toBeDefined();
    // At a 5 % false-discovery rate an occasional chance finding beside real ones is expected.
    expect(flags.length).toBeLessThanOrEqual(3);
    expect(clean.service.run({}).flags).toEqual([]);
  });

  it('stores flags once (fingerprint), keeps their status across rescans, lists the contacts behind them', () => {
    const first = planted.service.run({});
    const again = planted.service.run({});
    expect(again.added).toEqual([]);
    expect(again.flags.map((f) => f.id)).toEqual(first.flags.map((f) => f.id));
    const avoid = first.flags.find((f) => f.kind === 'avoidance')!;
    planted.service.setStatus(avoid.id, 'acknowledged', null);
    expect(planted.service.run({}).flags.find((f) => f.id === avoid.id)!.status).toBe('acknowledged');
    const contacts = planted.service.contacts({ id: avoid.id }, 1000)!;
    // Observed counts ring attempts; a caller may have rung out on the agent twice.
    const concerned = contacts.filter((c) => c.concerned).length;
    expect(concerned).toBeGreaterThan(avoid.observed / 2);
    expect(concerned).toBeLessThanOrEqual(avoid.observed);
    expect(contacts.every((c) => c.segment === 'VIP')).toBe(true);
    const unanswered = first.flags.find((f) => f.kind === 'unanswered' && f.detail.scope === 'hour')!;
    const behind = planted.service.contacts({ id: unanswered.id }, 5000)!;
    expect(behind).toHaveLength(unanswered.total);
    expect(behind.filter((c) => c.concerned)).toHaveLength(unanswered.observed);
  });

  /** A whole-floor flag's evidence: at least 3× the expected, and behind it as many contacts as it counted (its unanswered ones marked), of more than one segment. */
  const expectFloorEvidence = (service: ReturnType<typeof simulatedDb>['service'], f: { id: number; observed: number; expected: number; total: number }) => {
    expect(f.observed).toBeGreaterThanOrEqual(3 * f.expected);
    const behind = service.contacts({ id: f.id }, 5000)!;
    expect(behind).toHaveLength(f.total);
    expect(behind.filter((c) => c.concerned)).toHaveLength(f.observed);
    expect(new Set(behind.map((c) => c.segment)).size).toBeGreaterThan(1);
    return behind;
  };

  it('finds a weekly bad hour of the whole floor as one recurring flag; the contacts behind it are every segment’s, that hour on that weekday', () => {
    // Every Tuesday, 10:00–11:00 local (Tallinn), every contact goes unanswered five times as often.
    const weekly = simulatedDb({ from: Date.parse('2025-01-13T00:00:00+02:00'), days: 30, seed: 1, inject: [{ kind: 'unanswered', localHours: [10], weekdays: [2], abandonFactor: 5 }] });
    try {
      const { flags } = weekly.service.run({});
      const floor = flags.filter((f) => f.detail.scope === 'floor-weekday-hour');
      expect(floor.map((f) => [f.segment, f.detail.weekday, f.hours])).toEqual([[null, 2, [10]]]);
      const f = floor[0]!;
      const behind = expectFloorEvidence(weekly.service, f);
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Tallinn', weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
      expect(new Set(behind.map((c) => local.format(c.enterAt)))).toEqual(new Set(['Tue, 10']));
      // Neither one Tuesday for the whole floor nor a segment is flagged for it.
      expect(flags.filter((x) => x.kind === 'unanswered' && x !== f && (x.hours ?? []).includes(10))).toEqual([]);
      expect(flags.filter((x) => x.detail.scope === 'floor-date-hour' && local.format(x.fromAt) === 'Tue, 10')).toEqual([]);
    } finally {
      weekly.close();
    }
  });

  it('finds an outage of the whole floor; the contacts behind it are every segment’s', () => {
    // Wednesday 12 March (Tallinn, +02:00), 11:00–12:00 local: every contact goes unanswered six
    // times as often.
    const day = FROM + 9 * 86_400_000;
    const outage = simulatedDb({ from: FROM, days: 21, seed: 13, inject: [{ kind: 'unanswered', localHours: [11], abandonFactor: 6, from: day + 9 * 3_600_000, to: day + 14 * 3_600_000 }] });
    try {
      const { flags } = outage.service.run({});
      const floor = flags.filter((f) => f.detail.scope === 'floor-date-hour');
      const planted = floor.filter((f) => f.from === '2025-03-12T11:00:00+02:00');
      expect(planted.map((f) => [f.segment, f.to])).toEqual([[null, '2025-03-12T12:00:00+02:00']]);
      expectFloorEvidence(outage.service, planted[0]!);
      // No segment is blamed for it.
      expect(flags.filter((x) => x.kind === 'unanswered' && x.segment !== null && x.from.startsWith('2025-03-12'))).toEqual([]);
    } finally {
      outage.close();
    }
  });

  it('a flag found again over another range takes that range and its counts together', () => {
    const whole = planted.service.run({}).flags.find((f) => f.kind === 'unanswered' && f.detail.scope === 'hour')!;
    const narrow = planted.service.run({ from: '2025-03-10', to: '2025-03-20' }).flags.find((f) => f.id === whole.id)!;
    expect(narrow.total).toBeLessThan(whole.total);
    expect([narrow.from, narrow.to]).toEqual(['2025-03-10T00:00:00+02:00', '2025-03-21T00:00:00+02:00']);
    // The contacts behind it are those of its window: as many as it counted.
    expect(planted.service.contacts({ id: narrow.id }, 5000)!).toHaveLength(narrow.total);
    planted.service.run({});
  });

  it('the attempt rollup kept by triggers equals a count over the attempts themselves', () => {
    const direct = planted.db
      .prepare(
        `SELECT a.agent_id AS agentId, ${SEGMENT_SQL} AS segment, COUNT(*) AS attempts, SUM(a.result = 'no-answer') AS noAnswer
         FROM attempts a JOIN contacts c ON c.id = a.contact_id WHERE a.result <> 'ringing' GROUP BY a.agent_id, segment ORDER BY agentId, segment`,
      )
      .all();
    const viaRollup = loadAgentSegments(planted.db, 0, 8.64e15)
      .map(({ agentId, segment, attempts, noAnswer }) => ({ agentId, segment, attempts, noAnswer }))
      .sort((a, b) => a.agentId - b.agentId || (a.segment < b.segment ? -1 : 1));
    expect(viaRollup).toEqual(direct);
  });

  it('live: rescans only when data changed, pushes new flags and notifies when desktop notifications are on', () => {
    const env = simulatedDb({ from: FROM, days: 14, seed: 21, inject: [{ kind: 'avoidance', agent: 'kadri', segment: 'VIP', rnaRate: 0.8 }], settings: { notifications: { desktop: true, sound: false } } });
    const hub = createEventHub();
    const pushed: number[] = [];
    hub.on('anomalies.flagged', (p) => pushed.push(p.added.length));
    const notes: string[] = [];
    const service = createAnomalyService({ db: env.db, settings: env.settings, clock: env.clock, hub, notifier: { notify: (title) => notes.push(title) } });
    const added = service.liveTick();
    expect(added.length).toBeGreaterThan(0);
    expect(pushed).toEqual([added.length]);
    expect(notes).toHaveLength(1);
    // Nothing new arrived: no rescan, no event.
    expect(service.liveTick()).toEqual([]);
    expect(pushed).toHaveLength(1);
    env.close();
  });

  it('overview: a flag on record that the latest scan no longer finds is listed as not found, with its recorded figures', () => {
    const env = simulatedDb({ from: FROM, days: 14, seed: 21, inject: [{ kind: 'avoidance', agent: 'kadri', segment: 'VIP', rnaRate: 0.8 }] });
    const recorded = env.service.run({}).flags;
    expect(recorded.length).toBeGreaterThan(0);
    const first = env.service.overview({});
    expect(first.flags.map((f) => [f.id, f.found])).toEqual(recorded.map((f) => [f.id, true]));
    // The evidence a flag needs is raised far above what this data holds: nothing is found now.
    env.settings.update({ anomalies: { ...env.settings.get().anomalies, minRatio: 100 } });
    expect(env.service.run({}).flags).toEqual([]);
    const later = env.service.overview({});
    expect(later.flags.map((f) => [f.id, f.found, f.observed])).toEqual(
      expect.arrayContaining(recorded.map((f) => [f.id, false, f.observed])),
    );
    expect(later.flags).toHaveLength(recorded.length);
    env.close();
  });

  it('handlers: overview carries heatmap and RNA cells linked to flags; dismissing needs a reason; events are pushed', async () => {
    const hub = createEventHub();
    const seen: string[] = [];
    hub.onAny((name) => seen.push(name));
    const h = createAnomalyHandlers({ db: planted.db, settings: planted.settings, clock: planted.clock, hub, live: false });
    const overview = await h['anomalies.overview']({}, { access: 'read' });
    expect(overview.heatmap.some((c) => c.segment === 'Business' && c.hour === 14 && c.flagKey !== null)).toBe(true);
    expect(overview.rna.some((c) => c.segment === 'VIP' && c.flagKey !== null)).toBe(true);
    const id = overview.flags[0]!.id!;
    expect(anomalyMethods['anomalies.setStatus'].input.safeParse({ id, status: 'dismissed' }).success).toBe(false);
    const f = await h['anomalies.setStatus']({ id, status: 'dismissed', reason: 'known outage' }, { access: 'write' });
    expect([f.status, f.statusReason]).toEqual(['dismissed', 'known outage']);
    expect(seen).toContain('anomalies.updated');
  });
});
