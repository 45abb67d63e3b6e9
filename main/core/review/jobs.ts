import fs from 'node:fs';
import type { ReviewJob } from '../../../shared/contract/review';
import type { EventHub } from '../api/event-hub';
import { CancelledError } from '../backup/backup';

export interface JobHandle {
  readonly job: ReviewJob;
  /** Where the result is (exports): `review.download` reads it. */
  path: string | null;
  mime: string;
  cancelled: boolean;
  /** Updates progress; emits at most every 200 ms so millions of rows do not flood screens. */
  progress(done: number, total?: number | null, bytes?: number): void;
  /** Throws CancelledError once `review.cancel` was called: long loops call it between batches. */
  check(): void;
}

const MAX_KEPT = 50;

/**
 * Long work (exports, PDF assembly, backups) as jobs: progress events (`review.progress`),
 * cancellation between batches, and the result file kept until the job list is trimmed.
 */
export function createReviewJobs(hub: EventHub, now: () => number) {
  const jobs = new Map<string, JobHandle>();
  let seq = 0;
  const emit = (h: JobHandle) => hub.emit('review.progress', { ...h.job });

  function trim() {
    const finished = [...jobs.values()].filter((h) => h.job.state !== 'running');
    for (const h of finished.slice(0, Math.max(0, finished.length - MAX_KEPT))) {
      if (h.path && h.job.kind !== 'backup' && h.job.kind !== 'copy') fs.rmSync(h.path, { force: true });
      jobs.delete(h.job.jobId);
    }
  }

  function create(kind: ReviewJob['kind'], file: string | null, total: number | null = null): JobHandle {
    const jobId = `${kind}-${now()}-${++seq}`;
    let lastEmit = 0;
    const h: JobHandle = {
      job: { jobId, kind, state: 'running', done: 0, total, file, bytes: 0, error: null },
      path: null,
      mime: 'application/octet-stream',
      cancelled: false,
      progress(done, t, bytes) {
        h.job.done = done;
        if (t !== undefined) h.job.total = t;
        if (bytes !== undefined) h.job.bytes = bytes;
        const at = Date.now();
        if (at - lastEmit >= 200) {
          lastEmit = at;
          emit(h);
        }
      },
      check() {
        if (h.cancelled) throw new CancelledError();
      },
    };
    jobs.set(jobId, h);
    trim();
    emit(h);
    return h;
  }

  /** Runs `work` in the background; the job ends done, cancelled or failed (with the message). */
  function run(h: JobHandle, work: () => Promise<void>): ReviewJob {
    void work().then(
      () => {
        h.job.state = h.cancelled ? 'cancelled' : 'done';
        if (h.path && fs.existsSync(h.path)) h.job.bytes = fs.statSync(h.path).size;
        emit(h);
      },
      (error: unknown) => {
        h.job.state = error instanceof CancelledError || h.cancelled ? 'cancelled' : 'failed';
        h.job.error = h.job.state === 'failed' ? (error instanceof Error ? error.message : String(error)) : null;
        if (h.path && h.job.kind !== 'backup' && h.job.kind !== 'copy') fs.rmSync(h.path, { force: true });
        emit(h);
      },
    );
    return { ...h.job };
  }

  return {
    create,
    run,
    get: (jobId: string) => jobs.get(jobId),
    list: (): ReviewJob[] => [...jobs.values()].map((h) => ({ ...h.job })),
    cancel(jobId: string): boolean {
      const h = jobs.get(jobId);
      if (!h || h.job.state !== 'running') return false;
      h.cancelled = true;
      return true;
    },
    emit,
  };
}
export type ReviewJobs = ReturnType<typeof createReviewJobs>;
