import type { ImportRun } from '../../../../shared/contract';
import { BreachIcon, ClockIcon, OkIcon, WarningIcon } from '../../app/icons';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/translate';
import { useDataStore } from '../../stores/data/actions';
import { runFileName } from '../../stores/data/selectors';
import { formatDateTime } from './format';

function RunStatus({ run }: { run: ImportRun }) {
  const { t } = useI18n();
  const kind = run.status === 'done' ? (run.rejected > 0 ? 'warning' : 'ok') : run.status === 'running' ? 'running' : run.status === 'cancelled' ? 'warning' : 'breach';
  const Icon = kind === 'ok' ? OkIcon : kind === 'breach' ? BreachIcon : kind === 'running' ? ClockIcon : WarningIcon;
  const known = ['done', 'running', 'failed', 'cancelled'];
  return (
    <span className={`run-status run-status--${kind}`}>
      <Icon />
      {known.includes(run.status) ? t(`data.run.${run.status}` as MessageKey) : run.status}
    </span>
  );
}

export function HistoryTable() {
  const { t, num, duration, locale, timezone } = useI18n();
  const history = useDataStore((s) => s.history);
  const error = useDataStore((s) => s.historyError);
  return (
    <section className="panel data-panel history-panel" aria-labelledby="history-title">
      <header className="panel__head">
        <div>
          <h2 className="panel__title" id="history-title">
            {t('data.history.title')}
          </h2>
          <p className="panel__summary">{t('data.history.summary')}</p>
        </div>
      </header>
      {error && <p className="data-error">{t('data.history.error', { message: error })}</p>}
      {history.length === 0 && !error ? (
        <p className="panel__empty">{t('data.history.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table history-table" data-testid="import-history">
            <thead>
              <tr>
                <th scope="col">{t('data.history.started')}</th>
                <th scope="col">{t('data.history.file')}</th>
                <th scope="col">{t('data.report.format')}</th>
                <th scope="col">{t('data.history.status')}</th>
                <th scope="col" className="num">{t('data.report.lines')}</th>
                <th scope="col" className="num">{t('data.report.imported')}</th>
                <th scope="col" className="num">{t('data.report.contacts')}</th>
                <th scope="col" className="num">{t('data.report.rejected')}</th>
                <th scope="col" className="num">{t('data.history.took')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((run) => (
                <tr key={run.id} data-testid="history-row" data-file={run.file ?? ''} data-status={run.status}>
                  <td>{formatDateTime(locale, timezone, run.startedAt)}</td>
                  <td className="history-table__file" dir="auto" title={run.error ?? run.file ?? ''}>
                    {runFileName(run.file) ?? <span className="muted">{t('data.history.uploaded')}</span>}
                    {run.error && <span className="history-table__error">{run.error}</span>}
                  </td>
                  <td>{run.format}</td>
                  <td>
                    <RunStatus run={run} />
                  </td>
                  <td className="num">{num(run.lines)}</td>
                  <td className="num">{num(run.imported)}</td>
                  <td className="num">{num(run.contacts)}</td>
                  <td className={`num ${run.rejected > 0 ? 'history-table__rejected' : ''}`}>{num(run.rejected)}</td>
                  <td className="num">{run.finishedAt === null ? '—' : duration(run.finishedAt - run.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
