import { describe, expect, it } from 'vitest';
import { SettingsPatch, defaultSettings } from '../../../../shared/contract';
import { boundsOf, draftFrom, parseNumber, patchFrom, problemOf, sameDraft } from './form';

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

  it('checks the contract’s bounds before sending and names them in the unit shown', () => {
    const settings = defaultSettings();
    const draft = draftFrom(settings);
    draft.numbers.staleAfterSec = '1';
    draft.numbers['anomalies.minContacts'] = '2.5';
    draft.numbers['anomalies.fdr'] = '60';
    expect(patchFrom(draft, settings)).toEqual({ ok: false, invalid: ['staleAfterSec', 'anomalies.minContacts', 'anomalies.fdr'] });
    expect(problemOf('staleAfterSec', '1')).toEqual({ kind: 'out-of-range', min: 2, max: 3600, integer: true });
    expect(problemOf('anomalies.minContacts', '2.5')).toMatchObject({ kind: 'out-of-range', integer: true });
    // The false-discovery rate is stored as a fraction (0.0001–0.5) and shown in percent.
    expect(problemOf('anomalies.fdr', '60')).toEqual({ kind: 'out-of-range', min: 0.01, max: 50, integer: false });
    expect(problemOf('anomalies.fdr', 'x')).toEqual({ kind: 'not-a-number' });
    expect(problemOf('anomalies.fdr', '0.01')).toBeNull();
    // "positive" whole seconds: the least is 1; no upper bound on depth.
    expect(boundsOf('targetSec.voice')).toEqual({ min: 1, max: 604800, integer: true });
    expect(boundsOf('thresholds.amberDepth')).toEqual({ min: 1, max: null, integer: true });
  });

  it('edits every anomaly setting and the counting rules through one patch', () => {
    const settings = defaultSettings();
    const draft = draftFrom(settings);
    expect(draft.numbers['anomalies.fdr']).toBe('5');
    expect(draft.anomaliesLive).toBe(true);
    draft.numbers['anomalies.windowDays'] = '56';
    draft.numbers['anomalies.minContacts'] = '۴۰';
    draft.numbers['anomalies.minRatio'] = '2,5';
    draft.numbers['anomalies.fdr'] = '1';
    draft.numbers.shortAbandonSec = '10';
    draft.numbers.repeatWindowHours = '48';
    draft.numbers.repeatBoost = '1.5';
    draft.anomaliesLive = false;
    expect(sameDraft(draft, draftFrom(settings))).toBe(false);
    const result = patchFrom(draft, settings);
    if (!result.ok) throw new Error(`refused ${result.invalid.join()}`);
    const patch = SettingsPatch.strict().parse(result.patch);
    expect(patch.anomalies).toEqual({ windowDays: 56, minContacts: 40, minRatio: 2.5, fdr: 0.01, live: false });
    expect([patch.shortAbandonSec, patch.repeatWindowHours, patch.repeatBoost]).toEqual([10, 48, 1.5]);
  });

  it('tells a changed draft from the saved one', () => {
    const a = draftFrom(defaultSettings());
    const b = draftFrom(defaultSettings());
    expect(sameDraft(a, b)).toBe(true);
    b.pages = ['agents'];
    expect(sameDraft(a, b)).toBe(false);
  });
});
