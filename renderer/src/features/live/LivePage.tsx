import { CHANNELS } from '../../../../shared/domain/channels';
import { DepthChart } from '../../charts/DepthChart';
import { useI18n } from '../../i18n/useI18n';
import { useLiveStore } from '../../stores/live/actions';
import { queuesOf } from '../../stores/live/selectors';
import { useLive } from '../../stores/live/useLive';
import { AlertToasts } from '../alerts/AlertToasts';
import { useSettingsStore } from '../../stores/settings/actions';
import { AgentsPanel } from './AgentsPanel';
import { ChannelColumn } from './ChannelColumn';
import { WaitingList } from './WaitingList';

export function LivePage() {
  const { t } = useI18n();
  const { snapshot, now, elapsed } = useLive();
  const settings = useSettingsStore((s) => s.settings);
  const error = useLiveStore((s) => s.error);

  if (!snapshot) {
    return (
      <div className="page-message" role="status">
        {error ? (
          <>
            <p>{t('error.load', { message: error })}</p>
            <button type="button" className="button" onClick={() => void useLiveStore.getState().load()}>
              {t('action.retry')}
            </button>
          </>
        ) : (
          <p className="loading">{t('app.loading')}</p>
        )}
      </div>
    );
  }

  return (
    <div className="live">
      <section className="live__channels" aria-labelledby="channels-title">
        <h2 id="channels-title" className="visually-hidden">
          {t('live.channels')}
        </h2>
        <div className="channel-grid">
          {CHANNELS.map((channel) => {
            const tile = snapshot.channels.find((c) => c.channel === channel);
            if (!tile) return null;
            return <ChannelColumn key={channel} tile={tile} queues={queuesOf(snapshot, channel)} elapsed={elapsed} settings={settings} />;
          })}
        </div>
      </section>
      <div className="live__lower">
        <WaitingList snapshot={snapshot} now={now} settings={settings} />
        <div className="live__side">
          <section className="panel chart-panel" aria-labelledby="depth-title">
            <header className="panel__head">
              <h2 className="panel__title" id="depth-title">
                {t('chart.depth.title')}
              </h2>
              <p className="panel__summary">{t('chart.depth.subtitle')}</p>
            </header>
            <DepthChart channels={snapshot.channels} />
          </section>
          <AgentsPanel agents={snapshot.agents} now={now} />
        </div>
      </div>
      <AlertToasts />
    </div>
  );
}
