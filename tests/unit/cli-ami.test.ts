import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ami, startAmiTestServer, type AmiTestServer, type ScriptedSession } from '../../main/core/ingest/ami/testing';
import { tempDir } from '../support/fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let server: AmiTestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** Rows of the database file (empty while it does not exist yet). */
function query<T>(db: string, sql: string): T[] {
  try {
    const file = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return file.prepare(sql).all() as T[];
    } finally {
      file.close();
    }
  } catch {
    return [];
  }
}
const contacts = (db: string) => query<{ id: string; outcome: string | null }>(db, 'SELECT source_id AS id, outcome FROM contacts ORDER BY source_id');

/**
 * `floorwatch ami` against a scripted server, until `ready` holds for the database; then SIGTERM.
 * Returns the exit code and stderr.
 */
async function runAmi(session: ScriptedSession, db: string, ready: () => boolean): Promise<{ code: number | null; err: string }> {
  await server?.close();
  server = await startAmiTestServer(() => session);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'main/cli/index.ts'), '--db', db, 'ami', '--host', '127.0.0.1', '--port', String(server.port), '--user', 'u', '--secret', 's'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 300 && !ready(); i++) await new Promise((r) => setTimeout(r, 100));
  expect(ready(), err).toBe(true);
  child.kill('SIGTERM');
  return { code: await exited, err };
}

const join = (uid: string) => `Event: QueueCallerJoin\nPrivilege: call,all\nUniqueid: ${uid}\nQueue: Q1\nCallerIDNum: 555${uid.replace('.', '')}\n`;
const leave = (uid: string) => `Event: QueueCallerLeave\nPrivilege: call,all\nUniqueid: ${uid}\nQueue: Q1\n`;

describe('floorwatch ami', () => {
  it('on SIGTERM settles and writes the callers whose outcome was still open, then exits 0', async () => {
    // Two callers leave without being answered: whether each left an empty queue or timed out is
    // decided a moment later (by a Hangup, or its absence), so at SIGTERM it is still open.
    const db = path.join(tempDir(), 'ami.sqlite');
    const run = await runAmi({ events: ami([join('70.1'), leave('70.1'), join('70.2'), leave('70.2')].join('\n')) }, db, () => contacts(db).length === 2);
    expect(run.code, run.err).toBe(0);
    expect(run.err).not.toMatch(/could not be stored/);
    expect(contacts(db)).toEqual([
      { id: '70.1', outcome: 'exit-empty' },
      { id: '70.2', outcome: 'exit-empty' },
    ]);
  }, 60_000);

  it('started again, closes the callers the last run left waiting who are not waiting any more', async () => {
    const db = path.join(tempDir(), 'ami.sqlite');
    // The first run sees two callers join, and is stopped while they wait.
    const first = await runAmi({ events: ami([join('80.1'), join('80.2')].join('\n')) }, db, () => contacts(db).length === 2);
    expect(first.code, first.err).toBe(0);
    expect(contacts(db)).toEqual([
      { id: '80.1', outcome: null },
      { id: '80.2', outcome: null },
    ]);
    // The next run's snapshot lists 80.1 only; a new caller after it shows the snapshot was read.
    const status = ami(`Response: Success\nEventList: start\nMessage: Queue status will follow\n
      Event: QueueEntry\nQueue: Q1\nPosition: 1\nChannel: SIP/trunk-0000001e\nUniqueid: 80.1\nCallerIDNum: 555801\nWait: 30\n
      Event: QueueStatusComplete\nEventList: Complete\nListItems: 1\n`);
    const second = await runAmi({ queueStatus: status, events: ami(join('80.3')) }, db, () => contacts(db).length === 3);
    expect(second.code, second.err).toBe(0);
    const rows = query<{ id: string; outcome: string | null; reason: string | null }>(db, 'SELECT source_id AS id, outcome, reason FROM contacts ORDER BY source_id');
    expect(rows).toEqual([
      { id: '80.1', outcome: null, reason: null },
      { id: '80.2', outcome: 'closed', reason: 'left-unobserved' },
      { id: '80.3', outcome: null, reason: null },
    ]);
  }, 60_000);
});
