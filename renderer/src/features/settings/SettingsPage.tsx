import { useId, useMemo, useState } from 'react';
import { LOCALES, THEMES, WALLBOARD_PAGES, type Locale, type Settings } from '../../../../shared/contract';
import { CHANNELS } from '../../../../shared/domain/channels';
import { CHANNEL_ICONS } from '../../app/icons';
import { NotificationSettings } from '../alerts/NotificationSettings';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/translate';
import { useHostStore } from '../../stores/host';
import { useSettingsStore } from '../../stores/settings/actions';
import { fieldError, unplacedErrors } from '../../stores/settings/selectors';
import { AnomalySection } from './AnomalySection';
import { Field } from '../../app/Field';
import { NumberInput, fieldId, problemText } from './fields';
import { SegmentSection, isSegmentPath } from './SegmentSection';
import { NUMBER_FIELDS, draftFrom, parseNumber, patchFrom, problemOf, sameDraft, type Draft, type NumberField } from './form';

const PAGE_TITLES: Record<Settings['wallboard']['pages'][number], MessageKey> = {
  channels: 'wall.page.channels',
  queues: 'wall.page.queues',
  agents: 'wall.page.agents',
  anomalies: 'wall.page.anomalies',
};

function DisplaySettings({ disabled }: { disabled: boolean }) {
  const { t } = useI18n();
  const settings = useSettingsStore((s) => s.settings);
  const update = useSettingsStore((s) => s.update);
  const fieldErrors = useSettingsStore((s) => s.fieldErrors);
  const themeLabel = useId();
  return (
    <section className="settings-card" aria-labelledby="settings-display">
      <h2 className="settings-card__title" id="settings-display">
        {t('settings.general')}
      </h2>
      <div className="settings-card__grid">
        <Field id="setting-locale" label={t('settings.language')} error={fieldError(fieldErrors, 'locale')}>
          <select
            id="setting-locale"
            name="locale"
            value={settings.locale}
            disabled={disabled}
            data-testid="language-picker"
            onChange={(event) => void update({ locale: event.target.value as Locale }, { optimistic: true })}
          >
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {t(`lang.${locale}`)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="field segmented" aria-labelledby={themeLabel} disabled={disabled}>
          <legend className="field__label" id={themeLabel}>
            {t('settings.theme')}
          </legend>
          <div className="segmented__options">
            {THEMES.map((theme) => (
              <label key={theme} className={`segmented__option ${settings.theme === theme ? 'is-checked' : ''}`}>
                <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => void update({ theme }, { optimistic: true })} />
                <span className={`theme-swatch theme-swatch--${theme}`} aria-hidden="true" />
                {t(`theme.${theme}`)}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    </section>
  );
}

export function SettingsPage() {
  const i18n = useI18n();
  const { t, span } = i18n;
  const settings = useSettingsStore((s) => s.settings);
  const loaded = useSettingsStore((s) => s.loaded);
  const saving = useSettingsStore((s) => s.saving);
  const fieldErrors = useSettingsStore((s) => s.fieldErrors);
  const formError = useSettingsStore((s) => s.formError);
  const savedAt = useSettingsStore((s) => s.savedAt);
  const update = useSettingsStore((s) => s.update);
  const clearErrors = useSettingsStore((s) => s.clearErrors);
  const readOnly = useHostStore((s) => s.info?.access === 'read');

  const saved = useMemo(() => draftFrom(settings), [settings]);
  // An untouched form follows settings changed elsewhere; an edited one keeps the user's text.
  const [edited, setDraft] = useState<Draft | null>(null);
  // Fields the form refused before sending (not a number, or outside the contract's bounds).
  const [refused, setRefused] = useState<NumberField[]>([]);
  const draft = edited ?? saved;
  const dirty = !sameDraft(draft, saved);

  const errorOf = (path: string): string | null => {
    const problem = refused.includes(path as NumberField) ? problemOf(path as NumberField, draft.numbers[path as NumberField]) : null;
    return problem ? problemText(i18n, problem) : fieldError(fieldErrors, path);
  };
  const known = ['timezone', 'locale', 'theme', 'wallboard.pages', 'anomalies.live', ...NUMBER_FIELDS];
  // The segments section shows its own errors beside its rows.
  const formFieldErrors = Object.fromEntries(Object.entries(fieldErrors).filter(([path]) => !isSegmentPath(path)));
  const stray = unplacedErrors(formFieldErrors, known);
  const hasFieldErrors = refused.length > 0 || Object.keys(formFieldErrors).length > 0;

  const submit = async () => {
    const result = patchFrom(draft, settings);
    if (!result.ok) {
      setRefused(result.invalid);
      clearErrors();
      document.getElementById(fieldId(result.invalid[0]!))?.focus();
      return;
    }
    setRefused([]);
    if (await update(result.patch)) {
      setDraft(null);
    } else {
      const first = Object.keys(useSettingsStore.getState().fieldErrors)[0];
      if (first) document.getElementById(fieldId(first))?.focus();
    }
  };

  const numberProps = { draft, setDraft, disabled: readOnly || !loaded };
  const seconds = t('settings.unit.seconds');
  const percent = t('settings.unit.percent');
  const hours = t('settings.unit.hours');
  const equals = (field: NumberField) => {
    const value = parseNumber(draft.numbers[field]);
    return value !== null && value > 0 && Number.isInteger(value) ? t('settings.equals', { duration: span(value) }) : undefined;
  };

  return (
    <div className="settings">
      {readOnly && <p className="notice">{t('settings.readOnlyNote')}</p>}
      <DisplaySettings disabled={readOnly || !loaded} />
      <NotificationSettings disabled={readOnly || !loaded} />
      <form
        className="settings-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="settings-columns">
          <section className="settings-card" aria-labelledby="settings-site">
            <h2 className="settings-card__title" id="settings-site">
              {t('settings.site')}
            </h2>
            <Field id="setting-timezone" label={t('settings.timezone')} hint={t('settings.timezoneHint')} error={errorOf('timezone')}>
              <input
                id="setting-timezone"
                name="timezone"
                type="text"
                dir="ltr"
                list="timezones"
                autoComplete="off"
                spellCheck={false}
                value={draft.timezone}
                disabled={numberProps.disabled}
                aria-invalid={errorOf('timezone') ? true : undefined}
                aria-describedby={`setting-timezone-hint${errorOf('timezone') ? ' setting-timezone-error' : ''}`}
                onChange={(event) => setDraft({ ...draft, timezone: event.target.value })}
              />
              <datalist id="timezones">
                {Intl.supportedValuesOf('timeZone').map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </Field>
            <NumberInput field="serviceLevelGoalPct" label={t('settings.slGoal')} hint={t('settings.slGoalHint')} unit={percent} error={errorOf('serviceLevelGoalPct')} {...numberProps} />
            <NumberInput field="staleAfterSec" label={t('settings.staleAfter')} hint={t('settings.staleAfterHint')} unit={seconds} error={errorOf('staleAfterSec')} {...numberProps} />
          </section>

          <section className="settings-card" aria-labelledby="settings-targets">
            <h2 className="settings-card__title" id="settings-targets">
              {t('settings.targets')}
            </h2>
            <p className="settings-card__hint">{t('settings.targetsHint')}</p>
            <div className="settings-card__grid settings-card__grid--targets">
              {CHANNELS.map((channel) => {
                const Icon = CHANNEL_ICONS[channel];
                const field = `targetSec.${channel}` as const;
                return (
                  <NumberInput
                    key={channel}
                    field={field}
                    label={t(`channel.${channel}`)}
                    unit={seconds}
                    hint={equals(field) ?? <Icon />}
                    error={errorOf(field)}
                    {...numberProps}
                  />
                );
              })}
            </div>
          </section>

          <section className="settings-card" aria-labelledby="settings-thresholds">
            <h2 className="settings-card__title" id="settings-thresholds">
              {t('settings.thresholds')}
            </h2>
            <p className="settings-card__hint">{t('settings.thresholdsHint')}</p>
            <div className="settings-card__grid">
              <NumberInput field="thresholds.amberTargetShare" label={t('settings.amberShare')} unit={percent} error={errorOf('thresholds.amberTargetShare')} {...numberProps} />
              <NumberInput field="thresholds.redTargetShare" label={t('settings.redShare')} unit={percent} error={errorOf('thresholds.redTargetShare')} {...numberProps} />
              <NumberInput field="thresholds.amberDepth" label={t('settings.amberDepth')} unit="#" error={errorOf('thresholds.amberDepth')} {...numberProps} />
              <NumberInput field="thresholds.redDepth" label={t('settings.redDepth')} unit="#" error={errorOf('thresholds.redDepth')} {...numberProps} />
            </div>
          </section>

          <section className="settings-card" aria-labelledby="settings-wallboard">
            <h2 className="settings-card__title" id="settings-wallboard">
              {t('settings.wallboard')}
            </h2>
            <NumberInput field="wallboard.rotateSec" label={t('settings.rotate')} unit={seconds} error={errorOf('wallboard.rotateSec')} {...numberProps} />
            <fieldset className={`field ${errorOf('wallboard.pages') ? 'field--invalid' : ''}`} disabled={numberProps.disabled}>
              <legend className="field__label">{t('settings.pages')}</legend>
              <div className="checks">
                {WALLBOARD_PAGES.map((page) => (
                  <label key={page} className="check">
                    <input
                      type="checkbox"
                      name="wallboard.pages"
                      value={page}
                      checked={draft.pages.includes(page)}
                      onChange={(event) =>
                        setDraft({
                          ...draft,
                          pages: event.target.checked ? WALLBOARD_PAGES.filter((p) => p === page || draft.pages.includes(p)) : draft.pages.filter((p) => p !== page),
                        })
                      }
                    />
                    {t(PAGE_TITLES[page])}
                  </label>
                ))}
              </div>
              {errorOf('wallboard.pages') && <p className="field__error">{errorOf('wallboard.pages')}</p>}
            </fieldset>
          </section>

          <section className="settings-card" aria-labelledby="settings-counting">
            <h2 className="settings-card__title" id="settings-counting">
              {t('settings.counting')}
            </h2>
            <div className="settings-card__grid">
              <NumberInput field="shortAbandonSec" label={t('settings.shortAbandon')} hint={t('settings.shortAbandonHint')} unit={seconds} error={errorOf('shortAbandonSec')} {...numberProps} />
              <NumberInput field="repeatWindowHours" label={t('settings.repeatWindow')} hint={t('settings.repeatWindowHint')} unit={hours} error={errorOf('repeatWindowHours')} {...numberProps} />
              <NumberInput field="repeatBoost" label={t('settings.repeatBoost')} hint={t('settings.repeatBoostHint')} unit="×" error={errorOf('repeatBoost')} {...numberProps} />
            </div>
          </section>

          <AnomalySection errorOf={errorOf} {...numberProps} />
        </div>

        <div className="settings-actions" role="group">
          <div className="settings-actions__status" role="status">
            {saving
              ? t('settings.saving')
              : hasFieldErrors
                ? t('settings.invalid')
                : formError
                  ? t('settings.saveFailed', { message: formError })
                  : savedAt && !dirty
                    ? t('settings.saved')
                    : ''}
            {stray.length > 0 && (
              <ul className="settings-actions__stray">
                {stray.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </div>
          <button
            type="button"
            className="button button--ghost"
            disabled={!dirty || saving}
            onClick={() => {
              setDraft(null);
              setRefused([]);
              clearErrors();
            }}
          >
            {t('settings.discard')}
          </button>
          <button type="submit" className="button button--primary" disabled={!dirty || saving || numberProps.disabled}>
            {saving ? t('settings.saving') : t('settings.save')}
          </button>
        </div>
      </form>
      <SegmentSection disabled={readOnly || !loaded} />
    </div>
  );
}
