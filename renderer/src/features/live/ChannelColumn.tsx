import type { Settings } from '../../../../shared/contract';
import type { ChannelTileData, QueueTileData } from '../../stores/live/types';
import { CHANNEL_ICONS, STATE_ICONS } from '../../app/icons';
import { useI18n } from '../../i18n/useI18n';
import { depthLevel, longestWaitAt, serviceLevelLevel, tileLevel, waitLevel } from '../../stores/live/selectors';
import { memoByView, shownSeconds } from '../../app/memo';
import { Sparkline } from './Sparkline';
import { LevelMark, StatusBadge } from './StatusBadge';

interface TileProps {
  elapsed: number;
  settings: Settings;
}

function AgentMix({ agents }: { agents: ChannelTileData['agents'] }) {
  const { t, num } = useI18n();
  const items = [
    ['available', agents.available],
    ['busy', agents.busy],
    ['wrapup', agents.wrapup],
    ['paused', agents.paused],
  ] as const;
  return (
    <dl className="agent-mix" aria-label={t('tile.agents')}>
      {items.map(([state, count]) => {
        const Icon = STATE_ICONS[state];
        return (
          <div key={state} className={`agent-mix__item agent-mix__item--${state}`}>
            <dt>
              <Icon className="agent-mix__icon" />
              <span>{t(`state.${state}`)}</span>
            </dt>
            <dd>{num(count)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function ChannelTileView({ tile, elapsed, settings }: TileProps & { tile: ChannelTileData }) {
  const { t, num, pct, duration, span } = useI18n();
  const Icon = CHANNEL_ICONS[tile.channel];
  const level = tileLevel(tile, elapsed, settings.thresholds);
  const wait = waitLevel(tile, elapsed, settings.thresholds);
  const depth = depthLevel(tile.waiting, settings.thresholds);
  const sl = serviceLevelLevel(tile.serviceLevel, settings.serviceLevelGoalPct);
  const headingId = `tile-${tile.channel}`;
  return (
    <article className={`tile tile--channel tile--${level}`} data-testid="queue-tile" data-channel={tile.channel} data-level={level} aria-labelledby={headingId}>
      <header className="tile__head">
        <h3 className="tile__title" id={headingId}>
          <Icon className="tile__channel-icon" />
          {t(`channel.${tile.channel}`)}
        </h3>
        <StatusBadge level={level} />
      </header>
      <div className="tile__main">
        <div className={`figure figure--hero figure--${depth}`}>
          <span className="figure__value" data-testid="tile-waiting">
            {num(tile.waiting)}
          </span>
          <span className="figure__label">{t('tile.waiting')}</span>
        </div>
        <div className={`figure figure--wait figure--${wait}`}>
          <span className="figure__label">{t('tile.longestWait')}</span>
          <span className="figure__value">
            {tile.waiting > 0 && <LevelMark level={wait} />}
            {duration(longestWaitAt(tile, elapsed))}
          </span>
          <span className="figure__sub">{t('tile.target', { duration: span(tile.targetSec) })}</span>
        </div>
      </div>
      <AgentMix agents={tile.agents} />
      <dl className="tile__today">
        <div className={`today-stat today-stat--sl figure--${sl ?? 'none'}`}>
          <dt>{t('tile.serviceLevel')}</dt>
          <dd>
            {sl && <LevelMark level={sl} />}
            {tile.serviceLevel === null ? <span className="muted" title={t('tile.noValue')}>—</span> : pct(tile.serviceLevel)}
            <small className="today-stat__goal">{t('tile.serviceLevelGoal', { goal: pct(settings.serviceLevelGoalPct / 100) })}</small>
          </dd>
        </div>
        <div className="today-stat">
          <dt>{t('tile.answered')}</dt>
          <dd data-testid="tile-answered">{num(tile.answeredToday)}</dd>
        </div>
        <div className="today-stat">
          <dt>{t('tile.abandoned')}</dt>
          <dd data-testid="tile-abandoned">{num(tile.abandonedToday)}</dd>
        </div>
      </dl>
      <div className="tile__trend">
        <Sparkline values={tile.depth60} label={t('tile.trend')} className={`sparkline--${level}`} />
        <span className="tile__trend-label" aria-hidden="true">
          {t('tile.trend')}
        </span>
      </div>
    </article>
  );
}

function QueueTileView({ tile, elapsed, settings }: TileProps & { tile: QueueTileData }) {
  const { t, num, pct, duration } = useI18n();
  const level = tileLevel(tile, elapsed, settings.thresholds);
  const wait = waitLevel(tile, elapsed, settings.thresholds);
  return (
    <li className={`queue-row queue-row--${level}`} data-testid="queue-tile" data-channel={tile.channel} data-queue={tile.queue} data-level={level}>
      <span className="queue-row__name" title={tile.queue}>
        <bdi>{tile.queue}</bdi>
      </span>
      <span className={`queue-row__waiting figure--${depthLevel(tile.waiting, settings.thresholds)}`} title={t('tile.waiting')}>
        <span className="visually-hidden">{t('tile.waiting')} </span>
        {num(tile.waiting)}
      </span>
      <span className={`queue-row__wait figure--${wait}`} title={t('tile.longestWait')}>
        <span className="visually-hidden">{t('tile.longestWait')} </span>
        {duration(longestWaitAt(tile, elapsed))}
      </span>
      <span className="queue-row__sl" title={t('tile.serviceLevel')}>
        <span className="visually-hidden">{t('tile.serviceLevel')} </span>
        {tile.serviceLevel === null ? '—' : pct(tile.serviceLevel)}
      </span>
      <StatusBadge level={level} size="sm" />
    </li>
  );
}

/** What a tile shows that moves with the clock between snapshots. */
const clockView = ({ tile, elapsed, settings }: TileProps & { tile: QueueTileData | ChannelTileData }) => [
  shownSeconds(longestWaitAt(tile, elapsed)),
  tileLevel(tile, elapsed, settings.thresholds),
  waitLevel(tile, elapsed, settings.thresholds),
  settings,
];

export const ChannelTile = memoByView(ChannelTileView, (p) => {
  const { tile } = p;
  const a = tile.agents;
  return [
    ...clockView(p),
    tile.channel,
    tile.waiting,
    tile.targetSec,
    a.available,
    a.busy,
    a.wrapup,
    a.paused,
    tile.serviceLevel,
    tile.answeredToday,
    tile.abandonedToday,
    tile.depth60.join(),
  ];
});

export const QueueTile = memoByView(QueueTileView, (p) => [...clockView(p), p.tile.queue, p.tile.channel, p.tile.waiting, p.tile.targetSec, p.tile.serviceLevel]);

export function ChannelColumn({ tile, queues, elapsed, settings }: TileProps & { tile: ChannelTileData; queues: QueueTileData[] }) {
  const { t } = useI18n();
  return (
    <div className="channel-column">
      <ChannelTile tile={tile} elapsed={elapsed} settings={settings} />
      <section className="queue-list" aria-label={t('tile.queues', { channel: t(`channel.${tile.channel}`) })}>
        {queues.length === 0 ? (
          <p className="queue-list__empty">{t('tile.noQueues')}</p>
        ) : (
          <ul className="queue-list__rows">
            {queues.map((queue) => (
              <QueueTile key={queue.queue} tile={queue} elapsed={elapsed} settings={settings} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
