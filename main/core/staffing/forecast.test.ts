import { describe, expect, it } from 'vitest';
import { forecastFromWeeks, mape } from './forecast';

describe('hourly forecast (same hour in past weeks, with trend)', () => {
  it('is the level itself for a flat series', () => {
    expect(forecastFromWeeks([40, 40, 40, 40])).toBeCloseTo(40, 10);
  });

  it('extends a linear trend one week ahead', () => {
    // Weeks −1 … −4 had 50, 45, 40, 35 contacts at this hour: +5 a week → 55 next.
    expect(forecastFromWeeks([50, 45, 40, 35])).toBeCloseTo(55, 10);
  });

  it('uses the mean when fewer than three weeks are known, and skips unknown weeks', () => {
    expect(forecastFromWeeks([30, null, 50])).toBeCloseTo(40, 10);
    expect(forecastFromWeeks([null, null])).toBeNull();
  });

  it('never forecasts below zero', () => {
    expect(forecastFromWeeks([0, 10, 20, 30])).toBe(0);
  });

  it('MAPE ignores hours with no actual contacts', () => {
    expect(mape([{ actual: 10, forecast: 12 }, { actual: 20, forecast: 15 }, { actual: 0, forecast: 3 }])).toBeCloseTo((0.2 + 0.25) / 2, 10);
    expect(mape([{ actual: 0, forecast: 1 }])).toBeNull();
  });
});
