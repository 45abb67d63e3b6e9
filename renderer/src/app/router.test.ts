import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './router';

describe('parseRoute', () => {
  it('reads known routes and defaults to the live console', () => {
    expect(parseRoute('#/wallboard')).toBe('wallboard');
    expect(parseRoute('#/settings?tab=1')).toBe('settings');
    expect(parseRoute('#settings')).toBe('settings');
    expect(parseRoute('')).toBe('live');
    expect(parseRoute('#/nope')).toBe('live');
    expect(parseRoute(hrefOf('data'))).toBe('data');
  });
});
