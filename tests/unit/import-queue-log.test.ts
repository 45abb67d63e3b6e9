import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type CoreInternals } from '../../main/core/app';
import { createMemorySettingsStore } from '../../main/core/settings/file-store';
import { ImportError } from '../../main/core/ingest/import/formats';
import { ISSABEL_FILES, publicFile, tempDir } from '../support/fixtures';

let core: CoreInternals | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

function open() {
  core = createCore({ dbPath: ':memory:', settings: createMemorySettingsStore({ timezone: 'UTC' }), host: 'headless', version: 'test' });
  return core;
}

const one = <T>(c: CoreInternals, sql: string) => c.db.prepare(sql).get() as T;
const figures = (c: CoreInternals) => ({
  contacts: one<{ n: number }>(c, 'SELECT count(*) AS n FROM contacts').n,
  answered: one<{ n: number }>(c, 'SELECT count(*) AS n FROM contacts WHERE answer_at IS NOT NULL').n,
  abandoned: one<{ n: number }>(c, "SELECT count(*) AS n FROM contacts WHERE outcome = 'abandoned'").n,
  timeouts: one<{ n: number }>(c, "SELECT count(*) AS n FROM contacts WHERE outcome = 'timeout'").n,
  rna: one<{ n: number }>(c, "SELECT count(*) AS n FROM attempts WHERE result = 'no-answer'").n,
  answeringAgents: one<{ n: number }>(c, 'SELECT count(DISTINCT agent_id) AS n FROM contacts WHERE agent_id IS NOT NULL').n,
  first: one<{ t: number }>(c, 'SELECT min(enter_at) AS t FROM contacts').t,
  last: one<{ t: number }>(c, 'SELECT max(enter_at) AS t FROM contacts').t,
});

/** An independent count on the raw file: lines whose 5th pipe field is the event. */
function countEvent(files: string[], event: string): number {
  let n = 0;
  for (const f of files) for (const line of fs.readFileSync(f, 'latin1').split('\n')) if (line.split('|')[4] === event) n++;
  return n;
}

describe('queue_log import of the public datasets (end to end into the store)', () => {
  it('Issabel / Asterisk 16, five logrotate generations oldest first', async () => {
    const c = open();
    for (const file of ISSABEL_FILES) await c.importFile({ file });
    // Expected figures: SOURCE.md event counts (ENTERQUEUE 33, ABANDON 30, CONNECT 3,
    // RINGNOANSWER 1), re-counted here from the raw files with a plain split.
    expect(countEvent(ISSABEL_FILES, 'ENTERQUEUE')).toBe(33);
    const f = figures(c);
    expect(f).toMatchObject({ contacts: 33, answered: countEvent(ISSABEL_FILES, 'CONNECT'), abandoned: countEvent(ISSABEL_FILES, 'ABANDON'), timeouts: 0, rna: 1 });
    expect(f.answered).toBe(3);
    // SOURCE.md: only Sathish answers calls in this log.
    expect(f.answeringAgents).toBe(1);
    expect(new Date(f.first).toISOString().slice(0, 10) >= '2022-06-16').toBe(true);
    expect(new Date(f.last).toISOString().slice(0, 10) <= '2022-10-27').toBe(true);
  });

  it('is idempotent: importing every file again, and overlapping, duplicates nothing', async () => {
    const c = open();
    for (const file of ISSABEL_FILES) await c.importFile({ file });
    const before = { f: figures(c), rollup: c.db.prepare('SELECT * FROM rollup_hour ORDER BY 1,2,3,4,5').all() };
    for (const file of [...ISSABEL_FILES].reverse()) await c.importFile({ file });
    const again = await c.importFile({ file: ISSABEL_FILES[1]! });
    expect(again.newContacts).toBe(0);
    expect({ f: figures(c), rollup: c.db.prepare('SELECT * FROM rollup_hour ORDER BY 1,2,3,4,5').all() }).toEqual(before);
  });

  it('gives the same store with small transactions and pauses (imports beside a live console)', async () => {
    const a = open();
    for (const file of ISSABEL_FILES) await a.importFile({ file });
    const expected = figures(a);
    a.close();
    core = null;
    const b = open();
    let last = 0;
    for (const file of ISSABEL_FILES) {
      const r = await b.importFile({ file, eventsPerTransaction: 3, yieldMs: 1 });
      last = r.runId;
    }
    expect(figures(b)).toEqual(expected);
    const run = b.db.prepare('SELECT byte_offset, lines FROM import_runs WHERE id = ?').get(last) as { byte_offset: number; lines: number };
    expect(run).toEqual({ byte_offset: fs.statSync(ISSABEL_FILES[4]!).size, lines: 204 });
  });

  it('PBXware table export (UTC−5 local times, epoch column)', async () => {
    const c = open();
    const r = await c.importFile({ file: publicFile('queue_log-pbxware-2018', 'queue_log.csv'), sourceTz: 'America/New_York' });
    expect(r.format).toBe('queue_log-table');
    expect(r.rejectedCount).toBe(0);
    // SOURCE.md: ENTERQUEUE 108, CONNECT 93, ABANDON 12, RINGNOANSWER 360, 6 agents; one EXITWITHTIMEOUT.
    expect(figures(c)).toMatchObject({ contacts: 108, answered: 93, abandoned: 12, timeouts: 1, rna: 360 });
    expect(one<{ n: number }>(c, 'SELECT count(*) AS n FROM agents').n).toBe(6);
    // Span from SOURCE.md: epoch 1543527289 → 1543942851.
    expect(figures(c).first).toBeGreaterThanOrEqual(1543527289_000);
    expect(figures(c).last).toBeLessThanOrEqual(1543942851_000);
  });

  it('realtime MySQL table export (local datetimes in UTC)', async () => {
    const c = open();
    const r = await c.importFile({ file: publicFile('queue_log-asterisk-realtime-mysql-2023', 'queue_log_table.csv'), sourceTz: 'UTC' });
    // SOURCE.md: ENTERQUEUE 8, CONNECT 2, ABANDON 5, EXITWITHTIMEOUT 1, RINGNOANSWER 2, RINGCANCELED 1.
    expect(figures(c)).toMatchObject({ contacts: 8, answered: 2, abandoned: 5, timeouts: 1, rna: 2 });
    expect(one<{ n: number }>(c, "SELECT count(*) AS n FROM attempts WHERE result = 'canceled'").n).toBe(1);
    // Independently: the earliest `time` of an ENTERQUEUE row, read with a plain split (UTC).
    const raw = fs.readFileSync(publicFile('queue_log-asterisk-realtime-mysql-2023', 'queue_log_table.csv'), 'utf8').split('\n').slice(1);
    const enters = raw.map((l) => l.split(',')).filter((f) => f[5] === 'ENTERQUEUE').map((f) => Date.parse(`${f[1]!.replace(' ', 'T')}Z`));
    expect(figures(c).first).toBe(Math.min(...enters));
    expect(r.lines).toBe(86);
  });

  it('rejects damaged lines with their line numbers and imports every good one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'queue_log');
    const lines = [
      '1700000000|1700000000.1|support|NONE|ENTERQUEUE||+3725550001|1',
      '17000000x0|1700000000.2|support|NONE|ENTERQUEUE||+3725550002|1', // non-numeric time
      '1700000005|1700000000.1|support|SIP/1001|CONNECT|5|1700000000.9|2',
      '\u0000\u0000\u0000\u0000', // logrotate NUL run: noise, not a record
      '1700000009|1700000000.3|sup', // truncated
      '\u0001\u0002garbage\u00ff',
      '1700000100|1700000000.1|support|SIP/1001|COMPLETECALLER|5|95|1',
      '1700000101|NONE|support|NONE|MADEUPEVENT|x',
    ];
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const c = open();
    const r = await c.importFile({ file });
    expect(r.rejected.map((x) => x.line)).toEqual([2, 5, 6]);
    for (const x of r.rejected) expect(x.reason.length).toBeGreaterThan(5);
    expect(r.unknownEvents).toEqual({ MADEUPEVENT: 1 });
    expect(figures(c)).toMatchObject({ contacts: 1, answered: 1 });
    const run = one<{ rejected: number; status: string }>(c, 'SELECT rejected, status FROM import_runs');
    expect(run).toEqual({ rejected: 3, status: 'done' });
  });

  it('counts a contact once in the report when its lines are repeated (doubled lines, a repeated block)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'queue_log');
    const call = (n: number) => [
      `${1700000000 + n * 10}|1700000000.${n}|support|NONE|ENTERQUEUE||+372555000${n}|1`,
      `${1700000005 + n * 10}|1700000000.${n}|support|SIP/1001|CONNECT|5|1700000000.9|2`,
      `${1700000009 + n * 10}|1700000000.${n}|support|SIP/1001|COMPLETECALLER|5|4|1`,
    ];
    const doubled = call(1).flatMap((l) => [l, l]);
    fs.writeFileSync(file, [...doubled, ...call(2), ...call(3), ...call(2)].join('\n') + '\n');
    const c = open();
    const r = await c.importFile({ file });
    expect([r.contacts, r.newContacts]).toEqual([3, 3]);
    expect(figures(c)).toMatchObject({ contacts: 3, answered: 3 });
  });

  it('stores a blind transfer logged after the next ENTERQUEUE on the answered entry, the new entry waiting on its own', async () => {
    const file = path.join(tempDir(), 'queue_log');
    fs.writeFileSync(
      file,
      [
        '1700000000|t.1|sales|NONE|ENTERQUEUE||+3725550001|1',
        '1700000005|t.1|sales|SIP/1001|CONNECT|5|t.2|2',
        '1700000060|t.1|support|NONE|ENTERQUEUE||+3725550001|1',
        '1700000060|t.1|sales|SIP/1001|BLINDTRANSFER|600|from-queue|5|55|1',
        '1700000080|t.1|support|NONE|ABANDON|1|1|20',
      ].join('\n') + '\n',
    );
    const c = open();
    const r = await c.importFile({ file });
    expect(r.rejected).toEqual([]);
    const rows = c.db.prepare('SELECT source_id, queue, outcome, answer_at IS NOT NULL AS answered, talk_ms, transfers FROM contacts ORDER BY enter_at').all();
    expect(rows).toEqual([
      { source_id: 't.1', queue: 'sales', outcome: 'answered', answered: 1, talk_ms: 55_000, transfers: 1 },
      { source_id: 't.1:2', queue: 'support', outcome: 'abandoned', answered: 0, talk_ms: null, transfers: 0 },
    ]);
  });

  it('a repeated block holding a transferred call (two entries) adds no contact, in one file or after the first was imported', async () => {
    const dir = tempDir();
    const block = [
      '1700000000|x.1|sales|NONE|ENTERQUEUE||+3725550001|1',
      '1700000005|x.1|sales|SIP/1001|CONNECT|5|x.2|3',
      '1700000060|x.1|sales|SIP/1001|BLINDTRANSFER|200|from-queue|5|55|1',
      '1700000061|x.1|support|NONE|ENTERQUEUE||+3725550001|1',
      '1700000070|x.1|support|SIP/1002|CONNECT|9|x.3|2',
      '1700000200|x.1|support|SIP/1002|COMPLETECALLER|9|130|1',
      '1700000300|y.1|sales|NONE|ENTERQUEUE||+3725550002|1',
      '1700000320|y.1|sales|NONE|ABANDON|1|1|20',
    ];
    const single = path.join(dir, 'queue_log.1');
    const doubled = path.join(dir, 'queue_log');
    fs.writeFileSync(single, block.join('\n') + '\n');
    fs.writeFileSync(doubled, [...block, ...block].join('\n') + '\n');
    const want = [
      { source_id: 'x.1', queue: 'sales', outcome: 'answered', transfers: 1 },
      { source_id: 'x.1:2', queue: 'support', outcome: 'answered', transfers: 0 },
      { source_id: 'y.1', queue: 'sales', outcome: 'abandoned', transfers: 0 },
    ];
    const rows = (c: CoreInternals) => c.db.prepare('SELECT source_id, queue, outcome, transfers FROM contacts ORDER BY enter_at').all();
    let c = open();
    const r = await c.importFile({ file: doubled });
    expect([r.contacts, r.newContacts]).toEqual([3, 3]);
    expect(rows(c)).toEqual(want);
    c.close();
    c = core = open();
    await c.importFile({ file: single });
    const again = await c.importFile({ file: doubled });
    expect(again.newContacts).toBe(0);
    expect(rows(c)).toEqual(want);
  });

  it('still counts a repeated entry once after more than the remembered 10,000 entries went by', async () => {
    const file = path.join(tempDir(), 'queue_log');
    const entry = (n: number) => `${1700000000 + n}|1700000000.${n}|support|NONE|ENTERQUEUE||+372555${n}|1`;
    const lines: string[] = [];
    for (let n = 0; n < 10_500; n++) lines.push(entry(n));
    // Entries 600 and 10,400 are among the last 10,000 entries when they come again.
    lines.push(entry(600), entry(10_400));
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const c = open();
    const r = await c.importFile({ file });
    expect([r.contacts, r.newContacts]).toEqual([10_500, 10_500]);
    expect(figures(c).contacts).toBe(10_500);
  });

  it('a call that enters a second queue after the log rotated is a second contact, whichever file is imported first', async () => {
    const dir = tempDir();
    const older = path.join(dir, 'queue_log.1');
    const newer = path.join(dir, 'queue_log');
    // Times out of "sales" just before the rotation, then enters "support" and is answered.
    fs.writeFileSync(older, ['1680395400|1680395400.7|sales|NONE|ENTERQUEUE||+3725550007|1', '1680395460|1680395400.7|sales|NONE|EXITWITHTIMEOUT|1|1|60'].join('\n') + '\n');
    fs.writeFileSync(
      newer,
      [
        '1680395470|1680395400.7|support|NONE|ENTERQUEUE||+3725550007|1',
        '1680395480|1680395400.7|support|SIP/1001|CONNECT|10|1680395470.9|3',
        '1680395580|1680395400.7|support|SIP/1001|COMPLETECALLER|10|100|1',
      ].join('\n') + '\n',
    );
    const rows = (c: CoreInternals) =>
      c.db.prepare('SELECT source_id, queue, outcome, answer_at IS NOT NULL AS answered FROM contacts ORDER BY enter_at').all() as { source_id: string; queue: string; outcome: string; answered: number }[];
    const want = [
      { queue: 'sales', outcome: 'timeout', answered: 0 },
      { queue: 'support', outcome: 'answered', answered: 1 },
    ];
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const c = open();
      for (const file of order) await c.importFile({ file });
      expect(rows(c).map(({ source_id: _id, ...r }) => r)).toEqual(want);
      const before = { contacts: rows(c), rollup: c.db.prepare('SELECT * FROM rollup_hour ORDER BY 1,2,3,4,5').all() };
      // Importing both again changes nothing.
      for (const file of order) expect((await c.importFile({ file })).newContacts).toBe(0);
      expect({ contacts: rows(c), rollup: c.db.prepare('SELECT * FROM rollup_hour ORDER BY 1,2,3,4,5').all() }).toEqual(before);
      c.close();
      core = null;
    }
  });

  it('says what it expected for an unknown format or a missing file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'Dear diary,\ntoday nothing happened.\n');
    const c = open();
    await expect(c.importFile({ file })).rejects.toThrow(ImportError);
    await expect(c.importFile({ file })).rejects.toThrow(/Expected an Asterisk queue_log/);
    await expect(c.importFile({ file: path.join(dir, 'missing') })).rejects.toThrow(/no such file/);
  });
});
