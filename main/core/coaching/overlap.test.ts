import { describe, expect, it } from 'vitest';
import { findClash, overlaps, type Booking } from './overlap';

const T = Date.UTC(2026, 0, 5, 9);
const M = 60_000;
const booking = (over: Partial<Booking>): Booking => ({ id: 1, agentId: 1, agentName: 'Anu', lead: 'Lea', startAt: T, endAt: T + 30 * M, topic: 'RNA', ...over });

describe('overlap rules', () => {
  it('sessions that only touch do not clash (half-open intervals)', () => {
    expect(overlaps({ startAt: T, endAt: T + 30 * M }, { startAt: T + 30 * M, endAt: T + 60 * M })).toBe(false);
    expect(overlaps({ startAt: T + 30 * M, endAt: T + 60 * M }, { startAt: T, endAt: T + 30 * M })).toBe(false);
  });

  it('a minute of overlap, containment or equality is a clash', () => {
    expect(overlaps({ startAt: T, endAt: T + 31 * M }, { startAt: T + 30 * M, endAt: T + 60 * M })).toBe(true);
    expect(overlaps({ startAt: T, endAt: T + 60 * M }, { startAt: T + 10 * M, endAt: T + 20 * M })).toBe(true);
    expect(overlaps({ startAt: T, endAt: T + 30 * M }, { startAt: T, endAt: T + 30 * M })).toBe(true);
  });

  it('names who is double-booked: the same agent, or the same lead (case-insensitive)', () => {
    const existing = [booking({})];
    expect(findClash([{ agentId: 1, lead: 'Other', startAt: T + 10 * M, endAt: T + 40 * M }], existing)?.who).toBe('agent');
    expect(findClash([{ agentId: 2, lead: ' lea ', startAt: T + 10 * M, endAt: T + 40 * M }], existing)?.who).toBe('lead');
    expect(findClash([{ agentId: 2, lead: 'Other', startAt: T + 10 * M, endAt: T + 40 * M }], existing)).toBeNull();
    expect(findClash([{ agentId: 1, lead: 'Lea', startAt: T + 30 * M, endAt: T + 60 * M }], existing)).toBeNull();
  });
});
