import type { CompareRow, ReviewJob } from '../../../../shared/contract/review';

/** Metrics where a rise is good news; for the others (waits, abandons) a rise is bad. */
const HIGHER_IS_BETTER = new Set(['offered', 'answered', 'answeredInTarget', 'serviceLevel', 'answerRate', 'fcr', 'csat', 'nps']);
const NEUTRAL = new Set(['offered']);

export type Trend = 'better' | 'worse' | 'same' | 'neutral' | 'unknown';

export function trendOf(row: CompareRow): Trend {
  if (row.diff === null) return 'unknown';
  if (Math.abs(row.diff) < 1e-9) return 'same';
  if (NEUTRAL.has(row.metric)) return 'neutral';
  return row.diff > 0 === HIGHER_IS_BETTER.has(row.metric) ? 'better' : 'worse';
}

export { isShareMetric as isRate } from '../../../../shared/contract/review';
export const isSeconds = (metric: string) => /Sec$/.test(metric);

/** Running jobs first, newest first: what the progress area shows. */
export function visibleJobs(jobs: Record<string, ReviewJob>): ReviewJob[] {
  return Object.values(jobs).sort((a, b) => (a.state === 'running' ? 0 : 1) - (b.state === 'running' ? 0 : 1) || b.jobId.localeCompare(a.jobId));
}

/** 0–1 share done, or null when the total is not known yet. */
export function jobShare(job: ReviewJob): number | null {
  if (job.state === 'done') return 1;
  return job.total ? Math.min(1, job.done / job.total) : null;
}
