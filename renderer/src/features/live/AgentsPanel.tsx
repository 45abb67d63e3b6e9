import type { AgentLive } from '../../../../shared/contract';
import { STATE_ICONS } from '../../app/icons';
import { useI18n } from '../../i18n/useI18n';
import { memoByView, shownSeconds } from '../../app/memo';
import { agentCounts, sortAgents } from '../../stores/live/selectors';

function AgentRowView({ agent, now }: { agent: AgentLive; now: number }) {
  const { t, num, duration } = useI18n();
  const Icon = STATE_ICONS[agent.state];
  return (
    <tr key={agent.id} data-testid="agent-row" data-state={agent.state}>
      <th scope="row" className="agents__name">
        <bdi>{agent.name}</bdi>
      </th>
      <td>
        <span className={`state-chip state-chip--${agent.state}`}>
          <Icon className="state-chip__icon" />
          {t(`state.${agent.state}`)}
        </span>
      </td>
      <td className="num">{agent.since === null ? '—' : duration(now - agent.since)}</td>
      <td className="agents__reason">{agent.reason ? <bdi>{agent.reason}</bdi> : <span className="muted">—</span>}</td>
      <td className="num">{num(agent.handledToday)}</td>
      <td className={`num ${agent.rnaToday > 0 ? 'agents__rna--some' : ''}`}>{num(agent.rnaToday)}</td>
      <td>
        <a className="button button--ghost button--small" href={`#/coaching?new=1&agent=${agent.id}`} aria-label={t('coaching.coachAgent', { name: agent.name })} data-testid="coach-agent">
          {t('coaching.coach')}
        </a>
      </td>
    </tr>
  );
}

const AgentRow = memoByView(AgentRowView, ({ agent: a, now }) => [a.id, a.name, a.state, a.since === null ? null : shownSeconds(now - a.since), a.reason, a.handledToday, a.rnaToday]);

export function AgentsPanel({ agents, now }: { agents: readonly AgentLive[]; now: number }) {
  const { t, num } = useI18n();
  const sorted = sortAgents(agents.filter((agent) => agent.state !== 'offline'));
  const counts = agentCounts(agents);
  return (
    <section className="panel agents" aria-labelledby="agents-title">
      <header className="panel__head">
        <h2 className="panel__title" id="agents-title">
          {t('agents.title')}
          <span className="count-badge">{num(sorted.length)}</span>
        </h2>
        <p className="panel__summary">
          {t('agents.summary', { available: counts.available, busy: counts.busy + counts.ringing + counts.wrapup, paused: counts.paused })}
        </p>
      </header>
      {sorted.length === 0 ? (
        <p className="panel__empty">{t('agents.empty')}</p>
      ) : (
        <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="agents-title">
          <table className="data-table agents__table">
            <thead>
              <tr>
                <th scope="col">{t('agents.col.name')}</th>
                <th scope="col">{t('agents.col.state')}</th>
                <th scope="col" className="num">
                  {t('agents.col.inState')}
                </th>
                <th scope="col">{t('agents.col.reason')}</th>
                <th scope="col" className="num">
                  {t('agents.col.handled')}
                </th>
                <th scope="col" className="num">
                  {t('agents.col.rna')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('coaching.coach')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((agent) => (
                <AgentRow key={agent.id} agent={agent} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
