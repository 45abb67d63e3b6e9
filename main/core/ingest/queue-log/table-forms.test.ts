import { describe, expect, it } from 'vitest';
import { guessDelimiter, splitCsvRecord } from './csv';
import { detectQueueLogFormat } from './detect';
import { createQueueLogParser } from './parser';
import { invalidEvents, ofKind, parseLines } from './testing';

describe('CSV records', () => {
  it('splits quoted fields, doubled quotes and broken quoting without losing text', () => {
    expect(splitCsvRecord('a,"b, c","say ""hi""",,"2018-11-30 13:31:17"')).toEqual(['a', 'b, c', 'say "hi"', '', '2018-11-30 13:31:17']);
    expect(splitCsvRecord('1,QINSIGMA INC" <17038225596>",x')).toEqual(['1', 'QINSIGMA INC" <17038225596>"', 'x']);
    expect(splitCsvRecord('"x" y,z')).toEqual(['x y', 'z']);
    expect(splitCsvRecord('a,"open')).toBeNull();
    expect(splitCsvRecord('a;b;"c;d"', ';')).toEqual(['a', 'b', 'c;d']);
    expect(guessDelimiter('time;callid;queuename;agent;event')).toBe(';');
    expect(guessDelimiter('a,"x;y;z",b')).toBe(',');
  });
});

describe('realtime table form', () => {
  const header = 'id,time,callid,queuename,agent,event,data1,data2,data3,data4,data5';

  it('maps data1..data5, treats NULL as empty, handles BOM, CRLF, quotes and an event name in lower case', () => {
    const { events, result } = parseLines(
      [
        `\ufeff${header}\r`,
        '10,2023-02-05 00:09:13,1675555752.0,Support,NONE,ENTERQUEUE,NULL,200,1,NULL,NULL\r',
        '11,"2023-02-05 00:09:21",1675555752.0,Support,PJSIP/400,CONNECT,8,1675555753.1,7,,\r',
        '12,2023-02-05 00:09:26,1675555752.0,Support,PJSIP/400,completeagent,8,5,1,,\r',
      ],
      { format: 'table', sourceTimeZone: 'UTC' },
    );
    expect(result.stats).toMatchObject({ headers: 1, accepted: 3, rejected: 0 });
    expect(result.stats.unknown).toEqual({});
    expect(events.map((e) => e.kind)).toEqual(['enqueued', 'answered', 'ended']);
    expect(ofKind(events, 'enqueued')[0]).toMatchObject({ id: '1675555752.0', at: Date.UTC(2023, 1, 5, 0, 9, 13), caller: '200', queue: 'Support' });
    expect(ofKind(events, 'answered')[0]).toMatchObject({ waitMs: 8000, ringMs: 7000, agent: 'PJSIP/400' });
    expect(ofKind(events, 'ended')[0]).toMatchObject({ waitMs: 8000, talkMs: 5000 });
    expect(invalidEvents(events)).toEqual([]);
  });

  it("treats MySQL's \\N like NULL: an empty value", () => {
    const { events, result } = parseLines(
      [
        header,
        '1,2024-05-01 10:00:00,a.1,q1,NONE,ENTERQUEUE,\\N,5551234,1,\\N,\\N',
        '2,2024-05-01 10:00:05,a.1,q1,NONE,ABANDON,1,1,5,\\N,\\N',
        '3,2024-05-01 10:01:00,a.2,q1,NONE,ENTERQUEUE,NULL,5551234,1,NULL,NULL',
        '4,2024-05-01 10:01:05,a.2,q1,NONE,ABANDON,1,1,5,NULL,NULL',
      ],
      { format: 'table', sourceTimeZone: 'UTC' },
    );
    expect(result.stats.rejected).toBe(0);
    expect(ofKind(events, 'enqueued').map((e) => [e.id, e.caller])).toEqual([['a.1', '5551234'], ['a.2', '5551234']]);
    expect(ofKind(events, 'ended').map((e) => [e.id, e.outcome, e.waitMs])).toEqual([['a.1', 'abandoned', 5000], ['a.2', 'abandoned', 5000]]);
  });

  it('reads a single `data` column with pipes, a repeated header, and a header-less export', () => {
    const single = parseLines(
      ['time,callid,queuename,agent,event,data', '2023-01-01 10:00:00,a.1,q,NONE,ABANDON,1|1|28', 'time,callid,queuename,agent,event,data', '2023-01-01 10:00:05,a.2,q,NONE,EXITWITHTIMEOUT,2|1|300'],
      { format: 'table', sourceTimeZone: 'UTC' },
    );
    expect(single.result.stats.headers).toBe(2);
    expect(ofKind(single.events, 'ended').map((e) => [e.outcome, e.waitMs])).toEqual([['abandoned', 28000], ['timeout', 300000]]);
    const headerless = parseLines(['7,2023-01-01 10:00:00,a.1,q,NONE,ABANDON,1,1,28,,'], { format: 'table', sourceTimeZone: 'UTC' });
    expect(ofKind(headerless.events, 'ended')[0].waitMs).toBe(28000);
  });

  it('joins a quoted field that spans lines, and rejects rows with too many data fields or columns', () => {
    const { events, result } = parseLines(
      [
        header,
        '1,2023-01-01 10:00:00,a.1,q,NONE,INFO,"multi', // 2: record continues
        'line note",,,,', // 3
        '2,2023-01-01 10:00:01,a.1,q,NONE,ABANDON,1,1,28,5,', // 4: ABANDON has 3 fields
        '3,2023-01-01 10:00:01,a.1,q,NONE,ABANDON,1,1,28,,,extra', // 5: 12 columns
        '4,not a time,a.1,q,NONE,ABANDON,1,1,28,,', // 6
        '5,2023-01-01 10:00:09,a.1,q,NONE,ABANDON,1,1,9,,', // 7
        '6,2023-01-01 10:00:09,a.9,q,NONE,INFO,"never closed', // 8
      ],
      { format: 'table', sourceTimeZone: 'UTC' },
    );
    expect(result.rejects.map((r) => [r.lineNo, r.reason])).toEqual([
      [4, 'ABANDON: 4 data fields, expected at most 3'],
      [5, '12 columns, expected 11'],
      [6, 'time is not a datetime'],
      [8, 'unterminated quoted field at end of input'],
    ]);
    expect(result.stats.known).toEqual({ INFO: 1, ABANDON: 1 });
    expect(ofKind(events, 'ended').map((e) => e.waitMs)).toEqual([9000]);
  });

  it('rejects rows with fewer columns than the header (a cut-off row, a cut-off last line) and keeps the rest', () => {
    const { events, result } = parseLines(
      [
        header,
        '1,2024-05-01 10:00:00,a.1,q1,NONE,ENTERQUEUE,,5551234,1,,',
        '2,2024-05-01 10:00:07,a.1,q1,NONE,ABANDON,1,1', // 3: 8 columns
        '3,2024-05-01 10:05:00,a.3,q1,NONE,ENTERQUEUE,,555', // 4: the file ends mid-row
        '4,2024-05-01 10:06:00,a.4,q1,NONE,ENTERQUEUE,,5551237,1,,',
      ],
      { format: 'table', sourceTimeZone: 'UTC' },
    );
    expect(result.rejects.map((r) => [r.lineNo, r.reason])).toEqual([
      [3, 'truncated row: 8 columns, expected 11'],
      [4, 'truncated row: 8 columns, expected 11'],
    ]);
    expect(ofKind(events, 'enqueued').map((e) => e.id)).toEqual(['a.1', 'a.4']);
    expect(ofKind(events, 'ended')).toEqual([]);
  });

  it('rejects only the line of a quote left open when the next line is a whole row, and imports the rows after it', () => {
    const { events, result } = parseLines(
      [
        'time,callid,queuename,agent,event,data1,data2,data3,data4,data5',
        '2024-05-01 10:00:00,a.1,q1,NONE,ENTERQUEUE,,"5551234,1,,', // 2: the quote never closes
        '2024-05-01 10:00:00,a.2,q1,NONE,ENTERQUEUE,,5551235,1,,',
        '2024-05-01 10:00:07,a.2,q1,NONE,ABANDON,1,1,7,,',
        '2024-05-01 10:05:00,a.3,q1,NONE,INFO,"a note', // 5: a quoted field that does span lines
        'on two lines",,,,',
        '2024-05-01 10:05:30,a.3,q1,NONE,ENTERQUEUE,,5551236,1,,',
      ],
      { format: 'table', sourceTimeZone: 'UTC' },
    );
    expect(result.rejects.map((r) => [r.lineNo, r.reason])).toEqual([[2, 'unterminated quoted field']]);
    expect(result.stats.known).toEqual({ ENTERQUEUE: 2, ABANDON: 1, INFO: 1 });
    expect(ofKind(events, 'enqueued').map((e) => e.id)).toEqual(['a.2', 'a.3']);
    expect(ofKind(events, 'ended').map((e) => [e.id, e.outcome])).toEqual([['a.2', 'abandoned']]);
  });

  it('requires a zone for local datetimes', () => {
    expect(() => createQueueLogParser({ source: 's', format: 'table', onEvent: () => {} })).toThrow(/sourceTimeZone/);
  });
});

describe('PBXware table form', () => {
  const header = 'uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,expos,htime,ttime,time';
  // One row per shape, from the fixture's SOURCE.md.
  const rows = [
    '5,1543598990,1543598985.25,IT,Local/1127@callback-agent,ADDMEMBER,,,,0,0,0,0,"2018-11-30 12:29:50"',
    '6,1543598990,1543598985.25,NONE,Agent/1127,AGENTCALLBACKLOGIN,hint:1127@default,,,0,0,0,0,"2018-11-30 12:29:50"',
    '13,1543602677,1543602660.197,IT,NONE,ENTERQUEUE,17038225596,,,1,0,0,0,"2018-11-30 13:31:17"',
    '14,1543602687,1543602660.197,IT,Agent/1141,RINGNOANSWER,17038225596,,,1,1,10000,0,"2018-11-30 13:31:28"',
    '19,1543602753,1543602660.197,IT,Agent/1127,CONNECT,,1543602746.232,6,0,0,76,0,"2018-11-30 13:32:34"',
    '20,1543603600,1543602660.197,IT,Agent/1127,COMPLETECALLER,17038225596,,,1,0,76,847,"2018-11-30 13:46:41"',
    '294,1543852202,1543852000.1574,IT,NONE,ABANDON,16786664403,,,1,1,191,0,"2018-12-03 10:50:03"',
    '526,1543860763,1543860451.3324,IT,NONE,EXITWITHTIMEOUT,19728058124,,,2,1,300,0,"2018-12-03 13:12:44"',
    '928,1543938963,1543938872.1743,IT,Agent/1128,BLINDTRANSFER,14154246089,1142,transfer,1,0,6,38,"2018-12-04 10:56:03"',
    '12,1543602424,1543602022.182,NONE,Agent/1127,OUTANSWER,3318,COMPLETEAGENT,,0,0,2,398,"2018-11-30 13:27:04"',
  ];

  it('maps param1 caller, htime wait / ring ms, ttime talk into the stock events', () => {
    const { events, result } = parseLines([header, ...rows], { format: 'pbxware', sourceTimeZone: 'America/New_York' });
    expect(result.stats.rejected).toBe(0);
    expect(result.stats.known.OUTANSWER).toBe(1);
    expect(events.map((e) => e.kind)).toEqual(['agent', 'agent', 'enqueued', 'ring-end', 'answered', 'ended', 'ended', 'ended', 'transferred', 'ended']);
    expect(ofKind(events, 'agent').map((e) => [e.action, e.agent])).toEqual([['add', 'Agent/1127'], ['login', 'Agent/1127']]);
    expect(ofKind(events, 'enqueued')[0]).toMatchObject({ id: '1543602660.197', at: 1543602677000, caller: '17038225596', queue: 'IT' });
    expect(ofKind(events, 'ring-end')[0]).toMatchObject({ agent: 'Agent/1141', ringMs: 10000, result: 'no-answer' });
    expect(ofKind(events, 'answered')[0]).toMatchObject({ agent: 'Agent/1127', waitMs: 76000, ringMs: 6000 });
    expect(ofKind(events, 'ended').map((e) => [e.outcome, e.waitMs, e.talkMs])).toEqual([
      ['answered', 76000, 847000],
      ['abandoned', 191000, null],
      ['timeout', 300000, null],
      ['answered', 6000, 38000],
    ]);
    expect(ofKind(events, 'transferred')[0].to).toBe('1142@transfer');
    expect(invalidEvents(events)).toEqual([]);
  });

  it('falls back to the local `time` column in the given zone when date_time is empty', () => {
    const row = '13,,1543602660.197,IT,NONE,ENTERQUEUE,17038225596,,,1,0,0,0,"2018-11-30 13:31:17"';
    const { events } = parseLines([header, row], { format: 'pbxware', sourceTimeZone: 'America/New_York' });
    expect(events[0].at).toBe(Date.UTC(2018, 10, 30, 18, 31, 17));
    const noZone = parseLines([header, row], { format: 'pbxware' });
    expect(noZone.result.rejects[0]).toMatchObject({ lineNo: 2, reason: 'local time without a source time zone' });
  });
});

describe('format detection', () => {
  it('tells the three forms apart from their first lines', () => {
    expect(detectQueueLogFormat(['\u0000\u0000', '1655366541|NONE|NONE|NONE|QUEUESTART|'])).toBe('file');
    expect(detectQueueLogFormat(['\ufeffid,time,callid,queuename,agent,event,data1,data2,data3,data4,data5\r'])).toBe('table');
    expect(detectQueueLogFormat(['2023-02-05 00:09:13,1675555752.0,Support,NONE,ENTERQUEUE,,200,1,,'])).toBe('table');
    expect(detectQueueLogFormat(['uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,expos,htime,ttime,time'])).toBe('pbxware');
    expect(detectQueueLogFormat(['13,1543602677,1543602660.197,IT,NONE,ENTERQUEUE,170,,,1,0,0,0,"2018-11-30 13:31:17"'])).toBe('pbxware');
    expect(detectQueueLogFormat(['"accountcode","src","dst"', 'hello world', ''])).toBeNull();
    expect(detectQueueLogFormat([])).toBeNull();
  });
});
