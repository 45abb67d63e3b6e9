import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { AnomalyIcon, CoachingIcon, DataIcon, LiveIcon, SettingsIcon, WallboardIcon, type IconComponent } from './icons';
import { hrefOf, type Route } from './router';
import { ReviewIcon } from '../features/review/ReviewIcon';

const ITEMS: { route: Route; label: MessageKey; icon: IconComponent }[] = [
  { route: 'live', label: 'nav.live', icon: LiveIcon },
  { route: 'wallboard', label: 'nav.wallboard', icon: WallboardIcon },
  { route: 'anomalies', label: 'nav.anomalies', icon: AnomalyIcon },
  { route: 'coaching', label: 'nav.coaching', icon: CoachingIcon },
  { route: 'review', label: 'nav.review', icon: ReviewIcon },
  { route: 'data', label: 'nav.data', icon: DataIcon },
  { route: 'settings', label: 'nav.settings', icon: SettingsIcon },
];

export function Nav({ route }: { route: Route }) {
  const { t } = useI18n();
  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      <a className="brand" href={hrefOf('live')}>
        <svg className="brand__mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
          <rect width="32" height="32" rx="8" className="brand__tile" />
          <path d="M6 21h4l3-9 4 14 3-10 2 5h4" fill="none" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" className="brand__line" />
        </svg>
        <span className="brand__text">
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </span>
      </a>
      <ul className="side-nav__list">
        {ITEMS.map(({ route: target, label, icon: Icon }) => (
          <li key={target}>
            <a className="side-nav__link" href={hrefOf(target)} aria-current={route === target ? 'page' : undefined}>
              <Icon className="side-nav__icon" />
              <span>{t(label)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
