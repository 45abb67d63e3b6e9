import type { ImportJob } from '../../../../shared/contract';
import { BreachIcon, OkIcon, WarningIcon } from '../../app/icons';
import { useI18n } from '../../i18n/useI18n';
import { REJECTED_SHOWN, unknownEventList, type ProgressView } from '../../stores/data/selectors';
import { formatBytes } from './format';

/** One bar for upload and import, with bytes, records and elapsed time beside it (never the bar alone). */
export function ProgressBar({ view, name, onCancel }: { view: ProgressView; name: string; onCancel(): void }) {
  const { t, num, pct, duration, locale } = useI18n();
  const running = view.phase === 'upload' || view.phase === 'import';
  const label = t(`data.progress.${view.phase}`);
  return (
    <div className={`import-progress import-progress--${view.phase}`} data-testid="import-progress" data-phase={view.phase}>
      <div className="import-progress__head">
        <p className="import-progress__label">
          <strong>{label}</strong> <span className="muted" dir="auto">{name}</span>
        </p>
        <p className="import-progress__pct num">{view.fraction === null ? '' : pct(view.fraction)}</p>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={view.fraction === null ? undefined : Math.round(view.fraction * 100)}
        aria-valuetext={t('data.progress.bytes', { done: formatBytes(locale, view.bytes), total: formatBytes(locale, view.totalBytes) })}
      >
        <div className="progress__fill" style={{ inlineSize: `${(view.fraction ?? 0) * 100}%` }} />
      </div>
      <div className="import-progress__figures">
        <span>{t('data.progress.bytes', { done: formatBytes(locale, view.bytes), total: formatBytes(locale, view.totalBytes) })}</span>
        {view.phase !== 'upload' && <span data-testid="progress-lines">{t('data.progress.lines', { lines: num(view.lines) })}</span>}
        {view.phase !== 'upload' && <span data-testid="progress-contacts">{t('data.progress.contacts', { contacts: num(view.contacts) })}</span>}
        <span>{t('data.progress.elapsed', { elapsed: duration(view.elapsedMs) })}</span>
        {running && (
          <button type="button" className="button button--ghost button--small import-progress__cancel" onClick={onCancel} data-testid="import-cancel">
            {t('data.action.cancelImport')}
          </button>
        )}
      </div>
    </div>
  );
}

/** What the import did: counts, every rejected line with its number and reason, unknown events. */
export function ImportReport({ job }: { job: ImportJob }) {
  const { t, num } = useI18n();
  const report = job.report;
  if (job.state === 'failed' || job.state === 'cancelled' || !report) {
    return (
      <div className={`report report--${job.state}`} data-testid="import-report" data-state={job.state} role="status">
        <p className="report__headline">
          {job.state === 'cancelled' ? <WarningIcon /> : <BreachIcon />}
          {job.state === 'cancelled' ? t('data.report.cancelled', { lines: num(job.lines), contacts: num(job.contacts) }) : t('data.report.failed')}
        </p>
        {job.error && <p className="data-error">{job.error}</p>}
        {job.state === 'failed' && <p className="muted">{t('data.report.failedHint')}</p>}
      </div>
    );
  }
  const unknown = unknownEventList(job);
  // A directory import counts customers; their segments apply to past and future contacts alike.
  const directory = report.format === 'customers';
  const rejectedShown = report.rejected.slice(0, REJECTED_SHOWN);
  return (
    <div className="report" data-testid="import-report" data-state={job.state} role="status">
      <p className="report__headline">
        {report.rejectedCount > 0 ? <WarningIcon className="report__icon--warning" /> : <OkIcon className="report__icon--ok" />}
        {report.rejectedCount > 0
          ? t('data.report.doneWithRejects')
          : t('data.report.done')}
      </p>
      <dl className="report__figures">
        <div>
          <dt>{t('data.report.lines')}</dt>
          <dd data-testid="report-lines">{num(report.lines)}</dd>
        </div>
        <div>
          <dt>{t(directory ? 'data.report.customers' : 'data.report.imported')}</dt>
          <dd data-testid="report-imported">{num(report.imported)}</dd>
        </div>
        {!directory && (
          <div>
            <dt>{t('data.report.contacts')}</dt>
            <dd data-testid="report-contacts">{num(report.contacts)}</dd>
          </div>
        )}
        <div>
          <dt>{t(directory ? 'data.report.customersChanged' : 'data.report.newContacts')}</dt>
          <dd data-testid="report-new">{num(report.newContacts)}</dd>
        </div>
        <div className={report.rejectedCount > 0 ? 'report__figure--warning' : ''}>
          <dt>{t('data.report.rejected')}</dt>
          <dd data-testid="report-rejected">{num(report.rejectedCount)}</dd>
        </div>
        <div>
          <dt>{t('data.report.format')}</dt>
          <dd className="report__format">{report.format}</dd>
        </div>
      </dl>
      {report.newContacts === 0 && report.contacts > 0 && <p className="muted">{t('data.report.nothingNew')}</p>}
      {directory && <p className="muted">{t('data.report.customersHint')}</p>}
      {rejectedShown.length > 0 && (
        <section aria-labelledby="rejected-title" className="report__section">
          <h3 className="data-subtitle" id="rejected-title">
            {report.rejectedCount > rejectedShown.length
              ? t('data.report.rejectedFirst', { shown: num(rejectedShown.length), total: num(report.rejectedCount) })
              : t('data.report.rejectedLines')}
          </h3>
          <p className="muted">{t('data.report.rejectedHint')}</p>
          <div className="table-scroll report__rejected">
            <table className="data-table" data-testid="rejected-table">
              <thead>
                <tr>
                  <th scope="col" className="col-line">{t('data.preview.line')}</th>
                  <th scope="col">{t('data.report.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rejectedShown.map((r) => (
                  <tr key={`${r.line}-${r.reason}`} data-testid="rejected-row" data-line={r.line}>
                    <td className="num">{num(r.line)}</td>
                    <td className="report__reason" dir="ltr">
                      {r.reason}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {unknown.length > 0 && (
        <section aria-labelledby="unknown-title" className="report__section">
          <h3 className="data-subtitle" id="unknown-title">
            {t('data.report.unknownEvents')}
          </h3>
          <p className="muted">{t('data.report.unknownHint')}</p>
          <ul className="unknown-events" dir="ltr">
            {unknown.map((u) => (
              <li key={u.name}>
                <code>{u.name}</code> <span className="muted">× {num(u.count)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
