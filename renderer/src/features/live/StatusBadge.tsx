import { LEVEL_ICONS } from '../../app/icons';
import { useI18n } from '../../i18n/useI18n';
import type { Level } from '../../stores/live/selectors';

const WORD = { ok: 'status.ok', warning: 'status.warning', breach: 'status.breach' } as const;

/** Colour, shape and word together: the state reads the same in grey-scale or to a screen reader. */
export function StatusBadge({ level, size = 'md' }: { level: Level; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useI18n();
  const Icon = LEVEL_ICONS[level];
  return (
    <span className={`status status--${level} status--${size}`} data-level={level}>
      <Icon className="status__icon" />
      <span className="status__word">{t(WORD[level])}</span>
    </span>
  );
}

/** A small shape next to a coloured figure; its word is given to assistive tech. */
export function LevelMark({ level }: { level: Level }) {
  const { t } = useI18n();
  const Icon = LEVEL_ICONS[level];
  return (
    <span className={`level-mark level-mark--${level}`} role="img" aria-label={t(WORD[level])} title={t(WORD[level])}>
      <Icon />
    </span>
  );
}
