import { useCallback, useSyncExternalStore } from 'react';
import { useSettingsStore } from '../settings/actions';
import { filtersQuery, parseFilters, type RangeFilters } from './range';

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/**
 * The range and filters of the current screen, read from and written to the URL's hash query.
 * Any analytic screen (review, anomalies, coaching) can use it: the route part of the hash stays
 * as it is. Writing replaces the history entry and dispatches `hashchange`, so every reader updates.
 */
export function useRangeFilters(): [RangeFilters, (next: RangeFilters) => void] {
  const zone = useSettingsStore((s) => s.settings.timezone);
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  // A preset's dates depend on "today": the minute is part of the key, so they follow midnight.
  const minute = useSyncExternalStore(subscribeMinute, currentMinute);
  const filters = cachedFilters(`${hash}|${zone}|${minute}`, () => parseFilters(hash, zone, minute * 60_000));
  const set = useCallback((next: RangeFilters) => {
    const route = window.location.hash.split('?')[0] || '#/review';
    const target = `${route}?${filtersQuery(next)}`;
    if (target === window.location.hash) return;
    window.history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, []);
  return [filters, set];
}

const currentMinute = () => Math.floor(Date.now() / 60_000);
function subscribeMinute(listener: () => void): () => void {
  const timer = setInterval(listener, 15_000);
  return () => clearInterval(timer);
}

// A tiny keyed memo: the same key returns the same object, so effects depending on it do not loop.
const memo = new Map<string, RangeFilters>();
function cachedFilters(key: string, make: () => RangeFilters): RangeFilters {
  let v = memo.get(key);
  if (!v) {
    if (memo.size > 50) memo.clear();
    v = make();
    memo.set(key, v);
  }
  return v;
}
