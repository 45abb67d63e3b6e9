import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/contract';
import { StaleBanner } from '../../app/StaleBanner';
import { hrefOf } from '../../app/router';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/translate';
import { todayTotals } from '../../stores/live/selectors';
import { useLive } from '../../stores/live/useLive';
import { useSettingsStore } from '../../stores/settings/actions';
import { AgentsPage, AnomaliesPage, ChannelsPage, QueuesPage } from './WallboardPages';

type PageName = Settings['wallboard']['pages'][number];

const TITLES: Record<PageName, MessageKey> = {
  channels: 'wall.page.channels',
  queues: 'wall.page.queues',
  agents: 'wall.page.agents',
  anomalies: 'wall.page.anomalies',
};

/** Cycles through the configured pages; a change of pages or period starts over at the first. */
function useRotation(pages: readonly PageName[], rotateSec: number): number {
  const key = `${pages.join(',')}|${rotateSec}`;
  const [state, setState] = useState({ key, index: 0 });
  const count = pages.length;
  useEffect(() => {
    if (count < 2) return;
    const timer = setInterval(() => setState((s) => ({ key, index: ((s.key === key ? s.index : 0) + 1) % count })), rotateSec * 1000);
    return () => clearInterval(timer);
  }, [key, count, rotateSec]);
  const index = state.key === key ? state.index : 0;
  return count === 0 ? 0 : index % count;
}

export function WallboardPage() {
  const i18n = useI18n();
  const { t, num, time, date } = i18n;
  const settings = useSettingsStore((s) => s.settings);
  const { snapshot, now, elapsed } = useLive();
  const pages = settings.wallboard.pages;
  const index = useRotation(pages, settings.wallboard.rotateSec);
  const page = pages[index] ?? 'channels';
  const totals = snapshot ? todayTotals(snapshot) : null;

  return (
    <div className="wall" data-page={page}>
      <a className="wall__exit" href={hrefOf('live')}>
        {t('wall.exit')}
      </a>
      <header className="wall__head">
        <div className="wall__brand">
          <svg viewBox="0 0 32 32" width="44" height="44" aria-hidden="true">
            <rect width="32" height="32" rx="8" className="brand__tile" />
            <path d="M6 21h4l3-9 4 14 3-10 2 5h4" fill="none" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" className="brand__line" />
          </svg>
          <span className="wall__name">{t('app.name')}</span>
        </div>
        <div className="wall__page">
          <h1 className="wall__title">{t(TITLES[page])}</h1>
          {pages.length > 1 && (
            <ol className="wall__dots" aria-label={t('wall.pageOf', { n: index + 1, total: pages.length })}>
              {pages.map((name, i) => (
                <li key={name} className={i === index ? 'is-current' : undefined} aria-current={i === index ? 'step' : undefined}>
                  <span className="visually-hidden">{t(TITLES[name])}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
        <div className="wall__clock">
          <time className="wall__time" dir="ltr" dateTime={new Date(now).toISOString()}>
            {time(now, false)}
            <span className="wall__seconds">{time(now).slice(-2)}</span>
          </time>
          <span className="wall__date">{date(now)}</span>
        </div>
      </header>
      <StaleBanner variant="wall" />
      {totals && (
        <dl className="wall__totals">
          <div className="wall-total">
            <dt>{t('wall.totals.waiting')}</dt>
            <dd>{num(totals.waiting)}</dd>
          </div>
          <div className="wall-total">
            <dt>{t('wall.totals.offered')}</dt>
            <dd>{num(totals.offered)}</dd>
          </div>
          <div className="wall-total">
            <dt>{t('wall.totals.answered')}</dt>
            <dd>{num(totals.answered)}</dd>
          </div>
          <div className="wall-total">
            <dt>{t('wall.totals.abandoned')}</dt>
            <dd>{num(totals.abandoned)}</dd>
          </div>
        </dl>
      )}
      <div className="wall__body">
        {!snapshot ? (
          <p className="wall__loading">{t('app.loading')}</p>
        ) : page === 'channels' ? (
          <ChannelsPage snapshot={snapshot} now={now} elapsed={elapsed} settings={settings} />
        ) : page === 'queues' ? (
          <QueuesPage snapshot={snapshot} now={now} elapsed={elapsed} settings={settings} />
        ) : page === 'agents' ? (
          <AgentsPage snapshot={snapshot} now={now} elapsed={elapsed} settings={settings} />
        ) : (
          <AnomaliesPage today={snapshot?.today ?? null} />
        )}
      </div>
      {pages.length > 1 && <div key={`${page}-${index}`} className="wall__progress" style={{ animationDuration: `${settings.wallboard.rotateSec}s` }} aria-hidden="true" />}
    </div>
  );
}
