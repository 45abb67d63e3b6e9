import { create } from 'zustand';
import { ApiError, type ImportJob, type SourceInput, type SourceView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useSettingsStore } from '../settings/actions';
import { emptyDraft, initialDataState, type DataState, type FileRef, type ImportDraft } from './initialState';
import { sourceFieldErrors } from './selectors';
import { desktopPathOf, uploadFile, type UploadHandle } from './upload';

export type SaveResult = { ok: true; source: SourceView } | { ok: false; errors: Record<string, string>; message: string };

export interface DataDeps {
  upload: typeof uploadFile;
  pathOf: (file: File) => string | null;
  now: () => number;
}

const defaultDeps: DataDeps = { upload: uploadFile, pathOf: desktopPathOf, now: () => Date.now() };
let deps: DataDeps = defaultDeps;
/** Store tests replace the upload and the desktop bridge. */
export function setDataDeps(next: Partial<DataDeps> | null): void {
  deps = next ? { ...defaultDeps, ...next } : defaultDeps;
}

let uploading: UploadHandle | null = null;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface DataActions {
  loadSources(): Promise<void>;
  receiveSources(sources: SourceView[]): void;
  addSource(input: SourceInput): Promise<SaveResult>;
  updateSource(id: number, input: SourceInput): Promise<SaveResult>;
  setEnabled(id: number, enabled: boolean): Promise<void>;
  removeSource(id: number): Promise<boolean>;
  loadHistory(): Promise<void>;
  /** Picks up an import still running (the page was reloaded while it ran). */
  loadJobs(): Promise<void>;
  receiveJob(job: ImportJob): void;
  /** Stages a file: its desktop path, or an upload to the host; then previews it. */
  chooseFile(file: File): Promise<void>;
  setDraft(patch: Partial<Omit<ImportDraft, 'file'>>): void;
  runPreview(): Promise<void>;
  startImport(): Promise<void>;
  cancel(): Promise<void>;
  /** Back to an empty import form (after a report has been read). */
  clearImport(): void;
  reset(): void;
}

function fileInput(file: FileRef): { path: string } | { uploadId: string } {
  return file.kind === 'path' ? { path: file.path } : { uploadId: file.uploadId };
}

/** The zone wall-clock times are read in: the one chosen, else the site's (DESIGN §3). */
function zoneOf(draft: ImportDraft): string {
  return draft.sourceTz.trim() || useSettingsStore.getState().settings.timezone;
}

function issuesOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) for (const issue of error.issues ?? []) out[issue.path || 'form'] ??= issue.message;
  return out;
}

export const useDataStore = create<DataState & DataActions>()((set, get) => ({
  ...initialDataState(),

  async loadSources() {
    try {
      set({ sources: await api().call('sources.list', {}), sourcesLoaded: true, sourcesError: null });
    } catch (error) {
      set({ sourcesError: messageOf(error), sourcesLoaded: true });
    }
  },
  receiveSources(sources) {
    set({ sources, sourcesLoaded: true, sourcesError: null });
  },
  async addSource(input) {
    try {
      const source = await api().call('sources.add', input);
      set({ sources: [...get().sources.filter((s) => s.id !== source.id), source] });
      return { ok: true, source };
    } catch (error) {
      return { ok: false, errors: sourceFieldErrors(error instanceof ApiError ? error.issues : undefined), message: messageOf(error) };
    }
  },
  async updateSource(id, input) {
    try {
      const source = await api().call('sources.update', { id, source: input });
      set({ sources: get().sources.map((s) => (s.id === id ? source : s)) });
      return { ok: true, source };
    } catch (error) {
      return { ok: false, errors: sourceFieldErrors(error instanceof ApiError ? error.issues : undefined), message: messageOf(error) };
    }
  },
  async setEnabled(id, enabled) {
    // The switch moves at once; the server's answer (or refusal) settles it.
    const before = get().sources.find((s) => s.id === id);
    set({ sources: get().sources.map((s) => (s.id === id ? { ...s, enabled } : s)) });
    try {
      const source = await api().call('sources.update', { id, enabled });
      set({ sources: get().sources.map((s) => (s.id === id ? source : s)), sourcesError: null });
    } catch (error) {
      set({ sources: get().sources.map((s) => (s.id === id && before ? before : s)), sourcesError: messageOf(error) });
    }
  },
  async removeSource(id) {
    try {
      const { removed } = await api().call('sources.remove', { id });
      set({ sources: get().sources.filter((s) => s.id !== id), sourcesError: null });
      return removed;
    } catch (error) {
      set({ sourcesError: messageOf(error) });
      return false;
    }
  },

  async loadHistory() {
    try {
      set({ history: await api().call('import.history', { limit: 50 }), historyError: null });
    } catch (error) {
      set({ historyError: messageOf(error) });
    }
  },
  async loadJobs() {
    try {
      const jobs = await api().call('import.jobs', {});
      const byId = { ...get().jobs };
      for (const job of jobs) byId[job.jobId] = job;
      const running = jobs.find((j) => j.state === 'running');
      set({ jobs: byId, ...(running && get().activeJobId === null ? { activeJobId: running.jobId, jobStartedAt: deps.now() } : {}) });
    } catch {
      // The list is a convenience after a reload; the form works without it.
    }
  },
  receiveJob(job) {
    const before = get().jobs[job.jobId];
    // Progress events and the answer to import.start can cross: never step a job back.
    if (before && before.state !== 'running' && job.state === 'running') return;
    if (before && job.state === 'running' && job.bytes < before.bytes) return;
    set({ jobs: { ...get().jobs, [job.jobId]: job } });
    if (job.state !== 'running' && before?.state !== job.state) void get().loadHistory();
  },

  async chooseFile(file) {
    uploading?.abort();
    set({ draft: { ...emptyDraft(), format: get().draft.format === 'customers' ? 'customers' : 'auto', sourceTz: get().draft.sourceTz, site: get().draft.site }, preview: null, importError: null, importIssues: {}, activeJobId: null, jobStartedAt: null, upload: null });
    const path = deps.pathOf(file);
    let ref: FileRef;
    if (path) {
      ref = { kind: 'path', path, name: file.name, size: file.size };
    } else {
      const startedAt = deps.now();
      set({ upload: { name: file.name, loaded: 0, total: file.size, startedAt } });
      const handle = deps.upload(file, (loaded, total) => {
        if (get().upload?.startedAt === startedAt) set({ upload: { name: file.name, loaded, total, startedAt } });
      });
      uploading = handle;
      try {
        ref = await handle.done;
      } catch (error) {
        if (uploading === handle) {
          uploading = null;
          const cancelled = error instanceof ApiError && error.code === 'conflict' && error.message === 'cancelled';
          set({ upload: null, importError: cancelled ? null : messageOf(error) });
        }
        return;
      }
      if (uploading !== handle) return;
      uploading = null;
      set({ upload: null });
    }
    set({ draft: { ...get().draft, file: ref } });
    await get().runPreview();
  },
  setDraft(patch) {
    set({ draft: { ...get().draft, ...patch }, importIssues: {} });
  },
  async runPreview() {
    const { draft } = get();
    if (!draft.file) return;
    set({ previewing: true, importError: null, importIssues: {} });
    try {
      const preview = await api().call('import.preview', {
        ...fileInput(draft.file),
        format: draft.format,
        sourceTz: zoneOf(draft),
        ...(draft.mappingJson ? { mappingJson: draft.mappingJson } : {}),
      });
      if (get().draft.file !== draft.file) return;
      set({ preview, previewing: false });
    } catch (error) {
      set({ previewing: false, importError: messageOf(error), importIssues: issuesOf(error) });
    }
  },
  async startImport() {
    const { draft, preview } = get();
    if (!draft.file) return;
    set({ importError: null, importIssues: {} });
    try {
      const job = await api().call('import.start', {
        ...fileInput(draft.file),
        name: draft.file.name,
        format: draft.format,
        sourceTz: zoneOf(draft),
        ...(draft.site.trim() ? { site: draft.site.trim() } : {}),
        // The mapping seen in the preview is the one imported, whether edited or found.
        ...(draft.mappingJson ? { mappingJson: draft.mappingJson } : preview?.mappingJson && !preview.preset ? { mappingJson: preview.mappingJson } : {}),
      });
      set({ activeJobId: job.jobId, jobStartedAt: deps.now() });
      get().receiveJob(job);
    } catch (error) {
      set({ importError: messageOf(error), importIssues: issuesOf(error) });
    }
  },
  async cancel() {
    if (uploading) {
      const handle = uploading;
      uploading = null;
      handle.abort();
      set({ upload: null });
      return;
    }
    const id = get().activeJobId;
    if (!id || get().jobs[id]?.state !== 'running') return;
    try {
      await api().call('import.cancel', { jobId: id });
    } catch (error) {
      set({ importError: messageOf(error) });
    }
  },
  clearImport() {
    uploading?.abort();
    uploading = null;
    set({ draft: { ...emptyDraft(), sourceTz: get().draft.sourceTz, site: get().draft.site }, preview: null, importError: null, importIssues: {}, activeJobId: null, jobStartedAt: null, upload: null });
  },
  reset() {
    uploading = null;
    set(initialDataState());
  },
}));

/** Core events this screen follows while it is open. */
export function followDataEvents(): () => void {
  const client = api();
  const stops = [
    client.on('sources.status', (sources) => useDataStore.getState().receiveSources(sources)),
    client.on('import.progress', (job) => useDataStore.getState().receiveJob(job)),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
