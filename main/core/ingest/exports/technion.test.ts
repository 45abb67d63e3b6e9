import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IngestEvent } from '../events';
import { presetMapping } from './presets';
import { collectFile, ofKind, publicData } from './testing';

/**
 * The Technion "Anonymous Bank" month end to end (preset technion-bank, 64 KiB chunks). Expected
 * figures come from the dataset's SOURCE.md, or from a count made here on the raw file with
 * plain split() code that shares nothing with the parser.
 */
const FILE = publicData('technion-anonymous-bank-1999-08', 'anonymous_bank_calls_1999-08.csv');

type Raw = Record<string, string>;
const sec = (t: string) => {
  const [h, m, s] = t.split(':').map(Number);
  return h * 3600 + m * 60 + s;
};
const NONE = '0:00:00';

function rawRows(): Raw[] {
  const [head, ...lines] = readFileSync(FILE, 'utf8').split('\n').filter((l) => l !== '');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}
/** Offered by the preset's documented rule: queued, or served (AGENT) without queueing. */
const offered = (r: Raw) => r.outcome === 'AGENT' || (r.outcome === 'HANG' && r.q_start !== NONE);
const idOf = (r: Raw) => `${r['vru+line']}|1999${r.date.slice(4)}|${r.vru_entry}`;

describe('technion-bank preset on August 1999', () => {
  let run: Awaited<ReturnType<typeof collectFile>>;
  let raw: Raw[];
  beforeAll(async () => {
    run = await collectFile(FILE, presetMapping('technion-bank'));
    raw = rawRows();
  });

  it('reads every record and rejects none', () => {
    // SOURCE.md: 42,078 data rows.
    expect(run.result.stats.records).toBe(42_078);
    expect(raw).toHaveLength(42_078);
    expect(run.result.fatal).toBeNull();
    expect(run.result.stats.rejected).toBe(0);
  });

  it('counts offered, answered and abandoned as SOURCE.md does', () => {
    const { stats } = run.result;
    // SOURCE.md: AGENT served 31,402 (18,392 queued + 13,010 without queueing).
    expect(ofKind(run.events, 'answered')).toHaveLength(31_402);
    // SOURCE.md: queue abandonment (q_start != 0:00:00 and HANG) 7,309.
    expect(ofKind(run.events, 'ended').filter((e) => e.outcome === 'abandoned')).toHaveLength(7_309);
    // Offered = answered + abandoned.
    expect(ofKind(run.events, 'enqueued')).toHaveLength(31_402 + 7_309);
    expect(stats.contacts).toBe(38_711);
    // SOURCE.md: PHANTOM 310; HANG 10,366 of which 7,309 queued → 3,057 hung up in the VRU.
    expect(stats.skippedBy).toEqual({ 'outcome "PHANTOM" is skipped': 310, 'never entered a queue': 10_366 - 7_309 });
  });

  it('gives every contact a unique id and only valid events', () => {
    const ids = ofKind(run.events, 'enqueued').map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(raw.filter(offered).map(idOf)));
    for (const e of run.events) expect(IngestEvent.safeParse(e).success).toBe(true);
  });

  it('names the agents of the raw server column, with NO_SERVER as (unknown)', () => {
    const served = raw.filter((r) => r.outcome === 'AGENT');
    const named = new Set(served.map((r) => r.server).filter((s) => s !== 'NO_SERVER'));
    // SOURCE.md: 391 AGENT rows have NO_SERVER.
    expect(served.filter((r) => r.server === 'NO_SERVER')).toHaveLength(391);
    expect(run.result.stats.agents).toEqual([...named, '(unknown)'].sort());
    expect(new Set(ofKind(run.events, 'answered').map((e) => e.agent))).toEqual(new Set([...named, '(unknown)']));
  });

  it('maps priority to the Regular / Priority segments and fills the directory', () => {
    const rows = raw.filter(offered);
    const enq = ofKind(run.events, 'enqueued');
    const count = (s: string) => enq.filter((e) => e.segment === s).length;
    expect(count('Priority')).toBe(rows.filter((r) => r.priority === '2').length);
    expect(count('Regular')).toBe(rows.filter((r) => r.priority === '0' || r.priority === '1').length);
    expect(count('Priority') + count('Regular')).toBe(38_711);
    // customer_id 0 is "unidentified": no caller.
    expect(enq.filter((e) => e.caller == null)).toHaveLength(rows.filter((r) => r.customer_id === '0').length);
    const callers = new Set(rows.filter((r) => r.customer_id !== '0').map((r) => r.customer_id));
    expect(new Set(run.customers.map((c) => c.caller))).toEqual(callers);
    // Queues are the service types of SOURCE.md.
    expect(new Set(enq.map((e) => e.queue))).toEqual(new Set(['PS', 'NW', 'IN', 'NE', 'TT', 'PE']));
  });

  it('agrees with the file’s own q_time and ser_time, across midnight too', () => {
    const byId = new Map(raw.filter(offered).map((r) => [idOf(r), r]));
    const ended = ofKind(run.events, 'ended');
    let crossing = 0;
    for (const e of ended) {
      const r = byId.get(e.id)!;
      if (r.q_start !== NONE) expect(e.waitMs).toBe(Number(r.q_time) * 1000);
      if (r.outcome === 'AGENT' && r.ser_start !== NONE) {
        expect(e.talkMs).toBe(Number(r.ser_time) * 1000);
        if (sec(r.ser_exit) < sec(r.ser_start)) crossing++;
      }
    }
    // SOURCE.md: 26 calls cross midnight; all of them are served calls.
    expect(crossing).toBe(26);
  });

  it('puts every enter time where the raw times say (IDT = UTC+3 in August 1999)', () => {
    // Independent: seconds since 1999-08-01 00:00 local; a time more than 12 h before vru_entry is on the next day.
    const expected = new Map<string, number>();
    for (const r of raw.filter(offered)) {
      const t = r.q_start !== NONE ? r.q_start : r.ser_start !== NONE ? r.ser_start : r.vru_exit;
      let s = (Number(r.date.slice(8)) - 1) * 86_400 + sec(t);
      if (sec(t) < sec(r.vru_entry) - 43_200) s += 86_400;
      expected.set(idOf(r), Date.UTC(1999, 7, 1) + s * 1000 - 3 * 3_600_000);
    }
    const enq = ofKind(run.events, 'enqueued');
    let mismatches = 0;
    for (const e of enq) if (e.at !== expected.get(e.id)) mismatches++;
    expect(mismatches).toBe(0);
    const times = [...expected.values()];
    expect(run.result.stats.firstEnterAt).toBe(Math.min(...times));
    expect(run.result.stats.lastEnterAt).toBe(Math.max(...times));
    expect(new Date(run.result.stats.firstEnterAt!).toISOString()).toBe('1999-08-01T03:57:46.000Z');
  });
});

describe('technion-bank preset on hand-written rows', () => {
  const header = 'vru+line,call_id,customer_id,priority,type,date,vru_entry,vru_exit,vru_time,q_start,q_exit,q_time,outcome,ser_start,ser_exit,ser_time,server';
  const rows = [
    // Original Technion date form; queued before midnight, served across it.
    'AA0101,1,123,2,PS,990801,23:58:00,23:58:10,10,23:58:10,23:58:40,30,AGENT,23:58:40,0:03:40,300,AVI',
    'AA0102,2,0,0,NW,990801,10:00:00,10:00:05,5,10:00:05,10:00:25,20,PHANTOM,10:00:25,10:00:27,2,NO_SERVER',
    'AA0103,3,0,1,NE,990801,10:01:00,10:01:30,30,0:00:00,0:00:00,0,HANG,0:00:00,0:00:00,0,NO_SERVER',
    'AA0104,4,55,1,IN,990801,10:02:00,10:02:09,9,0:00:00,0:00:00,0,AGENT,10:02:08,10:05:08,180,NO_SERVER',
    'AA0105,5,0,0,PS,990801,10:03:00,10:03:05,5,10:03:05,25:00:00,30,HANG,0:00:00,0:00:00,0,NO_SERVER',
  ];
  const text = [header, ...rows].join('\n');

  it('keeps the ids, days and outcomes straight', async () => {
    const { createExportParser } = await import('./parser');
    const events: IngestEvent[] = [];
    const p = createExportParser({ mapping: presetMapping('technion-bank'), onEvent: (e) => events.push(e) });
    p.push(text);
    const r = p.end();
    expect(r.stats).toMatchObject({ records: 5, contacts: 2, skipped: 2, rejected: 1 });
    expect(r.rejects).toEqual([{ lineNo: 6, reason: 'wait (q_exit): time of day out of range: "25:00:00"' }]);
    const [enq1, ans1, end1, enq4, ans4, end4] = events;
    expect(enq1).toMatchObject({ kind: 'enqueued', id: 'AA0101|1999-08-01|23:58:00', queue: 'PS', caller: '123', segment: 'Priority', at: Date.parse('1999-08-01T20:58:10Z') });
    expect(ans1).toMatchObject({ kind: 'answered', agent: 'AVI', waitMs: 30_000, at: Date.parse('1999-08-01T20:58:40Z') });
    // 0:03:40 is on the next day: talk 5 minutes, not minus 23 h 55 min.
    expect(end1).toMatchObject({ kind: 'ended', outcome: 'answered', talkMs: 300_000, at: Date.parse('1999-08-01T21:03:40Z') });
    // Served without queueing: offered with a 0 s wait; NO_SERVER answers as (unknown).
    expect(enq4).toMatchObject({ id: 'AA0104|1999-08-01|10:02:00', segment: 'Regular', at: Date.parse('1999-08-01T07:02:08Z') });
    expect(ans4).toMatchObject({ agent: '(unknown)', waitMs: 0 });
    expect(end4).toMatchObject({ talkMs: 180_000 });
  });
});
