import type { SessionStatus } from '../../../../shared/contract/coaching';
import { useI18n } from '../../i18n/useI18n';

const GLYPH: Record<SessionStatus, string> = { scheduled: '◷', done: '✓', missed: '!', cancelled: '✕' };

/** Status as glyph + word (compact: glyph, word for screen readers), so colour is never the only signal. */
export function StatusChip({ status, compact = false }: { status: SessionStatus; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`status-chip status-chip--${status} ${compact ? 'status-chip--compact' : ''}`} data-status={status}>
      <span aria-hidden="true">{GLYPH[status]}</span> {compact ? <span className="visually-hidden">{t(`coaching.status.${status}`)}</span> : t(`coaching.status.${status}`)}
    </span>
  );
}
