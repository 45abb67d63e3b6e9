import { useEffect, useRef, useState, type FormEvent } from 'react';
import { TARGET_METRICS, type Evidence, type TargetMetric } from '../../../../shared/contract/coaching';
import { addLocalDays, localDate, localDayStartOf } from '../../../../shared/domain/time';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { useCoachingStore } from '../../stores/coaching/actions';
import { clock, shortDate } from './format';

export interface FormPrefill {
  agentId: number | null;
  anomalyId: number | null;
}

const LENGTHS = [15, 30, 45, 60, 90];

/** The scheduling form: agent, lead, local start, length, topic, agenda, evidence, recurrence, slot finder. */
export function ScheduleForm({ prefill, now, onDone, onCancel }: { prefill: FormPrefill; now: number; onDone(id: number, warnings: string[]): void; onCancel(): void }) {
  const { t, locale, timezone, pct, num } = useI18n();
  const agents = useCoachingStore((s) => s.agents);
  const settings = useCoachingStore((s) => s.settings);
  const slots = useCoachingStore((s) => s.slots);
  const { schedule, suggest, clearSlots } = useCoachingStore.getState();

  const [agentId, setAgentId] = useState<number | null>(prefill.agentId);
  const [lead, setLead] = useState(settings?.leads[0]?.name ?? '');
  const [date, setDate] = useState(addLocalDays(localDate(timezone, now), 1));
  const [time, setTime] = useState('10:00');
  const [minutes, setMinutes] = useState(30);
  const [topic, setTopic] = useState('');
  const [agenda, setAgenda] = useState('');
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const [contactRef, setContactRef] = useState('');
  const [kpiNote, setKpiNote] = useState('');
  const [target, setTarget] = useState<TargetMetric | ''>('');
  const [repeat, setRepeat] = useState<'' | 'weekly' | 'biweekly'>('');
  const [until, setUntil] = useState(addLocalDays(localDate(timezone, now), 56));
  const [days, setDays] = useState(5);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The default dates are the site's tomorrow and eight weeks on. A form opened by a link can
  // mount before the site's zone has arrived (its "today" was UTC's): until the dates are picked,
  // they follow the zone.
  const datesPicked = useRef(false);
  useEffect(() => {
    if (datesPicked.current) return;
    setDate(addLocalDays(localDate(timezone, now), 1));
    setUntil(addLocalDays(localDate(timezone, now), 56));
  }, [timezone, now]);
  const pickDate = (d: string) => {
    datesPicked.current = true;
    setDate(d);
  };

  useEffect(() => {
    clearSlots();
    if (prefill.anomalyId === null) return;
    let live = true;
    void api()
      .call('coaching.evidenceOf', { anomalyId: prefill.anomalyId })
      .then((r) => {
        if (!live) return;
        setEvidence((list) => (list.some((e) => e.kind === 'anomaly' && e.ref === r.evidence.ref) ? list : [...list, r.evidence]));
        if (r.agentId !== null) setAgentId((current) => current ?? r.agentId);
        setTopic((current) => current || t('coaching.form.topicFromAnomaly'));
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [prefill.anomalyId, clearSlots, t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (agentId === null) return setError(t('coaching.form.chooseAgent'));
    setBusy(true);
    setError(null);
    try {
      const r = await schedule({
        agentId,
        lead,
        start: `${date}T${time}`,
        minutes,
        topic,
        agenda: agenda || undefined,
        evidence,
        targetMetric: target || undefined,
        recurrence: repeat ? { every: repeat, until } : undefined,
      });
      onDone(r.firstId, r.warnings);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const pickedStart = /^\d{4}-\d{2}-\d{2}$/.test(date) ? localDayStartOf(timezone, date) + 12 * 3_600_000 : null;
  return (
    <form className="coaching-form panel" onSubmit={(e) => void submit(e)} aria-labelledby="coaching-form-title" data-testid="coaching-form">
      <header className="panel__head">
        <h2 className="panel__title" id="coaching-form-title">
          {t('coaching.form.title')}
        </h2>
        <p className="panel__summary">{t('coaching.form.zoneHint', { zone: timezone })}</p>
      </header>
      <div className="coaching-form__grid">
        <label className="field">
          <span className="field__label">{t('coaching.form.agent')}</span>
          <select required value={agentId ?? ''} onChange={(e) => setAgentId(e.target.value ? Number(e.target.value) : null)} name="agent">
            <option value="">{t('coaching.form.chooseAgent')}</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('coaching.form.lead')}</span>
          <input required name="lead" value={lead} onChange={(e) => setLead(e.target.value)} list="coaching-leads" autoComplete="off" />
          <datalist id="coaching-leads">
            {settings?.leads.map((l) => <option key={l.name} value={l.name} />)}
          </datalist>
        </label>
        <label className="field">
          <span className="field__label">{t('coaching.form.date')}</span>
          <input required type="date" name="date" value={date} onChange={(e) => pickDate(e.target.value)} />
          {pickedStart !== null ? <span className="field__hint">{shortDate(locale, timezone, pickedStart)}</span> : null}
        </label>
        <label className="field">
          <span className="field__label">{t('coaching.form.time')}</span>
          <input required type="time" name="time" value={time} onChange={(e) => setTime(e.target.value)} step={300} />
        </label>
        <label className="field">
          <span className="field__label">{t('coaching.form.minutes')}</span>
          <select name="minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {LENGTHS.map((m) => (
              <option key={m} value={m}>
                {t('coaching.form.minutesValue', { n: m })}
              </option>
            ))}
          </select>
        </label>
        <label className="field coaching-form__wide">
          <span className="field__label">{t('coaching.form.topic')}</span>
          <input required name="topic" value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={200} />
        </label>
        <label className="field coaching-form__wide">
          <span className="field__label">{t('coaching.form.agenda')}</span>
          <textarea name="agenda" rows={3} value={agenda} onChange={(e) => setAgenda(e.target.value)} maxLength={4000} />
        </label>
        <label className="field">
          <span className="field__label">{t('coaching.form.target')}</span>
          <select name="target" value={target} onChange={(e) => setTarget(e.target.value as TargetMetric | '')}>
            <option value="">{t('coaching.form.targetNone')}</option>
            {TARGET_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`coaching.metric.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('coaching.form.repeat')}</span>
          <select name="repeat" value={repeat} onChange={(e) => setRepeat(e.target.value as '' | 'weekly' | 'biweekly')}>
            <option value="">{t('coaching.form.repeatNone')}</option>
            <option value="weekly">{t('coaching.form.weekly')}</option>
            <option value="biweekly">{t('coaching.form.biweekly')}</option>
          </select>
        </label>
        {repeat ? (
          <label className="field">
            <span className="field__label">{t('coaching.form.until')}</span>
            <input
              type="date"
              name="until"
              value={until}
              onChange={(e) => {
                datesPicked.current = true;
                setUntil(e.target.value);
              }}
            />
          </label>
        ) : null}
      </div>

      <fieldset className="coaching-form__evidence">
        <legend className="field__label">{t('coaching.form.evidence')}</legend>
        {evidence.length === 0 ? <p className="muted">{t('coaching.session.noEvidence')}</p> : null}
        <ul className="evidence-list">
          {evidence.map((e) => (
            <li key={`${e.kind}:${e.ref}`} className="evidence-list__item" data-testid="form-evidence">
              <span className={`evidence-kind evidence-kind--${e.kind}`}>{t(`coaching.evidence.${e.kind}`)}</span> <bdi>{e.summary ?? e.ref}</bdi>
              <button type="button" className="button button--ghost button--small" onClick={() => setEvidence((list) => list.filter((x) => x !== e))} aria-label={t('coaching.form.removeEvidence')}>
                ✕
              </button>
            </li>
          ))}
        </ul>
        <div className="coaching-form__add">
          <input aria-label={t('coaching.form.contactId')} placeholder={t('coaching.form.contactId')} value={contactRef} onChange={(e) => setContactRef(e.target.value)} />
          <button
            type="button"
            className="button button--small"
            disabled={!contactRef.trim()}
            onClick={() => {
              setEvidence((list) => [...list, { kind: 'contact', ref: contactRef.trim(), summary: null }]);
              setContactRef('');
            }}
          >
            {t('coaching.form.addContact')}
          </button>
          <input aria-label={t('coaching.form.kpiNote')} placeholder={t('coaching.form.kpiNote')} value={kpiNote} onChange={(e) => setKpiNote(e.target.value)} />
          <button
            type="button"
            className="button button--small"
            disabled={!kpiNote.trim()}
            onClick={() => {
              setEvidence((list) => [...list, { kind: 'kpi', ref: `kpi-${Date.now()}`, summary: kpiNote.trim() }]);
              setKpiNote('');
            }}
          >
            {t('coaching.form.addKpi')}
          </button>
        </div>
      </fieldset>

      <section className="slot-finder" aria-labelledby="slot-finder-title">
        <h3 id="slot-finder-title" className="slot-finder__title">
          {t('coaching.slots.title')}
        </h3>
        <div className="slot-finder__controls">
          <label className="field field--inline">
            <span className="field__label">{t('coaching.slots.days')}</span>
            <input type="number" min={1} max={28} value={days} onChange={(e) => setDays(Math.max(1, Math.min(28, Number(e.target.value) || 1)))} />
          </label>
          <button type="button" className="button" disabled={agentId === null || !lead.trim()} onClick={() => agentId !== null && void suggest(agentId, lead, minutes, days)}>
            {t('coaching.slots.find')}
          </button>
        </div>
        {slots && slots.length === 0 ? <p className="muted">{t('coaching.slots.none')}</p> : null}
        {slots && slots.length > 0 ? (
          <ol className="slot-list" data-testid="slot-list">
            {slots.map((s) => (
              <li key={s.startAt} className="slot-list__item">
                <div>
                  <strong>
                    {shortDate(locale, timezone, s.startAt)} {clock(locale, timezone, s.startAt)}–{clock(locale, timezone, s.endAt)}
                  </strong>
                  <div className="muted">
                    {t('coaching.slots.cost', { cost: num(s.cost, { maximumFractionDigits: 2 }) })} · {t('coaching.slots.sl', { with: pct(s.slWith, 1), without: pct(s.slWithout, 1) })}
                    {s.queue ? ` · ${t('coaching.slots.forecast', { n: num(s.forecastContacts, { maximumFractionDigits: 1 }), queue: s.queue })}` : ''}
                  </div>
                </div>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    pickDate(s.start.slice(0, 10));
                    setTime(s.start.slice(11, 16));
                  }}
                >
                  {t('coaching.slots.use')}
                </button>
              </li>
            ))}
          </ol>
        ) : null}
      </section>

      {error ? (
        <p className="coaching-form__error" role="alert" data-testid="coaching-form-error">
          {error}
        </p>
      ) : null}
      <div className="coaching-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('coaching.form.submit')}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t('coaching.form.cancel')}
        </button>
      </div>
    </form>
  );
}
