import { describe, expect, it } from 'vitest';
import { SettingsPatch, SettingsSchema } from './settings';

describe('settings schema', () => {
  it('a patch carries only the fields it names (no defaults filled in)', () => {
    expect(SettingsPatch.parse({ staleAfterSec: 5 })).toEqual({ staleAfterSec: 5 });
    expect(SettingsPatch.parse({ targetSec: { voice: 30, chat: 60, email: 100, social: 100, sms: 100 } })).toEqual({
      targetSec: { voice: 30, chat: 60, email: 100, social: 100, sms: 100 },
    });
  });
  it('a patch is still range-checked, and unknown zones are refused', () => {
    expect(SettingsPatch.safeParse({ staleAfterSec: 0 }).success).toBe(false);
    expect(SettingsPatch.safeParse({ timezone: 'Mars/Base' }).success).toBe(false);
    expect(SettingsSchema.parse({}).timezone).toBe('UTC');
  });
});
