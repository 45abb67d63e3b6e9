import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../main/core/simulator/random';
import { tempDir } from '../support/fixtures';
import { runCli } from '../support/cli';

/**
 * Sites the fixtures do not cover, through the CLI as an analyst runs it: a queue_log file
 * from New York across the autumn change (01:00–02:00 happens twice), and a realtime-table CSV
 * export with local datetimes from Berlin across the spring change (02:00–03:00 never happens),
 * each with damaged lines, the customer directory imported after the calls for one and before for
 * the other; and Tehran, a half-hour zone, across its autumn change, its rotated log imported
 * after the newer one with the directory in between. The directory writes half its numbers
 * formatted as a CRM would, the logs have them bare. The expected figures are counted here from the generated calls, with `Intl` for the
 * local day and hour, not with the application's code.
 */

const cli = runCli;

type Outcome = 'answered' | 'abandoned' | 'timeout';
interface Call {
  id: string;
  enter: number;
  caller: string;
  outcome: Outcome;
  /** queue_log lines as epoch seconds and the rest of the line after the time. */
  events: [number, string][];
}

const AGENTS = ['SIP/1001', 'SIP/1002', 'SIP/1003', 'SIP/1004', 'SIP/1005'];
const CALLERS = Array.from({ length: 120 }, (_, i) => `+1555${String(i).padStart(7, '0')}`);
const VIP = new Set(CALLERS.slice(0, 25));

/** Calls every 2–15 minutes, night and day, from `from` to `to` (epoch seconds). */
function generate(from: number, to: number, seed: number): Call[] {
  const r = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const calls: Call[] = [];
  for (let t = from, n = 0; ; n++) {
    t += 120 + Math.floor(r() * 780);
    if (t >= to) break;
    const id = `${t}.${n}`;
    const queue = pick(['support', 'sales']);
    const caller = pick(CALLERS);
    const events: [number, string][] = [[t, `${id}|${queue}|NONE|ENTERQUEUE||${caller}|1`]];
    let at = t;
    if (r() < 0.3) {
      at += 15;
      events.push([at, `${id}|${queue}|${pick(AGENTS)}|RINGNOANSWER|15000`]);
    }
    const roll = r();
    let outcome: Outcome;
    if (roll < 0.72) {
      const wait = at - t + 2 + Math.floor(r() * 40);
      const talk = 30 + Math.floor(r() * 600);
      const agent = pick(AGENTS);
      events.push([t + wait, `${id}|${queue}|${agent}|CONNECT|${wait}|${id}9|3`], [t + wait + talk, `${id}|${queue}|${agent}|COMPLETECALLER|${wait}|${talk}|1`]);
      outcome = 'answered';
    } else if (roll < 0.9) {
      const wait = at - t + 1 + Math.floor(r() * 200);
      events.push([t + wait, `${id}|${queue}|NONE|ABANDON|1|1|${wait}`]);
      outcome = 'abandoned';
    } else {
      events.push([t + 300, `${id}|${queue}|NONE|EXITWITHTIMEOUT|1|1|300`]);
      outcome = 'timeout';
    }
    calls.push({ id, enter: t, caller, outcome, events });
  }
  return calls;
}

/** Local date and hour of an instant, by Intl alone. */
function localParts(zone: string, epochSec: number): { day: string; hour: number; offset: string; stamp: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(epochSec * 1000))
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  // "GMT-04:00", "GMT+03:30", or "GMT" for UTC itself.
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(epochSec * 1000)).find((p) => p.type === 'timeZoneName')!.value;
  const offset = name === 'GMT' ? '+00:00' : name.slice(3);
  return { day, hour: Number(parts.hour), offset, stamp: `${day} ${parts.hour}:${parts.minute}:${parts.second}` };
}

type Counts = [offered: number, answered: number, unanswered: number, abandoned: number];
function expected(calls: readonly Call[], zone: string): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const c of calls) {
    const { day, hour, offset } = localParts(zone, c.enter);
    const key = `${day}|${hour}|${offset}|${VIP.has(c.caller) ? 'VIP' : ''}`;
    const v = out.get(key) ?? [0, 0, 0, 0];
    v[0] += 1;
    if (c.outcome === 'answered') v[1] += 1;
    else v[2] += 1;
    if (c.outcome === 'abandoned') v[3] += 1;
    out.set(key, v);
  }
  return out;
}

interface KpiRow {
  day: string;
  hour: number;
  utcOffset: string;
  segment: string | null;
  offered: number;
  answered: number;
  unanswered: number;
  abandoned: number;
}
function kpis(db: string, zone: string): Map<string, Counts> {
  const r = cli(db, zone, 'kpis', '--by', 'day,hour,segment', '--json');
  expect(r.code, r.err).toBe(0);
  // The imports built the rollups in --tz; `kpis --tz` with the same zone reads them as they
  // are (not moved to the stored settings' zone and counted from the contacts).
  const file = new Database(db, { readonly: true });
  try {
    const built = file.prepare("SELECT key, value FROM meta WHERE key IN ('rollup.zone', 'rollup.params') ORDER BY key").all() as { key: string; value: string }[];
    expect(built.map((m) => (m.key === 'rollup.params' ? (JSON.parse(m.value) as { timezone: string }).timezone : m.value))).toEqual([zone, zone]);
  } finally {
    file.close();
  }
  const rows = JSON.parse(r.out) as KpiRow[];
  return new Map(rows.map((x) => [`${x.day}|${x.hour}|${x.utcOffset}|${x.segment ?? ''}`, [x.offered, x.answered, x.unanswered, x.abandoned] as Counts]));
}

const sortedLines = (calls: readonly Call[]) => calls.flatMap((c) => c.events).sort((a, b) => a[0] - b[0]);

function writeDirectory(dir: string): string {
  const file = path.join(dir, 'customers.csv');
  // Header names as a CRM exports them, `;`-separated, every other number written as people
  // write it (+1 (555) 000-0001): the log has it bare.
  const written = (c: string, i: number) => (i % 2 ? `+1 (${c.slice(2, 5)}) ${c.slice(5, 8)}-${c.slice(8)}` : c);
  fs.writeFileSync(file, `Phone Number;Tier\n${[...VIP].map((c, i) => `${written(c, i)};VIP`).join('\n')}\n`);
  return file;
}

interface ImportReport {
  format: string;
  contacts: number;
  rejectedCount: number;
  rejected: { line: number; reason: string }[];
}

describe('held-out style sites through the CLI', () => {
  it('New York queue_log across the autumn change, damaged lines, directory imported after the calls', () => {
    const zone = 'America/New_York';
    // 2026-10-31 00:00 EDT to 2026-11-03 00:00 EST; the clocks go back at 02:00 on 1 November.
    const calls = generate(Date.UTC(2026, 9, 31, 4) / 1000, Date.UTC(2026, 10, 3, 5) / 1000, 11);
    const lines = sortedLines(calls).map(([t, rest]) => `${t}|${rest}`);
    // Damage: a non-numeric time, binary noise, a line with no separator at all.
    const damaged = new Map([
      [20, '17x8|1.1|support|NONE|ENTERQUEUE||+1555|1'],
      [400, '\u0000\u0000\u0001\u0002noise'],
      [900, '1761955200'],
    ]);
    for (const [at, text] of [...damaged].sort((a, b) => a[0] - b[0])) lines.splice(at - 1, 0, text);
    const dir = tempDir('fw-site-ny-');
    const log = path.join(dir, 'queue_log');
    fs.writeFileSync(log, `${lines.join('\n')}\n`);
    const db = path.join(dir, 'fw.sqlite');

    const imported = cli(db, zone, 'import', log, '--json');
    expect(imported.code, imported.err).toBe(0);
    const report = JSON.parse(imported.out) as ImportReport;
    expect(report.format).toBe('queue_log');
    expect(report.contacts).toBe(calls.length);
    expect(report.rejected.map((r) => r.line)).toEqual([...damaged.keys()]);

    expect(cli(db, zone, 'customers', 'import', writeDirectory(dir)).code).toBe(0);
    const want = expected(calls, zone);
    // 01:00 happens twice on 1 November: two buckets, hour 1 at -04:00 and at -05:00 (DESIGN §3:
    // the 25-hour day has 25 hourly buckets).
    const oneAm = calls.filter((c) => localParts(zone, c.enter).stamp.startsWith('2026-11-01 01:'));
    expect(new Set(oneAm.map((c) => new Date(c.enter * 1000).getUTCHours()))).toEqual(new Set([5, 6]));
    expect(kpis(db, zone)).toEqual(want);
    const day = cli(db, zone, 'kpis', '--by', 'day,hour', '--from', '2026-11-01', '--to', '2026-11-01', '--json');
    const oneAmRows = (JSON.parse(day.out) as KpiRow[]).filter((r) => r.hour === 1);
    // In time order: the first 01:00 (EDT) before the second (EST).
    expect(oneAmRows.map((r) => [r.utcOffset, r.offered])).toEqual([
      ['-04:00', oneAm.filter((c) => new Date(c.enter * 1000).getUTCHours() === 5).length],
      ['-05:00', oneAm.filter((c) => new Date(c.enter * 1000).getUTCHours() === 6).length],
    ]);
  }, 120_000);

  it('Berlin realtime-table CSV across the spring change, damaged rows, directory imported before the calls', () => {
    const zone = 'Europe/Berlin';
    // 2026-03-28 00:00 CET to 2026-03-31 00:00 CEST; 02:00–03:00 on 29 March does not exist.
    const calls = generate(Date.UTC(2026, 2, 27, 23) / 1000, Date.UTC(2026, 2, 30, 22) / 1000, 29);
    const rows = sortedLines(calls).map(([t, rest], i) => {
      const [callid, queue, agent, event, ...data] = rest.split('|');
      return [i + 1, localParts(zone, t).stamp, callid, queue, agent, event, ...[...data, '', '', '', '', ''].slice(0, 5)].join(',');
    });
    // Damage: a truncated row and a row whose time is not a time.
    rows.splice(49, 0, '50,2026-03-28 10:00:00,x');
    rows.splice(299, 0, '300,yesterday,1.2,support,NONE,ENTERQUEUE,,+1555,1,,');
    const dir = tempDir('fw-site-berlin-');
    const csv = path.join(dir, 'queue_log.csv');
    fs.writeFileSync(csv, `\ufeffid,time,callid,queuename,agent,event,data1,data2,data3,data4,data5\r\n${rows.join('\r\n')}\r\n`);
    const db = path.join(dir, 'fw.sqlite');

    expect(cli(db, zone, 'customers', 'import', writeDirectory(dir)).code).toBe(0);
    const imported = cli(db, zone, 'import', csv, '--source-tz', zone, '--json');
    expect(imported.code, imported.err).toBe(0);
    const report = JSON.parse(imported.out) as ImportReport;
    expect(report.format).toBe('queue_log-table');
    expect(report.contacts).toBe(calls.length);
    // Line numbers count the header: the damaged rows are lines 51 and 301 of the file.
    expect(report.rejected.map((r) => r.line)).toEqual([51, 301]);

    const got = kpis(db, zone);
    expect([...got.keys()].some((k) => k.startsWith('2026-03-29|2|'))).toBe(false);
    expect(got).toEqual(expected(calls, zone));
  }, 120_000);

  it('Tehran (a half-hour zone) across its autumn change, a rotated queue_log imported after the newer file', () => {
    const zone = 'Asia/Tehran';
    // 2021-09-20 00:00 +0430 to 2021-09-23 00:00 +0330; at 24:00 on 21 September the clocks went
    // back to 23:00, so local 23:00–24:00 ran twice (UTC 18:30–20:30). Local hours start at :30 UTC.
    const calls = generate(Date.UTC(2021, 8, 19, 19, 30) / 1000, Date.UTC(2021, 8, 22, 20, 30) / 1000, 43);
    const lines = sortedLines(calls).map(([t, rest]) => `${t}|${rest}`);
    // logrotate cut the log in the middle of the 22nd, with calls in progress: the older part
    // (queue_log.1) is imported after the newer one, and both with the directory in between.
    const cut = Math.floor(lines.length * 0.6);
    const dir = tempDir('fw-site-tehran-');
    const older = path.join(dir, 'queue_log.1');
    const newer = path.join(dir, 'queue_log');
    fs.writeFileSync(older, `${lines.slice(0, cut).join('\n')}\n`);
    // A damaged last line in the newer file: cut off mid-write.
    fs.writeFileSync(newer, `${lines.slice(cut).join('\n')}\n1632335400|9.9|supp`);
    const db = path.join(dir, 'fw.sqlite');

    const first = cli(db, zone, 'import', newer, '--json');
    expect(first.code, first.err).toBe(0);
    expect((JSON.parse(first.out) as ImportReport).rejected.map((r) => r.line)).toEqual([lines.length - cut + 1]);
    expect(cli(db, zone, 'customers', 'import', writeDirectory(dir)).code).toBe(0);
    const second = cli(db, zone, 'import', older, '--json');
    expect(second.code, second.err).toBe(0);
    expect((JSON.parse(second.out) as ImportReport).rejected).toEqual([]);

    const want = expected(calls, zone);
    const twice = calls.filter((c) => localParts(zone, c.enter).stamp.startsWith('2021-09-21 23:'));
    expect(new Set(twice.map((c) => new Date(c.enter * 1000).getUTCHours()))).toEqual(new Set([18, 19, 20]));
    expect(kpis(db, zone)).toEqual(want);
  }, 120_000);
});
