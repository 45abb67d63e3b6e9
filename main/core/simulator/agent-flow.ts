import type { AgentEvent } from '../ingest/events';
import { planShift, type PausePlan, type ShiftPlan } from './agents';
import { emit, schedule, type Agent, type World } from './world';

/**
 * Agent lifecycle: shifts planned per local day, login and logoff at the shift edges, pauses
 * with reasons. An agent who is busy when a pause or the end of the shift comes finishes the
 * contact (and its wrap-up) first, as people do.
 */
const STALE_PAUSE_MS = 30 * 60_000;

type AgentAction = 'login' | 'logoff' | 'pause' | 'unpause';

export function agentEventAt(world: World, agent: Agent, action: AgentAction, at: number, reason?: string): AgentEvent {
  return {
    kind: 'agent',
    source: world.source,
    at,
    agent: agent.spec.key,
    name: agent.spec.name,
    action,
    ...(reason ? { reason } : {}),
  };
}

function agentEvent(world: World, agent: Agent, action: AgentAction, reason?: string): void {
  emit(world, agentEventAt(world, agent, action, world.now, reason));
}

export function planDay(world: World, day: number): void {
  for (const agent of world.agents) {
    const plan = planShift(agent.spec, agent.index, day, world.zone, world.seed);
    if (plan && plan.logoff > world.now) schedule(world, plan.login, { kind: 'login', agent, plan });
  }
}

export function login(world: World, agent: Agent, plan: ShiftPlan): void {
  if (agent.state !== 'offline') {
    // The previous shift has not ended yet (only possible with overlapping plans): keep it.
    agent.logoffPending = false;
  } else {
    agent.state = 'idle';
    agent.idleSince = world.now;
    agent.loginAt = Math.min(world.now, plan.login);
    agent.shift++;
    agentEvent(world, agent, 'login');
  }
  schedule(world, plan.logoff, { kind: 'logoff', agent, shift: agent.shift });
  for (const pause of plan.pauses) {
    if (pause.at >= world.now && pause.at < plan.logoff) {
      schedule(world, pause.at, { kind: 'pause', agent, shift: agent.shift, pause });
    }
  }
}

function logoffNow(world: World, agent: Agent): void {
  agentEvent(world, agent, 'logoff');
  agent.state = 'offline';
  agent.work = null;
  agent.logoffPending = false;
  agent.pendingPauses = [];
  agent.pauseReason = null;
  agent.shift++;
  agent.token++;
}

export function logoff(world: World, agent: Agent, shift: number): void {
  if (shift !== agent.shift || agent.state === 'offline') return;
  if (agent.state === 'idle' || agent.state === 'paused') logoffNow(world, agent);
  else agent.logoffPending = true;
}

function startPause(world: World, agent: Agent, pause: PausePlan): void {
  agent.state = 'paused';
  agent.work = null;
  agent.pauseAt = world.now;
  agent.pauseReason = pause.reason;
  agent.token++;
  agentEvent(world, agent, 'pause', pause.reason);
  schedule(world, world.now + pause.durationMs, { kind: 'unpause', agent, token: agent.token });
}

export function pause(world: World, agent: Agent, shift: number, plan: PausePlan): void {
  if (shift !== agent.shift || agent.state === 'offline') return;
  if (agent.state === 'idle') startPause(world, agent, plan);
  else agent.pendingPauses.push(plan);
}

/** The agent has nothing in hand: take a due pause, leave at shift end, or become available. */
export function becomeFree(world: World, agent: Agent): void {
  if (agent.logoffPending) return logoffNow(world, agent);
  // A break that came due during a long contact or training is taken late, or skipped if too late.
  while (agent.pendingPauses.length > 0) {
    const next = agent.pendingPauses.shift() as PausePlan;
    if (world.now - next.at <= STALE_PAUSE_MS) return startPause(world, agent, next);
  }
  agent.state = 'idle';
  agent.work = null;
  agent.idleSince = world.now;
}

export function unpause(world: World, agent: Agent, token: number): void {
  if (token !== agent.token || agent.state !== 'paused') return;
  agentEvent(world, agent, 'unpause', agent.pauseReason ?? undefined);
  agent.pauseReason = null;
  becomeFree(world, agent);
}

export function agentFree(world: World, agent: Agent, token: number): void {
  if (token !== agent.token || agent.state !== 'wrap') return;
  becomeFree(world, agent);
}

/** Puts the agent in wrap-up (or an after-ring pause) until `until`. */
export function holdAgent(world: World, agent: Agent, until: number): void {
  agent.state = 'wrap';
  agent.token++;
  schedule(world, until, { kind: 'agent-free', agent, token: agent.token });
}
