import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiClient, type ImportJob, type ImportPreview, type SourceView } from '../../../../shared/contract';
import { setApi } from '../../api/client';
import { useSettingsStore } from '../settings/actions';
import { setDataDeps, useDataStore } from './actions';
import type { FileRef } from './initialState';

type Call = (method: string, input: unknown) => Promise<unknown>;

function fakeApi(handler: Call) {
  const call = vi.fn(handler);
  setApi({ call: call as unknown as ApiClient['call'], on: () => () => undefined, onConnection: () => () => undefined });
  return call;
}

const preview = (over: Partial<ImportPreview> = {}): ImportPreview => ({ format: 'queue_log', lines: [], headers: [], preset: null, mappingJson: null, missing: [], rows: [], fatal: null, ...over });
const job = (over: Partial<ImportJob> = {}): ImportJob => ({ jobId: 'j1', file: 'queue_log', state: 'running', bytes: 0, totalBytes: 100, lines: 0, contacts: 0, error: null, report: null, ...over });
const file = (name = 'queue_log') => new File(['1|2|3\n'], name);

beforeEach(() => {
  useDataStore.getState().reset();
  useSettingsStore.getState().reset();
});
afterEach(() => {
  setDataDeps(null);
  setApi(null);
});

describe('choosing a file', () => {
  it('reads a desktop file where it lies, then previews it by path', async () => {
    setDataDeps({ pathOf: () => '/home/ann/queue_log', upload: () => { throw new Error('must not upload'); } });
    const call = fakeApi(async () => preview());
    await useDataStore.getState().chooseFile(file());
    expect(call).toHaveBeenCalledWith('import.preview', { path: '/home/ann/queue_log', format: 'auto', sourceTz: 'UTC' });
    expect(useDataStore.getState().draft.file).toEqual({ kind: 'path', path: '/home/ann/queue_log', name: 'queue_log', size: 6 });
    expect(useDataStore.getState().preview?.format).toBe('queue_log');
  });

  it('uploads in a browser, showing the upload’s progress, then previews the upload', async () => {
    let progress: (loaded: number, total: number) => void = () => undefined;
    let finish: (ref: FileRef) => void = () => undefined;
    setDataDeps({
      pathOf: () => null,
      now: () => 1_000,
      upload: (_f, onProgress) => {
        progress = onProgress;
        return { done: new Promise<FileRef>((resolve) => (finish = resolve)), abort: vi.fn() };
      },
    });
    const call = fakeApi(async () => preview());
    const chosen = useDataStore.getState().chooseFile(file());
    progress(3, 6);
    expect(useDataStore.getState().upload).toEqual({ name: 'queue_log', loaded: 3, total: 6, startedAt: 1_000 });
    finish({ kind: 'upload', uploadId: 'a'.repeat(32), name: 'queue_log', size: 6 });
    await chosen;
    expect(useDataStore.getState().upload).toBeNull();
    expect(call).toHaveBeenCalledWith('import.preview', { uploadId: 'a'.repeat(32), format: 'auto', sourceTz: 'UTC' });
  });

  it('cancelling an upload aborts it and leaves no error', async () => {
    const abort = vi.fn();
    let fail: (e: unknown) => void = () => undefined;
    setDataDeps({ pathOf: () => null, upload: () => ({ done: new Promise<FileRef>((_r, reject) => (fail = reject)), abort }) });
    const call = fakeApi(async () => preview());
    const chosen = useDataStore.getState().chooseFile(file());
    await useDataStore.getState().cancel();
    expect(abort).toHaveBeenCalled();
    fail(new ApiError('conflict', 'cancelled'));
    await chosen;
    expect(useDataStore.getState()).toMatchObject({ upload: null, importError: null });
    expect(call).not.toHaveBeenCalled();
  });

  it('says why a preview failed and where', async () => {
    setDataDeps({ pathOf: () => '/x.csv' });
    fakeApi(async () => {
      throw new ApiError('bad-input', 'Invalid input', [{ path: 'sourceTz', message: 'Unknown IANA time zone' }]);
    });
    await useDataStore.getState().chooseFile(file('x.csv'));
    expect(useDataStore.getState().importError).toBe('Invalid input');
    expect(useDataStore.getState().importIssues).toEqual({ sourceTz: 'Unknown IANA time zone' });
  });
});

describe('importing', () => {
  it('imports with the options chosen and the mapping seen in the preview, then follows the job', async () => {
    setDataDeps({ pathOf: () => '/exports/calls.csv', now: () => 5_000 });
    const mappingJson = '{"name":"guess"}';
    const call = fakeApi(async (method) => {
      if (method === 'import.preview') return preview({ format: 'csv', preset: null, mappingJson });
      if (method === 'import.start') return job();
      if (method === 'import.history') return [];
      throw new Error(method);
    });
    await useDataStore.getState().chooseFile(file('calls.csv'));
    useDataStore.getState().setDraft({ sourceTz: 'Europe/Tallinn', site: ' Tallinn ' });
    await useDataStore.getState().startImport();
    expect(call).toHaveBeenCalledWith('import.start', { path: '/exports/calls.csv', name: 'calls.csv', format: 'auto', sourceTz: 'Europe/Tallinn', site: 'Tallinn', mappingJson });
    expect(useDataStore.getState()).toMatchObject({ activeJobId: 'j1', jobStartedAt: 5_000 });

    useDataStore.getState().receiveJob(job({ bytes: 50 }));
    // A late answer or event with fewer bytes never moves the bar back.
    useDataStore.getState().receiveJob(job({ bytes: 20 }));
    expect(useDataStore.getState().jobs.j1?.bytes).toBe(50);
    useDataStore.getState().receiveJob(job({ state: 'done', bytes: 100 }));
    useDataStore.getState().receiveJob(job({ state: 'running', bytes: 90 }));
    expect(useDataStore.getState().jobs.j1?.state).toBe('done');
    // The finished run shows up in the history.
    expect(call).toHaveBeenCalledWith('import.history', { limit: 50 });
  });

  it('cancels the running job', async () => {
    const call = fakeApi(async () => ({ cancelled: true }));
    useDataStore.setState({ activeJobId: 'j1', jobs: { j1: job() } });
    await useDataStore.getState().cancel();
    expect(call).toHaveBeenCalledWith('import.cancel', { jobId: 'j1' });
  });
});

describe('sources', () => {
  const view: SourceView = { id: 7, kind: 'queue_log-tail', name: 'Main', config: { file: '/q', site: 'default' }, enabled: true, status: { state: 'starting', note: null, applied: 0, rejected: 0, lastAt: null } };

  it('adds a source, and returns the server’s objections by field', async () => {
    fakeApi(async (_m, input) => {
      if ((input as { name: string }).name === '') throw new ApiError('bad-input', 'Invalid input', [{ path: 'name', message: 'Too small' }, { path: 'config.file', message: 'Required' }]);
      return view;
    });
    const refused = await useDataStore.getState().addSource({ kind: 'queue_log-tail', name: '', config: { file: '', site: 'default' } });
    expect(refused).toEqual({ ok: false, errors: { name: 'Too small', file: 'Required' }, message: 'Invalid input' });
    const added = await useDataStore.getState().addSource({ kind: 'queue_log-tail', name: 'Main', config: { file: '/q', site: 'default' } });
    expect(added.ok).toBe(true);
    expect(useDataStore.getState().sources).toEqual([view]);
  });

  it('switches a source off and removes it', async () => {
    const call = fakeApi(async (method) => (method === 'sources.update' ? { ...view, enabled: false } : { removed: true }));
    useDataStore.getState().receiveSources([view]);
    await useDataStore.getState().setEnabled(7, false);
    expect(call).toHaveBeenCalledWith('sources.update', { id: 7, enabled: false });
    expect(useDataStore.getState().sources[0]?.enabled).toBe(false);
    expect(await useDataStore.getState().removeSource(7)).toBe(true);
    expect(useDataStore.getState().sources).toEqual([]);
  });

  it('moves the switch at once and puts it back when the server refuses', async () => {
    let refuse: (e: unknown) => void = () => undefined;
    fakeApi(() => new Promise((_r, reject) => (refuse = reject)));
    useDataStore.getState().receiveSources([view]);
    const pending = useDataStore.getState().setEnabled(7, false);
    expect(useDataStore.getState().sources[0]?.enabled).toBe(false);
    refuse(new ApiError('forbidden', 'read-only'));
    await pending;
    expect(useDataStore.getState().sources[0]?.enabled).toBe(true);
    expect(useDataStore.getState().sourcesError).toBe('read-only');
  });
});
