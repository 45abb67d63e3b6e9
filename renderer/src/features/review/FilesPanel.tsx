import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useHostStore } from '../../stores/host';
import { useReviewStore } from '../../stores/review/actions';

/** Which data file is open; open another, save a copy; backups (schedule, now, restore); privacy. */
export function FilesPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const file = useReviewStore((s) => s.file);
  const config = useReviewStore((s) => s.config);
  const backups = useReviewStore((s) => s.backups);
  const readOnly = useHostStore((s) => s.info?.access === 'read');
  const [copyPath, setCopyPath] = useState('');
  const [openPath, setOpenPath] = useState('');
  const [purgeDays, setPurgeDays] = useState('365');
  const [restoring, setRestoring] = useState<string | null>(null);
  const [purgeResult, setPurgeResult] = useState<number | null>(null);
  const store = useReviewStore.getState;

  useEffect(() => {
    void store().loadFiles();
  }, [store]);

  return (
    <section className="panel review-files" aria-labelledby={`${id}-title`}>
      <header className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          {t('review.files.title')}
        </h2>
      </header>
      <div className="review-files__body">
        <div className="review-files__current" data-testid="open-file">
          <span className="field__label">{t('review.files.open')}</span>
          <code dir="ltr">{file?.path ?? '…'}</code>
          {file && (
            <span className="panel__summary">
              {t('review.files.stats', { contacts: i18n.num(file.contacts), size: i18n.num(file.sizeBytes / 1e6, { maximumFractionDigits: 1 }), version: file.schemaVersion })}
            </span>
          )}
        </div>
        {!readOnly && (
          <>
            <form
              className="review-files__row"
              onSubmit={(e) => {
                e.preventDefault();
                if (openPath.trim()) void store().openFile(openPath.trim());
              }}
            >
              <label className="range-bar__field review-files__grow">
                <span>{t('review.files.openOther')}</span>
                <input type="text" dir="ltr" value={openPath} placeholder="/home/…/floorwatch.sqlite" onChange={(e) => setOpenPath(e.target.value)} />
              </label>
              <button type="submit" className="button button--small" disabled={!openPath.trim()}>
                {t('review.action.open')}
              </button>
            </form>
            <form
              className="review-files__row"
              onSubmit={(e) => {
                e.preventDefault();
                if (copyPath.trim()) void store().saveCopy(copyPath.trim());
              }}
            >
              <label className="range-bar__field review-files__grow">
                <span>{t('review.files.saveCopy')}</span>
                <input type="text" dir="ltr" value={copyPath} placeholder="/home/…/copy.sqlite" onChange={(e) => setCopyPath(e.target.value)} />
              </label>
              <button type="submit" className="button button--small" disabled={!copyPath.trim()}>
                {t('review.action.save')}
              </button>
            </form>

            <h3 className="review-files__sub">{t('review.backup.title')}</h3>
            {config && (
              <div className="review-files__row">
                <label className="range-bar__field">
                  <span>{t('review.backup.every')}</span>
                  <select value={config.backupEveryHours} onChange={(e) => void store().configure({ backupEveryHours: Number(e.target.value) })}>
                    {[0, 1, 6, 12, 24, 168].map((h) => (
                      <option key={h} value={h}>
                        {h === 0 ? t('review.backup.off') : t('review.backup.hours', { n: h })}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="range-bar__field">
                  <span>{t('review.backup.keep')}</span>
                  <input type="number" min={1} max={365} value={config.backupKeep} onChange={(e) => Number(e.target.value) >= 1 && void store().configure({ backupKeep: Number(e.target.value) })} />
                </label>
                <button type="button" className="button button--small" onClick={() => void store().backupNow()}>
                  {t('review.backup.now')}
                </button>
              </div>
            )}
            {backups.length > 0 ? (
              <ul className="review-files__backups">
                {backups.slice(0, 6).map((b) => (
                  <li key={b.name}>
                    <span>
                      {i18n.date(b.at)} {i18n.time(b.at)} · {i18n.num(b.sizeBytes / 1e6, { maximumFractionDigits: 1 })} MB
                    </span>
                    {restoring === b.name ? (
                      <span className="review-files__confirm" role="alert">
                        {t('review.backup.confirm')}
                        <button
                          type="button"
                          className="button button--small button--danger"
                          onClick={() => {
                            setRestoring(null);
                            void store().restore(b.name);
                          }}
                        >
                          {t('review.backup.restoreYes')}
                        </button>
                        <button type="button" className="button button--ghost button--small" onClick={() => setRestoring(null)}>
                          {t('review.action.cancel')}
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="button button--ghost button--small" onClick={() => setRestoring(b.name)}>
                        {t('review.backup.restore')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="panel__summary">{t('review.backup.none')}</p>
            )}

            <h3 className="review-files__sub">{t('review.privacy.title')}</h3>
            {config && (
              <label className="review-files__check">
                <input type="checkbox" checked={config.pseudonymise} onChange={(e) => void store().configure({ pseudonymise: e.target.checked })} />
                <span>{t('review.privacy.pseudonymise')}</span>
              </label>
            )}
            <form
              className="review-files__row"
              onSubmit={(e) => {
                e.preventDefault();
                const days = Number(purgeDays);
                if (Number.isInteger(days) && days >= 1 && window.confirm(t('review.privacy.confirm', { n: days }))) void store().purge(days).then(setPurgeResult);
              }}
            >
              <label className="range-bar__field">
                <span>{t('review.privacy.olderThan')}</span>
                <input type="number" min={1} value={purgeDays} onChange={(e) => setPurgeDays(e.target.value)} />
              </label>
              <button type="submit" className="button button--small button--danger">
                {t('review.privacy.purge')}
              </button>
              {config && (
                <label className="range-bar__field">
                  <span>{t('review.privacy.retain')}</span>
                  <input type="number" min={0} value={config.retainDays} onChange={(e) => Number(e.target.value) >= 0 && void store().configure({ retainDays: Number(e.target.value) })} />
                </label>
              )}
            </form>
            {purgeResult !== null && <p role="status">{t('review.privacy.deleted', { n: i18n.num(purgeResult) })}</p>}
          </>
        )}
      </div>
    </section>
  );
}
