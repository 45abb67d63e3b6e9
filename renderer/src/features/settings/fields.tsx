import type { ReactNode } from 'react';
import { Field } from '../../app/Field';
import type { I18n } from '../../i18n/useI18n';
import type { Draft, FieldProblem, NumberField } from './form';

/** The element id of a settings field, by its settings path. */
export const fieldId = (path: string) => `setting-${path.replace('.', '-')}`;

export interface NumberProps {
  draft: Draft;
  setDraft(next: Draft): void;
  disabled: boolean;
}

export function NumberInput({
  field,
  label,
  unit,
  hint,
  draft,
  setDraft,
  error,
  disabled,
}: NumberProps & {
  field: NumberField;
  label: string;
  unit: string;
  hint?: ReactNode;
  error: string | null;
}) {
  const id = fieldId(field);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <div className="field__control">
        <input
          id={id}
          name={field}
          type="text"
          inputMode="decimal"
          dir="ltr"
          autoComplete="off"
          value={draft.numbers[field]}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => setDraft({ ...draft, numbers: { ...draft.numbers, [field]: event.target.value } })}
        />
        <span className="field__unit">{unit}</span>
      </div>
    </Field>
  );
}

/** A field's problem in words: what to enter instead, with the contract's bounds. */
export function problemText({ t }: I18n, problem: FieldProblem): string {
  if (problem.kind === 'not-a-number') return t('settings.notANumber');
  const { min, max, integer } = problem;
  if (min !== null && max !== null) return t(integer ? 'settings.rangeWhole' : 'settings.range', { min, max });
  if (min !== null) return t(integer ? 'settings.atLeastWhole' : 'settings.atLeast', { min });
  return t(integer ? 'settings.atMostWhole' : 'settings.atMost', { max: max ?? 0 });
}
