import { create } from 'zustand';
import type { ContactSort, ReviewConfig, ReviewFilters, ReviewGroup, ReviewJob } from '../../../../shared/contract/review';
import { previousPeriod } from '../../../../shared/contract/review';
import { api } from '../../api/client';
import { initialReviewState, type ReviewState } from './initialState';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const PAGE = 200;

export interface ReviewActions {
  /** Subscribes to job progress; returns the unsubscribe. */
  start(): () => void;
  load(filters: ReviewFilters): Promise<void>;
  setBy(by: ReviewGroup, filters: ReviewFilters): Promise<void>;
  setSort(sort: ContactSort, filters: ReviewFilters): Promise<void>;
  loadMore(filters: ReviewFilters): Promise<void>;
  select(id: number | null): Promise<void>;
  receiveJob(job: ReviewJob): void;
  exportTable(table: 'kpis' | 'contacts', format: 'csv' | 'xlsx', filters: ReviewFilters): Promise<ReviewJob | null>;
  /** Sends rendered pages (JPEG, base64) and finishes the PDF job. */
  exportPdf(title: string, pages: { jpegBase64: string; width: number; height: number }[]): Promise<ReviewJob | null>;
  waitForJob(jobId: string): Promise<ReviewJob>;
  fetchJob(jobId: string): Promise<{ name: string; mime: string; bytes: Uint8Array[] }>;
  cancel(jobId: string): Promise<void>;
  loadFiles(): Promise<void>;
  saveCopy(path: string): Promise<void>;
  openFile(path: string): Promise<boolean>;
  backupNow(): Promise<void>;
  restore(name: string): Promise<boolean>;
  purge(days: number): Promise<number | null>;
  configure(patch: Partial<ReviewConfig>): Promise<void>;
  dismiss(): void;
  reset(): void;
}

function decode(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export const useReviewStore = create<ReviewState & ReviewActions>()((set, get) => {
  const guard = async <T>(work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (error) {
      set({ error: message(error) });
      return null;
    }
  };
  const contacts = async (filters: ReviewFilters, after: string | null, sort = get().sort) => api().call('review.contacts', { filters, sort, after, limit: PAGE });

  return {
    ...initialReviewState(),
    start() {
      return api().on('review.progress', (job) => get().receiveJob(job));
    },
    async load(filters) {
      const key = JSON.stringify(filters);
      const { by, sort } = get();
      set({ key, error: null, contactsLoading: true });
      const against = previousPeriod(filters.from, filters.to);
      await guard(async () => {
        const [options, table, compare, page] = await Promise.all([
          api().call('review.options', {}),
          api().call('review.kpis', { filters, by: [by] }),
          api().call('review.compare', { filters, against }),
          contacts(filters, null, sort),
        ]);
        if (get().key !== key) return;
        // A grouping or order chosen meanwhile brings its own table or page (setBy, setSort): these are of the old one.
        set({
          options,
          ...(get().by === by ? { table } : {}),
          compare,
          compareRange: against,
          ...(get().sort === sort ? { contacts: page.rows, contactsNext: page.next } : {}),
        });
      });
      if (get().key === key) set({ contactsLoading: false });
    },
    async setBy(by, filters) {
      set({ by });
      await guard(async () => {
        const table = await api().call('review.kpis', { filters, by: [by] });
        // Only while it is still the grouping and the range shown: a later choice's table wins.
        if (get().by === by && get().key === JSON.stringify(filters)) set({ table });
      });
    },
    async setSort(sort, filters) {
      set({ sort, contactsLoading: true });
      await guard(async () => {
        const page = await contacts(filters, null, sort);
        // Only while it is still the order and the range shown: a later choice's page wins.
        if (get().sort === sort && get().key === JSON.stringify(filters)) set({ contacts: page.rows, contactsNext: page.next });
      });
      if (get().sort === sort) set({ contactsLoading: false });
    },
    async loadMore(filters) {
      const { contactsNext, contactsLoading, key } = get();
      if (!contactsNext || contactsLoading) return;
      set({ contactsLoading: true });
      await guard(async () => {
        const page = await contacts(filters, contactsNext);
        if (get().key === key) set({ contacts: [...get().contacts, ...page.rows], contactsNext: page.next });
      });
      set({ contactsLoading: false });
    },
    async select(id) {
      if (id === null) return set({ selected: null });
      await guard(async () => set({ selected: await api().call('review.contact', { id }) }));
    },
    receiveJob(job) {
      set({ jobs: { ...get().jobs, [job.jobId]: job } });
    },
    async exportTable(table, format, filters) {
      return guard(async () => {
        const job = await api().call('review.export', { table, format, filters, by: [get().by] });
        get().receiveJob(job);
        return job;
      });
    },
    async exportPdf(title, pages) {
      return guard(async () => {
        const job = await api().call('review.pdfStart', { title });
        get().receiveJob(job);
        for (const p of pages) await api().call('review.pdfPage', { jobId: job.jobId, ...p });
        const done = await api().call('review.pdfFinish', { jobId: job.jobId });
        get().receiveJob(done);
        return done;
      });
    },
    waitForJob(jobId) {
      return new Promise((resolve) => {
        const check = (s: ReviewState) => {
          const job = s.jobs[jobId];
          if (job && job.state !== 'running') {
            stop();
            resolve(job);
          }
        };
        const stop = useReviewStore.subscribe(check);
        check(get());
        // Events can be missed across a reconnect: ask once, the answer lands in the same check.
        void api()
          .call('review.jobs', {})
          .then((jobs) => jobs.filter((j) => j.jobId === jobId).forEach((j) => get().receiveJob(j)), () => undefined);
      });
    },
    async fetchJob(jobId) {
      const bytes: Uint8Array[] = [];
      let offset: number | null = 0;
      let name = 'export';
      let mime = 'application/octet-stream';
      while (offset !== null) {
        const chunk: { dataBase64: string; next: number | null; name: string; mime: string } = await api().call('review.download', { jobId, offset });
        bytes.push(decode(chunk.dataBase64));
        name = chunk.name;
        mime = chunk.mime;
        offset = chunk.next;
      }
      return { name, mime, bytes };
    },
    async cancel(jobId) {
      await guard(() => api().call('review.cancel', { jobId }));
    },
    async loadFiles() {
      await guard(async () => {
        const [file, config, backups] = await Promise.all([api().call('files.info', {}), api().call('review.config', {}), api().call('backup.list', {})]);
        set({ file, config, backups });
      });
    },
    async saveCopy(path) {
      await guard(async () => {
        const job = await api().call('files.saveCopy', { path });
        get().receiveJob(job);
        const done = await get().waitForJob(job.jobId);
        if (done.state === 'done') set({ notice: path });
      });
    },
    async openFile(path) {
      return (
        (await guard(async () => {
          const file = await api().call('files.open', { path });
          set({ file });
          return true;
        })) ?? false
      );
    },
    async backupNow() {
      await guard(async () => {
        const job = await api().call('backup.run', {});
        get().receiveJob(job);
        await get().waitForJob(job.jobId);
        set({ backups: await api().call('backup.list', {}) });
      });
    },
    async restore(name) {
      const ok = await guard(async () => {
        await api().call('backup.restore', { name, confirm: true });
        return true;
      });
      await get().loadFiles();
      return ok ?? false;
    },
    async purge(days) {
      const r = await guard(() => api().call('privacy.purge', { olderThanDays: days, confirm: true }));
      await get().loadFiles();
      return r?.deleted ?? null;
    },
    async configure(patch) {
      await guard(async () => set({ config: await api().call('review.configure', patch) }));
    },
    dismiss() {
      set({ error: null, notice: null });
    },
    reset() {
      set(initialReviewState());
    },
  };
});
