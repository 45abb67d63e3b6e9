import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/contract/settings';
import { openDb, type Db } from '../../db/open';
import { mulberry32 } from '../simulator/random';
import type { IngestEvent } from './events';
import { rebuildRollups, type RollupParams } from './rollup';
import { ROLLUP_SUMS } from './rollup-sums';
import { ensureRollupParams, parseRollupParams, updateRollups } from './rollup-update';
import { createIngestStore } from './store';

const S = 'test';
const HOUR = 3_600_000;
/** Monday 21 October 2024, 00:00 in Tallinn: the week in which Europe leaves summer time (Sunday 27th). */
const WEEK = Date.UTC(2024, 9, 20, 21, 0);

const base = (): RollupParams => {
  const s = defaultSettings();
  return { timezone: 'Europe/Tallinn', targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec, repeatWindowHours: 72, segmentRules: [] };
};

/**
 * Contacts across the DST week with waits spread over the thresholds that change (answered after
 * 10–90 s, abandoned after 0–30 s, some exactly on a threshold), repeat callers, ring attempts on
 * several agents.
 */
function history(seed: number, from: number, n: number): IngestEvent[] {
  const rnd = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const events: IngestEvent[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${seed}-${i}`;
    const enter = from + Math.floor(rnd() * 7 * 24 * HOUR);
    const channel = rnd() < 0.7 ? 'voice' : 'chat';
    const caller = rnd() < 0.1 ? null : `+3725${Math.floor(rnd() * 30)}`;
    events.push({ kind: 'enqueued', source: S, id, at: enter, channel, queue: channel === 'voice' ? pick(['Support', 'Sales']) : 'Web chat', caller, segment: rnd() < 0.3 ? 'Partner' : null });
    if (rnd() < 0.3) {
      const agent = pick(['SIP/1001', 'SIP/1002', 'SIP/1003']);
      events.push({ kind: 'ring', source: S, id, at: enter + 1000, agent });
      events.push({ kind: 'ring-end', source: S, id, at: enter + 9000, agent, ringMs: 8000, result: 'no-answer' });
    }
    const fate = rnd();
    if (fate < 0.65) {
      const agent = pick(['SIP/1001', 'SIP/1002', 'SIP/1003', 'SIP/1004']);
      // Some waits sit exactly on a threshold the tests move (in target is wait ≤ target).
      const answer = enter + (rnd() < 0.2 ? pick([20_000, 25_000, 30_000, 40_000, 45_000, 60_000]) : 10_000 + Math.floor(rnd() * 80_000));
      events.push({ kind: 'ring', source: S, id, at: answer - 2000, agent });
      events.push({ kind: 'answered', source: S, id, at: answer, agent, ringMs: 2000 });
      events.push({ kind: 'ended', source: S, id, at: answer + 120_000, outcome: 'answered', talkMs: 120_000, wrapMs: 5000 });
    } else if (fate < 0.95) {
      // Short is wait < threshold: some abandon exactly on one.
      events.push({ kind: 'ended', source: S, id, at: enter + (rnd() < 0.3 ? pick([3000, 5000, 8000, 9000, 12_000]) : Math.floor(rnd() * 30_000)), outcome: 'abandoned' });
    }
  }
  return events;
}

/** Every rollup tier (rows whose sums are all 0 are the same as no row), the attempt rollup and the flags. */
function rollups(db: Db): Record<string, unknown[]> {
  const nonZero = ROLLUP_SUMS.map((c) => `${c} <> 0`).join(' OR ');
  const out: Record<string, unknown[]> = {};
  for (const t of ['rollup_hour', 'rollup_hour_seg', 'rollup_day_seg', 'rollup_month_seg', 'rollup_day_agent', 'rollup_day_agent_total']) {
    out[t] = db.prepare(`SELECT * FROM ${t} WHERE ${nonZero} ORDER BY 1, 2, 3, 4, 5, 6`).all();
  }
  out.rollup_attempt = db.prepare('SELECT * FROM rollup_attempt WHERE attempts <> 0 ORDER BY 1, 2, 3').all();
  out.flags = db.prepare('SELECT id, repeat_flags FROM contacts ORDER BY id').all();
  return out;
}

/** A database as the app leaves it: rollups built for `p`, then a week of contacts ingested. */
function floor(p: RollupParams, seed = 7, n = 1500): Db {
  const db = openDb(':memory:');
  expect(updateRollups(db, null, p)).toBe('rebuilt');
  createIngestStore(db, () => p).apply(history(seed, WEEK, n));
  return db;
}

/** The same floor rebuilt from scratch with `p`: what every update must equal. */
function rebuilt(p: RollupParams, from: RollupParams, seed = 7, n = 1500): Record<string, unknown[]> {
  const db = floor(from, seed, n);
  rebuildRollups(db, p);
  const r = rollups(db);
  db.close();
  return r;
}

describe('rollups after a settings change', () => {
  const a = base();

  it('moves answered-in-target of the contacts between the old and new answer target, in every tier', () => {
    const b: RollupParams = { ...a, targetSec: { ...a.targetSec, voice: 30, chat: 45 } };
    const db = floor(a);
    const before = rollups(db);
    expect(updateRollups(db, a, b)).toBe('updated');
    const after = rollups(db);
    expect(after).toEqual(rebuilt(b, a));
    // The fixture straddles the targets: something moved.
    expect(after.rollup_day_agent).not.toEqual(before.rollup_day_agent);
    db.close();
  });

  it('moves short abandons between the old and new threshold, up and then down', () => {
    const up: RollupParams = { ...a, shortAbandonSec: 12 };
    const down: RollupParams = { ...a, shortAbandonSec: 3 };
    const db = floor(a);
    expect(updateRollups(db, a, up)).toBe('updated');
    expect(rollups(db)).toEqual(rebuilt(up, a));
    expect(updateRollups(db, up, down)).toBe('updated');
    expect(rollups(db)).toEqual(rebuilt(down, a));
    db.close();
  });

  it('keys the day, weekday and month tiers again for another whole-hour zone, without a rebuild', () => {
    const berlin: RollupParams = { ...a, timezone: 'Europe/Berlin' };
    const ny: RollupParams = { ...a, timezone: 'America/New_York', targetSec: { ...a.targetSec, voice: 25 } };
    const db = floor(a);
    expect(updateRollups(db, a, berlin)).toBe('updated');
    expect(rollups(db)).toEqual(rebuilt(berlin, a));
    expect(updateRollups(db, berlin, ny)).toBe('updated');
    expect(rollups(db)).toEqual(rebuilt(ny, a));
    db.close();
  });

  it('sets the repeat flags for a new window and moves the repeat and FCR sums with them', () => {
    const b: RollupParams = { ...a, repeatWindowHours: 12 };
    const db = floor(a);
    const before = rollups(db);
    expect(updateRollups(db, a, b)).toBe('updated');
    const after = rollups(db);
    expect(after).toEqual(rebuilt(b, a));
    expect(after.flags).not.toEqual(before.flags);
    db.close();
  });

  it('stays equal to a rebuild while contacts keep arriving after the change', () => {
    const b: RollupParams = { ...a, targetSec: { ...a.targetSec, voice: 40 }, shortAbandonSec: 8 };
    const db = floor(a);
    expect(updateRollups(db, a, b)).toBe('updated');
    createIngestStore(db, () => b).apply(history(11, WEEK + 2 * 24 * HOUR, 400));
    const incremental = rollups(db);
    rebuildRollups(db, b);
    expect(incremental).toEqual(rollups(db));
    db.close();
  });

  it('rebuilds for segment rules, a part-hour zone, or rollups it has no record of; does nothing for the same settings', () => {
    const db = floor(a);
    expect(updateRollups(db, a, { ...a })).toBe('unchanged');
    expect(updateRollups(db, a, { ...a, segmentRules: [{ kind: 'queue', pattern: 'Sales', segment: 'Prospect' }] })).toBe('rebuilt');
    const kolkata: RollupParams = { ...a, timezone: 'Asia/Kolkata', segmentRules: [{ kind: 'queue', pattern: 'Sales', segment: 'Prospect' }] };
    expect(updateRollups(db, { ...a, segmentRules: kolkata.segmentRules }, kolkata)).toBe('rebuilt');
    expect(rollups(db)).toEqual(rebuilt(kolkata, a));
    expect(updateRollups(db, null, kolkata)).toBe('rebuilt');
    db.close();
  });

  it('rebuilds when the rollups were not built with the previous settings it is given', () => {
    const db = floor(a);
    // Told the zone was Berlin, but the tiers are Tallinn's: no sums are moved on that word.
    expect(updateRollups(db, { ...a, timezone: 'Europe/Berlin' }, { ...a, timezone: 'Europe/Berlin', shortAbandonSec: 9 })).toBe('rebuilt');
    db.close();
  });

  it('records the parameters with the sums it moved, so a second call moves nothing', () => {
    const db = openDb(':memory:');
    expect(ensureRollupParams(db, a)).toBe('rebuilt');
    createIngestStore(db, () => a).apply(history(7, WEEK, 1500));
    const b: RollupParams = { ...a, shortAbandonSec: 12 };
    expect(ensureRollupParams(db, b)).toBe('updated');
    expect(ensureRollupParams(db, b)).toBe('unchanged');
    expect(rollups(db)).toEqual(rebuilt(b, a));
    expect(parseRollupParams(db.prepare<[], string>("SELECT value FROM meta WHERE key = 'rollup.params'").pluck().get())).toEqual(b);
    // A failure half-way leaves both the sums and the record as they were.
    const before = rollups(db);
    db.exec('CREATE TEMP TRIGGER fail BEFORE INSERT ON rollup_day_agent BEGIN SELECT RAISE(ABORT, \'disk full\'); END');
    expect(() => ensureRollupParams(db, { ...b, targetSec: { ...b.targetSec, voice: 33 } })).toThrow(/disk full/);
    db.exec('DROP TRIGGER temp.fail');
    expect(rollups(db)).toEqual(before);
    expect(ensureRollupParams(db, b)).toBe('unchanged');
    expect(ensureRollupParams(db, b, true)).toBe('rebuilt');
    db.close();
  });

  it('reads back the parameters app.ts stores, and nothing else', () => {
    expect(parseRollupParams(JSON.stringify(a))).toEqual(a);
    expect(parseRollupParams(undefined)).toBeNull();
    expect(parseRollupParams('{')).toBeNull();
    expect(parseRollupParams(JSON.stringify({ ...a, timezone: 'Not/AZone' }))).toBeNull();
  });
});
