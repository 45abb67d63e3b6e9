import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../main/core/simulator/random';
import { tempDir } from '../support/fixtures';
import { runCli } from '../support/cli';

/**
 * `floorwatch anomalies --json` on a queue_log from Chicago over three weeks that cross the
 * spring change (9 March 2025, 02:00 → 03:00): two segments from the customer directory, 6 % of
 * calls abandoned, except Wednesday 12 March from 14:00 to 15:00 local, when every caller was left
 * unanswered about half the time (a trunk fault, say), and VIP callers at 10:00 on every weekday,
 * left unanswered four times as often. The figures of the outage hour are counted here from the
 * generated calls, with `Intl` for the local hour, not with the application's code.
 */

const ZONE = 'America/Chicago';

const cli = (db: string, ...args: string[]) => runCli(db, ZONE, ...args);

const local = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23', weekday: 'short' });
function parts(sec: number) {
  const p = Object.fromEntries(local.formatToParts(sec * 1000).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), weekend: p.weekday === 'Sat' || p.weekday === 'Sun' };
}

const CALLERS = Array.from({ length: 400 }, (_, i) => `+1312555${String(i).padStart(4, '0')}`);
const VIP = new Set(CALLERS.slice(0, 100));
const AGENTS = ['SIP/2001', 'SIP/2002', 'SIP/2003', 'SIP/2004', 'SIP/2005', 'SIP/2006'];

function write(dir: string) {
  const r = mulberry32(20250312);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const lines: [number, string][] = [];
  const outage = { offered: 0, unanswered: 0 };
  // 3 March 00:00 CST to 24 March 00:00 CDT.
  const from = Date.parse('2025-03-03T06:00:00Z') / 1000;
  const to = Date.parse('2025-03-24T05:00:00Z') / 1000;
  let n = 0;
  for (let t = from; t < to; ) {
    const p = parts(t);
    const open = p.hour >= 8 && p.hour < 18 && !p.weekend;
    if (!open) {
      t += 600;
      continue;
    }
    t += 30 + Math.floor(r() * 120);
    const id = `${t}.${n++}`;
    const caller = pick(CALLERS);
    const inOutage = p.date === '2025-03-12' && p.hour === 14;
    const vipHour = VIP.has(caller) && p.hour === 10;
    const unanswered = r() < (inOutage ? 0.5 : vipHour ? 0.24 : 0.06);
    if (inOutage) {
      outage.offered++;
      if (unanswered) outage.unanswered++;
    }
    lines.push([t, `${id}|support|NONE|ENTERQUEUE||${caller}|1`]);
    const wait = 5 + Math.floor(r() * 60);
    if (unanswered) {
      lines.push([t + wait, `${id}|support|NONE|ABANDON|1|1|${wait}`]);
    } else {
      const agent = pick(AGENTS);
      const talk = 60 + Math.floor(r() * 300);
      lines.push([t + wait, `${id}|support|${agent}|CONNECT|${wait}|${id}.1|3`]);
      lines.push([t + wait + talk, `${id}|support|${agent}|COMPLETECALLER|${wait}|${talk}|1`]);
    }
  }
  lines.sort((a, b) => a[0] - b[0]);
  const log = path.join(dir, 'queue_log');
  fs.writeFileSync(log, lines.map(([at, rest]) => `${at}|${rest}\n`).join(''));
  const directory = path.join(dir, 'customers.csv');
  fs.writeFileSync(directory, `phone,segment\n${CALLERS.map((c) => `${c},${VIP.has(c) ? 'VIP' : 'Regular'}`).join('\n')}\n`);
  return { log, directory, outage };
}

interface Flag {
  kind: string;
  scope: string;
  segment: string | null;
  from: string;
  to: string;
  hours: number[] | null;
  observed: number;
  total: number;
  expected: number;
  qValue: number;
  explanation: string;
}

describe('floorwatch anomalies on a Chicago queue_log across the spring change', () => {
  it('flags the hour that went wrong for every segment as the whole floor’s, and the VIP hour as VIP’s', { timeout: 120_000 }, () => {
    const dir = tempDir('cli-anomalies');
    const { log, directory, outage } = write(dir);
    const db = path.join(dir, 'fw.sqlite');
    expect(cli(db, 'customers', 'import', directory).code).toBe(0);
    expect(cli(db, 'import', log).code).toBe(0);
    const r = cli(db, '--json', 'anomalies', '--from', '2025-03-03', '--to', '2025-03-23');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const flags = JSON.parse(r.out) as Flag[];

    const floor = flags.filter((f) => f.scope === 'floor-date-hour');
    expect(floor).toHaveLength(1);
    expect(floor[0]).toMatchObject({ kind: 'unanswered', segment: null, hours: null, from: '2025-03-12T14:00:00-05:00', to: '2025-03-12T15:00:00-05:00' });
    expect([floor[0]!.observed, floor[0]!.total]).toEqual([outage.unanswered, outage.offered]);
    expect(floor[0]!.observed).toBeGreaterThan(4 * floor[0]!.expected);
    expect(floor[0]!.qValue).toBeLessThanOrEqual(0.05);
    expect(floor[0]!.explanation).toMatch(/^All contacts on 2025-03-12 between 14:00 and 15:00: \d+ of \d+ went unanswered;/);
    // No segment is blamed for that hour.
    expect(flags.filter((f) => f.segment !== null && f.from.startsWith('2025-03-12T14'))).toEqual([]);

    const vip = flags.filter((f) => f.segment === 'VIP' && f.scope === 'hour');
    expect(vip.map((f) => f.hours)).toEqual([[10]]);
    for (const f of flags) expect(['hour', 'weekday-hour', 'date-hour', 'floor-date-hour', 'agent-segment']).toContain(f.scope);
  });
});
