import { describe, expect, it } from 'vitest';
import { localParts } from '../../../shared/domain/time';
import { localPartsCache } from './local-parts';

describe('localPartsCache', () => {
  it('agrees with localParts every 7 minutes across DST changes and half-hour zones', () => {
    for (const zone of ['Europe/Tallinn', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']) {
      const parts = localPartsCache(zone);
      for (let t = Date.UTC(2025, 2, 25); t < Date.UTC(2025, 3, 8); t += 7 * 60_000) expect(parts(t)).toEqual(localParts(zone, t));
      for (let t = Date.UTC(2025, 9, 24); t < Date.UTC(2025, 10, 6); t += 7 * 60_000) expect(parts(t)).toEqual(localParts(zone, t));
    }
  });
});
