import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/contract/settings';
import { openDb, type Db } from '../../db/open';
import { manualClock } from '../ports';
import { tempDir } from '../../../tests/support/fixtures';
import { createIngestStore } from './store';
import { createFileTail } from './tail';

const s = defaultSettings();
const params = () => ({ timezone: 'UTC', targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec });
const T = 1_700_000_000;
const enter = (i: number) => `${T + i}|${T}.${i}|support|NONE|ENTERQUEUE||+37255500${String(i).padStart(2, '0')}|1\n`;
const connect = (i: number) => `${T + i + 5}|${T}.${i}|support|SIP/1001|CONNECT|5|${T}.9${i}|2\n`;

function setup() {
  const dir = tempDir('fw-tail-');
  const file = path.join(dir, 'queue_log');
  const dbFile = path.join(dir, 'db.sqlite');
  const db = openDb(dbFile);
  const store = createIngestStore(db, params);
  const tail = (d: Db = db) => createFileTail({ db: d, store: d === db ? store : createIngestStore(d, params), file, format: 'queue_log', clock: manualClock(0) });
  const count = (d: Db = db) => (d.prepare('SELECT count(*) AS n, sum(answer_at IS NOT NULL) AS a FROM contacts').get() as { n: number; a: number | null });
  return { dir, file, dbFile, db, tail, count };
}

describe('queue_log tail', () => {
  it('follows appends and waits for a partial last line', () => {
    const { file, tail, count } = setup();
    fs.writeFileSync(file, enter(1));
    const t = tail();
    t.drain();
    expect(count().n).toBe(1);
    fs.appendFileSync(file, enter(2).slice(0, 20)); // the writer is mid-line
    t.drain();
    expect(count().n).toBe(1);
    fs.appendFileSync(file, enter(2).slice(20) + connect(1));
    t.drain();
    expect(count()).toEqual({ n: 2, a: 1 });
    expect(t.status().lineNo).toBe(4);
  });

  it('resumes after a restart from the stored offset without counting a line twice', () => {
    const { file, dbFile, db, tail, count } = setup();
    fs.writeFileSync(file, enter(1) + enter(2));
    const first = tail();
    first.drain();
    first.stop();
    db.close();
    fs.appendFileSync(file, connect(1) + enter(3));
    const again = openDb(dbFile);
    const second = tail(again);
    second.drain();
    expect(count(again)).toEqual({ n: 3, a: 1 });
    // Only the two new lines were read on resume.
    expect(second.status().linesApplied).toBe(2);
    expect(second.status().lineNo).toBe(5);
    again.close();
  });

  it('survives logrotate by rename: reads the old file to its end, then the new one', () => {
    const { file, tail, count } = setup();
    fs.writeFileSync(file, enter(1));
    const t = tail();
    t.drain();
    fs.appendFileSync(file, enter(2)); // written just before rotation, not yet read
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, connect(1) + enter(3));
    t.drain();
    expect(count()).toEqual({ n: 3, a: 1 });
    expect(t.status().note).toEqual({ code: 'file-rotated' });
  });

  it('after a rename, still reads what the writer appends to the old file until it reopens its log', () => {
    const { file, db, count } = setup();
    const clock = manualClock(0);
    const t = createFileTail({ db, store: createIngestStore(db, params), file, format: 'queue_log', clock });
    fs.writeFileSync(file, enter(1) + enter(2).slice(0, 20)); // the writer is mid-line
    t.drain();
    expect(count().n).toBe(1);
    // logrotate `create`: renamed and a new file made at once; Asterisk keeps writing the old one.
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, enter(3));
    t.drain();
    expect(count().n).toBe(2);
    fs.appendFileSync(`${file}.1`, enter(2).slice(20) + connect(1) + enter(4));
    t.drain();
    expect(count()).toEqual({ n: 4, a: 1 });
    // Once the writer has reopened its log the old file is let go (a minute after its last line).
    clock.advance(60_000);
    t.drain();
    fs.appendFileSync(`${file}.1`, enter(5));
    t.drain();
    expect(count().n).toBe(4);
    t.stop();
  });

  it('survives copytruncate: the shorter file is read from the start', () => {
    const { file, tail, count } = setup();
    fs.writeFileSync(file, enter(1) + enter(2));
    const t = tail();
    t.drain();
    fs.truncateSync(file, 0);
    fs.appendFileSync(file, connect(2) + enter(4));
    t.drain();
    expect(count()).toEqual({ n: 3, a: 1 });
    expect(t.status().note).toEqual({ code: 'file-truncated' });
  });

  it('waits for a file that does not exist yet', () => {
    const { file, tail, count } = setup();
    const t = tail();
    t.drain();
    expect(t.status()).toMatchObject({ state: 'waiting', note: { code: 'file-missing', detail: 'ENOENT' } });
    fs.writeFileSync(file, enter(1));
    t.drain();
    expect(count().n).toBe(1);
    expect(t.status().state).toBe('following');
  });
});
