import { describe, expect, it } from 'vitest';
import { ROSTER, rosterFor } from './agents';
import { createSimulator } from '.';
import { manualClock } from '../ports';

describe('floor size (teams)', () => {
  it('repeats the rota under distinct names and keys', () => {
    const three = rosterFor(3);
    expect(three).toHaveLength(ROSTER.length * 3);
    expect(new Set(three.map((a) => a.key)).size).toBe(three.length);
    expect(new Set(three.map((a) => a.name)).size).toBe(three.length);
    expect(three.slice(ROSTER.length).map((a) => a.shift)).toEqual([...ROSTER, ...ROSTER].map((a) => a.shift));
  });

  it('scales arrivals with the floor', () => {
    const t0 = Date.UTC(2026, 2, 3, 6); // a Tuesday, 08:00 in Tallinn
    const count = (teams: number) => {
      let contacts = 0;
      const sim = createSimulator({ seed: 9, teams, clock: manualClock(t0), timezone: 'Europe/Tallinn', emit: (e) => (contacts += e.filter((x) => x.kind === 'enqueued').length) });
      sim.backfill(t0, t0 + 6 * 3_600_000);
      return contacts;
    };
    const one = count(1);
    const three = count(3);
    expect(three / one).toBeGreaterThan(2.4);
    expect(three / one).toBeLessThan(3.6);
  });
});
