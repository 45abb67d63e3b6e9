import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewJob } from '../../../shared/contract/review';
import { createCore, type CoreInternals } from '../app';
import { createMemorySettingsStore } from '../settings/file-store';
import { reviewHistory } from './testing';

const cores: CoreInternals[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

function core(perDay = 40) {
  const c = createCore({ dbPath: ':memory:', settings: createMemorySettingsStore({ timezone: 'UTC' }), host: 'headless', version: 't', runSources: false });
  cores.push(c);
  c.ingest(reviewHistory('2026-03-14', 14, perDay));
  return c;
}

async function call<T>(c: CoreInternals, method: string, input: unknown = {}): Promise<T> {
  const r = await c.dispatcher.call(method, input, { access: 'write' });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

/** Starts a job and collects its progress events until it ends (subscribed before the call). */
async function runJob(c: CoreInternals, method: string, input: unknown, onEvent?: (job: ReviewJob) => void): Promise<{ final: ReviewJob; events: ReviewJob[] }> {
  const events: ReviewJob[] = [];
  let wake: () => void = () => undefined;
  const off = c.events.on('review.progress', (job) => {
    events.push(job);
    onEvent?.(job);
    wake();
  });
  try {
    const start = await call<ReviewJob>(c, method, input);
    const done = () => events.find((e) => e.jobId === start.jobId && e.state !== 'running');
    while (!done()) await new Promise<void>((r) => (wake = r));
    return { final: done()!, events: events.filter((e) => e.jobId === start.jobId) };
  } finally {
    off();
  }
}

async function download(c: CoreInternals, jobId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const chunk: { dataBase64: string; next: number | null } = await call(c, 'review.download', { jobId, offset });
    parts.push(Buffer.from(chunk.dataBase64, 'base64'));
    offset = chunk.next;
  }
  return Buffer.concat(parts);
}

const FILTERS = { from: '2026-03-01', to: '2026-03-14' };

describe('export jobs', () => {
  it('export every contact of the filters to CSV with progress, then hand the file over', async () => {
    const c = core();
    const { final, events } = await runJob(c, 'review.export', { table: 'contacts', format: 'csv', filters: { ...FILTERS, queue: 'Sales' } });
    expect(final).toMatchObject({ state: 'done', total: 280, done: 280, error: null });
    expect(events[0]!.state).toBe('running');
    const text = (await download(c, final.jobId)).toString('utf8');
    expect(text.startsWith('\ufeffid,enterAt,channel,queue,caller,segment,agent,outcome,waitSec,talkSec,transfers\r\n')).toBe(true);
    const lines = text.trimEnd().split('\r\n').slice(1);
    expect(lines).toHaveLength(280);
    expect(lines.every((l) => l.split(',')[3] === 'Sales')).toBe(true);
    expect(lines[0]!.split(',')[1]).toBe('2026-03-01T09:07:00+00:00');
  });

  it('a cancelled export ends cancelled and leaves nothing to download', async () => {
    const c = core(400);
    let cancelled = false;
    const { final } = await runJob(c, 'review.export', { table: 'contacts', format: 'csv', filters: FILTERS }, (job) => {
      if (!cancelled && job.state === 'running') {
        cancelled = true;
        void call(c, 'review.cancel', { jobId: job.jobId });
      }
    });
    expect(final.state).toBe('cancelled');
    expect(final.done).toBeLessThan(5600);
    await expect(download(c, final.jobId)).rejects.toThrow(/conflict/);
  });

  it('assembles a PDF from page images and numbers its pages', async () => {
    const c = core(2);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x02, 0x00, 0x03, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9]).toString('base64');
    const start = await call<ReviewJob>(c, 'review.pdfStart', { title: 'Report of March' });
    await call(c, 'review.pdfPage', { jobId: start.jobId, jpegBase64: jpeg, width: 3, height: 2 });
    await call(c, 'review.pdfPage', { jobId: start.jobId, jpegBase64: jpeg, width: 3, height: 2 });
    const { final } = await runJob(c, 'review.pdfFinish', { jobId: start.jobId });
    expect(final).toMatchObject({ state: 'done', file: 'Report-of-March.pdf' });
    const pdf = (await download(c, final.jobId)).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('/Count 2');
    await expect(call(c, 'review.pdfPage', { jobId: start.jobId, jpegBase64: jpeg, width: 3, height: 2 })).rejects.toThrow(/already finished/);
  });
});
