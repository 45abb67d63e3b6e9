import { describe, expect, it } from 'vitest';
import { SettingsPatch, defaultSettings } from '../../../../shared/contract';
import { draftFrom, parseNumber, patchFrom, sameDraft } from './form';

describe('settings form', () => {
  it('round-trips the defaults into a valid patch', () => {
    const settings = defaultSettings();
    const draft = draftFrom(settings);
    expect(draft.numbers['thresholds.amberTargetShare']).toBe('75');
    expect(draft.numbers['targetSec.email']).toBe('14400');
    const result = patchFrom(draft, settings);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(SettingsPatch.strict().parse(result.patch)).toMatchObject({
      staleAfterSec: 30,
      thresholds: { amberTargetShare: 0.75, redTargetShare: 1, amberDepth: 5, redDepth: 10 },
      wallboard: settings.wallboard,
    });
  });

  it('reads Persian and Arabic-Indic digits and comma decimals', () => {
    expect(parseNumber('۳۰')).toBe(30);
    expect(parseNumber('٤٥')).toBe(45);
    expect(parseNumber('۰٫۷۵')).toBe(0.75);
    expect(parseNumber('0,5')).toBe(0.5);
    expect(parseNumber(' 12 ')).toBe(12);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('1e3')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
  });

  it('names fields that are not numbers instead of sending them', () => {
    const settings = defaultSettings();
    const draft = draftFrom(settings);
    draft.numbers.staleAfterSec = 'soon';
    draft.numbers['targetSec.voice'] = '';
    expect(patchFrom(draft, settings)).toEqual({ ok: false, invalid: ['targetSec.voice', 'staleAfterSec'] });
  });

  it('leaves range checks to the contract, which reports the field path', () => {
    const settings = defaultSettings();
    const draft = draftFrom(settings);
    draft.numbers.staleAfterSec = '1';
    const result = patchFrom(draft, settings);
    if (!result.ok) throw new Error('expected a patch');
    const parsed = SettingsPatch.strict().safeParse(result.patch);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['staleAfterSec']);
  });

  it('tells a changed draft from the saved one', () => {
    const a = draftFrom(defaultSettings());
    const b = draftFrom(defaultSettings());
    expect(sameDraft(a, b)).toBe(true);
    b.pages = ['agents'];
    expect(sameDraft(a, b)).toBe(false);
  });
});
