import type { Channel } from '../../../shared/domain/channels';
import type { IngestEvent } from '../ingest/events';
import type { AgentSpec, PausePlan, ShiftPlan } from './agents';
import type { Customer, Directory } from './directory';
import { TimeHeap } from './heap';
import type { Zone } from './localtime';
import type { ChannelProfile, QueueProfile, Segment } from './profile';
import type { Rng } from './random';
import type { Injection } from './types';

/** The mutable state of one simulation run, shared by the flow modules. */
export interface Contact {
  id: string;
  channel: Channel;
  profile: ChannelProfile;
  queue: QueueProfile;
  caller: string | null;
  customer: Customer | null;
  segment: Segment | null;
  enteredAt: number;
  state: 'waiting' | 'ringing' | 'talking' | 'done';
  /** Planted by an `unanswered` injection: never routed, leaves when patience runs out. */
  doomed: boolean;
  /** Before this instant the contact is in triage and not offered to agents. */
  routableAt: number;
  /** Routing boost in answer targets (VIP, repeat). */
  boost: number;
  ringAgent: Agent | null;
  ringAt: number;
  /** Bumped whenever a scheduled ring outcome becomes stale. */
  token: number;
  /** Agents that let this contact ring out, with when. */
  rnaBy: Map<Agent, number> | null;
  answeredAt: number;
  agent: Agent | null;
  extra: Record<string, string> | null;
  /** Events produced before the visible window, kept until we know whether the contact outlives it. */
  hidden: [number, IngestEvent][] | null;
}

export interface Agent {
  spec: AgentSpec;
  index: number;
  queues: readonly string[];
  state: 'offline' | 'idle' | 'ringing' | 'busy' | 'wrap' | 'paused';
  /** The contact being offered or handled (kept through wrap-up). */
  work: Contact | null;
  idleSince: number;
  loginAt: number;
  pauseAt: number;
  pauseReason: string | null;
  /** Pauses due while busy; taken when the agent is next free. */
  pendingPauses: PausePlan[];
  logoffPending: boolean;
  /** Bumped at every login/logoff so items of an earlier shift are ignored. */
  shift: number;
  /** Bumped whenever a scheduled "free again" or "unpause" becomes stale. */
  token: number;
}

export type Happening =
  | { kind: 'arrival'; channel: Channel }
  | { kind: 'retry'; channel: Channel; queue: QueueProfile; customer: Customer | null; caller: string | null; segment: Segment | null; extra: Record<string, string> }
  | { kind: 'patience'; contact: Contact; outcome: 'abandoned' | 'timeout' }
  | { kind: 'ring-timeout'; contact: Contact; token: number }
  | { kind: 'accept'; contact: Contact; token: number }
  | { kind: 'talk-end'; contact: Contact; talkMs: number; holdMs: number; transferTo: string | null }
  | { kind: 'agent-free'; agent: Agent; token: number }
  | { kind: 'login'; agent: Agent; plan: ShiftPlan }
  | { kind: 'logoff'; agent: Agent; shift: number }
  | { kind: 'pause'; agent: Agent; shift: number; pause: PausePlan }
  | { kind: 'unpause'; agent: Agent; token: number }
  | { kind: 'plan-day'; day: number }
  /** Nothing to change; routing runs after every happening and picks the contact up. */
  | { kind: 'routable' };

export type Item = Happening & { t: number; seq: number };

export interface World {
  seed: number;
  source: string;
  zone: Zone;
  rng: Rng;
  directory: Directory;
  injections: readonly Injection[];
  intensity: number;
  /** Distinguishes runs with different origins, so their contact ids never collide. */
  idTag: string;
  heap: TimeHeap<Item>;
  seq: number;
  now: number;
  /** Start of the emitted window; everything before it is warm-up. */
  visibleFrom: number;
  visible: boolean;
  agents: Agent[];
  waiting: Map<string, Contact[]>;
  alive: Set<Contact>;
  out: IngestEvent[];
  nextContact: number;
  generated: number;
  /** Last contact time per directory customer, for repeat realism. */
  lastContact: Float64Array;
}

export function schedule(world: World, t: number, happening: Happening): void {
  world.heap.push({ ...happening, t: Math.max(Math.round(t), world.now), seq: world.seq++ });
}

/** Sends an event out, or parks it with its contact while still warming up. */
export function emit(world: World, event: IngestEvent, contact?: Contact): void {
  if (world.visible) {
    world.out.push(event);
    return;
  }
  if (contact?.hidden) contact.hidden.push([world.seq++, event]);
}
