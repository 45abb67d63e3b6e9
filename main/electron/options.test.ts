import { describe, expect, it } from 'vitest';
import { dataDirOverride, simulateOption } from './options';

describe('simulateOption', () => {
  it('simulates by default', () => {
    expect(simulateOption(['electron', 'build/main/electron.js'], {})).toBe(true);
  });
  it('follows the flags before the environment', () => {
    expect(simulateOption(['x', '--no-simulate'], { FLOORWATCH_SIMULATE: '1' })).toBe(false);
    expect(simulateOption(['x', '--simulate'], { FLOORWATCH_SIMULATE: '0' })).toBe(true);
  });
  it.each(['0', 'false', 'OFF', ' no '])('turns off with FLOORWATCH_SIMULATE=%j', (value) => {
    expect(simulateOption([], { FLOORWATCH_SIMULATE: value })).toBe(false);
  });
  it('stays on with FLOORWATCH_SIMULATE=1', () => {
    expect(simulateOption([], { FLOORWATCH_SIMULATE: '1' })).toBe(true);
  });
});

describe('dataDirOverride', () => {
  it('uses FLOORWATCH_DATA_DIR when set and not blank', () => {
    expect(dataDirOverride({ FLOORWATCH_DATA_DIR: '/tmp/fw' })).toBe('/tmp/fw');
    expect(dataDirOverride({ FLOORWATCH_DATA_DIR: '  ' })).toBeNull();
    expect(dataDirOverride({})).toBeNull();
  });
});
