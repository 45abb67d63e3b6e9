import { describe, expect, it } from 'vitest';
import { normaliseCaller, normaliseEventCallers, normaliseRules } from './caller';
import type { IngestEvent } from './events';

describe('caller spelling', () => {
  it('drops the formatting of phone numbers', () => {
    expect(normaliseCaller('+372 5555-0101')).toBe('+37255550101');
    expect(normaliseCaller('+372\u00a05555\u20110101')).toBe('+37255550101');
    expect(normaliseCaller('(212) 555-0143')).toBe('2125550143');
    expect(normaliseCaller('212.555.0143')).toBe('2125550143');
    expect(normaliseCaller('030/1234567')).toBe('0301234567');
    expect(normaliseCaller(' 5550101 ')).toBe('5550101');
    // The bracketed trunk 0 after a country code is not dialled.
    expect(normaliseCaller('+44 (0)20 7946 0000')).toBe('+442079460000');
    expect(normaliseCaller('(020) 7946 0000')).toBe('02079460000');
  });

  it('keeps what is not a number once formatting is gone, and what has no formatting', () => {
    for (const c of ['+37255550101', '1001', 'mari.tamm@example.com', 'fb:mari-tamm', 'p:0123456789abcdef0123', '+372 ext. 5', 'SIP/1001-000001', '-', '()']) {
      expect(normaliseCaller(c)).toBe(c);
    }
  });

  it('rewrites only the events whose caller changes, and returns the same array when none does', () => {
    const plain: IngestEvent[] = [{ kind: 'enqueued', source: 's', id: '1', at: 0, channel: 'voice', queue: 'Q', caller: '+3725550101' }];
    expect(normaliseEventCallers(plain)).toBe(plain);
    const formatted: IngestEvent[] = [...plain, { kind: 'enqueued', source: 's', id: '2', at: 0, channel: 'voice', queue: 'Q', caller: '+372 555 0102' }];
    const out = normaliseEventCallers(formatted);
    expect(out).not.toBe(formatted);
    expect(out[0]).toBe(formatted[0]);
    expect(out[1]).toMatchObject({ caller: '+3725550102' });
    expect(formatted[1]).toMatchObject({ caller: '+372 555 0102' });
  });

  it('spells caller-prefix rules as callers, and leaves queue and DID rules alone', () => {
    const rules = [
      { kind: 'prefix', pattern: '+372 5', segment: 'Mobile' },
      { kind: 'queue', pattern: 'Sales - VIP', segment: 'VIP' },
    ] as const;
    expect(normaliseRules(rules)).toEqual([
      { kind: 'prefix', pattern: '+3725', segment: 'Mobile' },
      { kind: 'queue', pattern: 'Sales - VIP', segment: 'VIP' },
    ]);
    const clean = [{ kind: 'prefix' as const, pattern: '+3725', segment: 'Mobile' }];
    expect(normaliseRules(clean)).toBe(clean);
  });
});
