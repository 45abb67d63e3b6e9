import { useState } from 'react';
import type { SourceView } from '../../../../shared/contract';
import { BreachIcon, OkIcon, PausedIcon, WarningIcon } from '../../app/icons';
import { useI18n } from '../../i18n/useI18n';
import { useDataStore } from '../../stores/data/actions';
import { sortSources, sourceLag, sourceLevel, sourceTarget, type SourceLevel } from '../../stores/data/selectors';
import { formatAgo } from './format';
import { FollowIcon, PlugIcon, PlusIcon } from './icons';
import { SourceForm } from './SourceForm';
import { noteText } from './source-note';

const LEVEL_ICON = { ok: OkIcon, warning: WarningIcon, breach: BreachIcon, idle: PausedIcon } satisfies Record<SourceLevel, unknown>;

function SourceState({ source }: { source: SourceView }) {
  const { t } = useI18n();
  const level = sourceLevel(source.status.state);
  const Icon = LEVEL_ICON[level];
  return (
    <span className={`source-state source-state--${level}`} data-testid="source-state" data-state={source.status.state}>
      <Icon className="source-state__icon" />
      {t(`data.state.${source.status.state}`)}
    </span>
  );
}

function SourceRow({ source, now, readOnly }: { source: SourceView; now: number; readOnly: boolean }) {
  const { t, num, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const lag = sourceLag(source.status, now);
  const KindIcon = source.kind === 'ami' ? PlugIcon : FollowIcon;
  const titleId = `source-${source.id}-name`;

  if (editing) return <li className="source source--editing"><SourceForm source={source} onDone={() => setEditing(false)} /></li>;

  return (
    <li className={`source ${source.enabled ? '' : 'source--disabled'}`} data-testid="source-row" data-source-id={source.id} aria-labelledby={titleId}>
      <div className="source__head">
        <span className="source__kind-icon" aria-hidden="true">
          <KindIcon />
        </span>
        <div className="source__names">
          <h3 className="source__name" id={titleId}>
            {source.name}
          </h3>
          <p className="source__kind">{t(`data.kind.${source.kind}`)}</p>
        </div>
        <SourceState source={source} />
      </div>
      <p className="source__target" dir="ltr" title={sourceTarget(source)}>
        {sourceTarget(source)}
      </p>
      <dl className="source__figures">
        <div>
          <dt>{t('data.sources.lag')}</dt>
          <dd data-testid="source-lag">{lag === null ? t('data.sources.noRecords') : formatAgo(locale, lag)}</dd>
        </div>
        <div>
          <dt>{t('data.sources.applied')}</dt>
          <dd className="num" data-testid="source-applied" data-value={source.status.applied}>
            {num(source.status.applied)}
          </dd>
        </div>
        <div>
          <dt>{t('data.sources.rejected')}</dt>
          <dd className={`num ${source.status.rejected > 0 ? 'source__rejected--some' : ''}`} data-testid="source-rejected">
            {num(source.status.rejected)}
          </dd>
        </div>
      </dl>
      {source.status.note && (
        <p className={`source__message source__message--${sourceLevel(source.status.state)}`} data-testid="source-message" data-code={source.status.note.code}>
          {noteText(t, locale, source.status.note)}
        </p>
      )}
      {!readOnly && (
        <div className="source__actions">
          {confirming ? (
            <div className="confirm" role="alertdialog" aria-labelledby={`${titleId}-confirm`}>
              <p id={`${titleId}-confirm`}>{t('data.sources.confirmRemove', { name: source.name })}</p>
              <button type="button" className="button button--danger button--small" onClick={() => void useDataStore.getState().removeSource(source.id)}>
                {t('data.action.remove')}
              </button>
              <button type="button" className="button button--ghost button--small" autoFocus onClick={() => setConfirming(false)}>
                {t('data.action.keep')}
              </button>
            </div>
          ) : (
            <>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={source.enabled}
                  data-testid="source-enabled"
                  onChange={(event) => void useDataStore.getState().setEnabled(source.id, event.target.checked)}
                />
                <span className="switch__track" aria-hidden="true" />
                {source.enabled ? t('data.sources.enabled') : t('data.sources.disabled')}
              </label>
              <span className="source__spacer" />
              <button type="button" className="button button--ghost button--small" onClick={() => setEditing(true)} aria-describedby={titleId}>
                {t('data.action.edit')}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(true)} aria-describedby={titleId}>
                {t('data.action.remove')}
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}

export function SourcesPanel({ now, readOnly }: { now: number; readOnly: boolean }) {
  const { t } = useI18n();
  const sources = useDataStore((s) => s.sources);
  const loaded = useDataStore((s) => s.sourcesLoaded);
  const error = useDataStore((s) => s.sourcesError);
  const [adding, setAdding] = useState(false);
  const sorted = sortSources(sources);

  return (
    <section className="panel data-panel sources-panel" aria-labelledby="sources-title">
      <header className="panel__head">
        <div>
          <h2 className="panel__title" id="sources-title">
            {t('data.sources.title')}
          </h2>
          <p className="panel__summary">{t('data.sources.summary')}</p>
        </div>
        {!readOnly && !adding && (
          <button type="button" className="button button--small" onClick={() => setAdding(true)} data-testid="add-source">
            <PlusIcon />
            {t('data.action.addSource')}
          </button>
        )}
      </header>
      {error && (
        <p className="data-error" role="alert">
          {t('data.sources.error', { message: error })}
        </p>
      )}
      {adding && (
        <div className="sources-panel__form">
          <SourceForm source={null} onDone={() => setAdding(false)} />
        </div>
      )}
      {loaded && sorted.length === 0 && !adding && <p className="panel__empty">{t('data.sources.empty')}</p>}
      {sorted.length > 0 && (
        <ul className="sources-list" aria-labelledby="sources-title">
          {sorted.map((source) => (
            <SourceRow key={source.id} source={source} now={now} readOnly={readOnly} />
          ))}
        </ul>
      )}
    </section>
  );
}
