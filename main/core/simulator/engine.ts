import { CHANNELS } from '../../../shared/domain/channels';
import type { IngestEvent } from '../ingest/events';
import { agentEventAt, agentFree, login, logoff, pause, planDay, unpause } from './agent-flow';
import { rosterFor } from './agents';
import { accept, arrival, patienceOut, retry, ring, ringTimeout, scheduleNextArrival, talkEnd } from './contact-flow';
import type { Directory } from './directory';
import { TimeHeap } from './heap';
import { TIME, type Zone } from './localtime';
import { createRng, hashSeed } from './random';
import { dispatch } from './routing';
import type { Injection } from './types';
import { schedule, type Agent, type Item, type World } from './world';

/**
 * Discrete-event core: a heap of future happenings processed in time order. Advancing in one
 * step or in many small ones gives the same events, so real time continues a backfill exactly,
 * and a restart with the same seed and origin reproduces the same contacts (ingest dedupes them).
 *
 * The run starts WARMUP before its origin with nobody waiting; events of that warm-up are kept
 * back, and at the origin only the contacts still open (with their history) and the agents'
 * current login/pause are released. So a backfill of "today" starts with last night's email
 * backlog and the night shift already on the phones, as a real floor would.
 */
const WARMUP = 12 * TIME.HOUR;

export interface EngineConfig {
  seed: number;
  source: string;
  zone: Zone;
  directory: Directory;
  injections: readonly Injection[];
  intensity: number;
  /** Teams on the floor (ROSTER repeated under other names); arrivals scale with them. */
  teams: number;
}

export interface Engine {
  readonly started: boolean;
  /** Time up to which the simulation has run. */
  readonly time: number;
  readonly generated: number;
  init(origin: number): void;
  advanceTo(t: number): void;
  /** Takes the events produced since the last drain, in time order. */
  drain(): IngestEvent[];
  /** Events produced and not drained yet. */
  pending(): number;
}

export function createEngine(config: EngineConfig): Engine {
  let world: World | null = null;
  let reached = 0;

  const agents: Agent[] = rosterFor(config.teams).map((spec, index) => ({
    spec,
    index,
    queues: spec.queues,
    state: 'offline',
    work: null,
    idleSince: 0,
    loginAt: 0,
    pauseAt: 0,
    pauseReason: null,
    pendingPauses: [],
    logoffPending: false,
    shift: 0,
    token: 0,
  }));

  function handle(w: World, item: Item): void {
    switch (item.kind) {
      case 'arrival':
        return arrival(w, item.channel);
      case 'retry':
        return retry(w, item);
      case 'patience':
        return patienceOut(w, item.contact, item.outcome);
      case 'ring-timeout':
        return ringTimeout(w, item.contact, item.token);
      case 'accept':
        return accept(w, item.contact, item.token);
      case 'talk-end':
        return talkEnd(w, item.contact, item.talkMs, item.holdMs, item.transferTo);
      case 'agent-free':
        return agentFree(w, item.agent, item.token);
      case 'login':
        return login(w, item.agent, item.plan);
      case 'logoff':
        return logoff(w, item.agent, item.shift);
      case 'pause':
        return pause(w, item.agent, item.shift, item.pause);
      case 'unpause':
        return unpause(w, item.agent, item.token);
      case 'routable':
        return;
      case 'plan-day':
        planDay(w, item.day);
        schedule(w, w.zone.startOfDay(item.day + 1), { kind: 'plan-day', day: item.day + 1 });
        return;
    }
  }

  /** Releases the state at the origin: open contacts with their history, logged-in agents. */
  function reveal(w: World): void {
    const parked: [number, IngestEvent][] = [];
    for (const agent of w.agents) {
      if (agent.state === 'offline') continue;
      // Negative order keys put agent state before contact events of the same instant.
      parked.push([-2, agentEventAt(w, agent, 'login', agent.loginAt)]);
      if (agent.state === 'paused') {
        parked.push([-1, agentEventAt(w, agent, 'pause', agent.pauseAt, agent.pauseReason ?? undefined)]);
      }
    }
    for (const c of w.alive) {
      if (c.hidden) parked.push(...c.hidden);
      c.hidden = null;
      w.generated++;
    }
    parked.sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
    for (const [, event] of parked) w.out.push(event);
    w.visible = true;
  }

  const ringFor = (w: World) => (agent: Agent, contact: Parameters<typeof ring>[2]) => ring(w, agent, contact);

  return {
    get started() {
      return world !== null;
    },
    get time() {
      return reached;
    },
    get generated() {
      return world?.generated ?? 0;
    },
    init(origin) {
      if (world) throw new Error('simulation already started');
      const start = Math.round(origin) - WARMUP;
      const w: World = {
        seed: config.seed,
        source: config.source,
        zone: config.zone,
        rng: createRng(hashSeed(config.seed, Math.floor(origin / 1000))),
        directory: config.directory,
        injections: config.injections,
        intensity: config.intensity * config.teams,
        idTag: Math.floor(origin / 1000).toString(36),
        heap: new TimeHeap<Item>(),
        seq: 0,
        now: start,
        visibleFrom: Math.round(origin),
        visible: false,
        agents,
        waiting: new Map(),
        alive: new Set(),
        out: [],
        nextContact: 0,
        generated: 0,
        lastContact: new Float64Array(config.directory.customers.length).fill(-Infinity),
      };
      world = w;
      reached = start;
      const day = w.zone.local(start).day;
      // The night shift that began yesterday may still be on.
      planDay(w, day - 1);
      planDay(w, day);
      schedule(w, w.zone.startOfDay(day + 1), { kind: 'plan-day', day: day + 1 });
      for (const channel of CHANNELS) scheduleNextArrival(w, channel, start);
    },
    advanceTo(t) {
      const w = world;
      if (!w) throw new Error('simulation not started');
      if (t <= reached) return;
      const ringer = ringFor(w);
      for (;;) {
        const next = w.heap.peek();
        if (!next || next.t > t) break;
        if (!w.visible && next.t >= w.visibleFrom) reveal(w);
        w.heap.pop();
        w.now = next.t;
        handle(w, next);
        dispatch(w, w.now, ringer);
      }
      if (!w.visible && t >= w.visibleFrom) reveal(w);
      reached = t;
    },
    drain() {
      if (!world || world.out.length === 0) return [];
      const out = world.out;
      world.out = [];
      return out;
    },
    pending: () => world?.out.length ?? 0,
  };
}
