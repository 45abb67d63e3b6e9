import type { MessageKey } from '../../i18n/translate';
import { useI18n } from '../../i18n/useI18n';
import { NumberInput, fieldId, type NumberProps } from './fields';
import type { NumberField } from './form';

/**
 * Anomaly detection (DESIGN §6): how much evidence a flag needs and how far back scans look. Saved
 * with the rest of the form; the next scan uses the new values.
 */
export function AnomalySection({ errorOf, ...numberProps }: NumberProps & { errorOf(path: string): string | null }) {
  const { t } = useI18n();
  const { draft, setDraft, disabled } = numberProps;
  const number = (field: NumberField, label: MessageKey, hint: MessageKey, unit: string) => (
    <NumberInput field={field} label={t(label)} hint={t(hint)} unit={unit} error={errorOf(field)} {...numberProps} />
  );
  const liveId = fieldId('anomalies.live');
  const liveError = errorOf('anomalies.live');
  return (
    <section className="settings-card" aria-labelledby="settings-anomalies" data-testid="settings-anomalies">
      <h2 className="settings-card__title" id="settings-anomalies">
        {t('anom.settings.title')}
      </h2>
      <p className="settings-card__hint">{t('anom.settings.hint')}</p>
      <div className="settings-card__grid">
        {number('anomalies.windowDays', 'anom.settings.windowDays', 'anom.settings.windowDaysHint', t('anom.settings.days'))}
        {number('anomalies.minContacts', 'anom.settings.minContacts', 'anom.settings.minContactsHint', '#')}
        {number('anomalies.minRatio', 'anom.settings.minRatio', 'anom.settings.minRatioHint', '×')}
        {number('anomalies.fdr', 'anom.settings.fdr', 'anom.settings.fdrHint', t('settings.unit.percent'))}
      </div>
      <div className={`field ${liveError ? 'field--invalid' : ''}`}>
        <label className="check">
          <input
            id={liveId}
            type="checkbox"
            name="anomalies.live"
            checked={draft.anomaliesLive}
            disabled={disabled}
            aria-describedby={`${liveId}-hint${liveError ? ` ${liveId}-error` : ''}`}
            onChange={(event) => setDraft({ ...draft, anomaliesLive: event.target.checked })}
          />
          {t('anom.settings.live')}
        </label>
        <p className="field__hint" id={`${liveId}-hint`}>
          {t('anom.settings.liveHint')}
        </p>
        {liveError && (
          <p className="field__error" id={`${liveId}-error`}>
            {liveError}
          </p>
        )}
      </div>
    </section>
  );
}
