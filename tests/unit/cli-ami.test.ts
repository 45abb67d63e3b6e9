import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ami, startAmiTestServer, type AmiTestServer } from '../../main/core/ingest/ami/testing';
import { tempDir } from '../support/fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let server: AmiTestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('floorwatch ami', () => {
  it('on SIGTERM settles and writes the callers whose outcome was still open, then exits 0', async () => {
    // Two callers leave without being answered: whether each left an empty queue or timed out is
    // decided a moment later (by a Hangup, or its absence), so at SIGTERM it is still open.
    server = await startAmiTestServer(() => ({
      events: ami(
        [
          'Event: QueueCallerJoin\nPrivilege: call,all\nUniqueid: 70.1\nQueue: Q1\nCallerIDNum: 5551001\n',
          'Event: QueueCallerLeave\nPrivilege: call,all\nUniqueid: 70.1\nQueue: Q1\n',
          'Event: QueueCallerJoin\nPrivilege: call,all\nUniqueid: 70.2\nQueue: Q1\nCallerIDNum: 5551002\n',
          'Event: QueueCallerLeave\nPrivilege: call,all\nUniqueid: 70.2\nQueue: Q1\n',
        ].join('\n'),
      ),
    }));
    const db = path.join(tempDir(), 'ami.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'main/cli/index.ts'), '--db', db, 'ami', '--host', '127.0.0.1', '--port', String(server.port), '--user', 'u', '--secret', 's'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Until both callers are stored (their entries are written as they arrive).
    const stored = () => {
      try {
        const file = new Database(db, { readonly: true, fileMustExist: true });
        try {
          return (file.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
        } finally {
          file.close();
        }
      } catch {
        return 0;
      }
    };
    for (let i = 0; i < 300 && stored() < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(stored(), err).toBe(2);
    child.kill('SIGTERM');
    expect(await exited, err).toBe(0);
    expect(err).not.toMatch(/could not be stored/);
    const file = new Database(db, { readonly: true });
    try {
      expect(file.prepare('SELECT source_id AS id, outcome FROM contacts ORDER BY source_id').all()).toEqual([
        { id: '70.1', outcome: 'exit-empty' },
        { id: '70.2', outcome: 'exit-empty' },
      ]);
    } finally {
      file.close();
    }
  }, 60_000);
});
