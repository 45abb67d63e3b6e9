import { describe, expect, it } from 'vitest';
import { isVisibleOnDisplays, pickDisplay } from './bounds';

const rect = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });
const left = { id: 1, bounds: rect(0, 0, 1920, 1080), workArea: rect(0, 0, 1920, 1040) };
const right = { id: 2, bounds: rect(1920, 0, 2560, 1440), workArea: rect(1920, 0, 2560, 1400) };

describe('isVisibleOnDisplays', () => {
  it('accepts a window on a display or straddling two', () => {
    expect(isVisibleOnDisplays(rect(100, 100, 1200, 800), [left])).toBe(true);
    expect(isVisibleOnDisplays(rect(1500, 100, 1200, 800), [left, right])).toBe(true);
  });

  it('refuses a window whose display is gone or that only peeks in by a sliver', () => {
    expect(isVisibleOnDisplays(rect(2200, 100, 1200, 800), [left])).toBe(false);
    expect(isVisibleOnDisplays(rect(1900, 100, 1200, 800), [left])).toBe(false);
    expect(isVisibleOnDisplays(rect(100, 1020, 1200, 800), [left])).toBe(false);
    expect(isVisibleOnDisplays(rect(100, 100, 1200, 800), [])).toBe(false);
  });
});

describe('pickDisplay', () => {
  it('prefers the remembered display and falls back to the primary', () => {
    expect(pickDisplay([left, right], 2, left)).toBe(right);
    expect(pickDisplay([left], 2, left)).toBe(left);
    expect(pickDisplay([left, right], null, left)).toBe(left);
  });
});
