import { useState, type FormEvent } from 'react';
import type { Impact, Scorecard, SessionDetail, SessionStatus } from '../../../../shared/contract/coaching';
import { useI18n, type I18n } from '../../i18n/useI18n';
import { useCoachingStore } from '../../stores/coaching/actions';
import { clock, dateTime, download, shortDate } from './format';
import { StatusChip } from './StatusChip';

type Fmt = (v: number | null) => string;

function formatters(i: I18n) {
  const dash = '—';
  return {
    count: ((v) => (v === null ? dash : i.num(v, { maximumFractionDigits: 1 }))) as Fmt,
    rate: ((v) => (v === null ? dash : i.pct(v, 1))) as Fmt,
    sec: ((v) => (v === null ? dash : i.t('coaching.unit.sec', { n: i.num(v, { maximumFractionDigits: 0 }) }))) as Fmt,
  };
}

function ScorecardTable({ card }: { card: Scorecard }) {
  const i = useI18n();
  const { t } = i;
  const f = formatters(i);
  const rows: [string, { agent: number | null; team: number | null }, Fmt][] = [
    [t('coaching.metric.answered'), card.answered, f.count],
    [t('coaching.metric.aht'), card.ahtSec, f.sec],
    [t('coaching.metric.rnaRate'), card.rnaRate, f.rate],
    [t('coaching.metric.repeatRate'), card.repeatRate, f.rate],
    [t('coaching.metric.csat'), card.csat, f.rate],
  ];
  return (
    <section className="panel coaching-card" aria-labelledby="scorecard-title" data-testid="scorecard">
      <header className="panel__head">
        <h3 className="panel__title" id="scorecard-title">
          {t('coaching.session.scorecard')}
        </h3>
        <p className="panel__summary">
          {shortDate(i.locale, i.timezone, card.from)} – {shortDate(i.locale, i.timezone, card.to)}
        </p>
      </header>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('coaching.session.metric')}</th>
            <th scope="col" className="num">
              {t('coaching.session.agent')}
            </th>
            <th scope="col" className="num">
              {t('coaching.session.team')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, v, fmt]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{fmt(v.agent)}</td>
              <td className="num muted">{fmt(v.team)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 className="coaching-card__sub">{t('coaching.session.rnaBySegment')}</h4>
      {card.rnaBySegment.length === 0 ? (
        <p className="muted">{t('coaching.session.noData')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('coaching.session.segment')}</th>
              <th scope="col" className="num">
                {t('coaching.session.attempts')}
              </th>
              <th scope="col" className="num">
                {t('coaching.session.agent')}
              </th>
              <th scope="col" className="num">
                {t('coaching.session.team')}
              </th>
            </tr>
          </thead>
          <tbody>
            {card.rnaBySegment.map((s) => {
              // Half again the team's rate: worth raising in the conversation.
              const worse = s.agent !== null && s.team !== null && s.agent > s.team * 1.5;
              return (
                <tr key={s.segment}>
                  <th scope="row">
                    <bdi>{s.segment}</bdi>
                  </th>
                  <td className="num">{i.num(s.attempts)}</td>
                  <td className={`num ${worse ? 'coaching-card__worse' : ''}`}>
                    {f.rate(s.agent)}
                    {worse ? <span className="visually-hidden"> {t('coaching.session.aboveTeam')}</span> : null}
                    {worse ? <span aria-hidden="true"> ▲</span> : null}
                  </td>
                  <td className="num muted">{f.rate(s.team)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h4 className="coaching-card__sub">{t('coaching.session.trend')}</h4>
      <table className="data-table coaching-trend">
        <thead>
          <tr>
            <th scope="col">{t('coaching.session.weekOf')}</th>
            <th scope="col" className="num">
              {t('coaching.metric.answered')}
            </th>
            <th scope="col" className="num">
              {t('coaching.metric.aht')}
            </th>
            <th scope="col" className="num">
              {t('coaching.metric.rnaRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {card.weeks.map((w) => (
            <tr key={w.from}>
              <th scope="row">{shortDate(i.locale, i.timezone, w.from)}</th>
              <td className="num">{f.count(w.answered)}</td>
              <td className="num">{f.sec(w.ahtSec)}</td>
              <td className="num">{f.rate(w.rnaRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ImpactPanel({ impact }: { impact: Impact | null }) {
  const i = useI18n();
  const { t } = i;
  const f = formatters(i);
  const fmt = impact?.metric === 'aht' ? f.sec : impact?.metric === 'answered' ? f.count : f.rate;
  return (
    <section className="panel coaching-card" aria-labelledby="impact-title" data-testid="impact">
      <header className="panel__head">
        <h3 className="panel__title" id="impact-title">
          {t('coaching.impact.title')}
        </h3>
      </header>
      {impact === null ? (
        <p className="muted">{t('coaching.impact.none')}</p>
      ) : (
        <>
          <p>
            {t(`coaching.metric.${impact.metric}`)} · {t('coaching.impact.window', { days: impact.days })}
          </p>
          <dl className="impact-grid">
            <dt>{t('coaching.impact.before')}</dt>
            <dd>
              {fmt(impact.before.value)} <span className="muted">(n = {i.num(impact.before.n)})</span>
            </dd>
            <dt>{t('coaching.impact.after')}</dt>
            <dd>
              {fmt(impact.after.value)} <span className="muted">(n = {i.num(impact.after.n)})</span>
            </dd>
            <dt>{t('coaching.impact.change')}</dt>
            <dd>{impact.change === null ? '—' : `${impact.change > 0 ? '+' : impact.change < 0 ? '−' : ''}${fmt(Math.abs(impact.change))}`}</dd>
          </dl>
          <p className={impact.significant ? 'impact-verdict impact-verdict--yes' : 'impact-verdict'}>
            {impact.pValue === null
              ? t('coaching.impact.tooFew')
              : t(impact.significant ? 'coaching.impact.significant' : 'coaching.impact.chance', { p: i.num(impact.pValue, { maximumSignificantDigits: 2 }), test: impact.test })}
          </p>
          {!impact.complete ? <p className="muted">{t('coaching.impact.preliminary')}</p> : null}
        </>
      )}
    </section>
  );
}

const NEXT_STATUS: SessionStatus[] = ['done', 'missed', 'cancelled', 'scheduled'];

/** The session as a lead uses it in the room: scorecard, evidence, notes, follow-ups, did it work. */
export function SessionView({ detail, warnings, onBack }: { detail: SessionDetail; warnings: string[]; onBack(): void }) {
  const i = useI18n();
  const { t, locale, timezone } = i;
  const { addNote, addAction, setAction, setStatus, ics } = useCoachingStore.getState();
  const s = detail.session;
  const [note, setNote] = useState('');
  const [action, setActionText] = useState('');
  const [due, setDue] = useState('');

  const submitNote = async (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) return;
    await addNote(s.id, note.trim());
    setNote('');
  };
  const submitAction = async (e: FormEvent) => {
    e.preventDefault();
    if (!action.trim()) return;
    await addAction(s.id, action.trim(), due || undefined);
    setActionText('');
    setDue('');
  };

  return (
    <article className="session-view" aria-labelledby="session-title" data-testid="session-view">
      <header className="session-view__head">
        <button type="button" className="button button--ghost button--small" onClick={onBack}>
          <span aria-hidden="true" className="flip-rtl">
            ←
          </span>{' '}
          {t('coaching.session.back')}
        </button>
        <div className="session-view__title-block">
          <h2 id="session-title" className="session-view__title">
            <bdi>{s.topic}</bdi>
          </h2>
          <p className="session-view__meta">
            <bdi>{s.agentName}</bdi> · {t('coaching.session.with', { lead: s.lead })} · {dateTime(locale, timezone, s.startAt)}–{clock(locale, timezone, s.endAt)} <StatusChip status={s.status} />
          </p>
        </div>
        <div className="session-view__actions">
          {NEXT_STATUS.filter((x) => x !== s.status).map((x) => (
            <button key={x} type="button" className="button button--small" onClick={() => void setStatus(s.id, x)}>
              {t(`coaching.session.mark.${x}`)}
            </button>
          ))}
          <button
            type="button"
            className="button button--small button--primary"
            data-testid="session-ics"
            onClick={() => void ics({ ids: [s.id] }).then((r) => download(r.filename, r.text))}
          >
            {t('coaching.export')}
          </button>
        </div>
      </header>
      {[...warnings, ...detail.warnings.map((w) => (w === 'outside-shift' ? t('coaching.session.outsideShift') : w))].map((w) => (
        <p key={w} className="notice notice--warn" role="status">
          <span aria-hidden="true">⚠ </span>
          {w}
        </p>
      ))}
      <div className="session-view__grid">
        <ScorecardTable card={detail.scorecard} />
        <div className="session-view__col">
          <section className="panel coaching-card" aria-labelledby="evidence-title">
            <header className="panel__head">
              <h3 className="panel__title" id="evidence-title">
                {t('coaching.form.evidence')}
              </h3>
            </header>
            {s.agenda ? <p className="session-view__agenda" dir="auto">{s.agenda}</p> : null}
            {s.evidence.length === 0 ? (
              <p className="muted">{t('coaching.session.noEvidence')}</p>
            ) : (
              <ul className="evidence-list">
                {s.evidence.map((e) => (
                  <li key={`${e.kind}:${e.ref}`} className="evidence-list__item">
                    <span className={`evidence-kind evidence-kind--${e.kind}`}>{t(`coaching.evidence.${e.kind}`)}</span> <bdi>{e.summary ?? e.ref}</bdi>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <ImpactPanel impact={detail.impact} />
        </div>
        <div className="session-view__col">
          <section className="panel coaching-card" aria-labelledby="notes-title">
            <header className="panel__head">
              <h3 className="panel__title" id="notes-title">
                {t('coaching.session.notes')}
              </h3>
            </header>
            <ul className="note-list" data-testid="notes">
              {detail.notes.map((n) => (
                <li key={n.id} className="note-list__item" dir="auto">
                  <span className="muted">{clock(locale, timezone, n.at)}</span> <bdi>{n.text}</bdi>
                </li>
              ))}
            </ul>
            {detail.notes.length === 0 ? <p className="muted">{t('coaching.session.noNotes')}</p> : null}
            <form onSubmit={(e) => void submitNote(e)} className="inline-form">
              <textarea aria-label={t('coaching.session.notePlaceholder')} placeholder={t('coaching.session.notePlaceholder')} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
              <button type="submit" className="button button--small" disabled={!note.trim()}>
                {t('coaching.session.addNote')}
              </button>
            </form>
          </section>
          <section className="panel coaching-card" aria-labelledby="actions-title">
            <header className="panel__head">
              <h3 className="panel__title" id="actions-title">
                {t('coaching.session.actions')}
              </h3>
            </header>
            <ul className="action-list" data-testid="actions">
              {detail.actions.map((a) => (
                <li key={a.id} className="action-list__item">
                  <label className="check">
                    <input type="checkbox" checked={a.done} onChange={(e) => void setAction(a.id, e.target.checked)} />
                    <bdi className={a.done ? 'action-list__done' : ''}>{a.text}</bdi>
                  </label>
                  {a.dueAt !== null ? <span className="muted">{t('coaching.session.dueOn', { date: shortDate(locale, timezone, a.dueAt) })}</span> : null}
                </li>
              ))}
            </ul>
            {detail.actions.length === 0 ? <p className="muted">{t('coaching.session.noActions')}</p> : null}
            <form onSubmit={(e) => void submitAction(e)} className="inline-form inline-form--row">
              <input aria-label={t('coaching.session.actionPlaceholder')} placeholder={t('coaching.session.actionPlaceholder')} value={action} onChange={(e) => setActionText(e.target.value)} />
              <input type="date" aria-label={t('coaching.session.due')} value={due} onChange={(e) => setDue(e.target.value)} />
              <button type="submit" className="button button--small" disabled={!action.trim()}>
                {t('coaching.session.addAction')}
              </button>
            </form>
          </section>
        </div>
      </div>
    </article>
  );
}
