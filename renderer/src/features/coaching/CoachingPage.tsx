import { useEffect, useRef, useState } from 'react';
import { localDate } from '../../../../shared/domain/time';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { useNow } from '../../stores/clock';
import { useCoachingStore } from '../../stores/coaching/actions';
import type { CoachingView } from '../../stores/coaching/initialState';
import { askNotificationPermission, startCoachingReminders } from '../../stores/coaching/reminders';
import { rangeOf, routeParams, stepAnchor, visibleDays } from '../../stores/coaching/selectors';
import { Calendar } from './Calendar';
import { CoachingSettingsPanel } from './CoachingSettingsPanel';
import './coaching.css';
import { clock, download, rangeHead, setCoachingHash, useHash } from './format';
import { ScheduleForm } from './ScheduleForm';
import { SessionList } from './SessionList';
import { SessionView } from './SessionView';
import { StaffingView } from './StaffingView';

const VIEWS: CoachingView[] = ['week', 'day', 'list', 'staffing', 'settings'];

/**
 * `#/coaching`: calendar (week/day), list and staffing; `?session=ID` opens a session,
 * `?new=1&agent=ID&anomaly=ID` the scheduling form pre-filled (links from agents and flags),
 * `?view=week|day|list|staffing&date=YYYY-MM-DD` a view at a date.
 */
export function CoachingPage() {
  const { t, locale, timezone } = useI18n();
  const now = useNow();
  const hash = useHash();
  const params = routeParams(hash);
  const formOpen = /[?&]new=1\b/.test(hash) || params.agent !== null || params.anomaly !== null;
  const { view, anchor, firstDay, sessions, detail, staffing, error, settings, agents } = useCoachingStore();
  const { setView, setAnchor, setFirstDay, loadAgents, open, close, ics } = useCoachingStore.getState();
  const [warnings, setWarnings] = useState<string[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    startCoachingReminders(api(), (at) => clock(locale, timezone, at));
  }, [locale, timezone]);
  useEffect(() => {
    // The Solar Hijri week runs Saturday to Friday; the others plan Monday to Sunday (ISO).
    setFirstDay(locale === 'fa' ? 6 : 1);
  }, [locale, setFirstDay]);
  useEffect(() => {
    void loadAgents();
    if (!useCoachingStore.getState().anchor) setAnchor(localDate(timezone, Date.now()));
  }, [loadAgents, setAnchor, timezone]);
  useEffect(() => {
    if (params.view && params.view !== useCoachingStore.getState().view) setView(params.view);
  }, [params.view, setView]);
  useEffect(() => {
    if (params.date && params.date !== useCoachingStore.getState().anchor) setAnchor(params.date);
  }, [params.date, setAnchor]);
  useEffect(() => {
    if (params.session !== null) void open(params.session);
    else close();
  }, [params.session, open, close]);

  const days = anchor ? visibleDays(view === 'day' ? 'day' : 'week', anchor, firstDay) : [];
  const range = anchor ? rangeOf(view, anchor, firstDay) : null;
  const openSession = (id: number) => setCoachingHash({ session: id });

  const body = () => {
    if (formOpen) {
      return (
        <ScheduleForm
          key={hash}
          prefill={{ agentId: params.agent, anomalyId: params.anomaly }}
          now={now}
          onCancel={() => setCoachingHash({})}
          onDone={(id, w) => {
            setWarnings(w);
            setCoachingHash({ session: id });
          }}
        />
      );
    }
    if (params.session !== null && detail && detail.session.id === params.session) {
      return (
        <SessionView
          detail={detail}
          warnings={warnings}
          onBack={() => {
            setWarnings([]);
            setCoachingHash({});
          }}
        />
      );
    }
    if (view === 'staffing') return <StaffingView queues={staffing} />;
    if (view === 'settings') return settings ? <CoachingSettingsPanel key={agents.length > 0 ? 'with-agents' : 'no-agents'} settings={settings} /> : null;
    if (view === 'list') return <SessionList sessions={sessions} onOpen={openSession} />;
    return <Calendar days={days} sessions={sessions} onOpen={openSession} now={now} />;
  };

  const showToolbar = !formOpen && params.session === null;
  return (
    <section className="coaching" aria-labelledby="coaching-title">
      {/* The top bar holds the page's h1; this names the region for screen readers. */}
      <h2 id="coaching-title" className="visually-hidden" ref={headingRef}>
        {t('coaching.title')}
      </h2>
      {showToolbar ? (
        <div className="coaching__toolbar">
          <div className="segmented__options" role="tablist" aria-label={t('coaching.views')}>
            {VIEWS.map((v) => (
              <button key={v} type="button" role="tab" aria-selected={view === v} className={`button button--small ${view === v ? 'button--primary' : ''}`} onClick={() => setView(v)} data-testid={`view-${v}`}>
                {t(`coaching.view.${v}`)}
              </button>
            ))}
          </div>
          {view !== 'staffing' && view !== 'settings' && range ? (
            <div className="coaching__nav">
              <button type="button" className="button button--small" onClick={() => setAnchor(stepAnchor(view, anchor, -1))} aria-label={t('coaching.prev')}>
                <span aria-hidden="true" className="flip-rtl">
                  ‹
                </span>
              </button>
              <button type="button" className="button button--small" onClick={() => setAnchor(localDate(timezone, Date.now()))}>
                {t('coaching.today')}
              </button>
              <button type="button" className="button button--small" onClick={() => setAnchor(stepAnchor(view, anchor, 1))} aria-label={t('coaching.next')}>
                <span aria-hidden="true" className="flip-rtl">
                  ›
                </span>
              </button>
              <span className="coaching__range" aria-live="polite">
                {range.from === range.to ? rangeHead(locale, timezone, range.from, range.from) : rangeHead(locale, timezone, range.from, range.to)}
              </span>
            </div>
          ) : null}
          <div className="coaching__actions">
            {view !== 'staffing' && view !== 'settings' && range ? (
              <button type="button" className="button button--small" data-testid="range-ics" onClick={() => void ics(range).then((r) => download(r.filename, r.text))}>
                {t('coaching.exportRange')}
              </button>
            ) : null}
            <button
              type="button"
              className="button button--primary"
              data-testid="coaching-new"
              onClick={() => {
                askNotificationPermission();
                window.location.hash = '#/coaching?new=1';
              }}
            >
              {t('coaching.new')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p className="notice notice--warn" role="alert">
          {error}
        </p>
      ) : null}
      {body()}
    </section>
  );
}
