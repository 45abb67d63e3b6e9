import { useState, type FormEvent } from 'react';
import { Field as FormField } from '../../app/Field';
import { SOURCE_KINDS, type SourceView } from '../../../../shared/contract/sources';
import { useI18n } from '../../i18n/useI18n';
import { useDataStore } from '../../stores/data/actions';
import { draftOf, sourceInputOf, type Kind, type SourceDraft as Draft } from '../../stores/data/source-form';

/** On this form an error replaces the field's hint. */
const Field = (props: Parameters<typeof FormField>[0]) => <FormField {...props} hideHintOnError />;

/** Adds a source, or edits one; errors come from the server's checks, next to their field. */
export function SourceForm({ source, onDone }: { source: SourceView | null; onDone(): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(source));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const prefix = source ? `source-${source.id}` : 'source-new';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = sourceInputOf(draft);
    if (!built.ok) {
      setErrors(Object.fromEntries(built.missing.map((f) => [f, f === 'port' ? t('data.form.portInvalid') : t('data.form.required')])));
      setMessage(null);
      document.getElementById(`${prefix}-${built.missing[0]}`)?.focus();
      return;
    }
    setSaving(true);
    const store = useDataStore.getState();
    const result = source ? await store.updateSource(source.id, built.input) : await store.addSource(built.input);
    setSaving(false);
    if (result.ok) {
      onDone();
      return;
    }
    setErrors(result.errors);
    setMessage(Object.keys(result.errors).length ? t('data.form.fix') : t('data.form.failed', { message: result.message }));
    const first = Object.keys(result.errors)[0];
    if (first) document.getElementById(`${prefix}-${first}`)?.focus();
  };

  const input = (field: keyof Draft, extra: { type?: string; ltr?: boolean; placeholder?: string; autoComplete?: string } = {}) => (
    <input
      id={`${prefix}-${field}`}
      name={field}
      type={extra.type ?? 'text'}
      dir={extra.ltr ? 'ltr' : undefined}
      autoComplete={extra.autoComplete ?? 'off'}
      spellCheck={false}
      placeholder={extra.placeholder}
      value={draft[field]}
      aria-invalid={errors[field] ? true : undefined}
      aria-describedby={errors[field] ? `${prefix}-${field}-error` : undefined}
      onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
    />
  );

  return (
    <form className="source-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${prefix}-title`} data-testid="source-form">
      <h3 className="source-form__title" id={`${prefix}-title`}>
        {source ? t('data.sources.editTitle', { name: source.name }) : t('data.sources.addTitle')}
      </h3>
      <div className="source-form__grid">
        <Field id={`${prefix}-kind`} label={t('data.form.kind')} error={errors.kind}>
          <select id={`${prefix}-kind`} name="kind" value={draft.kind} disabled={source !== null} onChange={(event) => setDraft({ ...draft, kind: event.target.value as Kind })}>
            {SOURCE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`data.kind.${kind}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-name`} label={t('data.form.name')} error={errors.name}>
          {input('name', { placeholder: t('data.form.namePlaceholder') })}
        </Field>
        {draft.kind !== 'ami' && (
          <Field id={`${prefix}-file`} label={t('data.form.file')} hint={t(draft.kind === 'ndjson-tail' ? 'data.form.fileHintNdjson' : 'data.form.fileHint')} error={errors.file}>
            {input('file', { ltr: true, placeholder: draft.kind === 'ndjson-tail' ? '/var/log/contacts/events.ndjson' : '/var/log/asterisk/queue_log' })}
          </Field>
        )}
        {draft.kind === 'ami' && (
          <>
            <Field id={`${prefix}-host`} label={t('data.form.host')} error={errors.host}>
              {input('host', { ltr: true, placeholder: 'pbx.example.local' })}
            </Field>
            <Field id={`${prefix}-port`} label={t('data.form.port')} error={errors.port}>
              {input('port', { ltr: true, placeholder: '5038' })}
            </Field>
            <Field id={`${prefix}-username`} label={t('data.form.username')} error={errors.username}>
              {input('username', { ltr: true })}
            </Field>
            <Field id={`${prefix}-secret`} label={t('data.form.secret')} hint={source ? t('data.form.secretKept') : undefined} error={errors.secret}>
              {input('secret', { type: 'password', ltr: true, autoComplete: 'new-password' })}
            </Field>
          </>
        )}
        {draft.kind !== 'ndjson-tail' && (
          <Field id={`${prefix}-site`} label={t('data.form.site')} hint={t('data.form.siteHint')} error={errors.site}>
            {input('site', { placeholder: 'default' })}
          </Field>
        )}
      </div>
      <div className="source-form__actions">
        <p className="source-form__status" role="status">
          {saving ? t('data.form.saving') : message}
        </p>
        <button type="button" className="button button--ghost" onClick={onDone}>
          {t('data.action.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={saving}>
          {source ? t('data.action.save') : t('data.action.addSource')}
        </button>
      </div>
    </form>
  );
}
