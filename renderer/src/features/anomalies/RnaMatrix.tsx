import type { AnomalyOverview } from '../../../../shared/contract';
import { useI18n } from '../../i18n/useI18n';
import { rnaMatrix } from '../../stores/anomalies/selectors';
import { segmentLabel } from './explain';

/** Agent × segment ring-no-answer rates as a table: readable, keyboard reachable, flagged cells open their flag. */
export function RnaMatrix({ overview, onFlag }: { overview: AnomalyOverview; onFlag: (key: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const m = rnaMatrix(overview);
  if (m.agents.length === 0) return <p className="panel__empty">–</p>;
  const max = Math.max(0.05, ...overview.rna.map((c) => c.rate ?? 0));
  return (
    <div className="anom-rna-wrap">
      <table className="anom-rna" data-testid="anomaly-rna">
        <thead>
          <tr>
            <th scope="col">{t('anom.rna.agent')}</th>
            {m.segments.map((s) => (
              <th scope="col" key={s ?? ''}>
                {segmentLabel(i18n, s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.agents.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.name}</th>
              {m.segments.map((s) => {
                const c = m.cell(a.id, s);
                if (!c || c.rate === null) return <td key={s ?? ''} className="anom-rna__empty">–</td>;
                const text = t('anom.rna.cell', { rate: i18n.pct(c.rate, 0), attempts: c.attempts });
                const style = { '--heat': String(Math.min(1, c.rate / max)) } as React.CSSProperties;
                return (
                  <td key={s ?? ''} className={c.flagKey !== null ? 'is-flagged' : ''} style={style}>
                    {c.flagKey !== null ? (
                      <button type="button" className="anom-rna__flag" onClick={() => onFlag(c.flagKey!)}>
                        ▲ {text}
                      </button>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
