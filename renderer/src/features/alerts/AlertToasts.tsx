import './alerts.css';
import { useEffect } from 'react';
import { BreachIcon, WarningIcon } from '../../app/icons';
import { useI18n } from '../../i18n/useI18n';
import { alertText, useAlertsStore } from '../../stores/alerts/alerts';
import { useSettingsStore } from '../../stores/settings/actions';

/** The latest live alerts as a small stack in the corner of the live console (whatever the settings). */
export function AlertToasts() {
  const { t, span, time } = useI18n();
  const toasts = useAlertsStore((s) => s.toasts);
  const dismiss = useAlertsStore((s) => s.dismiss);
  const targetSec = useSettingsStore((s) => s.settings.targetSec);

  useEffect(() => {
    if (toasts.length === 0) return;
    const timer = setInterval(() => useAlertsStore.getState().expire(), 1000);
    return () => clearInterval(timer);
  }, [toasts.length]);

  return (
    <div className="alert-toasts" role="status" aria-live="polite" aria-label={t('alerts.region')} data-testid="alert-toasts">
      {toasts.map((toast) => {
        const text = alertText(toast.alert, { targetSec }, t, span);
        const Icon = toast.alert.kind === 'target-missed' ? BreachIcon : WarningIcon;
        return (
          <div key={toast.id} className={`alert-toast alert-toast--${toast.alert.kind}`} data-testid="alert-toast">
            <Icon className="alert-toast__icon" />
            <div className="alert-toast__text">
              <p className="alert-toast__kind">
                {t(`alerts.kind.${toast.alert.kind}`)} · <time>{time(toast.alert.at, false)}</time>
              </p>
              <p className="alert-toast__title">{text.title}</p>
              <p className="alert-toast__body">{text.body}</p>
            </div>
            <button type="button" className="alert-toast__close" aria-label={t('alerts.dismiss')} onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
