import type { LiveSnapshot, Settings } from '../../../../shared/contract';
import { CHANNELS } from '../../../../shared/domain/channels';
import { CHANNEL_ICONS, OkIcon, STATE_ICONS } from '../../app/icons';
import { useEffect, useState } from 'react';
import type { Anomaly } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { explainFlag } from '../anomalies/explain';
import { agentCounts, depthLevel, longestWaitAt, serviceLevelLevel, sortAgents, tileLevel, waitLevel } from '../../stores/live/selectors';
import { Sparkline } from '../live/Sparkline';
import { LevelMark, StatusBadge } from '../live/StatusBadge';

interface PageProps {
  snapshot: LiveSnapshot;
  now: number;
  elapsed: number;
  settings: Settings;
}

export function ChannelsPage({ snapshot, elapsed, settings }: PageProps) {
  const { t, num, pct, duration } = useI18n();
  return (
    <div className="wall-grid wall-grid--channels">
      {CHANNELS.map((channel) => {
        const tile = snapshot.channels.find((c) => c.channel === channel);
        if (!tile) return null;
        const Icon = CHANNEL_ICONS[channel];
        const level = tileLevel(tile, elapsed, settings.thresholds);
        const wait = waitLevel(tile, elapsed, settings.thresholds);
        const sl = serviceLevelLevel(tile.serviceLevel, settings.serviceLevelGoalPct);
        return (
          <article key={channel} className={`wall-tile wall-tile--${level}`} data-channel={channel}>
            <header className="wall-tile__head">
              <h2 className="wall-tile__title">
                <Icon className="wall-tile__icon" />
                {t(`channel.${channel}`)}
              </h2>
              <StatusBadge level={level} size="lg" />
            </header>
            <div className={`wall-figure figure--${depthLevel(tile.waiting, settings.thresholds)}`}>
              <span className="wall-figure__value" data-testid="wallboard-figure">
                {num(tile.waiting)}
              </span>
              <span className="wall-figure__label">{t('tile.waiting')}</span>
            </div>
            <Sparkline values={tile.depth60} label={t('tile.trend')} className="wall-spark" />
            <dl className="wall-tile__stats">
              <div className={`figure--${wait}`}>
                <dt>{t('tile.longestWait')}</dt>
                <dd>
                  {tile.waiting > 0 && <LevelMark level={wait} />}
                  {duration(longestWaitAt(tile, elapsed))}
                </dd>
              </div>
              <div className={`figure--${sl ?? 'none'}`}>
                <dt>{t('tile.serviceLevel')}</dt>
                <dd>
                  {sl && <LevelMark level={sl} />}
                  {tile.serviceLevel === null ? '—' : pct(tile.serviceLevel)}
                </dd>
              </div>
              <div>
                <dt>{t('state.available')}</dt>
                <dd>{num(tile.agents.available)}</dd>
              </div>
            </dl>
          </article>
        );
      })}
    </div>
  );
}

/** Columns that fill the rows best: 7 queues read better as 4 + 3 than as 5 + 2. */
function queueColumns(count: number): number {
  if (count <= 4) return Math.max(1, count);
  if (count <= 8) return 4;
  if (count <= 10) return 5;
  return 6;
}

export function QueuesPage({ snapshot, elapsed, settings }: PageProps) {
  const { t, num, pct, duration } = useI18n();
  const queues = [...snapshot.queues].sort((a, b) => CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel) || a.queue.localeCompare(b.queue));
  return (
    <div className="wall-grid wall-grid--queues" style={{ ['--cols' as string]: queueColumns(queues.length) }}>
      {queues.map((tile) => {
        const Icon = CHANNEL_ICONS[tile.channel];
        const level = tileLevel(tile, elapsed, settings.thresholds);
        const wait = waitLevel(tile, elapsed, settings.thresholds);
        return (
          <article key={`${tile.channel}/${tile.queue}`} className={`wall-tile wall-tile--compact wall-tile--${level}`} data-channel={tile.channel} data-queue={tile.queue}>
            <header className="wall-tile__head">
              <h2 className="wall-tile__title">
                <Icon className="wall-tile__icon" />
                <bdi>{tile.queue}</bdi>
              </h2>
              <StatusBadge level={level} size="lg" />
            </header>
            <div className="wall-tile__row">
              <div className={`wall-figure figure--${depthLevel(tile.waiting, settings.thresholds)}`}>
                <span className="wall-figure__value" data-testid="wallboard-figure">
                  {num(tile.waiting)}
                </span>
                <span className="wall-figure__label">{t('tile.waiting')}</span>
              </div>
              <dl className="wall-tile__stats wall-tile__stats--stack">
                <div className={`figure--${wait}`}>
                  <dt>{t('tile.longestWait')}</dt>
                  <dd>{duration(longestWaitAt(tile, elapsed))}</dd>
                </div>
                <div>
                  <dt>{t('tile.serviceLevel')}</dt>
                  <dd>{tile.serviceLevel === null ? '—' : pct(tile.serviceLevel)}</dd>
                </div>
              </dl>
            </div>
          </article>
        );
      })}
    </div>
  );
}

const AGENT_CARD_LIMIT = 24;

export function AgentsPage({ snapshot, now }: PageProps) {
  const { t, num, duration } = useI18n();
  const counts = agentCounts(snapshot.agents);
  const online = sortAgents(snapshot.agents.filter((a) => a.state !== 'offline'));
  const states = [
    ['available', counts.available],
    ['busy', counts.busy + counts.ringing],
    ['wrapup', counts.wrapup],
    ['paused', counts.paused],
  ] as const;
  return (
    <div className="wall-agents">
      <div className="wall-grid wall-grid--states">
        {states.map(([state, count]) => {
          const Icon = STATE_ICONS[state];
          return (
            <article key={state} className={`wall-tile wall-state wall-state--${state}`}>
              <h2 className="wall-tile__title">
                <Icon className="wall-tile__icon" />
                {t(`state.${state}`)}
              </h2>
              <span className="wall-figure__value" data-testid="wallboard-figure">
                {num(count)}
              </span>
            </article>
          );
        })}
      </div>
      <ul className="wall-agent-list" aria-label={t('wall.agentsOnline', { n: online.length })}>
        {online.slice(0, AGENT_CARD_LIMIT).map((agent) => {
          const Icon = STATE_ICONS[agent.state];
          return (
            <li key={agent.id} className={`wall-agent wall-agent--${agent.state}`}>
              <bdi className="wall-agent__name">{agent.name}</bdi>
              <span className="wall-agent__state">
                <Icon />
                {t(`state.${agent.state}`)}
                {agent.reason && (
                  <>
                    {' · '}
                    <bdi>{agent.reason}</bdi>
                  </>
                )}
              </span>
              <span className="wall-agent__time">{agent.since === null ? '—' : duration(now - agent.since)}</span>
            </li>
          );
        })}
        {online.length > AGENT_CARD_LIMIT && <li className="wall-agent wall-agent--more">{t('wall.moreAgents', { n: online.length - AGENT_CARD_LIMIT })}</li>}
      </ul>
    </div>
  );
}

const ANOMALY_REFRESH_MS = 60_000;
const WALL_FLAG_LIMIT = 4;

/** Today's open anomaly flags that the latest periodic scan still finds, in the sentence a supervisor reads across the room. */
export function AnomaliesPage({ today }: { today: string | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [flags, setFlags] = useState<Anomaly[]>([]);
  useEffect(() => {
    if (!today) return undefined;
    let alive = true;
    const load = () =>
      api()
        .call('anomalies.list', { from: today, to: today, current: true })
        .then((list) => {
          if (alive) setFlags(list.filter((f) => f.status === 'new' || f.status === 'acknowledged'));
        })
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, ANOMALY_REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [today]);
  if (flags.length > 0) {
    return (
      <ul className="wall-flags" data-testid="wallboard-anomalies">
        {flags.slice(0, WALL_FLAG_LIMIT).map((f) => (
          <li key={f.id} className="wall-flag">
            <span className={`anom-badge anom-badge--${f.kind}`}>{t(`anom.kind.${f.kind}`)}</span>
            <p className="wall-flag__text">{explainFlag(i18n, f)}</p>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="wall-calm">
      <OkIcon className="wall-calm__icon" />
      <h2 className="wall-calm__title">{t('wall.noAnomalies')}</h2>
      <p className="wall-calm__body">{t('wall.noAnomaliesBody')}</p>
    </div>
  );
}
