import './alerts.css';
import { useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useSettingsStore } from '../../stores/settings/actions';
import { beep, notificationPermission, requestNotificationPermission } from './notify';

/** The two alert switches of the settings screen; each is saved as soon as it is flipped. */
export function NotificationSettings({ disabled }: { disabled: boolean }) {
  const { t } = useI18n();
  const notifications = useSettingsStore((s) => s.settings.notifications);
  const update = useSettingsStore((s) => s.update);
  const [permission, setPermission] = useState(notificationPermission);
  const [asking, setAsking] = useState(false);

  const setDesktop = async (on: boolean) => {
    if (on) {
      setAsking(true);
      const answer = await requestNotificationPermission();
      setAsking(false);
      setPermission(answer);
      // Saved even when refused, so the choice is kept once the user allows it in the browser.
    }
    await update({ notifications: { ...notifications, desktop: on } }, { optimistic: true });
  };

  const note =
    asking ? t('alerts.settings.asking')
    : permission === 'unsupported' ? t('alerts.settings.unsupported')
    : notifications.desktop && permission === 'denied' ? t('alerts.settings.denied')
    : null;

  return (
    <section className="settings-card" aria-labelledby="settings-alerts">
      <h2 className="settings-card__title" id="settings-alerts">
        {t('alerts.settings.title')}
      </h2>
      <p className="settings-card__hint">{t('alerts.settings.hint')}</p>
      <div className="checks checks--stacked">
        <label className="check">
          <input
            type="checkbox"
            name="notifications.desktop"
            data-testid="notify-desktop"
            checked={notifications.desktop}
            disabled={disabled || permission === 'unsupported'}
            aria-describedby={note ? 'alerts-note' : undefined}
            onChange={(event) => void setDesktop(event.target.checked)}
          />
          {t('alerts.settings.desktop')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="notifications.sound"
            data-testid="notify-sound"
            checked={notifications.sound}
            disabled={disabled}
            onChange={(event) => {
              if (event.target.checked) beep();
              void update({ notifications: { ...notifications, sound: event.target.checked } }, { optimistic: true });
            }}
          />
          {t('alerts.settings.sound')}
        </label>
      </div>
      {note && (
        <p className="field__hint" id="alerts-note" role="status">
          {note}
        </p>
      )}
      <button type="button" className="button button--ghost button--small alerts-test" onClick={beep}>
        {t('alerts.settings.test')}
      </button>
    </section>
  );
}
