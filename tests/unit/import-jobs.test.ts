import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportJob, ImportPreview } from '../../shared/contract/sources';
import { createCore, type CoreInternals } from '../../main/core/app';
import { createMemorySettingsStore } from '../../main/core/settings/file-store';
import { startHost, type RunningHost } from '../../main/host/server';
import { ISSABEL_FILES, publicFile, tempDir } from '../support/fixtures';

let core: CoreInternals | null = null;
let host: RunningHost | null = null;
afterEach(async () => {
  await host?.close();
  core?.close();
  core = null;
  host = null;
});

function finished(c: CoreInternals, jobId: string): Promise<ImportJob> {
  return new Promise((resolve) => {
    const off = c.events.on('import.progress', (job) => {
      if (job.jobId === jobId && job.state !== 'running') {
        off();
        resolve(job);
      }
    });
  });
}

describe('import jobs from screens', () => {
  it('imports in a worker thread with progress, against the same file database', async () => {
    const dir = tempDir();
    core = createCore({ dbPath: path.join(dir, 'db.sqlite'), settings: createMemorySettingsStore(), host: 'headless', version: 't' });
    const progress: ImportJob[] = [];
    core.events.on('import.progress', (j) => progress.push(j));
    const r = await core.dispatcher.call('import.start', { path: ISSABEL_FILES[1] }, { access: 'write' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const done = await finished(core, (r.result as ImportJob).jobId);
    expect(done.error).toBeNull();
    expect(done.state).toBe('done');
    expect(done.report).toMatchObject({ format: 'queue_log', lines: 543, contacts: 30, rejectedCount: 0 });
    expect(done.bytes).toBe(done.totalBytes);
    expect(progress[0]!.state).toBe('running');
    expect((core.db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n).toBe(30);
    const history = await core.dispatcher.call('import.history', {}, { access: 'read' });
    expect(history).toMatchObject({ ok: true, result: [{ status: 'done', lines: 543, contacts: 30 }] });
  });

  it('takes a file uploaded to the host (drag and drop in a browser) and reports bad input clearly', async () => {
    const dir = tempDir();
    core = createCore({ dbPath: path.join(dir, 'db.sqlite'), settings: createMemorySettingsStore(), host: 'headless', version: 't' });
    host = await startHost({ core, port: 0, staticDir: dir });
    const up = await fetch(new URL('upload?name=queue_log-20220707', host.url), { method: 'POST', body: fs.readFileSync(ISSABEL_FILES[0]!) });
    const { result } = (await up.json()) as { result: { uploadId: string; bytes: number } };
    expect(result.bytes).toBe(fs.statSync(ISSABEL_FILES[0]!).size);
    const started = await core.dispatcher.call('import.start', { uploadId: result.uploadId, name: 'queue_log-20220707' }, { access: 'write' });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const done = await finished(core, (started.result as ImportJob).jobId);
    expect(done).toMatchObject({ state: 'done', file: 'queue_log-20220707' });

    const garbage = path.join(dir, 'notes.txt');
    fs.writeFileSync(garbage, 'hello\nworld\n');
    const bad = await core.dispatcher.call('import.start', { path: garbage }, { access: 'write' });
    if (bad.ok) expect((await finished(core, (bad.result as ImportJob).jobId)).error).toMatch(/Cannot tell the format/);
    else expect(bad.error.message).toMatch(/Cannot tell the format/);
    const missing = await core.dispatcher.call('import.start', { path: path.join(dir, 'nope') }, { access: 'write' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('import preview', () => {
  it('shows the columns, the fitting mapping and what it makes of the first rows', async () => {
    core = createCore({ dbPath: ':memory:', settings: createMemorySettingsStore(), host: 'headless', version: 't' });
    const r = await core.dispatcher.call('import.preview', { path: publicFile('pwc-call-center-2021q1', 'Call-Center-Dataset.csv') }, { access: 'write' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.result as ImportPreview;
    expect(p).toMatchObject({ format: 'csv', preset: 'pwc', fatal: null });
    expect(p.headers).toContain('Answered (Y/N)');
    expect(p.rows).toHaveLength(20);
    expect(p.rows[0]).toMatchObject({ line: 2, result: 'contact', queue: 'PhoneNow' });
    const ql = await core.dispatcher.call('import.preview', { path: ISSABEL_FILES[0] }, { access: 'write' });
    expect(ql).toMatchObject({ ok: true, result: { format: 'queue_log', rows: [] } });
  });
});
