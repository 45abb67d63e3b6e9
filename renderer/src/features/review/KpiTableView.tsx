import type { KpiTable } from '../../../../shared/contract/review';
import { useI18n } from '../../i18n/useI18n';
import { cellText, columnLabel, isGroupColumn, shownColumns } from './format';

export function KpiTableView({ table }: { table: KpiTable }) {
  const i18n = useI18n();
  const columns = shownColumns(table.columns);
  if (table.rows.length === 0) return <p className="panel__empty">{i18n.t('review.empty')}</p>;
  return (
    <div className="table-scroll review-kpis__table">
      <table className="data-table" data-testid="kpi-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className={isGroupColumn(c) ? '' : 'num'}>
                {columnLabel(i18n, c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) =>
                isGroupColumn(c) ? (
                  <th key={c} scope="row">
                    <bdi>{cellText(i18n, c, r[c] ?? null)}</bdi>
                  </th>
                ) : (
                  <td key={c} className="num">
                    {cellText(i18n, c, r[c] ?? null)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
