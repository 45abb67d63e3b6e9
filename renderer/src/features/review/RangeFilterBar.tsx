import { useId } from 'react';
import type { ReviewOptions } from '../../../../shared/contract/review';
import { CHANNELS, isChannel } from '../../../../shared/domain/channels';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/translate';
import { presetRange, RANGE_PRESETS, type RangeFilters, type RangePreset } from '../../stores/review/range';
import { useRangeFilters } from '../../stores/review/useRangeFilters';
import { useSettingsStore } from '../../stores/settings/actions';

const PRESET_LABELS: Record<RangePreset, MessageKey> = {
  today: 'review.range.today',
  yesterday: 'review.range.yesterday',
  last7: 'review.range.last7',
  last30: 'review.range.last30',
  thisMonth: 'review.range.thisMonth',
  custom: 'review.range.custom',
};

/** Select value for "all"; '' is taken by "no segment". */
const ALL = '__all__';

/**
 * Date range (presets or custom dates) and channel / queue / segment / agent filters. Controlled:
 * pair it with `useRangeFilters()` (URL-backed) as `RangeFilterBarConnected` does, so every
 * analytic screen shares one range and a reload keeps it.
 */
export function RangeFilterBar({ filters, onChange, options }: { filters: RangeFilters; onChange(next: RangeFilters): void; options: ReviewOptions }) {
  const { t } = useI18n();
  const zone = useSettingsStore((s) => s.settings.timezone);
  const id = useId();
  const pick = (preset: RangePreset) => onChange(preset === 'custom' ? { ...filters, preset } : { ...filters, preset, ...presetRange(preset, zone, Date.now()) });
  const select = (key: 'queue' | 'segment' | 'agent', label: MessageKey, values: string[], extra?: { value: string; label: string }) => (
    <label className="range-bar__field">
      <span>{t(label)}</span>
      <select value={filters[key] ?? ALL} onChange={(e) => onChange({ ...filters, [key]: e.target.value === ALL ? null : e.target.value })} data-testid={`filter-${key}`}>
        <option value={ALL}>{t('review.filter.all')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
        {extra && <option value={extra.value}>{extra.label}</option>}
      </select>
    </label>
  );
  return (
    <form className="range-bar" role="search" aria-label={t('review.filter.label')} onSubmit={(e) => e.preventDefault()}>
      <fieldset className="range-bar__presets segmented">
        <legend className="visually-hidden">{t('review.range.label')}</legend>
        <div className="segmented__options">
          {RANGE_PRESETS.map((p) => (
            <button key={p} type="button" className="segmented__option" aria-pressed={filters.preset === p} data-testid={`range-${p}`} onClick={() => pick(p)}>
              {t(PRESET_LABELS[p])}
            </button>
          ))}
        </div>
      </fieldset>
      <label className="range-bar__field">
        <span>{t('review.range.from')}</span>
        <input
          type="date"
          id={`${id}-from`}
          value={filters.from}
          max={filters.to}
          data-testid="range-from"
          onChange={(e) => e.target.value && onChange({ ...filters, preset: 'custom', from: e.target.value })}
        />
      </label>
      <label className="range-bar__field">
        <span>{t('review.range.to')}</span>
        <input type="date" value={filters.to} min={filters.from} data-testid="range-to" onChange={(e) => e.target.value && onChange({ ...filters, preset: 'custom', to: e.target.value })} />
      </label>
      <label className="range-bar__field">
        <span>{t('review.filter.channel')}</span>
        <select value={filters.channel ?? ''} data-testid="filter-channel" onChange={(e) => onChange({ ...filters, channel: isChannel(e.target.value) ? e.target.value : null })}>
          <option value="">{t('review.filter.all')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
      </label>
      {select('queue', 'review.filter.queue', options.queues)}
      {select('segment', 'review.filter.segment', options.segments, { value: '', label: t('review.filter.noSegment') })}
      {select('agent', 'review.filter.agent', options.agents)}
      {(filters.channel || filters.queue || filters.segment !== null || filters.agent) && (
        <button type="button" className="button button--ghost button--small" onClick={() => onChange({ ...filters, channel: null, queue: null, segment: null, agent: null })}>
          {t('review.filter.clear')}
        </button>
      )}
    </form>
  );
}

/** The bar wired to the URL: drop-in for other analytic screens. */
export function RangeFilterBarConnected({ options }: { options: ReviewOptions }) {
  const [filters, setFilters] = useRangeFilters();
  return <RangeFilterBar filters={filters} onChange={setFilters} options={options} />;
}
