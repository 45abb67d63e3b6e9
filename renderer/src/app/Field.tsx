import type { ReactNode } from 'react';

/**
 * A labelled form field: the control (`children`, carrying `id`), its hint and its error in words.
 * `hideHintOnError`: the error takes the hint's place instead of following it.
 */
export function Field({
  id,
  label,
  hint,
  error,
  hideHintOnError = false,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | null;
  hideHintOnError?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field ${error ? 'field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && !(error && hideHintOnError) && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
