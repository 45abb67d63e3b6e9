import type { ImportPreview } from '../../../../shared/contract';
import { BreachIcon, OkIcon, PausedIcon } from '../../app/icons';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/translate';
import { previewCounts } from '../../stores/data/selectors';
import { formatDateTime } from './format';

const ROWS_SHOWN = 8;
const RESULT_ICON = { contact: OkIcon, skip: PausedIcon, reject: BreachIcon } as const;

/** The first lines of a file that needs no mapping (queue_log, AMI, NDJSON, directory). */
export function FirstLines({ preview }: { preview: ImportPreview }) {
  const { t, num } = useI18n();
  return (
    <figure className="first-lines">
      <figcaption className="data-subtitle">{t('data.preview.firstLines')}</figcaption>
      <ol className="first-lines__list" dir="ltr" data-testid="preview-lines">
        {preview.lines.slice(0, 12).map((line) => (
          <li key={line.line}>
            <span className="first-lines__no">{num(line.line)}</span>
            <code>{line.text || ' '}</code>
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** Step 1: the file's own rows, by its column names. */
export function FileRows({ preview }: { preview: ImportPreview }) {
  const { t, num } = useI18n();
  if (preview.headers.length === 0) return null;
  // The mapping could not read any row yet (e.g. a guessed column is missing): show the text.
  if (preview.rows.length === 0) return <FirstLines preview={preview} />;
  return (
    <section className="preview-step" aria-labelledby="step-rows">
      <h3 className="data-subtitle" id="step-rows">
        <span className="step-no">1</span>
        {t('data.preview.rows', { columns: preview.headers.length })}
      </h3>
      <div className="table-scroll preview-table">
        <table className="data-table" data-testid="preview-rows">
          <thead>
            <tr>
              <th scope="col" className="col-line">{t('data.preview.line')}</th>
              {preview.headers.map((h) => (
                <th scope="col" key={h} dir="ltr">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody dir="ltr">
            {preview.rows.slice(0, ROWS_SHOWN).map((row) => (
              <tr key={row.line}>
                <td className="num">{num(row.line)}</td>
                {preview.headers.map((h) => (
                  <td key={h}>{row.values[h] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Step 3: what the mapping makes of the same rows: a contact, skipped, or rejected and why. */
export function ResultRows({ preview }: { preview: ImportPreview }) {
  const { t, num, locale, timezone } = useI18n();
  const counts = previewCounts(preview);
  return (
    <section className="preview-step" aria-labelledby="step-result">
      <h3 className="data-subtitle" id="step-result">
        <span className="step-no">3</span>
        {t('data.preview.result')}
        <span className="preview-counts" data-testid="preview-counts">
          {t('data.preview.counts', { contacts: counts.contact, skipped: counts.skip, rejected: counts.reject })}
        </span>
      </h3>
      {preview.fatal && (
        <p className="data-error" role="alert">
          {preview.fatal}
        </p>
      )}
      <div className="table-scroll preview-table">
        <table className="data-table" data-testid="preview-result">
          <thead>
            <tr>
              <th scope="col" className="col-line">{t('data.preview.line')}</th>
              <th scope="col">{t('data.preview.outcomeOfRow')}</th>
              <th scope="col">{t('data.field.enter')}</th>
              <th scope="col">{t('data.field.channel')}</th>
              <th scope="col">{t('data.field.queue')}</th>
              <th scope="col">{t('data.field.outcome')}</th>
              <th scope="col">{t('data.field.agent')}</th>
              <th scope="col">{t('data.field.segment')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => {
              const Icon = RESULT_ICON[row.result];
              return (
                <tr key={row.line} className={`result-row result-row--${row.result}`} data-result={row.result}>
                  <td className="num">{num(row.line)}</td>
                  <td className="result-row__what">
                    <span className={`result-chip result-chip--${row.result}`}>
                      <Icon />
                      {t(`data.result.${row.result}`)}
                    </span>
                    {row.reason && <span className="result-row__reason">{row.reason}</span>}
                  </td>
                  <td>{row.enterAt === null ? '—' : formatDateTime(locale, timezone, row.enterAt)}</td>
                  <td>{row.channel ? t(`channel.${row.channel}` as MessageKey) : '—'}</td>
                  <td>{row.queue ?? '—'}</td>
                  <td>{row.outcome ? t(`data.outcome.${row.outcome}` as MessageKey) : '—'}</td>
                  <td>{row.agent ?? '—'}</td>
                  <td>{row.segment ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
