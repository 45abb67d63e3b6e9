import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ReviewOptions } from '../../../../shared/contract/review';
import { api } from '../../api/client';
import type { I18n } from '../../i18n/useI18n';
import { useI18n } from '../../i18n/useI18n';
import { useSettingsStore } from '../../stores/settings/actions';
import { fieldError } from '../../stores/settings/selectors';
import {
  RULE_KINDS,
  SEGMENT_LIMITS,
  emptyRule,
  emptyWeight,
  firstProblem,
  segmentProblems,
  segmentsDirty,
  segmentsDraftFrom,
  segmentsPatch,
  type RuleKind,
  type SegmentProblem,
  type SegmentsDraft,
} from './segments';

type Status = 'idle' | 'saving' | 'resegmenting' | 'saved-rules' | 'saved-weights' | 'invalid' | 'failed';

const KIND_LABELS = { prefix: 'seg.kind.prefix', queue: 'seg.kind.queue', did: 'seg.kind.did' } as const;

/** Server settings paths start with these: the main form leaves their errors to this section. */
export const SEGMENT_PATHS = ['segmentRules', 'segmentWeights'] as const;
export const isSegmentPath = (path: string) => SEGMENT_PATHS.some((p) => path === p || path.startsWith(`${p}.`));

export function segmentProblemText({ t }: I18n, problem: SegmentProblem, table: 'rule' | 'weight'): string {
  switch (problem.kind) {
    case 'empty':
      return t('seg.err.empty');
    case 'too-long':
      return t('seg.err.tooLong', { max: problem.max });
    case 'duplicate':
      return t(table === 'rule' ? 'seg.err.duplicateRule' : 'seg.err.duplicateWeight', { row: problem.row });
    case 'not-a-number':
      return t('settings.notANumber');
    case 'weight-range':
      return t(problem.minExclusive ? 'seg.err.weightRange' : 'settings.range', { min: problem.min, max: problem.max });
  }
}

const cellId = (table: 'rule' | 'weight', key: number, column: string) => `seg-${table}-${key}-${column}`;

/** A table cell holding one labelled control, its error in words below it. */
function Cell({ id, label, error, children }: { id: string; label: string; error: string | null; children: ReactNode }) {
  return (
    <td className={`seg-table__cell ${error ? 'field--invalid' : ''}`}>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      {children}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </td>
  );
}

const describedBy = (id: string, error: string | null) => (error ? `${id}-error` : undefined);

/** A segment name, offered from the segments known (the `seg-known-segments` list). */
function SegmentInput({ id, value, error, onChange }: { id: string; value: string; error: string | null; onChange: (value: string) => void }) {
  return (
    <input
      id={id}
      type="text"
      dir="auto"
      list="seg-known-segments"
      autoComplete="off"
      value={value}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, error)}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** The last cell of a row: removes it, named in words for screen readers. */
function RemoveCell({ id, label, text, onRemove }: { id: string; label: string; text: string; onRemove: () => void }) {
  return (
    <td className="seg-table__action">
      <button type="button" id={id} className="button button--ghost button--small" aria-label={label} onClick={onRemove}>
        <span aria-hidden="true">✕</span> {text}
      </button>
    </td>
  );
}

/**
 * Customer segments (README "Settings"): the rules that give unknown callers a segment, and the
 * urgency weight of each segment. A form of its own: saving rules re-segments all history in the
 * core, which deserves its own explicit save and its own status line.
 */
export function SegmentSection({ disabled }: { disabled: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const settings = useSettingsStore((s) => s.settings);
  const fieldErrors = useSettingsStore((s) => s.fieldErrors);
  const formError = useSettingsStore((s) => s.formError);
  const saving = useSettingsStore((s) => s.saving);
  const update = useSettingsStore((s) => s.update);

  const saved = useMemo(() => segmentsDraftFrom(settings), [settings]);
  // Untouched, the tables follow settings changed elsewhere; once edited they keep the user's rows.
  const [edited, setEdited] = useState<SegmentsDraft | null>(null);
  const [checked, setChecked] = useState(false);
  const [status, setStatus] = useState<Status>('idle');
  const [known, setKnown] = useState<ReviewOptions | null>(null);
  const focusNext = useRef<string | null>(null);
  const draft = edited ?? saved;
  const dirty = edited !== null && segmentsDirty(edited, settings);
  const problems = useMemo(() => segmentProblems(draft), [draft]);

  useEffect(() => {
    let live = true;
    // Suggestions only: without them the fields are plain text.
    api()
      .call('review.options', {})
      .then(
        (options) => live && setKnown(options),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (focusNext.current) document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const edit = (next: SegmentsDraft) => {
    setEdited(next);
    if (status !== 'invalid') setStatus('idle');
  };
  const setRule = (index: number, change: Partial<{ kind: RuleKind; pattern: string; segment: string }>) =>
    edit({ ...draft, rules: draft.rules.map((r, i) => (i === index ? { ...r, ...change } : r)) });
  const setWeight = (index: number, change: Partial<{ segment: string; weight: string }>) =>
    edit({ ...draft, weights: draft.weights.map((w, i) => (i === index ? { ...w, ...change } : w)) });

  const segmentNames = useMemo(() => {
    const names = new Set(known?.segments ?? []);
    for (const r of draft.rules) if (r.segment.trim()) names.add(r.segment.trim());
    for (const name of Object.keys(settings.segmentWeights)) names.add(name);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [known, draft.rules, settings.segmentWeights]);

  const serverError = (path: string) => (status === 'failed' ? fieldError(fieldErrors, path) : null);
  const ruleError = (index: number, column: 'pattern' | 'segment') => {
    const problem = checked ? problems.rules[index]?.[column] : undefined;
    return problem ? segmentProblemText(i18n, problem, 'rule') : serverError(`segmentRules.${index}.${column}`);
  };
  const weightError = (index: number, column: 'segment' | 'weight') => {
    const problem = checked ? problems.weights[index]?.[column] : undefined;
    if (problem) return segmentProblemText(i18n, problem, 'weight');
    return serverError(column === 'weight' ? `segmentWeights.${draft.weights[index]?.segment.trim() ?? ''}` : 'segmentWeights');
  };

  const submit = async () => {
    const result = segmentsPatch(draft, settings);
    if (!result.ok) {
      setChecked(true);
      setStatus('invalid');
      const first = firstProblem(result.problems);
      if (first) {
        const row = first.table === 'rule' ? draft.rules[first.row] : draft.weights[first.row];
        if (row) document.getElementById(cellId(first.table, row.key, first.column))?.focus();
      }
      return;
    }
    if (!result.rulesChanged && !result.weightsChanged) {
      setEdited(null);
      setChecked(false);
      setStatus('idle');
      return;
    }
    setStatus(result.rulesChanged ? 'resegmenting' : 'saving');
    if (await update(result.patch)) {
      setEdited(null);
      setChecked(false);
      setStatus(result.rulesChanged ? 'saved-rules' : 'saved-weights');
    } else {
      setStatus('failed');
    }
  };

  const removeRule = (index: number) => {
    const rest = draft.rules.filter((_, i) => i !== index);
    const next = rest[Math.min(index, rest.length - 1)];
    focusNext.current = next ? cellId('rule', next.key, 'remove') : 'seg-add-rule';
    edit({ ...draft, rules: rest });
  };
  const removeWeight = (index: number) => {
    const rest = draft.weights.filter((_, i) => i !== index);
    const next = rest[Math.min(index, rest.length - 1)];
    focusNext.current = next ? cellId('weight', next.key, 'remove') : 'seg-add-weight';
    edit({ ...draft, weights: rest });
  };

  const statusText = (() => {
    switch (status) {
      case 'saving':
        return t('settings.saving');
      case 'resegmenting':
        return t('seg.resegmenting');
      case 'saved-rules':
        return t('seg.savedResegmented');
      case 'saved-weights':
        return t('seg.savedWeights');
      case 'invalid':
        return checked && !segmentsPatch(draft, settings).ok ? t('seg.invalid') : '';
      case 'failed':
        return formError ? t('settings.saveFailed', { message: formError }) : t('settings.invalid');
      default:
        return '';
    }
  })();

  return (
    <form
      className="settings-card seg-section"
      aria-labelledby="settings-segments"
      data-testid="settings-segments"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 className="settings-card__title" id="settings-segments">
        {t('seg.title')}
      </h2>
      <p className="settings-card__hint">{t('seg.hint')}</p>
      <datalist id="seg-known-segments">
        {segmentNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <datalist id="seg-known-queues">
        {(known?.queues ?? []).map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <fieldset className="seg-grid" disabled={disabled}>
        <section className="seg-part" aria-labelledby="seg-rules-title">
          <h3 className="seg-part__title" id="seg-rules-title">
            {t('seg.rules.title')}
          </h3>
          <p className="field__hint" id="seg-rules-hint">
            {t('seg.rules.hint')}
          </p>
          {draft.rules.length === 0 ? (
            <p className="seg-empty">{t('seg.rules.empty')}</p>
          ) : (
            <table className="seg-table" aria-labelledby="seg-rules-title" aria-describedby="seg-rules-hint">
              <thead>
                <tr>
                  <th scope="col">{t('seg.col.kind')}</th>
                  <th scope="col">{t('seg.col.pattern')}</th>
                  <th scope="col">{t('seg.col.segment')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('seg.col.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.rules.map((rule, index) => {
                  const row = index + 1;
                  const ids = { kind: cellId('rule', rule.key, 'kind'), pattern: cellId('rule', rule.key, 'pattern'), segment: cellId('rule', rule.key, 'segment') };
                  const patternError = ruleError(index, 'pattern');
                  const segmentError = ruleError(index, 'segment');
                  return (
                    <tr key={rule.key}>
                      <Cell id={ids.kind} label={t('seg.rule.kindLabel', { row })} error={null}>
                        <select id={ids.kind} value={rule.kind} onChange={(event) => setRule(index, { kind: event.target.value as RuleKind })}>
                          {RULE_KINDS.map((kind) => (
                            <option key={kind} value={kind}>
                              {t(KIND_LABELS[kind])}
                            </option>
                          ))}
                        </select>
                      </Cell>
                      <Cell id={ids.pattern} label={t('seg.rule.patternLabel', { row })} error={patternError}>
                        <input
                          id={ids.pattern}
                          type="text"
                          dir={rule.kind === 'queue' ? 'auto' : 'ltr'}
                          inputMode={rule.kind === 'queue' ? 'text' : 'tel'}
                          list={rule.kind === 'queue' ? 'seg-known-queues' : undefined}
                          autoComplete="off"
                          spellCheck={false}
                          value={rule.pattern}
                          aria-invalid={patternError ? true : undefined}
                          aria-describedby={describedBy(ids.pattern, patternError)}
                          onChange={(event) => setRule(index, { pattern: event.target.value })}
                        />
                      </Cell>
                      <Cell id={ids.segment} label={t('seg.rule.segmentLabel', { row })} error={segmentError}>
                        <SegmentInput id={ids.segment} value={rule.segment} error={segmentError} onChange={(segment) => setRule(index, { segment })} />
                      </Cell>
                      <RemoveCell
                        id={cellId('rule', rule.key, 'remove')}
                        label={
                          rule.pattern.trim()
                            ? t('seg.rule.remove', { row, kind: t(KIND_LABELS[rule.kind]), pattern: rule.pattern.trim() })
                            : t('seg.rule.removeBlank', { row })
                        }
                        text={t('seg.remove')}
                        onRemove={() => removeRule(index)}
                      />
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {problems.tooManyRules && <p className="field__error">{t('seg.err.tooMany', { max: SEGMENT_LIMITS.maxRules })}</p>}
          <div>
            <button
              type="button"
              id="seg-add-rule"
              className="button button--small"
              disabled={draft.rules.length >= SEGMENT_LIMITS.maxRules}
              onClick={() => {
                const rule = emptyRule();
                focusNext.current = cellId('rule', rule.key, 'kind');
                edit({ ...draft, rules: [...draft.rules, rule] });
              }}
            >
              <span aria-hidden="true">+</span> {t('seg.rules.add')}
            </button>
          </div>
        </section>

        <section className="seg-part" aria-labelledby="seg-weights-title">
          <h3 className="seg-part__title" id="seg-weights-title">
            {t('seg.weights.title')}
          </h3>
          <p className="field__hint" id="seg-weights-hint">
            {t('seg.weights.hint', { one: 1 })}
          </p>
          {draft.weights.length === 0 ? (
            <p className="seg-empty">{t('seg.weights.empty', { one: 1 })}</p>
          ) : (
            <table className="seg-table" aria-labelledby="seg-weights-title" aria-describedby="seg-weights-hint">
              <thead>
                <tr>
                  <th scope="col">{t('seg.col.segment')}</th>
                  <th scope="col">{t('seg.col.weight')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('seg.col.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.weights.map((weight, index) => {
                  const row = index + 1;
                  const ids = { segment: cellId('weight', weight.key, 'segment'), weight: cellId('weight', weight.key, 'weight') };
                  const segmentError = weightError(index, 'segment');
                  const valueError = weightError(index, 'weight');
                  return (
                    <tr key={weight.key}>
                      <Cell id={ids.segment} label={t('seg.weight.segmentLabel', { row })} error={segmentError}>
                        <SegmentInput id={ids.segment} value={weight.segment} error={segmentError} onChange={(segment) => setWeight(index, { segment })} />
                      </Cell>
                      <Cell id={ids.weight} label={t('seg.weight.weightLabel', { row })} error={valueError}>
                        <div className="field__control">
                          <input
                            id={ids.weight}
                            type="text"
                            inputMode="decimal"
                            dir="ltr"
                            autoComplete="off"
                            value={weight.weight}
                            aria-invalid={valueError ? true : undefined}
                            aria-describedby={describedBy(ids.weight, valueError)}
                            onChange={(event) => setWeight(index, { weight: event.target.value })}
                          />
                          <span className="field__unit">×</span>
                        </div>
                      </Cell>
                      <RemoveCell
                        id={cellId('weight', weight.key, 'remove')}
                        label={weight.segment.trim() ? t('seg.weight.remove', { segment: weight.segment.trim() }) : t('seg.weight.removeBlank', { row })}
                        text={t('seg.remove')}
                        onRemove={() => removeWeight(index)}
                      />
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <div>
            <button
              type="button"
              id="seg-add-weight"
              className="button button--small"
              onClick={() => {
                const weight = emptyWeight();
                focusNext.current = cellId('weight', weight.key, 'segment');
                edit({ ...draft, weights: [...draft.weights, weight] });
              }}
            >
              <span aria-hidden="true">+</span> {t('seg.weights.add')}
            </button>
          </div>
          {segmentNames.length > 0 && <p className="field__hint">{t('seg.known')}</p>}
        </section>
      </fieldset>

      <div className="seg-actions">
        <div className="settings-actions__status" role="status">
          {statusText}
        </div>
        <button
          type="button"
          className="button button--ghost"
          disabled={!dirty || saving}
          onClick={() => {
            setEdited(null);
            setChecked(false);
            setStatus('idle');
          }}
        >
          {t('settings.discard')}
        </button>
        <button type="submit" className="button button--primary" disabled={!dirty || saving || disabled}>
          {t('seg.save')}
        </button>
      </div>
    </form>
  );
}
