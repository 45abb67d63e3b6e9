import type { CoachingSession } from '../../../../shared/contract/coaching';
import { useI18n } from '../../i18n/useI18n';
import { clock, dateTime } from './format';
import { StatusChip } from './StatusChip';

export function SessionList({ sessions, onOpen }: { sessions: readonly CoachingSession[]; onOpen(id: number): void }) {
  const { t, locale, timezone } = useI18n();
  if (sessions.length === 0) return <p className="panel__empty">{t('coaching.empty')}</p>;
  return (
    <div className="table-scroll" role="region" tabIndex={0} aria-label={t('coaching.view.list')}>
      <table className="data-table coaching-list" data-testid="coaching-list">
        <thead>
          <tr>
            <th scope="col">{t('coaching.col.when')}</th>
            <th scope="col">{t('coaching.col.agent')}</th>
            <th scope="col">{t('coaching.col.lead')}</th>
            <th scope="col">{t('coaching.col.topic')}</th>
            <th scope="col">{t('coaching.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-testid="coaching-row">
              <td>
                <button type="button" className="link-button" onClick={() => onOpen(s.id)}>
                  {dateTime(locale, timezone, s.startAt)}–{clock(locale, timezone, s.endAt)}
                </button>
                {s.seriesId ? <span className="muted coaching-list__series"> ↻ {t('coaching.recurring')}</span> : null}
              </td>
              <td>
                <bdi>{s.agentName}</bdi>
              </td>
              <td>
                <bdi>{s.lead}</bdi>
              </td>
              <td>
                <bdi>{s.topic}</bdi>
              </td>
              <td>
                <StatusChip status={s.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
