import type { AgentLive, LiveSnapshot, TileFigures, WaitingContact } from '../../../shared/contract';

export function figures(overrides: Partial<TileFigures> = {}): TileFigures {
  return {
    waiting: 0,
    longestWaitMs: 0,
    longestTargetShare: 0,
    agents: { available: 0, busy: 0, paused: 0, wrapup: 0 },
    offeredToday: 0,
    answeredToday: 0,
    abandonedToday: 0,
    serviceLevel: null,
    targetSec: 20,
    depth60: [],
    ...overrides,
  };
}

let nextId = 1;
export function contact(overrides: Partial<WaitingContact> = {}): WaitingContact {
  return {
    id: nextId++,
    channel: 'voice',
    queue: 'support',
    caller: '+3725550000',
    customerName: null,
    segment: null,
    repeat: false,
    enteredAt: 0,
    targetSec: 20,
    urgency: 0,
    factor: 1,
    ...overrides,
  };
}

export function agent(overrides: Partial<AgentLive> = {}): AgentLive {
  return {
    id: nextId++,
    name: 'Agent',
    state: 'available',
    since: 0,
    reason: null,
    handledToday: 0,
    rnaToday: 0,
    channels: ['voice'],
    ...overrides,
  };
}

export function snapshot(overrides: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    at: 1_000_000,
    timezone: 'UTC',
    today: '1970-01-01',
    lastEventAt: 1_000_000,
    channels: [],
    queues: [],
    waiting: [],
    waitingTotal: 0,
    agents: [],
    ...overrides,
  };
}
