import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IngestEvent } from '../events';
import { detectQueueLogFormat, parseQueueLogFile, type QueueLogFileResult, type QueueLogFormat, type QueueLogParserState } from './index';
import { createLocalTimeConverter, parseDateTime } from './local-time';
import { invalidEvents, ofKind, publicData } from './testing';

/**
 * The public queue_log fixtures, end to end through the chunked reader and the parser. Each
 * expected figure says where it comes from: the dataset's SOURCE.md, or a count made here on the
 * raw file with plain split() code that shares nothing with the parser.
 */

interface Figures {
  contacts: number;
  answered: number;
  abandoned: number;
  timeouts: number;
  rna: number;
  agents: string[];
  firstAt: number | null;
  lastAt: number | null;
}

function figures(events: IngestEvent[], results: QueueLogFileResult[]): Figures {
  const ended = ofKind(events, 'ended');
  const agents = new Set<string>();
  for (const e of events) if ('agent' in e && e.agent) agents.add(e.agent);
  const firsts = results.map((r) => r.stats.firstAt).filter((v): v is number => v !== null);
  const lasts = results.map((r) => r.stats.lastAt).filter((v): v is number => v !== null);
  return {
    contacts: ofKind(events, 'enqueued').length,
    answered: ofKind(events, 'answered').length,
    abandoned: ended.filter((e) => e.outcome === 'abandoned').length,
    timeouts: ended.filter((e) => e.outcome === 'timeout').length,
    rna: ofKind(events, 'ring-end').filter((e) => e.result === 'no-answer').length,
    agents: [...agents].sort(),
    firstAt: firsts.length ? Math.min(...firsts) : null,
    lastAt: lasts.length ? Math.max(...lasts) : null,
  };
}

async function parseAll(files: string[], format: QueueLogFormat, sourceTimeZone?: string) {
  const events: IngestEvent[] = [];
  const results: QueueLogFileResult[] = [];
  let state: QueueLogParserState | undefined;
  for (const file of files) {
    const firstLines = readFileSync(file, 'latin1').split('\n').slice(0, 5);
    expect(detectQueueLogFormat(firstLines)).toBe(format);
    const result = await parseQueueLogFile(file, { source: 'queue_log:fixture', format, sourceTimeZone, onEvent: (e) => events.push(e), state }, { chunkSize: 4096 });
    state = result.state;
    results.push(result);
  }
  return { events, results, figures: figures(events, results) };
}

/** Independent count: event name per raw line, by split on the separator (NULs removed). */
function rawEvents(file: string, separator: string, column: number): string[] {
  return readFileSync(file, 'latin1')
    .split('\n')
    .map((l) => l.split('\u0000').join('').replace(/\r$/, ''))
    .filter((l) => l.length > 0)
    .map((l) => l.split(separator)[column]);
}

const count = (names: string[], name: string): number => names.filter((n) => n === name).length;

/** Every answered / ended / ring-end must belong to a contact whose enqueued came first. */
function orphans(events: IngestEvent[]): IngestEvent[] {
  const entered = new Set<string>();
  const out: IngestEvent[] = [];
  for (const e of events) {
    if (e.kind === 'enqueued') entered.add(e.id);
    else if (e.kind !== 'agent' && !entered.has(e.id)) out.push(e);
  }
  return out;
}

describe('Issabel 4 / Asterisk 16 queue_log, five logrotate generations read oldest first', () => {
  const dirName = 'queue_log-issabel-asterisk16-2022';
  const names = ['queue_log-20220707', 'queue_log-20220801', 'queue_log-20220901', 'queue_log-20221005', 'queue_log'];
  const files = names.map((n) => publicData(dirName, n));

  it('gives the SOURCE.md figures', async () => {
    const { events, results, figures: f } = await parseAll(files, 'file');
    const raw = files.flatMap((file) => rawEvents(file, '|', 4));
    // SOURCE.md: "a continuous stream of 923 lines"; all of them valid.
    expect(results.reduce((n, r) => n + r.stats.accepted, 0)).toBe(923);
    expect(results.map((r) => r.stats.lines)).toEqual([69, 543, 71, 36, 204]); // SOURCE.md file table
    expect(results.reduce((n, r) => n + r.stats.rejected, 0)).toBe(0);
    // SOURCE.md event counts: ENTERQUEUE 33, CONNECT 3, ABANDON 30, RINGNOANSWER 1, no EXITWITHTIMEOUT.
    expect(f.contacts).toBe(33);
    expect(f.contacts).toBe(count(raw, 'ENTERQUEUE'));
    expect(f.answered).toBe(3);
    expect(f.abandoned).toBe(30);
    expect(f.timeouts).toBe(0);
    expect(f.rna).toBe(1);
    // SOURCE.md file table: 2022-06-16 08:02:21 → 2022-10-27 04:13:03 UTC.
    expect(f.firstAt).toBe(Date.UTC(2022, 5, 16, 8, 2, 21));
    expect(f.lastAt).toBe(Date.UTC(2022, 9, 27, 4, 13, 3));
    // Member names written on UNPAUSE lines (raw count) are the agent keys: ADDMEMBER's SIP/…
    // spelling is folded into them. SOURCE.md: "essentially one agent" (Sathish) on calls.
    const rawNames = new Set(
      files.flatMap((file) =>
        readFileSync(file, 'latin1')
          .split('\n')
          .map((l) => l.split('|'))
          .filter((p) => p[4] === 'UNPAUSE')
          .map((p) => p[3]),
      ),
    );
    expect(f.agents).toEqual([...rawNames].sort());
    expect(f.agents).toEqual(['Agent 1', 'Karthik', 'Sathish', 'karthik', 'kishore']);
    expect(new Set([...ofKind(events, 'answered'), ...ofKind(events, 'ring-end')].map((e) => e.agent))).toEqual(new Set(['Sathish']));
    expect(ofKind(events, 'agent').some((e) => e.agent.startsWith('SIP/'))).toBe(false);
    expect(invalidEvents(events)).toEqual([]);
    expect(orphans(events)).toEqual([]);
  });

  it('strips the NUL runs SOURCE.md describes without losing the lines around them', async () => {
    const { results } = await parseAll(files, 'file');
    // SOURCE.md NUL bytes per file: 0, 78, 0, 156, 78 (raw count here agrees).
    const nulBytes = files.map((file) => [...readFileSync(file)].filter((b) => b === 0).length);
    expect(nulBytes).toEqual([0, 78, 0, 156, 78]);
    expect(results.map((r) => r.stats.nulStripped > 0)).toEqual(nulBytes.map((n) => n > 0));
    expect(results.map((r) => r.stats.blank)).toEqual([0, 0, 0, 0, 0]);
  });

  it('links every DID to its ENTERQUEUE and pairs SIP/1001 with its member names', async () => {
    const { events, results } = await parseAll(files, 'file');
    // Raw count: DID lines with a number (SOURCE.md: the early ones have an empty data1).
    const didLines = files.flatMap((file) => readFileSync(file, 'latin1').split('\n').map((l) => l.split('|')).filter((p) => p[4] === 'DID'));
    expect(didLines).toHaveLength(33); // SOURCE.md: DID 33
    const withNumber = didLines.filter((p) => (p[5] ?? '') !== '').length;
    expect(ofKind(events, 'enqueued').filter((e) => e.did === '7777')).toHaveLength(withNumber);
    const aliases = results[results.length - 1].aliases.map((a) => `${a.interface}=${a.agent}`).sort();
    expect(aliases).toEqual(['SIP/1000=Agent 1', 'SIP/1000=Karthik', 'SIP/1001=Karthik', 'SIP/1001=Sathish', 'SIP/1001=karthik', 'SIP/1003=kishore']);
  });
});

describe('Asterisk realtime MySQL queue_log table (CSV), zone UTC', () => {
  const file = publicData('queue_log-asterisk-realtime-mysql-2023', 'queue_log_table.csv');

  it('gives the SOURCE.md figures', async () => {
    const { events, results, figures: f } = await parseAll([file], 'table', 'UTC');
    const raw = rawEvents(file, ',', 5).slice(1);
    const [r] = results;
    expect(r.stats).toMatchObject({ headers: 1, accepted: 85, rejected: 0 }); // SOURCE.md: 85 rows
    // SOURCE.md: ENTERQUEUE 8, CONNECT 2, ABANDON 5, EXITWITHTIMEOUT 1, RINGNOANSWER 2, RINGCANCELED 1.
    expect(f.contacts).toBe(8);
    expect(f.contacts).toBe(count(raw, 'ENTERQUEUE'));
    expect(f.answered).toBe(2);
    expect(f.abandoned).toBe(5);
    expect(f.timeouts).toBe(1);
    expect(f.rna).toBe(2);
    expect(ofKind(events, 'ring-end').filter((e) => e.result === 'canceled').map((e) => [e.id, e.ringMs])).toEqual([['1675909448.3', 11193]]);
    // SOURCE.md: member PJSIP/400 only.
    expect(f.agents).toEqual(['PJSIP/400']);
    // SOURCE.md span 2023-01-18 12:16:03 → 2023-02-26 23:07:27, and the time column is UTC.
    expect(f.firstAt).toBe(Date.UTC(2023, 0, 18, 12, 16, 3));
    expect(f.lastAt).toBe(Date.UTC(2023, 1, 26, 23, 7, 27));
    // SOURCE.md: callid 1675555752.0 → 2023-02-05 00:09:12 UTC, within 1 s of its row time.
    const first = ofKind(events, 'enqueued')[0];
    expect(first.id).toBe('1675555752.0');
    expect(first.at - 1675555752000).toBeLessThanOrEqual(1000);
    // SOURCE.md: callers 200/300/400 are internal extensions.
    expect(new Set(ofKind(events, 'enqueued').map((e) => e.caller))).toEqual(new Set(['200', '300', '400']));
    expect(invalidEvents(events)).toEqual([]);
    expect(orphans(events)).toEqual([]);
  });
});

describe('PBXware queue_log table (CSV), America/New_York (UTC−5 in Nov–Dec)', () => {
  const file = publicData('queue_log-pbxware-2018', 'queue_log.csv');

  it('gives the SOURCE.md figures', async () => {
    const { events, results, figures: f } = await parseAll([file], 'pbxware', 'America/New_York');
    const raw = rawEvents(file, ',', 5).slice(1);
    const [r] = results;
    expect(r.stats).toMatchObject({ headers: 1, accepted: 1000, rejected: 0 }); // SOURCE.md: 1,000 rows
    expect(Object.keys(r.stats.unknown)).toEqual([]);
    // SOURCE.md: 108 queued calls, CONNECT 93, ABANDON 12, EXITWITHTIMEOUT 1, RINGNOANSWER 360.
    expect(f.contacts).toBe(108);
    expect(f.contacts).toBe(count(raw, 'ENTERQUEUE'));
    expect(f.answered).toBe(93);
    expect(f.abandoned).toBe(12);
    expect(f.timeouts).toBe(1);
    expect(f.rna).toBe(360);
    expect(f.rna).toBe(count(raw, 'RINGNOANSWER'));
    // COMPLETECALLER 38 + COMPLETEAGENT 51 + ATTENDEDTRANSFER 1 + BLINDTRANSFER 1 (SOURCE.md).
    expect(ofKind(events, 'ended').filter((e) => e.outcome === 'answered')).toHaveLength(91);
    expect(ofKind(events, 'transferred')).toHaveLength(2);
    // SOURCE.md: 6 agents; ADDMEMBER's Local/…@callback-agent spelling is folded into Agent/….
    expect(f.agents).toEqual(['Agent/1109', 'Agent/1126', 'Agent/1127', 'Agent/1128', 'Agent/1141', 'Agent/1144']);
    expect(r.aliases.map((a) => `${a.interface}=${a.agent}`).sort()).toEqual(
      ['1109', '1126', '1127', '1128', '1141', '1144'].map((n) => `Local/${n}@callback-agent=Agent/${n}`),
    );
    // SOURCE.md span: epoch 1543527289 → 1543942851.
    expect(f.firstAt).toBe(1543527289000);
    expect(f.lastAt).toBe(1543942851000);
    expect(invalidEvents(events)).toEqual([]);
    expect(orphans(events)).toEqual([]);
  });

  it('the local `time` column read in America/New_York lands on date_time (+1 s on 504 rows, SOURCE.md)', () => {
    const zone = createLocalTimeConverter('America/New_York');
    const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const diffs = rows.map((p) => {
      const local = parseDateTime(p[13].replace(/"/g, ''));
      if (!local) throw new Error(`bad time ${p[13]}`);
      return zone.toUtc(local.wallMs) - Number(p[1]) * 1000;
    });
    expect(diffs.filter((d) => d !== 0 && d !== 1000)).toEqual([]);
    expect(diffs.filter((d) => d === 1000)).toHaveLength(504);
  });
});
