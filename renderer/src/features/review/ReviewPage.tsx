import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { REVIEW_GROUPS, type ReviewGroup } from '../../../../shared/contract/review';
import { useI18n } from '../../i18n/useI18n';
import { useReviewStore } from '../../stores/review/actions';
import { toContractFilters } from '../../stores/review/range';
import { useRangeFilters } from '../../stores/review/useRangeFilters';
import { ComparePanel } from './ComparePanel';
import { ContactsExplorer, Timeline } from './ContactsExplorer';
import { FilesPanel } from './FilesPanel';
import { dayText } from './format';
import { JobsBar } from './JobsBar';
import { KpiChart, type KpiChartHandle } from './KpiChart';
import { KpiTableView } from './KpiTableView';
import { renderReportPages } from './pdf';
import { RangeFilterBar } from './RangeFilterBar';
import { saveBytes } from './save';
import './review.css';

export function ReviewPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [range, setRange] = useRangeFilters();
  const filters = useMemo(() => toContractFilters(range), [range]);
  const s = useReviewStore();
  const chart = useRef<KpiChartHandle>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => useReviewStore.getState().start(), []);
  useEffect(() => {
    void useReviewStore.getState().load(filters);
  }, [filters]);

  const download = useCallback(async (jobId: string) => {
    const job = await useReviewStore.getState().waitForJob(jobId);
    if (job.state !== 'done') return;
    const file = await useReviewStore.getState().fetchJob(jobId);
    saveBytes(file.name, file.mime, file.bytes as BlobPart[]);
  }, []);

  const exportTable = async (table: 'kpis' | 'contacts', format: 'csv' | 'xlsx') => {
    setBusy(`${table}-${format}`);
    try {
      const job = await useReviewStore.getState().exportTable(table, format, filters);
      if (job) await download(job.jobId);
    } finally {
      setBusy(null);
    }
  };

  const describe = () => {
    const parts = [`${dayText(i18n, range.from)} – ${dayText(i18n, range.to)}`];
    if (range.channel) parts.push(`${t('review.filter.channel')}: ${t(`channel.${range.channel}`)}`);
    if (range.queue) parts.push(`${t('review.filter.queue')}: ${range.queue}`);
    if (range.segment !== null) parts.push(`${t('review.filter.segment')}: ${range.segment || t('review.filter.noSegment')}`);
    if (range.agent) parts.push(`${t('review.filter.agent')}: ${range.agent}`);
    return `${parts.join(' · ')} · ${i18n.timezone}`;
  };

  const exportPdf = async () => {
    if (!s.table) return;
    setBusy('pdf');
    try {
      const now = Date.now();
      const pages = renderReportPages({
        i18n,
        title: t('review.report.title'),
        subtitle: describe(),
        generated: t('review.report.generated', { time: `${i18n.date(now)} ${i18n.time(now)}` }),
        table: s.table,
        compare: s.compare && s.compareRange ? { rows: s.compare, title: t('review.compare.title'), a: `${dayText(i18n, range.from)} – ${dayText(i18n, range.to)}`, b: `${dayText(i18n, s.compareRange.from)} – ${dayText(i18n, s.compareRange.to)}` } : null,
      });
      const job = await useReviewStore.getState().exportPdf(`floorwatch-report-${range.from}_${range.to}`, pages);
      if (job) await download(job.jobId);
    } finally {
      setBusy(null);
    }
  };

  const exportPng = () => {
    chart.current?.canvas()?.toBlob((blob) => blob && saveBytes(`floorwatch-chart-${range.from}_${range.to}.png`, 'image/png', [blob]), 'image/png');
  };

  return (
    <div className="review" data-testid="review-page">
      <RangeFilterBar filters={range} onChange={setRange} options={s.options} />
      {s.error && (
        <p className="notice notice--error" role="alert">
          {s.error}{' '}
          <button type="button" className="button button--ghost button--small" onClick={() => useReviewStore.getState().dismiss()}>
            {t('review.action.close')}
          </button>
        </p>
      )}
      <JobsBar />
      <div className="review__top">
        <section className="panel review-kpis" aria-labelledby="review-kpis-title">
          <header className="panel__head">
            <h2 className="panel__title" id="review-kpis-title">
              {t('review.kpis.title')}
            </h2>
            <div className="review__actions">
              <label className="range-bar__field range-bar__field--inline">
                <span>{t('review.kpis.by')}</span>
                <select value={s.by} data-testid="group-by" onChange={(e) => void useReviewStore.getState().setBy(e.target.value as ReviewGroup, filters)}>
                  {REVIEW_GROUPS.map((g) => (
                    <option key={g} value={g}>
                      {t(`review.group.${g}`)}
                    </option>
                  ))}
                </select>
              </label>
              <div className="review__buttons" role="group" aria-label={t('review.export.label')}>
                <button type="button" className="button button--small" data-testid="export-kpis-csv" disabled={busy !== null} onClick={() => void exportTable('kpis', 'csv')}>
                  CSV
                </button>
                <button type="button" className="button button--small" data-testid="export-kpis-xlsx" disabled={busy !== null} onClick={() => void exportTable('kpis', 'xlsx')}>
                  XLSX
                </button>
                <button type="button" className="button button--small button--primary" data-testid="export-pdf" disabled={busy !== null || !s.table} onClick={() => void exportPdf()}>
                  {t('review.export.pdf')}
                </button>
                <button type="button" className="button button--small" data-testid="export-png" disabled={!s.table?.rows.length} onClick={exportPng}>
                  {t('review.export.png')}
                </button>
              </div>
            </div>
          </header>
          {s.table ? (
            <>
              {s.table.rows.length > 0 && <KpiChart ref={chart} table={s.table} label={t('review.kpis.chart')} />}
              <KpiTableView table={s.table} />
            </>
          ) : (
            <p className="panel__empty">{t('review.loading')}</p>
          )}
        </section>
        {s.compare && s.compareRange && <ComparePanel rows={s.compare} range={{ from: range.from, to: range.to }} against={s.compareRange} />}
      </div>
      <div className={`review__contacts ${s.selected ? 'has-detail' : ''}`}>
        <section className="panel" aria-labelledby="review-contacts-title">
          <header className="panel__head">
            <h2 className="panel__title" id="review-contacts-title">
              {t('review.contacts.title')}
            </h2>
            <p className="panel__summary">{t('review.contacts.summary', { n: i18n.num(s.contacts.length) + (s.contactsNext ? '+' : '') })}</p>
            <div className="review__buttons" role="group" aria-label={t('review.export.label')}>
              <button type="button" className="button button--small" data-testid="export-contacts-csv" disabled={busy !== null} onClick={() => void exportTable('contacts', 'csv')}>
                CSV
              </button>
              <button type="button" className="button button--small" data-testid="export-contacts-xlsx" disabled={busy !== null} onClick={() => void exportTable('contacts', 'xlsx')}>
                XLSX
              </button>
            </div>
          </header>
          <ContactsExplorer
            rows={s.contacts}
            more={s.contactsNext !== null}
            loading={s.contactsLoading}
            sort={s.sort}
            selected={s.selected?.contact.id ?? null}
            onSort={(sort) => void useReviewStore.getState().setSort(sort, filters)}
            onMore={() => void useReviewStore.getState().loadMore(filters)}
            onOpen={(id) => void useReviewStore.getState().select(id)}
          />
        </section>
        {s.selected && <Timeline detail={s.selected} onClose={() => void useReviewStore.getState().select(null)} />}
      </div>
      <FilesPanel />
    </div>
  );
}
