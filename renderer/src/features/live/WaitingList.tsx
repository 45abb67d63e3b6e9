import { useMemo, useState } from 'react';
import type { LiveSnapshot, Settings } from '../../../../shared/contract';
import { CHANNELS, isChannel } from '../../../../shared/domain/channels';
import { CHANNEL_ICONS, FilterIcon, RepeatIcon } from '../../app/icons';
import { useI18n } from '../../i18n/useI18n';
import { memoByView, shownSeconds } from '../../app/memo';
import { NO_FILTERS, selectWaitingRows, waitingFilterOptions, type Level, type WaitingFilters, type WaitingRow as WaitingRowData } from '../../stores/live/selectors';

/** Select value for "no filter"; `''` is taken by "no segment". */
const ALL = '__all__';

/** The same amber/red shares as the tiles, applied to urgency (which already carries weights). */
function urgencyLevel(urgency: number, thresholds: Settings['thresholds']): Level {
  if (urgency >= thresholds.redTargetShare) return 'breach';
  if (urgency >= thresholds.amberTargetShare) return 'warning';
  return 'ok';
}

function Filters({ snapshot, filters, onChange }: { snapshot: LiveSnapshot; filters: WaitingFilters; onChange(next: WaitingFilters): void }) {
  const { t } = useI18n();
  const options = waitingFilterOptions(snapshot, filters.channel);
  const active = filters.channel !== null || filters.queue !== null || filters.segment !== null;
  return (
    <form className="filters" role="search" aria-label={t('filter.label')} onSubmit={(event) => event.preventDefault()}>
      <FilterIcon className="filters__icon" />
      <label className="filters__field">
        <span>{t('filter.channel')}</span>
        <select
          value={filters.channel ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ channel: isChannel(value) ? value : null, queue: null, segment: filters.segment });
          }}
        >
          <option value="">{t('filter.all')}</option>
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`channel.${channel}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="filters__field">
        <span>{t('filter.queue')}</span>
        <select value={filters.queue ?? ALL} onChange={(event) => onChange({ ...filters, queue: event.target.value === ALL ? null : event.target.value })}>
          <option value={ALL}>{t('filter.all')}</option>
          {[...new Set(options.queues.map((q) => q.queue))].map((queue) => (
            <option key={queue} value={queue}>
              {queue}
            </option>
          ))}
        </select>
      </label>
      <label className="filters__field">
        <span>{t('filter.segment')}</span>
        <select value={filters.segment ?? ALL} onChange={(event) => onChange({ ...filters, segment: event.target.value === ALL ? null : event.target.value })}>
          <option value={ALL}>{t('filter.all')}</option>
          {options.segments.map((segment) => (
            <option key={segment} value={segment}>
              {segment}
            </option>
          ))}
          {options.hasUnsegmented && <option value="">{t('waiting.noSegment')}</option>}
        </select>
      </label>
      {active && (
        <button type="button" className="button button--ghost button--small" onClick={() => onChange(NO_FILTERS)}>
          {t('filter.clear')}
        </button>
      )}
    </form>
  );
}

interface WaitingRowProps {
  row: WaitingRowData;
  thresholds: Settings['thresholds'];
}

function WaitingRowView({ row: { contact, urgency, waitedMs, leftMs }, thresholds }: WaitingRowProps) {
  const { t, num, duration, span } = useI18n();
  const level = urgencyLevel(urgency, thresholds);
  const Icon = CHANNEL_ICONS[contact.channel];
  return (
    <tr
      key={contact.id}
      data-testid="waiting-row"
      data-urgency={urgency.toFixed(4)}
      data-channel={contact.channel}
      data-level={level} className={`waiting-row waiting-row--${level}`}>
      <td className="col-urgency">
        <span className="urgency">
          <span className="urgency__bar" aria-hidden="true">
            <span className="urgency__fill" style={{ inlineSize: `${Math.min(100, (urgency / 2) * 100)}%` }} />
          </span>
          <span className="urgency__value">{num(urgency, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</span>
        </span>
      </td>
      <td>
        <span className="channel-chip" data-channel={contact.channel}>
          <Icon className="channel-chip__icon" />
          {t(`channel.${contact.channel}`)}
        </span>
      </td>
      <td className="waiting__queue">
        <bdi>{contact.queue}</bdi>
      </td>
      <td>
        <span className="customer">
          <bdi className="customer__name">{contact.customerName ?? contact.caller ?? t('waiting.unknownCaller')}</bdi>
          {contact.customerName && contact.caller && (
            <bdi className="customer__caller" dir="ltr">
              {contact.caller}
            </bdi>
          )}
          {contact.segment && <span className={`segment segment--${contact.segment.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`}>{contact.segment}</span>}
          {contact.repeat && (
            <span className="repeat-mark" title={t('waiting.repeatHint')}>
              <RepeatIcon />
              {t('waiting.repeat')}
            </span>
          )}
        </span>
      </td>
      <td className="num waiting__waited">{duration(waitedMs)}</td>
      <td className={`waiting__left waiting__left--${leftMs < 0 ? 'missed' : 'left'}`} title={t('tile.target', { duration: span(contact.targetSec) })}>
        {leftMs < 0 ? t('waiting.missed', { duration: duration(-leftMs) }) : t('waiting.left', { duration: duration(leftMs) })}
      </td>
    </tr>
  );
}

const WaitingRow = memoByView(WaitingRowView, ({ row: { contact: c, urgency, waitedMs, leftMs }, thresholds }) => [
  c.id,
  c.channel,
  c.queue,
  c.customerName,
  c.caller,
  c.segment,
  c.repeat,
  c.targetSec,
  urgency.toFixed(4),
  shownSeconds(waitedMs),
  shownSeconds(leftMs),
  thresholds,
]);

export function WaitingList({ snapshot, now, settings }: { snapshot: LiveSnapshot; now: number; settings: Settings }) {
  const { t, num } = useI18n();
  const [filters, setFilters] = useState<WaitingFilters>(NO_FILTERS);
  const rows = useMemo(() => selectWaitingRows(snapshot.waiting, now, filters), [snapshot.waiting, now, filters]);
  const filtered = filters !== NO_FILTERS && (filters.channel !== null || filters.queue !== null || filters.segment !== null);
  const total = filtered ? rows.length : snapshot.waitingTotal;
  return (
    <section className="panel waiting" aria-labelledby="waiting-title">
      <header className="panel__head">
        <h2 className="panel__title" id="waiting-title">
          {t('waiting.title')}
          <span className="count-badge">{num(snapshot.waitingTotal)}</span>
        </h2>
        <Filters snapshot={snapshot} filters={filters} onChange={setFilters} />
      </header>
      {rows.length === 0 ? (
        <p className="panel__empty">{filtered ? t('waiting.emptyFiltered') : t('waiting.empty')}</p>
      ) : (
        <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="waiting-title">
          <table className="data-table waiting__table">
            <thead>
              <tr>
                <th scope="col" className="col-urgency">
                  {t('waiting.col.urgency')}
                </th>
                <th scope="col">{t('waiting.col.channel')}</th>
                <th scope="col">{t('waiting.col.queue')}</th>
                <th scope="col">{t('waiting.col.customer')}</th>
                <th scope="col" className="num">
                  {t('waiting.col.waited')}
                </th>
                <th scope="col">{t('waiting.col.target')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <WaitingRow key={row.contact.id} row={row} thresholds={settings.thresholds} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!filtered && rows.length < total && <p className="panel__foot">{t('waiting.truncated', { shown: rows.length, total })}</p>}
    </section>
  );
}
