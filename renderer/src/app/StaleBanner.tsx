import { useI18n } from '../i18n/useI18n';
import { useConnectionStore } from '../stores/connection';
import { staleState } from '../stores/live/selectors';
import { useLive } from '../stores/live/useLive';
import { useSettingsStore } from '../stores/settings/actions';
import { SignalOffIcon } from './icons';

export function useStale() {
  const { snapshot, receivedAt, clientNow } = useLive();
  const connected = useConnectionStore((s) => s.connected);
  const lastMessageAt = useConnectionStore((s) => s.lastMessageAt);
  const staleAfterSec = useSettingsStore((s) => s.settings.staleAfterSec);
  return staleState({ snapshot, receivedAt, lastMessageAt, connected }, clientNow, staleAfterSec);
}

/** Says plainly that figures may be old; goes away by itself when data flows again. */
export function StaleBanner({ variant = 'page' }: { variant?: 'page' | 'wall' }) {
  const { t, time } = useI18n();
  const stale = useStale();
  if (!stale.stale || stale.since === null) return null;
  return (
    // Nothing inside ticks, so a screen reader announces the banner once, not every second.
    <div className={`stale-banner stale-banner--${variant}`} role="alert" data-testid="stale-banner">
      <SignalOffIcon className="stale-banner__icon" />
      <div>
        <strong className="stale-banner__title">{t('stale.title', { time: time(stale.since) })}</strong>
        <span className="stale-banner__detail">
          {t(stale.reason === 'offline' ? 'stale.offline' : 'stale.quiet')}
        </span>
      </div>
    </div>
  );
}
