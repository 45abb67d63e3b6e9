import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { useConnectionStore } from '../stores/connection';
import { useHostStore } from '../stores/host';
import { useLive } from '../stores/live/useLive';
import { useStale } from './StaleBanner';
import type { Route } from './router';

const TITLES: Record<Route, MessageKey> = {
  live: 'live.title',
  wallboard: 'wall.title',
  anomalies: 'nav.anomalies',
  coaching: 'nav.coaching',
  review: 'review.title',
  data: 'nav.data',
  settings: 'settings.title',
};

function ConnectionIndicator() {
  const { t, time } = useI18n();
  const connected = useConnectionStore((s) => s.connected);
  const everConnected = useConnectionStore((s) => s.everConnected);
  const lastMessageAt = useConnectionStore((s) => s.lastMessageAt);
  const stale = useStale();
  const { snapshot, receivedAt } = useLive();
  const state = !connected ? (everConnected ? 'reconnecting' : 'connecting') : stale.stale ? 'stale' : 'live';
  const label = t(state === 'live' ? 'conn.live' : state === 'stale' ? 'conn.stale' : state === 'reconnecting' ? 'conn.reconnecting' : 'conn.connecting');
  // Shown in server time, like every other time on screen.
  const offset = snapshot && receivedAt !== null ? snapshot.at - receivedAt : 0;
  const detail = lastMessageAt === null ? t('conn.noUpdate') : t('conn.lastUpdate', { time: time(lastMessageAt + offset) });
  return (
    <div className={`conn conn--${state}`} data-testid="connection" data-state={state}>
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__text">
        {/* Only the state word is live: the "last update" time changes every second. */}
        <span className="conn__label" role="status">
          {label}
        </span>
        <span className="conn__detail">{detail}</span>
      </span>
    </div>
  );
}

function SiteClock() {
  const { t, time, date, timezone } = useI18n();
  const { now } = useLive();
  return (
    <div className="site-clock" title={t('header.siteTime', { zone: timezone })}>
      <time className="site-clock__time" dateTime={new Date(now).toISOString()}>
        {time(now)}
      </time>
      <span className="site-clock__date">
        {date(now)} · <bdi>{timezone}</bdi>
      </span>
    </div>
  );
}

export function Header({ route }: { route: Route }) {
  const { t } = useI18n();
  const simulator = useHostStore((s) => s.simulator);
  const info = useHostStore((s) => s.info);
  return (
    <header className="top-bar">
      <h1 className="top-bar__title">{t(TITLES[route])}</h1>
      <div className="top-bar__end">
        {info?.access === 'read' && <span className="pill pill--muted">{t('app.readOnly')}</span>}
        {simulator?.running && (
          <span className="pill pill--sim" title={t('app.simulatedHint')}>
            {t('app.simulated')}
          </span>
        )}
        <ConnectionIndicator />
        <SiteClock />
      </div>
    </header>
  );
}
