import type { AnomalyFinding } from '../../../../shared/contract';
import { useI18n } from '../../i18n/useI18n';
import { flagSegment, flagWhen, formatExpected } from './explain';

export function FlagList({ flags, selectedKey, onSelect }: { flags: readonly AnomalyFinding[]; selectedKey: string | null; onSelect: (key: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (flags.length === 0) return <p className="panel__empty">{t('anom.flags.empty')}</p>;
  return (
    <ul className="anom-flags" data-testid="anomaly-flags">
      {flags.map((f) => (
        <li key={f.key}>
          <button
            type="button"
            className={`anom-flag anom-flag--${f.status} ${f.found ? '' : 'anom-flag--stale'} ${selectedKey === f.key ? 'is-selected' : ''}`}
            aria-pressed={selectedKey === f.key}
            data-testid="anomaly-flag"
            data-kind={f.kind}
            onClick={() => onSelect(f.key)}
          >
            <span className={`anom-badge anom-badge--${f.kind}`}>{t(`anom.kind.${f.kind}`)}</span>
            <span className="anom-flag__who">
              {f.kind === 'avoidance' ? `${f.agent ?? ''} · ` : ''}
              {flagSegment(i18n, f)}
            </span>
            <span className="anom-flag__when">{f.kind === 'avoidance' ? '' : flagWhen(i18n, f)}</span>
            <span className="anom-flag__figures">
              {t('anom.flags.figures', { observed: f.observed, expected: formatExpected(i18n, f.expected) })}
            </span>
            <span className={`anom-status anom-status--${f.status}`}>
              {t(`anom.status.${f.status}`)}
              {!f.found && <span data-testid="anomaly-not-found"> · {t('anom.flags.notFound')}</span>}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
