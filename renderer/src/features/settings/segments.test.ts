import { describe, expect, it } from 'vitest';
import { SettingsPatch, SettingsSchema, defaultSettings, type Settings } from '../../../../shared/contract';
import { makeI18n } from '../../i18n/useI18n';
import { segmentProblemText } from './SegmentSection';
import { SEGMENT_LIMITS, emptyRule, emptyWeight, firstProblem, segmentProblems, segmentsDirty, segmentsDraftFrom, segmentsPatch, weightProblem } from './segments';

const withSegments = (extra: Partial<Settings>): Settings => SettingsSchema.parse({ ...defaultSettings(), ...extra });

describe('segment settings form', () => {
  it('reads its limits from the settings contract', () => {
    expect(SEGMENT_LIMITS.pattern).toEqual({ min: 1, max: 100 });
    expect(SEGMENT_LIMITS.segment).toEqual({ min: 1, max: 100 });
    expect(SEGMENT_LIMITS.maxRules).toBe(1000);
    expect(SEGMENT_LIMITS.weight).toEqual({ min: 0, minExclusive: true, max: 10 });
  });

  it('round-trips saved settings without a change and without a patch', () => {
    const settings = withSegments({ segmentRules: [{ kind: 'prefix', pattern: '372', segment: 'Estonia' }], segmentWeights: { VIP: 1.5, New: 0.8 } });
    const draft = segmentsDraftFrom(settings);
    expect(segmentsDirty(draft, settings)).toBe(false);
    const result = segmentsPatch(draft, settings);
    expect(result).toEqual({ ok: true, patch: {}, rulesChanged: false, weightsChanged: false });
  });

  it('sends the whole rule list, trimmed, and says the rules changed', () => {
    const settings = withSegments({ segmentRules: [{ kind: 'queue', pattern: 'Sales', segment: 'Business' }] });
    const draft = segmentsDraftFrom(settings);
    draft.rules.push({ ...emptyRule(), kind: 'prefix', pattern: ' +3725 ', segment: ' VIP ' });
    expect(segmentsDirty(draft, settings)).toBe(true);
    const result = segmentsPatch(draft, settings);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rulesChanged).toBe(true);
    expect(result.weightsChanged).toBe(false);
    expect(result.patch).toEqual({
      segmentRules: [
        { kind: 'queue', pattern: 'Sales', segment: 'Business' },
        { kind: 'prefix', pattern: '+3725', segment: 'VIP' },
      ],
    });
    expect(SettingsPatch.strict().safeParse(result.patch).success).toBe(true);
  });

  it('sends weights as a map, reading Persian digits, and leaves the rules alone', () => {
    const settings = defaultSettings();
    const draft = segmentsDraftFrom(settings);
    draft.weights.push({ ...emptyWeight(), segment: 'Business', weight: '۱٫۲' });
    const result = segmentsPatch(draft, settings);
    expect(result).toMatchObject({ ok: true, rulesChanged: false, weightsChanged: true, patch: { segmentWeights: { VIP: 1.5, Business: 1.2 } } });
    if (result.ok) expect(result.patch).not.toHaveProperty('segmentRules');
  });

  it('removing every row sends empty lists', () => {
    const settings = withSegments({ segmentRules: [{ kind: 'did', pattern: '8001', segment: 'Hotline' }] });
    const result = segmentsPatch({ rules: [], weights: [] }, settings);
    expect(result).toMatchObject({ ok: true, patch: { segmentRules: [], segmentWeights: {} } });
  });

  it('refuses empty and too long text, naming the cell', () => {
    const settings = defaultSettings();
    const draft = { rules: [{ ...emptyRule(), pattern: '  ', segment: 'x'.repeat(101) }], weights: [] };
    const result = segmentsPatch(draft, settings);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.rules[0]).toEqual({ pattern: { kind: 'empty' }, segment: { kind: 'too-long', max: 100 } });
    expect(firstProblem(result.problems)).toEqual({ table: 'rule', row: 0, column: 'pattern' });
  });

  it('refuses a repeated kind and pattern on the later row only; the same pattern of another kind is fine', () => {
    const draft = {
      rules: [
        { ...emptyRule(), kind: 'prefix' as const, pattern: '372', segment: 'A' },
        { ...emptyRule(), kind: 'did' as const, pattern: '372', segment: 'B' },
        { ...emptyRule(), kind: 'prefix' as const, pattern: ' 372', segment: 'C' },
      ],
      weights: [],
    };
    const problems = segmentProblems(draft);
    expect(problems.rules.map((r) => r.pattern)).toEqual([undefined, undefined, { kind: 'duplicate', row: 1 }]);
    expect(segmentsPatch(draft, defaultSettings()).ok).toBe(false);
  });

  it('refuses a segment weighed twice and weights outside the contract', () => {
    const draft = {
      rules: [],
      weights: [
        { ...emptyWeight(), segment: 'VIP', weight: '2' },
        { ...emptyWeight(), segment: 'VIP ', weight: '3' },
        { ...emptyWeight(), segment: 'New', weight: '0' },
        { ...emptyWeight(), segment: 'Old', weight: 'lots' },
      ],
    };
    const problems = segmentProblems(draft);
    expect(problems.weights[1]!.segment).toEqual({ kind: 'duplicate', row: 1 });
    expect(problems.weights[2]!.weight).toMatchObject({ kind: 'weight-range', min: 0, max: 10, minExclusive: true });
    expect(problems.weights[3]!.weight).toEqual({ kind: 'not-a-number' });
    expect(weightProblem('10')).toBeUndefined();
    expect(weightProblem('10.5')).toMatchObject({ kind: 'weight-range' });
    expect(firstProblem(problems)).toEqual({ table: 'weight', row: 1, column: 'segment' });
  });

  it('says each problem in words, in every locale', () => {
    const en = makeI18n('en', 'UTC');
    expect(segmentProblemText(en, { kind: 'duplicate', row: 2 }, 'rule')).toBe('Rule 2 already has this kind and pattern.');
    expect(segmentProblemText(en, { kind: 'weight-range', min: 0, max: 10, minExclusive: true }, 'weight')).toBe('Enter a number above 0 and at most 10.');
    expect(segmentProblemText(en, { kind: 'too-long', max: 100 }, 'rule')).toBe('Use at most 100 characters.');
    const fa = makeI18n('fa', 'UTC');
    expect(segmentProblemText(fa, { kind: 'duplicate', row: 2 }, 'rule')).toContain('۲');
    for (const locale of ['fa', 'zh', 'et'] as const) {
      const text = segmentProblemText(makeI18n(locale, 'UTC'), { kind: 'empty' }, 'weight');
      expect(text).not.toBe(segmentProblemText(en, { kind: 'empty' }, 'weight'));
    }
  });
});
