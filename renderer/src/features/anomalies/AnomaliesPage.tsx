import { useCallback, useEffect } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { useAnomaliesStore } from '../../stores/anomalies/actions';
import { selectedFlag, sortedFlags } from '../../stores/anomalies/selectors';
import { useHostStore } from '../../stores/host';
import { FlagDetail } from './FlagDetail';
import { FlagList } from './FlagList';
import { Heatmap } from './Heatmap';
import { RnaMatrix } from './RnaMatrix';
import './anomalies.css';

export function AnomaliesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const state = useAnomaliesStore();
  const canWrite = useHostStore((s) => s.info?.access !== 'read');
  const flag = selectedFlag(state);
  const { load, select } = state;

  useEffect(() => {
    void load();
    // New flags from a live rescan: fetch the overview again.
    const stop = api().on('anomalies.flagged', () => void useAnomaliesStore.getState().load());
    const stopUpdated = api().on('anomalies.updated', (f) => useAnomaliesStore.getState().receiveFlag(f));
    return () => {
      stop();
      stopUpdated();
    };
  }, [load]);

  const onFlag = useCallback((key: string) => {
    void select(key);
    document.getElementById('anom-detail-panel')?.scrollIntoView({ block: 'nearest' });
  }, [select]);

  const o = state.overview;
  return (
    <div className="anom-page">
      <header className="anom-page__head">
        {o && (
          <p className="anom-page__range">
            {t('anom.range', { from: i18n.date(Date.parse(o.from)), to: i18n.date(Date.parse(o.to)), tested: o.tested.unanswered + o.tested.avoidance })}
          </p>
        )}
        {canWrite ? (
          <button type="button" className="button" data-testid="anomaly-scan" onClick={() => void state.scan()} disabled={state.loading}>
            {state.loading ? t('anom.scanning') : t('anom.rescan')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => void load()} disabled={state.loading}>
            {t('anom.refresh')}
          </button>
        )}
      </header>
      {state.gone && (
        <p className="anom-error" role="alert">
          {t('anom.gone')}
        </p>
      )}
      {state.error && (
        <p className="anom-error" role="alert">
          {state.error}
        </p>
      )}
      {o && (
        <div className="anom-grid">
          <section className="panel anom-panel anom-panel--heat" aria-labelledby="anom-heat-title">
            <header className="panel__head">
              <div>
                <h2 className="panel__title" id="anom-heat-title">
                  {t('anom.heatmap.title')}
                </h2>
                <p className="panel__summary">{t('anom.heatmap.summary')}</p>
              </div>
            </header>
            <Heatmap overview={o} onFlag={onFlag} />
          </section>
          <section className="panel anom-panel anom-panel--flags" aria-labelledby="anom-flags-title">
            <header className="panel__head">
              <h2 className="panel__title" id="anom-flags-title">
                {t('anom.flags.title')} ({i18n.num(o.flags.length)})
              </h2>
            </header>
            <FlagList flags={sortedFlags(o)} selectedKey={state.selectedKey} onSelect={onFlag} />
          </section>
          <section className="panel anom-panel anom-panel--rna" aria-labelledby="anom-rna-title">
            <header className="panel__head">
              <div>
                <h2 className="panel__title" id="anom-rna-title">
                  {t('anom.rna.title')}
                </h2>
                <p className="panel__summary">{t('anom.rna.summary')}</p>
              </div>
            </header>
            <RnaMatrix overview={o} onFlag={onFlag} />
          </section>
          <section className="panel anom-panel anom-panel--detail" id="anom-detail-panel" aria-labelledby="anom-detail-head">
            <header className="panel__head">
              <h2 className="panel__title" id="anom-detail-head">
                {t('anom.detail.title')}
              </h2>
            </header>
            {flag ? (
              <FlagDetail
                key={flag.key}
                flag={flag}
                contacts={state.contactsFor === flag.key ? state.contacts : []}
                canWrite={canWrite}
                onStatus={(status, reason) => state.setStatus(flag, status, reason)}
                onCoaching={() => void state.openCoaching(flag)}
              />
            ) : (
              <p className="panel__empty">{t('anom.detail.select')}</p>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
