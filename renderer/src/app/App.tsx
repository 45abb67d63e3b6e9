import { useEffect, useRef, type ReactNode } from 'react';
import { AnomaliesPage } from '../features/anomalies/AnomaliesPage';
import { CoachingPage } from '../features/coaching/CoachingPage';
import { DataPage } from '../features/data/DataPage';
import { ReviewPage } from '../features/review/ReviewPage';
import { LivePage } from '../features/live/LivePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { WallboardPage } from '../features/wallboard/WallboardPage';
import { useI18n } from '../i18n/useI18n';
import { Header } from './Header';
import { Nav } from './Nav';
import { StaleBanner } from './StaleBanner';
import { useRoute, type Route } from './router';

function page(route: Route): ReactNode {
  switch (route) {
    case 'live':
      return <LivePage />;
    case 'anomalies':
      return <AnomaliesPage />;
    case 'coaching':
      return <CoachingPage />;
    case 'review':
      return <ReviewPage />;
    case 'data':
      return <DataPage />;
    case 'settings':
      return <SettingsPage />;
    case 'wallboard':
      return <WallboardPage />;
  }
}

export function App() {
  const route = useRoute();
  const { t } = useI18n();

  const shownRoute = useRef(route);
  useEffect(() => {
    // Moving between screens puts focus on the new screen, as a page load would; on the first
    // load focus stays at the top so the skip link is the first stop.
    if (shownRoute.current === route) return;
    shownRoute.current = route;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [route]);

  if (route === 'wallboard') {
    return (
      <main id="main" tabIndex={-1} className="wall-root">
        <WallboardPage />
      </main>
    );
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(event) => {
        // The hash is the router's: move focus without changing it.
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t('app.skipToContent')}
      </a>
      <Nav route={route} />
      <Header route={route} />
      <main id="main" tabIndex={-1} className={`content content--${route}`}>
        <StaleBanner />
        {page(route)}
      </main>
    </div>
  );
}
