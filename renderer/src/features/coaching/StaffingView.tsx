import { useState } from 'react';
import type { StaffingQueue } from '../../../../shared/contract/coaching';
import type { Channel } from '../../../../shared/domain/channels';
import { localDate } from '../../../../shared/domain/time';
import { useI18n } from '../../i18n/useI18n';
import { clock, dayHead } from './format';

/** Forecast, Erlang C requirement and agents scheduled per hour, one day at a time, per queue. */
export function StaffingView({ queues }: { queues: readonly StaffingQueue[] | null }) {
  const { t, locale, timezone, num, pct } = useI18n();
  const days = [...new Set((queues ?? []).flatMap((q) => q.hours.map((h) => localDate(timezone, h.at))))].sort();
  const [day, setDay] = useState<string | null>(null);
  const shown = day && days.includes(day) ? day : (days[0] ?? null);
  return (
    <section className="staffing" aria-labelledby="staffing-title" data-testid="staffing">
      <header className="staffing__head">
        <h2 id="staffing-title" className="panel__title">
          {t('coaching.staffing.title')}
        </h2>
        <div className="segmented__options" role="tablist" aria-label={t('coaching.staffing.days')}>
          {days.map((d) => (
            <button key={d} type="button" role="tab" aria-selected={d === shown} className={`button button--small ${d === shown ? 'button--primary' : ''}`} onClick={() => setDay(d)}>
              {dayHead(locale, timezone, d)}
            </button>
          ))}
        </div>
      </header>
      {queues !== null && queues.length === 0 ? <p className="panel__empty">{t('coaching.staffing.noData')}</p> : null}
      {(queues ?? []).map((q) => {
        const hours = q.hours.filter((h) => localDate(timezone, h.at) === shown);
        return (
          <div key={`${q.channel}-${q.queue}`} className="panel staffing__queue" data-testid="staffing-queue">
            <header className="panel__head">
              <h3 className="panel__title">
                <bdi>{q.queue}</bdi> <span className="muted">· {t(`channel.${q.channel as Channel}`)}</span>
              </h3>
              <p className="panel__summary">
                {t('coaching.staffing.mape', { mape: q.mape === null ? '—' : pct(q.mape, 0) })}
                {hours[0]?.ahtSec != null ? ` · ${t('coaching.staffing.aht', { sec: num(Math.round(hours[0].ahtSec)) })}` : ''}
              </p>
            </header>
            <div className="table-scroll" role="region" tabIndex={0} aria-label={q.queue}>
              <table className="data-table staffing__table">
                <thead>
                  <tr>
                    <th scope="col">{t('coaching.staffing.hour')}</th>
                    {hours.map((h) => (
                      <th key={h.at} scope="col" className="num">
                        {clock(locale, timezone, h.at)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{t('coaching.staffing.forecast')}</th>
                    {hours.map((h) => (
                      <td key={h.at} className="num">
                        {num(h.forecast, { maximumFractionDigits: 0 })}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row">{t('coaching.staffing.required')}</th>
                    {hours.map((h) => (
                      <td key={h.at} className="num">
                        {num(h.required)}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row">{t('coaching.staffing.scheduled')}</th>
                    {hours.map((h) => {
                      const short = h.scheduled < h.required;
                      return (
                        <td key={h.at} className={`num ${short ? 'staffing__short' : ''}`}>
                          {num(h.scheduled)}
                          {short ? <span aria-label={t('coaching.staffing.short')}> ▼</span> : null}
                        </td>
                      );
                    })}
                  </tr>
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
      <details className="staffing__method">
        <summary>{t('coaching.staffing.methodTitle')}</summary>
        <p>{t('coaching.staffing.method.forecast')}</p>
        <p>{t('coaching.staffing.method.erlang')}</p>
        <p>{t('coaching.staffing.method.assumptions')}</p>
      </details>
    </section>
  );
}
