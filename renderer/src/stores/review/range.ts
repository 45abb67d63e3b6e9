import type { ReviewFilters } from '../../../../shared/contract/review';
import { CHANNELS, type Channel } from '../../../../shared/domain/channels';
import { addLocalDays, localDate } from '../../../../shared/domain/time';

/**
 * Range and filters of the analytic screens, as kept in the URL's hash query
 * (`#/review?range=last7&segment=VIP`), so a view can be bookmarked, reloaded or sent on.
 */
export const RANGE_PRESETS = ['today', 'yesterday', 'last7', 'last30', 'thisMonth', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface RangeFilters {
  preset: RangePreset;
  /** Local dates; only used as given for `custom` (presets are recomputed from today). */
  from: string;
  to: string;
  channel: Channel | null;
  queue: string | null;
  /** '' = contacts without a segment. */
  segment: string | null;
  agent: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The local dates a preset covers on the site's calendar. "Last 7 days" ends today. */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, zone: string, now: number): { from: string; to: string } {
  const today = localDate(zone, now);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const y = addLocalDays(today, -1);
      return { from: y, to: y };
    }
    case 'last7':
      return { from: addLocalDays(today, -6), to: today };
    case 'last30':
      return { from: addLocalDays(today, -29), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

export function defaultFilters(zone: string, now: number): RangeFilters {
  return { preset: 'last7', ...presetRange('last7', zone, now), channel: null, queue: null, segment: null, agent: null };
}

/** Reads filters from a hash like `#/review?range=custom&from=…`; anything invalid falls back to the default. */
export function parseFilters(hash: string, zone: string, now: number): RangeFilters {
  const q = new URLSearchParams(hash.split('?')[1] ?? '');
  const base = defaultFilters(zone, now);
  const preset = (RANGE_PRESETS as readonly string[]).includes(q.get('range') ?? '') ? (q.get('range') as RangePreset) : base.preset;
  let range = preset === 'custom' ? { from: q.get('from') ?? '', to: q.get('to') ?? '' } : presetRange(preset, zone, now);
  if (!DATE.test(range.from) || !DATE.test(range.to) || range.from > range.to) range = { from: base.from, to: base.to };
  const channel = q.get('channel');
  return {
    preset,
    ...range,
    channel: channel && (CHANNELS as readonly string[]).includes(channel) ? (channel as Channel) : null,
    queue: q.get('queue') || null,
    segment: q.has('segment') ? (q.get('segment') ?? '') : null,
    agent: q.get('agent') || null,
  };
}

/** The hash query for the filters (presets are stored by name so "last 7 days" stays relative). */
export function filtersQuery(f: RangeFilters): string {
  const q = new URLSearchParams();
  q.set('range', f.preset);
  if (f.preset === 'custom') {
    q.set('from', f.from);
    q.set('to', f.to);
  }
  if (f.channel) q.set('channel', f.channel);
  if (f.queue) q.set('queue', f.queue);
  if (f.segment !== null) q.set('segment', f.segment);
  if (f.agent) q.set('agent', f.agent);
  return q.toString();
}

/** What the core's review methods take. */
export function toContractFilters(f: RangeFilters): ReviewFilters {
  return {
    from: f.from,
    to: f.to,
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.queue ? { queue: f.queue } : {}),
    ...(f.segment !== null ? { segment: f.segment } : {}),
    ...(f.agent ? { agent: f.agent } : {}),
  };
}

/** "This week" against the week before, or any range against the same length just before it. */
export { previousPeriod } from '../../../../shared/contract/review';
