import { useRef } from 'react';
import { IMPORT_FORMAT_NAMES } from '../../../../shared/contract/sources';
import { useI18n } from '../../i18n/useI18n';
import { useDataStore } from '../../stores/data/actions';
import type { ImportFormatName } from '../../stores/data/initialState';
import { needsSourceTz, progressView, usesMapping } from '../../stores/data/selectors';
import { formatBytes } from './format';
import { FileIcon, UploadIcon } from './icons';
import { MappingEditor } from './MappingEditor';
import { FileRows, FirstLines, ResultRows } from './PreviewView';
import { ImportReport, ProgressBar } from './ProgressReport';

/** Opens the system's file picker; a hidden input keeps the native dialog and keyboard access. */
export function useFilePicker() {
  const input = useRef<HTMLInputElement>(null);
  const element = (
    <input
      ref={input}
      type="file"
      className="visually-hidden"
      tabIndex={-1}
      aria-hidden="true"
      data-testid="import-file-input"
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file) void useDataStore.getState().chooseFile(file);
      }}
    />
  );
  return { element, open: () => input.current?.click() };
}

function Options({ detected, disabled }: { detected: ImportFormatName | null; disabled: boolean }) {
  const { t, timezone } = useI18n();
  const draft = useDataStore((s) => s.draft);
  const issues = useDataStore((s) => s.importIssues);
  const store = useDataStore.getState;
  const showTz = needsSourceTz(draft.format, detected);
  const reprevise = () => void store().runPreview();
  return (
    <div className="import-options">
      <div className="field">
        <label className="field__label" htmlFor="import-format">
          {t('data.import.format')}
        </label>
        <select
          id="import-format"
          data-testid="import-format"
          value={draft.format}
          disabled={disabled}
          onChange={(event) => {
            store().setDraft({ format: event.target.value as ImportFormatName, mappingJson: null });
            reprevise();
          }}
        >
          {IMPORT_FORMAT_NAMES.map((f) => (
            <option key={f} value={f}>
              {f === 'auto' && detected ? t('data.format.autoDetected', { format: t(`data.format.${detected}`) }) : t(`data.format.${f}`)}
            </option>
          ))}
        </select>
      </div>
      {showTz && (
        <div className={`field ${issues.sourceTz ? 'field--invalid' : ''}`}>
          <label className="field__label" htmlFor="import-tz">
            {t('data.import.sourceTz')}
          </label>
          <input
            id="import-tz"
            type="text"
            dir="ltr"
            list="import-timezones"
            autoComplete="off"
            spellCheck={false}
            placeholder={timezone}
            value={draft.sourceTz}
            disabled={disabled}
            aria-invalid={issues.sourceTz ? true : undefined}
            aria-describedby="import-tz-hint"
            onChange={(event) => store().setDraft({ sourceTz: event.target.value })}
            onBlur={reprevise}
          />
          <datalist id="import-timezones">
            {Intl.supportedValuesOf('timeZone').map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <p className={issues.sourceTz ? 'field__error' : 'field__hint'} id="import-tz-hint">
            {issues.sourceTz ?? t('data.import.sourceTzHint', { zone: timezone })}
          </p>
        </div>
      )}
      {draft.format !== 'customers' && (
        <div className="field">
          <label className="field__label" htmlFor="import-site">
            {t('data.import.site')}
          </label>
          <input id="import-site" type="text" autoComplete="off" placeholder="default" value={draft.site} disabled={disabled} onChange={(event) => store().setDraft({ site: event.target.value })} />
        </div>
      )}
    </div>
  );
}

export function ImportPanel({ now, readOnly, openPicker }: { now: number; readOnly: boolean; openPicker(): void }) {
  const { t, locale } = useI18n();
  const draft = useDataStore((s) => s.draft);
  const preview = useDataStore((s) => s.preview);
  const previewing = useDataStore((s) => s.previewing);
  const upload = useDataStore((s) => s.upload);
  const jobs = useDataStore((s) => s.jobs);
  const activeJobId = useDataStore((s) => s.activeJobId);
  const startedAt = useDataStore((s) => s.jobStartedAt);
  const importError = useDataStore((s) => s.importError);
  const store = useDataStore.getState;

  const job = activeJobId ? (jobs[activeJobId] ?? null) : null;
  const progress = progressView(job, upload, startedAt, now);
  const finished = job !== null && job.state !== 'running';
  const busy = upload !== null || job?.state === 'running';
  const detected = preview?.format ?? null;
  const mapped = usesMapping(draft.format, detected);
  const mappingJson = draft.mappingJson ?? preview?.mappingJson ?? null;
  const name = draft.file?.name ?? upload?.name ?? job?.file ?? '';

  return (
    <section className="panel data-panel import-panel" aria-labelledby="import-title">
      <header className="panel__head">
        <div>
          <h2 className="panel__title" id="import-title">
            {t('data.import.title')}
          </h2>
          <p className="panel__summary">{t('data.import.summary')}</p>
        </div>
        {(draft.file || finished) && !busy && (
          <button type="button" className="button button--ghost button--small" onClick={() => store().clearImport()}>
            {finished ? t('data.action.importAnother') : t('data.action.startOver')}
          </button>
        )}
      </header>
      <div className="import-panel__body">
        {readOnly && <p className="notice">{t('data.readOnly')}</p>}
        {!draft.file && !upload && !job && !readOnly && (
          <div className="drop-zone" data-testid="drop-zone">
            <UploadIcon className="drop-zone__icon" />
            <p className="drop-zone__title">{t('data.import.drop')}</p>
            <p className="drop-zone__or">{t('data.import.or')}</p>
            <button type="button" className="button button--primary" onClick={openPicker} data-testid="choose-file">
              <FileIcon />
              {t('data.action.chooseFile')}
            </button>
            <p className="drop-zone__formats">{t('data.import.formats')}</p>
          </div>
        )}
        {!readOnly && !job && <Options detected={detected} disabled={busy} />}
        {importError && (
          <div className="data-error" role="alert" data-testid="import-error">
            <p>{importError}</p>
            <p className="muted">{t('data.import.errorHint')}</p>
          </div>
        )}
        {progress && <ProgressBar view={progress} name={name} onCancel={() => void store().cancel()} />}
        {finished && job && <ImportReport job={job} />}
        {draft.file && !job && (
          <div className="staged" data-testid="staged-file">
            <div className="staged__file">
              <FileIcon className="staged__icon" />
              <div>
                <p className="staged__name" dir="auto">
                  {draft.file.name}
                </p>
                <p className="muted">
                  {formatBytes(locale, draft.file.size)}
                  {' · '}
                  {previewing ? t('data.preview.loading') : detected ? t('data.preview.detected', { format: t(`data.format.${detected}`) }) : preview ? t('data.preview.unknownFormat') : ''}
                </p>
              </div>
              <button type="button" className="button button--primary staged__import" disabled={previewing || !preview || !detected || preview.fatal !== null} onClick={() => void store().startImport()} data-testid="import-start">
                {t('data.action.import')}
              </button>
            </div>
            {preview && !detected && <p className="data-warning" role="status">{t('data.preview.unknownFormatHint')}</p>}
            {preview && !mapped && <FirstLines preview={preview} />}
            {preview && mapped && (
              <>
                <FileRows preview={preview} />
                <section className="preview-step" aria-labelledby="step-mapping">
                  <h3 className="data-subtitle" id="step-mapping">
                    <span className="step-no">2</span>
                    {t('data.mapping.title')}
                    <span className={`preset-chip ${preview.preset ? 'preset-chip--found' : 'preset-chip--none'}`} data-testid="mapping-preset" data-preset={preview.preset ?? ''}>
                      {draft.mappingJson ? t('data.mapping.edited') : preview.preset ? t('data.mapping.preset', { preset: preview.preset }) : t('data.mapping.suggested')}
                    </span>
                  </h3>
                  {preview.missing.length > 0 && !draft.mappingJson && <p className="data-warning">{t('data.mapping.missing', { fields: preview.missing.join(', ') })}</p>}
                  {mappingJson && (
                    <details className="mapping-details" open={!preview.preset || draft.mappingJson !== null}>
                      <summary>{t('data.mapping.edit')}</summary>
                      <MappingEditor
                        preview={preview}
                        mappingJson={mappingJson}
                        onChange={(json) => {
                          store().setDraft({ mappingJson: json });
                          void store().runPreview();
                        }}
                      />
                    </details>
                  )}
                </section>
                <ResultRows preview={preview} />
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
