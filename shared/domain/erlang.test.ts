import { describe, expect, it } from 'vitest';
import { agentsRequired, asaOf, erlangC, serviceLevelOf } from './erlang';

describe('Erlang C against published values', () => {
  it('matches the closed forms: C(1, a) = a (M/M/1) and C(3, 2) = 4/9', () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
  });

  // Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example":
  // 100 calls per 30 minutes, AHT 180 s (A = 10 Erlangs), target 80 % in 20 s.
  // Published: 11 agents → probability of waiting 68.2 %; 14 agents → 17.4 %, service level 88.9 %,
  // ASA 7.8 s; 14 is the smallest number reaching 80 % in 20 s.
  it('reproduces the Call Centre Helper worked example', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.682, 3);
    expect(erlangC(14, 10)).toBeCloseTo(0.174, 3);
    const i = { perHour: 200, ahtSec: 180, agents: 14, targetSec: 20 };
    expect(serviceLevelOf(i)).toBeCloseTo(0.888, 2);
    expect(asaOf(i)).toBeCloseTo(7.8, 1);
    expect(agentsRequired(200, 180, 20, 0.8)).toBe(14);
  });

  // The M/M/m textbook exercise: 120 customers/hour, 3 min each (A = 6), 10 servers:
  // "from the Erlang C curve, the probability of waiting is about 0.10".
  it('reproduces the textbook curve reading C(10, 6) ≈ 0.10', () => {
    expect(erlangC(10, 6)).toBeCloseTo(0.101, 3);
  });

  it('is 1 (every contact waits, SL 0) when the queue is overloaded, and needs nobody for no traffic', () => {
    expect(erlangC(5, 5)).toBe(1);
    expect(serviceLevelOf({ perHour: 100, ahtSec: 360, agents: 10, targetSec: 20 })).toBe(0);
    expect(agentsRequired(0, 180, 20, 0.8)).toBe(0);
  });

  it('loses service level when one agent is taken off the queue', () => {
    const base = { perHour: 200, ahtSec: 180, targetSec: 20 };
    expect(serviceLevelOf({ ...base, agents: 13 })).toBeLessThan(serviceLevelOf({ ...base, agents: 14 }));
  });
});
