import type { CompareRow } from '../../../../shared/contract/review';
import { useI18n } from '../../i18n/useI18n';
import { isRate, isSeconds, trendOf } from '../../stores/review/selectors';
import { cellText, columnLabel, dayText, diffText, pctText } from './format';

const TREND_MARK = { better: '▲', worse: '▼', same: '=', neutral: '', unknown: '' } as const;

/** This period against the one before it, metric by metric: both values, the difference and the change in %. */
export function ComparePanel({ rows, range, against }: { rows: CompareRow[]; range: { from: string; to: string }; against: { from: string; to: string } }) {
  const i18n = useI18n();
  const { t } = i18n;
  const value = (metric: string, v: number | null) => (v === null ? '–' : isRate(metric) || isSeconds(metric) ? cellText(i18n, metric, v) : i18n.num(v));
  return (
    <section className="panel review-compare" aria-labelledby="review-compare-title" data-testid="compare-panel">
      <header className="panel__head">
        <h2 className="panel__title" id="review-compare-title">
          {t('review.compare.title')}
        </h2>
        <p className="panel__summary">{t('review.compare.summary')}</p>
      </header>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('review.compare.metric')}</th>
              <th scope="col" className="num">
                <bdi>{dayText(i18n, range.from)}</bdi> – <bdi>{dayText(i18n, range.to)}</bdi>
              </th>
              <th scope="col" className="num">
                <bdi>{dayText(i18n, against.from)}</bdi> – <bdi>{dayText(i18n, against.to)}</bdi>
              </th>
              <th scope="col" className="num">
                {t('review.compare.diff')}
              </th>
              <th scope="col" className="num">
                {t('review.compare.pct')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const trend = trendOf(r);
              return (
                <tr key={r.metric} data-metric={r.metric}>
                  <th scope="row">{columnLabel(i18n, r.metric)}</th>
                  <td className="num">{value(r.metric, r.a)}</td>
                  <td className="num">{value(r.metric, r.b)}</td>
                  <td className={`num trend trend--${trend}`}>
                    {/* The arrow and the words carry the meaning, the colour only repeats it. */}
                    <span aria-hidden="true">{TREND_MARK[trend]} </span>
                    {diffText(i18n, r.metric, r.diff)}
                    {(trend === 'better' || trend === 'worse') && <span className="visually-hidden"> ({t(`review.trend.${trend}`)})</span>}
                  </td>
                  <td className="num">{pctText(i18n, r.pct)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
