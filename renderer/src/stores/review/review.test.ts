import { describe, expect, it } from 'vitest';
import { filtersQuery, parseFilters, presetRange, previousPeriod, toContractFilters } from './range';
import { jobShare, trendOf, visibleJobs } from './selectors';

// 2026-03-31 22:30 UTC is already 1 April in Tallinn (UTC+3 in summer time).
const NOW = Date.UTC(2026, 2, 31, 22, 30);
const ZONE = 'Europe/Tallinn';

describe('range presets', () => {
  it('count days on the site’s calendar', () => {
    expect(presetRange('today', ZONE, NOW)).toEqual({ from: '2026-04-01', to: '2026-04-01' });
    expect(presetRange('today', 'UTC', NOW)).toEqual({ from: '2026-03-31', to: '2026-03-31' });
    expect(presetRange('yesterday', ZONE, NOW)).toEqual({ from: '2026-03-31', to: '2026-03-31' });
    expect(presetRange('last7', ZONE, NOW)).toEqual({ from: '2026-03-26', to: '2026-04-01' });
    expect(presetRange('last30', ZONE, NOW)).toEqual({ from: '2026-03-03', to: '2026-04-01' });
    expect(presetRange('thisMonth', ZONE, NOW)).toEqual({ from: '2026-04-01', to: '2026-04-01' });
  });

  it('the period before has the same length and ends the day before', () => {
    expect(previousPeriod('2026-03-23', '2026-03-29')).toEqual({ from: '2026-03-16', to: '2026-03-22' });
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });
});

describe('filters in the URL', () => {
  it('round-trip through the hash query, keeping presets relative', () => {
    const f = { ...parseFilters('#/review', ZONE, NOW), channel: 'voice' as const, segment: '', agent: 'Liis Kumar' };
    const q = filtersQuery(f);
    expect(q).toBe('range=last7&channel=voice&segment=&agent=Liis+Kumar');
    expect(parseFilters(`#/review?${q}`, ZONE, NOW)).toEqual(f);
    const custom = parseFilters('#/anomalies?range=custom&from=2026-01-05&to=2026-01-11&segment=%D8%B7%D9%84%D8%A7%DB%8C%DB%8C', ZONE, NOW);
    expect(custom).toMatchObject({ preset: 'custom', from: '2026-01-05', to: '2026-01-11', segment: 'طلایی', queue: null });
    expect(toContractFilters(custom)).toEqual({ from: '2026-01-05', to: '2026-01-11', segment: 'طلایی' });
  });

  it('fall back to the default for anything invalid', () => {
    expect(parseFilters('#/review?range=custom&from=2026-02-10&to=2026-02-01&channel=fax', ZONE, NOW)).toMatchObject({ from: '2026-03-26', to: '2026-04-01', channel: null });
    expect(parseFilters('#/review?range=forever', ZONE, NOW).preset).toBe('last7');
  });
});

describe('selectors', () => {
  it('say whether a change is better or worse for the floor, never by colour alone', () => {
    expect(trendOf({ metric: 'serviceLevel', a: 0.8, b: 0.7, diff: 0.1, pct: 0.14 })).toBe('better');
    expect(trendOf({ metric: 'abandonRate', a: 0.1, b: 0.05, diff: 0.05, pct: 1 })).toBe('worse');
    expect(trendOf({ metric: 'asaSec', a: 10, b: 20, diff: -10, pct: -0.5 })).toBe('better');
    expect(trendOf({ metric: 'offered', a: 10, b: 5, diff: 5, pct: 1 })).toBe('neutral');
    expect(trendOf({ metric: 'csat', a: null, b: 0.5, diff: null, pct: null })).toBe('unknown');
    expect(trendOf({ metric: 'answered', a: 5, b: 5, diff: 0, pct: 0 })).toBe('same');
  });

  it('list running jobs first and know their share done', () => {
    const job = (jobId: string, state: 'running' | 'done', done = 0, total: number | null = null) => ({ jobId, kind: 'export' as const, state, done, total, file: null, bytes: 0, error: null });
    expect(visibleJobs({ a: job('export-1', 'done'), b: job('export-2', 'running'), c: job('export-3', 'done') }).map((j) => j.jobId)).toEqual(['export-2', 'export-3', 'export-1']);
    expect(jobShare(job('x', 'running', 50, 200))).toBe(0.25);
    expect(jobShare(job('x', 'running', 50, null))).toBeNull();
    expect(jobShare(job('x', 'done'))).toBe(1);
  });
});
