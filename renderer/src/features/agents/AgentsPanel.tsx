import './agents.css';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { AGENT_NAME_MAX, type AgentEntry } from '../../../../shared/contract/agents';
import { useI18n } from '../../i18n/useI18n';
import { followAgentEvents, useAgentsStore } from '../../stores/agents/actions';
import { filterAgents, mergeTargets, nameProblem } from '../../stores/agents/selectors';
import { formatDateTime } from '../data/format';

/** A name inside a sentence: isolated, so a Latin spelling keeps its order in Persian text. */
const isolate = (s: string) => `\u2068${s}\u2069`;

type Mode = 'view' | 'rename' | 'merge' | 'confirm';

interface RowProps {
  agent: AgentEntry;
  agents: AgentEntry[];
  readOnly: boolean;
  /** A finished rename or merge: what to announce, and whose row gets the focus. */
  onDone(message: string, focusId: number): void;
}

function AgentRow({ agent, agents, readOnly, onDone }: RowProps) {
  const { t, num, locale, timezone } = useI18n();
  const busy = useAgentsStore((s) => s.busyId === agent.id);
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState(agent.name);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState('');
  const uid = useId();
  const renameButton = useRef<HTMLButtonElement>(null);
  const mergeButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<'rename' | 'merge' | null>(null);

  // Back in view mode after Cancel/Escape: the keyboard continues from the button that opened it
  // (rendered again, and enabled, only after this render).
  useEffect(() => {
    if (mode !== 'view' || !returnFocus.current) return;
    (returnFocus.current === 'rename' ? renameButton : mergeButton).current?.focus();
    returnFocus.current = null;
  }, [mode]);

  const close = (button: 'rename' | 'merge') => {
    returnFocus.current = button;
    setError(null);
    setMode('view');
  };

  const into = agents.find((a) => String(a.id) === target) ?? null;

  const save = async () => {
    const problem = nameProblem(agents, agent.id, draft);
    if (problem === 'empty') return setError(t('agentDir.rename.empty'));
    if (problem === 'tooLong') return setError(t('agentDir.rename.tooLong', { max: AGENT_NAME_MAX }));
    if (problem === 'taken') return setError(t('agentDir.rename.taken', { name: isolate(draft.trim()) }));
    const name = draft.trim();
    if (name === agent.name) return close('rename');
    const result = await useAgentsStore.getState().rename(agent.id, name);
    if (!result.ok) return setError(t('agentDir.rename.failed', { message: result.message }));
    setError(null);
    setMode('view');
    onDone(t('agentDir.rename.done', { old: isolate(agent.name), name: isolate(name) }), agent.id);
  };

  const merge = async () => {
    if (!into) return;
    const result = await useAgentsStore.getState().merge(agent.id, into.id);
    if (!result.ok) {
      setMode('merge');
      return setError(t('agentDir.merge.failed', { message: result.message }));
    }
    onDone(t('agentDir.merge.done', { from: isolate(agent.name), into: isolate(into.name) }), into.id);
  };

  const onRenameKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close('rename');
    }
  };
  const onMergeKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close('merge');
    }
  };

  const inputId = `${uid}-name`;
  const hintId = `${uid}-hint`;
  const errorId = `${uid}-error`;
  const selectId = `${uid}-into`;
  const confirmId = `${uid}-confirm`;

  return (
    <>
      <tr data-testid="agent-dir-row" data-agent-id={agent.id} data-name={agent.name} aria-busy={busy || undefined}>
        <td className="agents-dir__name">
          {mode === 'rename' ? (
            <div className={`agents-dir__rename field ${error ? 'field--invalid' : ''}`}>
              <label className="visually-hidden" htmlFor={inputId}>
                {t('agentDir.rename.label', { name: agent.name })}
              </label>
              <input
                id={inputId}
                type="text"
                dir="auto"
                autoFocus
                value={draft}
                disabled={busy}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${errorId} ${hintId}` : hintId}
                data-testid="agent-rename-input"
                onChange={(event) => {
                  setDraft(event.target.value);
                  setError(null);
                }}
                onKeyDown={onRenameKey}
              />
              <p className="field__hint" id={hintId}>
                {t('agentDir.rename.hint')}
              </p>
              {error && (
                <p className="field__error" id={errorId} role="alert" data-testid="agent-rename-error">
                  {error}
                </p>
              )}
            </div>
          ) : (
            <bdi>{agent.name}</bdi>
          )}
        </td>
        <td>
          <ul className="agents-dir__aliases" aria-label={t('agentDir.col.aliases')}>
            {agent.aliases.map((alias) => (
              <li key={alias} dir="auto">
                {alias}
              </li>
            ))}
          </ul>
        </td>
        <td className="num">{num(agent.contacts)}</td>
        <td className="agents-dir__seen">{agent.lastSeen === null ? <span className="muted">{t('agentDir.never')}</span> : formatDateTime(locale, timezone, agent.lastSeen)}</td>
        {!readOnly && (
          <td>
            <div className="agents-dir__buttons">
              {mode === 'rename' ? (
                <>
                  <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void save()}>
                    {t('agentDir.action.save')}
                  </button>
                  <button type="button" className="button button--ghost button--small" onClick={() => close('rename')}>
                    {t('agentDir.action.cancel')}
                  </button>
                </>
              ) : (
                <>
                  <button
                    type="button"
                    ref={renameButton}
                    id={`agent-${agent.id}-rename`}
                    className="button button--ghost button--small"
                    disabled={busy || mode !== 'view'}
                    aria-label={`${t('agentDir.action.rename')}: ${agent.name}`}
                    onClick={() => {
                      setDraft(agent.name);
                      setError(null);
                      setMode('rename');
                    }}
                  >
                    {t('agentDir.action.rename')}
                  </button>
                  <button
                    type="button"
                    ref={mergeButton}
                    className="button button--ghost button--small"
                    disabled={busy || mode !== 'view' || agents.length < 2}
                    aria-label={`${t('agentDir.merge.label', { name: agent.name })}…`}
                    aria-expanded={mode === 'merge' || mode === 'confirm'}
                    onClick={() => {
                      setTarget('');
                      setError(null);
                      setMode('merge');
                    }}
                  >
                    {t('agentDir.action.mergeInto')}
                  </button>
                </>
              )}
            </div>
          </td>
        )}
      </tr>
      {(mode === 'merge' || mode === 'confirm') && (
        <tr className="agents-dir__merge-row">
          <td colSpan={5}>
            <div className="agents-dir__merge" onKeyDown={onMergeKey}>
              {mode === 'merge' ? (
                <>
                  <div className={`field agents-dir__merge-field ${error ? 'field--invalid' : ''}`}>
                    <label className="field__label" htmlFor={selectId}>
                      {t('agentDir.merge.label', { name: isolate(agent.name) })}
                    </label>
                    <select
                      id={selectId}
                      autoFocus
                      value={target}
                      data-testid="agent-merge-select"
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId : undefined}
                      onChange={(event) => {
                        setTarget(event.target.value);
                        setError(null);
                      }}
                    >
                      <option value="">{t('agentDir.merge.choose')}</option>
                      {mergeTargets(agents, agent.id).map((a) => {
                        const others = a.aliases.filter((alias) => alias !== a.name);
                        return (
                          <option key={a.id} value={a.id}>
                            {others.length > 0 ? `${a.name} (${others.join(', ')})` : a.name}
                          </option>
                        );
                      })}
                    </select>
                    {error && (
                      <p className="field__error" id={errorId} role="alert">
                        {error}
                      </p>
                    )}
                  </div>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => {
                      if (!into) return setError(t('agentDir.merge.pick'));
                      setError(null);
                      setMode('confirm');
                    }}
                  >
                    {t('agentDir.action.continue')}
                  </button>
                  <button type="button" className="button button--ghost button--small" onClick={() => close('merge')}>
                    {t('agentDir.action.cancel')}
                  </button>
                </>
              ) : (
                <div className="confirm" role="alertdialog" aria-labelledby={confirmId}>
                  <p id={confirmId} data-testid="agent-merge-confirm">
                    <span className="agents-dir__warn" aria-hidden="true">
                      !
                    </span>
                    {t('agentDir.merge.confirm', { from: isolate(agent.name), into: isolate(into?.name ?? '') })}
                  </p>
                  <button type="button" className="button button--small agents-dir__danger" disabled={busy} onClick={() => void merge()}>
                    {t('agentDir.action.merge')}
                  </button>
                  <button type="button" className="button button--ghost button--small" autoFocus onClick={() => close('merge')}>
                    {t('agentDir.action.keep')}
                  </button>
                </div>
              )}
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

/** The agent directory on #/data: every person once, renamed and merged by hand where sources disagree. */
export function AgentsPanel({ readOnly }: { readOnly: boolean }) {
  const { t } = useI18n();
  const agents = useAgentsStore((s) => s.agents);
  const loaded = useAgentsStore((s) => s.loaded);
  const error = useAgentsStore((s) => s.error);
  const [query, setQuery] = useState('');
  const [announce, setAnnounce] = useState('');
  // The row to focus once a rename or merge has re-rendered the table.
  const focusId = useRef<number | null>(null);
  const shown = filterAgents(agents, query);

  useEffect(() => {
    void useAgentsStore.getState().load();
    return followAgentEvents();
  }, []);

  useEffect(() => {
    if (focusId.current === null) return;
    // A row hidden by the filter has no button: the announcement is then all there is.
    document.getElementById(`agent-${focusId.current}-rename`)?.focus();
    focusId.current = null;
  });

  return (
    <section className="panel data-panel agents-dir" aria-labelledby="agents-dir-title" data-testid="agents-directory">
      <header className="panel__head">
        <div>
          <h2 className="panel__title" id="agents-dir-title">
            {t('agentDir.title')}
          </h2>
          <p className="panel__summary">{t('agentDir.summary')}</p>
          {readOnly && <p className="panel__summary">{t('agentDir.readOnly')}</p>}
        </div>
        {agents.length > 0 && (
          <div className="field agents-dir__filter">
            <label className="field__label" htmlFor="agents-dir-filter">
              {t('agentDir.filter')}
            </label>
            <input id="agents-dir-filter" type="search" dir="auto" value={query} placeholder={t('agentDir.filterPlaceholder')} onChange={(event) => setQuery(event.target.value)} />
          </div>
        )}
      </header>
      {error && (
        <p className="data-error" role="alert">
          {t('agentDir.error', { message: error })}
        </p>
      )}
      <p className="agents-dir__status" role="status" data-testid="agents-status">
        {announce}
      </p>
      {loaded && agents.length === 0 && !error && <p className="panel__empty">{t('agentDir.empty')}</p>}
      {agents.length > 0 && (
        <>
          <p className="agents-dir__count">{t('agentDir.count', { shown: shown.length, total: agents.length })}</p>
          {shown.length === 0 ? (
            <p className="panel__empty">{t('agentDir.noMatch', { query: isolate(query.trim()) })}</p>
          ) : (
            <div className="table-scroll agents-dir__scroll">
              <table className="data-table agents-dir__table" aria-labelledby="agents-dir-title">
                <thead>
                  <tr>
                    <th scope="col">{t('agentDir.col.name')}</th>
                    <th scope="col">{t('agentDir.col.aliases')}</th>
                    <th scope="col" className="num">
                      {t('agentDir.col.contacts')}
                    </th>
                    <th scope="col">{t('agentDir.col.lastSeen')}</th>
                    {!readOnly && <th scope="col">{t('agentDir.col.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((agent) => (
                    <AgentRow
                      key={agent.id}
                      agent={agent}
                      agents={agents}
                      readOnly={readOnly}
                      onDone={(message, id) => {
                        focusId.current = id;
                        setAnnounce(message);
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
