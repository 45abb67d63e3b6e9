import { describe, expect, it } from 'vitest';
import type { ImportJob, ImportPreview, SourceView } from '../../../../shared/contract';
import {
  byteUnits,
  needsSourceTz,
  previewCounts,
  progressView,
  runFileName,
  sortSources,
  sourceFieldErrors,
  sourceLag,
  sourceLevel,
  sourceTarget,
  unknownEventList,
  usesMapping,
} from './selectors';

const status = (over: Partial<SourceView['status']> = {}): SourceView['status'] => ({ state: 'following', note: null, applied: 0, rejected: 0, lastAt: null, ...over });

function source(over: Partial<SourceView> = {}): SourceView {
  return { id: 1, kind: 'queue_log-tail', name: 'Main', config: { file: '/var/log/asterisk/queue_log', site: 'default' }, enabled: true, status: status(), ...over };
}

function job(over: Partial<ImportJob> = {}): ImportJob {
  return { jobId: 'j1', file: 'queue_log', state: 'running', bytes: 0, totalBytes: 1000, lines: 0, contacts: 0, error: null, report: null, ...over };
}

describe('sources', () => {
  it('reads every state as a level, never by colour alone (the word comes from the state)', () => {
    expect(sourceLevel('following')).toBe('ok');
    expect(sourceLevel('connected')).toBe('ok');
    expect(sourceLevel('retrying')).toBe('warning');
    expect(sourceLevel('waiting')).toBe('warning');
    expect(sourceLevel('refused')).toBe('breach');
    expect(sourceLevel('error')).toBe('breach');
    expect(sourceLevel('disabled')).toBe('idle');
  });

  it('measures lag from the last applied record, and has none before the first', () => {
    expect(sourceLag(status({ lastAt: null }), 10_000)).toBeNull();
    expect(sourceLag(status({ lastAt: 7_000 }), 10_000)).toBe(3_000);
    // A client clock slightly behind the server never shows a negative lag.
    expect(sourceLag(status({ lastAt: 12_000 }), 10_000)).toBe(0);
  });

  it('names where a source reads from, and lists enabled sources first, then by name', () => {
    expect(sourceTarget(source())).toBe('/var/log/asterisk/queue_log');
    expect(sourceTarget(source({ kind: 'ami', config: { host: 'pbx', port: 5038, username: 'fw', secret: '••••' } }))).toBe('fw@pbx:5038');
    const list = sortSources([source({ id: 1, name: 'b', enabled: false }), source({ id: 2, name: 'z' }), source({ id: 3, name: 'a' })]);
    expect(list.map((s) => s.id)).toEqual([3, 2, 1]);
  });

  it('puts the server’s issues on the form’s fields', () => {
    expect(
      sourceFieldErrors([
        { path: 'name', message: 'Too big' },
        { path: 'config.file', message: 'Required' },
        { path: 'config.file', message: 'second message is dropped' },
        { path: '', message: 'whole form' },
      ]),
    ).toEqual({ name: 'Too big', file: 'Required', form: 'whole form' });
    expect(sourceFieldErrors(undefined)).toEqual({});
  });
});

describe('import form', () => {
  it('asks for the file’s time zone only for wall-clock formats', () => {
    expect(needsSourceTz('auto', 'queue_log')).toBe(false);
    expect(needsSourceTz('auto', 'csv')).toBe(true);
    expect(needsSourceTz('queue_log-table', null)).toBe(true);
    expect(needsSourceTz('auto', null)).toBe(false);
    expect(needsSourceTz('customers', 'customers')).toBe(false);
  });

  it('maps columns for exports only', () => {
    expect(usesMapping('auto', 'csv')).toBe(true);
    expect(usesMapping('connect-ctr', null)).toBe(true);
    expect(usesMapping('auto', 'queue_log')).toBe(false);
    expect(usesMapping('queue_log', 'csv')).toBe(false);
  });

  it('counts what the preview rows become', () => {
    const row = (result: 'contact' | 'skip' | 'reject') => ({ line: 2, values: {}, result, reason: null, enterAt: null, channel: null, queue: null, outcome: null, agent: null, segment: null });
    const preview = { rows: [row('contact'), row('contact'), row('skip'), row('reject')] } as unknown as ImportPreview;
    expect(previewCounts(preview)).toEqual({ contact: 2, skip: 1, reject: 1 });
    expect(previewCounts(null)).toEqual({ contact: 0, skip: 0, reject: 0 });
  });
});

describe('progress', () => {
  it('shows the upload first, then the import of the same file', () => {
    const upload = { name: 'q', loaded: 250, total: 1000, startedAt: 1_000 };
    expect(progressView(null, upload, null, 3_000)).toMatchObject({ phase: 'upload', fraction: 0.25, bytes: 250, totalBytes: 1000, elapsedMs: 2_000 });
    expect(progressView(job({ bytes: 400, lines: 10, contacts: 3 }), null, 5_000, 6_500)).toMatchObject({ phase: 'import', fraction: 0.4, lines: 10, contacts: 3, elapsedMs: 1_500 });
    expect(progressView(null, null, null, 0)).toBeNull();
  });

  it('is full when done, whatever the byte count said, and unknown for an empty size', () => {
    expect(progressView(job({ state: 'done', bytes: 10 }), null, 0, 0)?.fraction).toBe(1);
    expect(progressView(job({ totalBytes: 0 }), null, 0, 0)?.fraction).toBeNull();
    expect(progressView(job({ state: 'cancelled' }), null, 0, 0)?.phase).toBe('cancelled');
  });

  it('lists unknown events by frequency', () => {
    const report = { format: 'queue_log', lines: 1, imported: 1, contacts: 1, newContacts: 1, rejected: [], rejectedCount: 0, unknownEvents: { B: 1, A: 5, C: 1 } };
    expect(unknownEventList(job({ state: 'done', report }))).toEqual([
      { name: 'A', count: 5 },
      { name: 'B', count: 1 },
      { name: 'C', count: 1 },
    ]);
    expect(unknownEventList(null)).toEqual([]);
  });
});

describe('history', () => {
  it('names a run by the file’s base name; an upload’s stored path is not a name', () => {
    expect(runFileName('/var/log/asterisk/queue_log.1')).toBe('queue_log.1');
    expect(runFileName('C:\\exports\\calls.csv')).toBe('calls.csv');
    expect(runFileName('/home/x/.floorwatch/uploads/0123456789abcdef0123456789abcdef')).toBeNull();
    expect(runFileName(null)).toBeNull();
  });

  it('picks a byte unit', () => {
    expect(byteUnits(0)).toEqual({ value: 0, unit: 'byte' });
    expect(byteUnits(812)).toEqual({ value: 812 / 1024, unit: 'kilobyte' });
    expect(byteUnits(4.5 * 1024 * 1024)).toEqual({ value: 4.5, unit: 'megabyte' });
  });
});
