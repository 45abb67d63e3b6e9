import { useState, type FormEvent } from 'react';
import type { CoachingSettings } from '../../../../shared/contract/coaching';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { useCoachingStore } from '../../stores/coaching/actions';
import { askNotificationPermission } from '../../stores/coaching/reminders';
import { formatLeads, formatShifts, parsePeople, parseShifts, type LineError } from '../../stores/coaching/settingsText';

/** Reminder lead time, "did it work?" window, leads and agents' e-mail, the shift schedule. */
export function CoachingSettingsPanel({ settings }: { settings: CoachingSettings }) {
  const { t } = useI18n();
  const agents = useCoachingStore((s) => s.agents);
  const [reminder, setReminder] = useState(settings.reminderMinutes);
  const [impactDays, setImpactDays] = useState(settings.impactDays);
  const [from, setFrom] = useState(settings.workday.from);
  const [to, setTo] = useState(settings.workday.to);
  const [leads, setLeads] = useState(formatLeads(settings.leads));
  const [emails, setEmails] = useState(formatLeads(agents.filter((a) => a.email).map((a) => ({ name: a.name, email: a.email }))));
  const [shifts, setShifts] = useState(formatShifts(settings.shifts, agents));
  const [errors, setErrors] = useState<LineError[]>([]);
  const [status, setStatus] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const l = parsePeople(leads);
    const e = parsePeople(emails);
    const s = parseShifts(shifts, agents);
    const unknown = e.people.filter((p) => !agents.some((a) => a.name.toLowerCase() === p.name.toLowerCase()));
    const all = [...l.errors, ...e.errors, ...s.errors, ...unknown.map((p) => ({ line: 0, text: p.name }))];
    setErrors(all);
    if (all.length > 0) return;
    try {
      await api().call('coaching.updateSettings', { reminderMinutes: reminder, impactDays, workday: { from, to }, leads: l.people, shifts: s.shifts });
      const byName = new Map(e.people.map((p) => [p.name.toLowerCase(), p.email]));
      await api().call('coaching.setAgentEmails', { emails: agents.map((a) => ({ agentId: a.id, email: byName.get(a.name.toLowerCase()) ?? null })) });
      if (reminder > 0) askNotificationPermission();
      await Promise.all([useCoachingStore.getState().load(), useCoachingStore.getState().loadAgents()]);
      setStatus(t('coaching.settings.saved'));
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <form className="panel coaching-form" onSubmit={(e) => void save(e)} aria-labelledby="coaching-settings-title" data-testid="coaching-settings">
      <header className="panel__head">
        <h2 className="panel__title" id="coaching-settings-title">
          {t('coaching.settings.title')}
        </h2>
      </header>
      <div className="coaching-form__grid">
        <label className="field">
          <span className="field__label">{t('coaching.settings.reminder')}</span>
          <input type="number" min={0} max={1440} value={reminder} onChange={(e) => setReminder(Number(e.target.value) || 0)} />
          <span className="field__hint">{t('coaching.settings.reminderHint')}</span>
        </label>
        <label className="field">
          <span className="field__label">{t('coaching.settings.impactDays')}</span>
          <input type="number" min={1} max={90} value={impactDays} onChange={(e) => setImpactDays(Math.max(1, Number(e.target.value) || 1))} />
        </label>
        <div className="field">
          <span className="field__label">{t('coaching.settings.workday')}</span>
          <div className="field__control">
            <input type="time" aria-label={t('coaching.settings.workdayFrom')} value={from} onChange={(e) => setFrom(e.target.value)} />
            <span aria-hidden="true">–</span>
            <input type="time" aria-label={t('coaching.settings.workdayTo')} value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        <label className="field">
          <span className="field__label">{t('coaching.settings.leads')}</span>
          <textarea rows={5} dir="ltr" value={leads} onChange={(e) => setLeads(e.target.value)} placeholder="Lea Kask <lea@example.ee>" />
        </label>
        <label className="field">
          <span className="field__label">{t('coaching.settings.emails')}</span>
          <textarea rows={5} dir="ltr" value={emails} onChange={(e) => setEmails(e.target.value)} placeholder="Mari Tamm <mari@example.ee>" />
        </label>
        <label className="field">
          <span className="field__label">{t('coaching.settings.shifts')}</span>
          <textarea rows={5} dir="ltr" value={shifts} onChange={(e) => setShifts(e.target.value)} placeholder="Mari Tamm; Mon-Fri; 09:00-17:00" />
          <span className="field__hint">{t('coaching.settings.shiftsHint')}</span>
        </label>
      </div>
      {errors.length > 0 ? (
        <div className="coaching-form__error" role="alert">
          {t('coaching.settings.badLines')}
          <ul>
            {errors.map((e) => (
              <li key={`${e.line}-${e.text}`} dir="auto">
                {e.line > 0 ? `${e.line}: ` : ''}
                {e.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="coaching-form__actions">
        <button type="submit" className="button button--primary">
          {t('coaching.settings.save')}
        </button>
        {status ? (
          <span role="status" className="muted">
            {status}
          </span>
        ) : null}
      </div>
    </form>
  );
}
