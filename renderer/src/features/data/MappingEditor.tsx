import { useState } from 'react';
import type { ImportPreview } from '../../../../shared/contract';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/translate';
import {
  DATE_FORMATS,
  DURATION_FIELDS,
  DURATION_UNITS,
  EDITOR_FIELDS,
  OUTCOME_CHOICES,
  REQUIRED_FIELDS,
  TIME_FIELDS,
  TIME_FORMATS,
  columnOf,
  constOf,
  distinctValues,
  formatOf,
  outcomeIsCustom,
  outcomeValues,
  readMapping,
  unitOf,
  withColumn,
  withFormat,
  withOutcomeValue,
  withUnit,
  writeMapping,
  type EditorField,
  type MappingObject,
} from '../../stores/data/mapping';

/**
 * "Map columns": for each field of a contact, the file's column it comes from (with its time
 * format or unit), and for the outcome the value → outcome rules. Every change produces the
 * mapping JSON the import takes; the JSON itself stays editable for rules the form does not
 * cover.
 */
export function MappingEditor({ preview, mappingJson, onChange }: { preview: ImportPreview; mappingJson: string; onChange(json: string): void }) {
  const { t } = useI18n();
  const mapping = readMapping(mappingJson);
  const apply = (next: MappingObject) => onChange(writeMapping(next));
  const headers = preview.headers;

  if (!mapping) {
    return <JsonEditor key={mappingJson} initial={mappingJson} onApply={onChange} invalid />;
  }

  const outcomeColumn = columnOf(mapping, 'outcome');
  const values = outcomeValues(mapping);
  const seen = distinctValues(preview, outcomeColumn);
  const valueList = [...new Set([...seen, ...Object.keys(values)])];

  return (
    <div className="mapping-editor" data-testid="mapping-editor">
      <div className="mapping-grid" role="group" aria-label={t('data.mapping.columns')}>
        {EDITOR_FIELDS.map((field) => {
          const id = `map-${field}`;
          const column = columnOf(mapping, field);
          const constant = constOf(mapping, field);
          const label = t(`data.field.${field}` as MessageKey);
          // A guessed or loaded mapping can name a column this file does not have.
          const absent = column !== '' && !headers.includes(column);
          return (
            <div className={`mapping-row ${(REQUIRED_FIELDS.has(field) && !column && !constant) || absent ? 'mapping-row--missing' : ''}`} key={field}>
              <label htmlFor={id} className="mapping-row__label">
                {label}
                {REQUIRED_FIELDS.has(field) && <span className="mapping-row__required">{t('data.mapping.required')}</span>}
              </label>
              <select id={id} value={column} onChange={(event) => apply(withColumn(mapping, field, event.target.value))}>
                <option value="">{constant ? t('data.mapping.constant', { value: constant }) : t('data.mapping.none')}</option>
                {headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
                {absent && <option value={column}>{t('data.mapping.absent', { column })}</option>}
              </select>
              <FieldDetail field={field} mapping={mapping} column={column} apply={apply} />
            </div>
          );
        })}
      </div>
      {outcomeColumn && !outcomeIsCustom(mapping) && (
        <fieldset className="outcome-rules">
          <legend>{t('data.mapping.outcomeRules', { column: outcomeColumn })}</legend>
          {valueList.length === 0 && <p className="muted">{t('data.mapping.noValues')}</p>}
          <div className="outcome-rules__grid">
            {valueList.map((value) => (
              <label key={value} className="outcome-rule">
                <span className="outcome-rule__value" dir="ltr">
                  {value}
                </span>
                <span aria-hidden="true">→</span>
                <select value={values[value] ?? ''} onChange={(event) => apply(withOutcomeValue(mapping, value, event.target.value))} aria-label={t('data.mapping.outcomeFor', { value })}>
                  <option value="">{t('data.mapping.reject')}</option>
                  {OUTCOME_CHOICES.map((o) => (
                    <option key={o} value={o}>
                      {t(`data.outcome.${o}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {outcomeIsCustom(mapping) && <p className="muted">{t('data.mapping.outcomeCustom')}</p>}
      <details className="mapping-json">
        <summary>{t('data.mapping.json')}</summary>
        <JsonEditor key={mappingJson} initial={mappingJson} onApply={onChange} invalid={false} />
      </details>
    </div>
  );
}

function FieldDetail({ field, mapping, column, apply }: { field: EditorField; mapping: MappingObject; column: string; apply(next: MappingObject): void }) {
  const { t } = useI18n();
  if (!column) return <span />;
  if (TIME_FIELDS.has(field) || field === 'date') {
    const formats: readonly string[] = field === 'date' ? DATE_FORMATS : TIME_FORMATS;
    const current = formatOf(mapping, field);
    return (
      <select value={current} onChange={(event) => apply(withFormat(mapping, field, event.target.value))} aria-label={t('data.mapping.formatOf', { field: t(`data.field.${field}` as MessageKey) })}>
        {[...new Set([current, ...formats])].map((f) => (
          <option key={f} value={f}>
            {f === 'iso' ? t('data.mapping.iso') : f === 'time' ? t('data.mapping.timeOfDay') : f}
          </option>
        ))}
      </select>
    );
  }
  if (DURATION_FIELDS.has(field)) {
    return (
      <select value={unitOf(mapping, field)} onChange={(event) => apply(withUnit(mapping, field, event.target.value))} aria-label={t('data.mapping.unitOf', { field: t(`data.field.${field}` as MessageKey) })}>
        {DURATION_UNITS.map((u) => (
          <option key={u} value={u}>
            {t(`data.unit.${u}`)}
          </option>
        ))}
      </select>
    );
  }
  return <span />;
}

/** Free editing of the mapping; remounted (by key) whenever the form above changes the mapping. */
function JsonEditor({ initial, onApply, invalid }: { initial: string; onApply(json: string): void; invalid: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState(initial);
  return (
    <div className="json-editor">
      {invalid && <p className="data-error">{t('data.mapping.jsonInvalid')}</p>}
      <textarea value={text} onChange={(event) => setText(event.target.value)} rows={14} dir="ltr" spellCheck={false} aria-label={t('data.mapping.json')} />
      <button type="button" className="button button--small" onClick={() => onApply(text)}>
        {t('data.mapping.applyJson')}
      </button>
    </div>
  );
}
