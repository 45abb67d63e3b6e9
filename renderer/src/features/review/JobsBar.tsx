import type { ReviewJob } from '../../../../shared/contract/review';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/translate';
import { useReviewStore } from '../../stores/review/actions';
import { jobShare, visibleJobs } from '../../stores/review/selectors';

const STATE: Record<ReviewJob['state'], MessageKey> = {
  running: 'review.job.running',
  done: 'review.job.done',
  failed: 'review.job.failed',
  cancelled: 'review.job.cancelled',
};

/** Long work in progress (exports, backups, copies): a bar, the count so far, and Cancel. */
export function JobsBar() {
  const i18n = useI18n();
  const { t } = i18n;
  const jobs = useReviewStore((s) => s.jobs);
  const list = visibleJobs(jobs).slice(0, 4);
  if (list.length === 0) return null;
  return (
    <ul className="review-jobs" aria-label={t('review.job.label')}>
      {list.map((j) => {
        const share = jobShare(j);
        return (
          <li key={j.jobId} className={`review-jobs__item review-jobs__item--${j.state}`} data-testid="review-job" data-state={j.state}>
            <span className="review-jobs__name">
              <bdi>{j.file ?? j.kind}</bdi>
            </span>
            <progress max={1} value={share ?? undefined} aria-label={j.file ?? j.kind} />
            <span className="review-jobs__state">
              {t(STATE[j.state])}
              {j.state === 'running' && j.total ? ` · ${i18n.num(j.done)} / ${i18n.num(j.total)}` : ''}
              {j.error ? ` · ${j.error}` : ''}
            </span>
            {j.state === 'running' && (
              <button type="button" className="button button--ghost button--small" onClick={() => void useReviewStore.getState().cancel(j.jobId)}>
                {t('review.action.cancel')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
