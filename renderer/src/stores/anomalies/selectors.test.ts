import { describe, expect, it } from 'vitest';
import type { Anomaly, AnomalyFinding, AnomalyOverview } from '../../../../shared/contract';
import { coachingHref, rnaMatrix, sortedFlags } from './selectors';

const flag = (id: number, status: Anomaly['status'], qValue: number): AnomalyFinding => ({
  id,
  key: `avoidance|${id}|VIP`,
  kind: 'avoidance',
  segment: 'VIP',
  agent: 'Kadri',
  agentId: 7,
  queue: null,
  channel: null,
  from: '',
  to: '',
  fromAt: 0,
  toAt: 1,
  hours: null,
  observed: 10,
  expected: 1,
  total: 30,
  pValue: qValue,
  qValue,
  explanation: '',
  detail: { scope: 'agent-segment', weekday: null, date: null, baseRate: 0.03, peerRate: 0.03, dispersion: 1 },
  status,
  statusReason: null,
  detectedAt: 0,
  found: true,
});

const overview = (flags: AnomalyFinding[]): AnomalyOverview => ({
  from: '',
  to: '',
  timezone: 'UTC',
  segments: ['VIP', null],
  heatmap: [],
  rna: [
    { agentId: 2, agent: 'Zed', segment: 'VIP', attempts: 10, noAnswer: 8, rate: 0.8, flagKey: 'avoidance|2|VIP' },
    { agentId: 1, agent: 'Ann', segment: null, attempts: 10, noAnswer: 0, rate: 0, flagKey: null },
  ],
  flags,
  scannedAt: 0,
  tested: { unanswered: 0, avoidance: 2 },
});

describe('anomaly selectors', () => {
  it('puts new flags first, then the strongest evidence', () => {
    const o = overview([flag(1, 'acknowledged', 0.001), flag(2, 'new', 0.04), flag(3, 'new', 0.001), flag(4, 'dismissed', 0)]);
    expect(sortedFlags(o).map((f) => f.id)).toEqual([3, 2, 1, 4]);
    expect(sortedFlags(null)).toEqual([]);
  });

  it('orders the RNA matrix with flagged agents first and finds cells by agent and segment', () => {
    const m = rnaMatrix(overview([]));
    expect(m.agents.map((a) => a.name)).toEqual(['Zed', 'Ann']);
    expect(m.segments).toEqual(['VIP', null]);
    expect(m.cell(2, 'VIP')?.flagKey).toBe('avoidance|2|VIP');
    expect(m.cell(1, null)?.rate).toBe(0);
    expect(m.cell(1, 'VIP')).toBeUndefined();
  });

  it('links coaching with the agent and the flag', () => {
    expect(coachingHref(flag(42, 'new', 0))).toBe('#/coaching?agent=7&anomaly=42');
    expect(coachingHref({ id: null, agentId: 7 })).toBe('#/coaching?agent=7');
  });
});
