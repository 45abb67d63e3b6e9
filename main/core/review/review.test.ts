import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type CoreInternals } from '../app';
import { createMemorySettingsStore } from '../settings/file-store';
import { contactDetail, contactPage } from './contacts';
import { compareTotals, reviewKpis } from './kpis';
import { queryKpisFull } from '../analytics/kpis-full';
import { reviewHistory } from './testing';
import type { ReviewFilters } from '../../../shared/contract/review';

const cores: CoreInternals[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

function core() {
  const settings = createMemorySettingsStore({ timezone: 'UTC' });
  const c = createCore({ dbPath: ':memory:', settings, host: 'headless', version: 't', runSources: false });
  cores.push(c);
  c.ingest(reviewHistory('2026-03-14', 14, 40));
  const s = settings.get();
  return { c, rollup: { timezone: s.timezone, targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec, segmentRules: s.segmentRules } };
}

const WEEK: ReviewFilters = { from: '2026-03-08', to: '2026-03-14' };

describe('review KPIs', () => {
  it('without dimension filters are exactly queryKpis', () => {
    const { c, rollup } = core();
    expect(reviewKpis(c.db, WEEK, ['day', 'segment'], 'UTC', rollup, 72)).toEqual(queryKpisFull(c.db, { ...WEEK, by: ['day', 'segment'], zone: 'UTC', repeatWindowHours: 72 }, rollup));
  });

  it('with a segment filter equal the matching rows of the unfiltered table', () => {
    const { c, rollup } = core();
    const all = queryKpisFull(c.db, { ...WEEK, by: ['day', 'segment'], zone: 'UTC', repeatWindowHours: 72 }, rollup).filter((r) => r.segment === '金卡');
    const filtered = reviewKpis(c.db, { ...WEEK, segment: '金卡' }, ['day'], 'UTC', rollup, 72);
    expect(filtered).toEqual(all.map(({ segment: _s, ...rest }) => rest));
    expect(filtered).toHaveLength(7);
  });

  it('filters by channel, queue and agent, and refuses filters in a zone the rollup is not in', () => {
    const { c, rollup } = core();
    const [voice] = reviewKpis(c.db, { ...WEEK, channel: 'voice' }, [], 'UTC', rollup, 72);
    const [chat] = reviewKpis(c.db, { ...WEEK, channel: 'chat' }, [], 'UTC', rollup, 72);
    const [all] = reviewKpis(c.db, WEEK, [], 'UTC', rollup, 72);
    expect(voice!.offered + chat!.offered).toBe(all!.offered);
    const [a] = reviewKpis(c.db, { ...WEEK, agent: 'Agent A' }, [], 'UTC', rollup, 72);
    expect(a!.offered).toBe(all!.answered);
    // In another zone than the rollup's, the same filters still apply (counted from contacts).
    const [tokyo] = reviewKpis(c.db, { ...WEEK, queue: 'Sales' }, [], 'Asia/Tokyo', rollup, 72);
    expect(tokyo!.offered).toBeGreaterThan(0);
  });

  it('compares two periods: differences and relative change, nulls where undefined', () => {
    const a = { offered: 120, answered: 90, abandoned: 30, asaSec: 20, csat: null };
    const b = { offered: 100, answered: 90, abandoned: 10, asaSec: null, csat: null };
    const rows = Object.fromEntries(compareTotals(a, b).map((r) => [r.metric, r]));
    expect(rows.offered).toEqual({ metric: 'offered', a: 120, b: 100, diff: 20, pct: 0.2 });
    expect(rows.abandoned!.pct).toBe(2);
    expect(rows.asaSec).toMatchObject({ a: 20, b: null, diff: null, pct: null });
    expect(compareTotals(a, undefined).find((r) => r.metric === 'offered')).toMatchObject({ b: 0, diff: 120, pct: null });
    expect(compareTotals(a, undefined).find((r) => r.metric === 'serviceLevel')).toMatchObject({ b: null, diff: null });
  });
});

describe('contacts explorer', () => {
  const walk = (c: CoreInternals, f: ReviewFilters, sort: 'enter-desc' | 'enter-asc' | 'wait-desc', limit: number) => {
    const ids: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < 1000; i++) {
      const page = contactPage(c.db, 'UTC', f, sort, after, limit);
      ids.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      after = page.next;
    }
    return ids;
  };

  it('pages through every contact once, in order, for each sort', () => {
    const { c } = core();
    const all = (c.db.prepare("SELECT id, enter_at, wait_ms FROM contacts WHERE enter_at >= ? AND enter_at < ?").all(Date.parse('2026-03-08'), Date.parse('2026-03-15')) as { id: number; enter_at: number; wait_ms: number | null }[]);
    const desc = walk(c, WEEK, 'enter-desc', 37);
    expect(desc).toEqual([...all].sort((x, y) => y.enter_at - x.enter_at || y.id - x.id).map((r) => r.id));
    expect(walk(c, WEEK, 'enter-asc', 50)).toEqual([...desc].reverse());
    const waits = walk(c, WEEK, 'wait-desc', 23);
    expect(new Set(waits).size).toBe(all.length);
    expect(waits).toEqual([...all].sort((x, y) => (y.wait_ms ?? -1) - (x.wait_ms ?? -1) || y.id - x.id).map((r) => r.id));
  });

  it('a segment filter (walked hour by hour through the rollup) gives what a plain filter gives', () => {
    const { c } = core();
    const expected = (c.db.prepare("SELECT id FROM contacts WHERE segment_hint = 'VIP' AND enter_at >= ? AND enter_at < ? ORDER BY enter_at DESC, id DESC").all(Date.parse('2026-03-08'), Date.parse('2026-03-15')) as { id: number }[]).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(50);
    expect(walk(c, { ...WEEK, segment: 'VIP' }, 'enter-desc', 17)).toEqual(expected);
    expect(walk(c, { ...WEEK, segment: 'VIP' }, 'enter-asc', 17)).toEqual([...expected].reverse());
    expect(walk(c, { ...WEEK, segment: 'nobody' }, 'enter-desc', 17)).toEqual([]);
    const rows = contactPage(c.db, 'UTC', { ...WEEK, segment: '' }, 'enter-desc', null, 5).rows;
    expect(rows.every((r) => r.segment === '')).toBe(true);
  });

  it('shows a contact’s timeline: entry, the ring that rang out, the answer, transfer, end', () => {
    const { c } = core();
    const id = (c.db.prepare("SELECT id FROM contacts WHERE source_id = 'r-0-20'").get() as { id: number }).id;
    const detail = contactDetail(c.db, id)!;
    expect(detail.timeline.map((e) => [e.kind, e.agent, e.result])).toEqual([
      ['enter', null, 'Support'],
      ['ring', 'Agent B', 'no-answer'],
      ['ring', 'Agent A', 'connected'],
      ['answer', 'Agent A', null],
      ['end', 'Agent A', 'answered'],
    ]);
    const transferred = (c.db.prepare("SELECT id FROM contacts WHERE source_id = 'r-0-5'").get() as { id: number }).id;
    expect(contactDetail(c.db, transferred)!.timeline.map((e) => e.kind)).toContain('transfer');
    expect(contactDetail(c.db, 999_999)).toBeNull();
  });
});
