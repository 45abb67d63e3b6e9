import { DEFAULT_TARGET_SEC } from '../../../shared/domain/channels';
import type { Agent, Contact, World } from './world';

/**
 * Skills-based routing as a blended floor runs it: live channels strictly before async ones
 * (tier), then by the share of the answer target already waited plus a boost for VIPs and
 * repeats. The longest-idle agent is offered work first. Async work (email, social) is only
 * taken while enough colleagues stay idle for live contacts, which is why inboxes keep a backlog
 * through the day as they do on real floors. Async duty is capped at a quarter of the agents on
 * the floor, so a morning inbox backlog does not drain the phones.
 */
const RNA_RETRY_MS = 30_000;
const ASYNC_DUTY_SHARE = 0.25;

export function addWaiting(world: World, contact: Contact): void {
  let list = world.waiting.get(contact.queue.name);
  if (!list) {
    list = [];
    world.waiting.set(contact.queue.name, list);
  }
  list.push(contact);
}

export function removeWaiting(world: World, contact: Contact): void {
  const list = world.waiting.get(contact.queue.name);
  if (!list) return;
  const i = list.indexOf(contact);
  if (i >= 0) list.splice(i, 1);
}

export function servesLoggedIn(world: World, queue: string): boolean {
  return world.agents.some((a) => a.state !== 'offline' && a.queues.includes(queue));
}

interface Floor {
  /** Idle agents not yet given work in this round. */
  idle: number;
  /** Agents working (or wrapping up) async contacts. */
  asyncBusy: number;
  asyncCap: number;
}

function bestFor(world: World, agent: Agent, floor: Floor, t: number): Contact | null {
  let best: Contact | null = null;
  let bestTier = Infinity;
  let bestScore = -Infinity;
  for (const queue of agent.queues) {
    const list = world.waiting.get(queue);
    if (!list || list.length === 0) continue;
    const first = list[0] as Contact;
    const profile = first.profile;
    if (profile.tier > bestTier || floor.idle - 1 < profile.reserve) continue;
    if (profile.async && floor.asyncBusy >= floor.asyncCap) continue;
    const targetMs = DEFAULT_TARGET_SEC[first.channel] * 1000;
    for (const c of list) {
      if (c.doomed || c.routableAt > t) continue;
      const rnaAt = c.rnaBy?.get(agent);
      if (rnaAt !== undefined && t - rnaAt < RNA_RETRY_MS) continue;
      const score = (t - c.enteredAt) / targetMs + c.boost;
      if (profile.tier < bestTier || score > bestScore) {
        best = c;
        bestTier = profile.tier;
        bestScore = score;
      }
    }
  }
  return best;
}

/** Matches idle agents with waiting contacts; `ring` starts the offer. */
export function dispatch(world: World, t: number, ring: (agent: Agent, contact: Contact) => void): void {
  const idle: Agent[] = [];
  let onFloor = 0;
  let asyncBusy = 0;
  for (const a of world.agents) {
    if (a.state === 'idle') idle.push(a);
    if (a.state !== 'offline' && a.state !== 'paused') onFloor++;
    if (a.state !== 'idle' && a.work?.profile.async) asyncBusy++;
  }
  if (idle.length === 0) return;
  idle.sort((a, b) => a.idleSince - b.idleSince || a.index - b.index);
  // Email and social duty is a share of whoever is on the floor, as team leads assign it.
  const floor: Floor = { idle: idle.length, asyncBusy, asyncCap: Math.max(1, Math.round(onFloor * ASYNC_DUTY_SHARE)) };
  for (const agent of idle) {
    const contact = bestFor(world, agent, floor, t);
    if (!contact) continue;
    floor.idle--;
    if (contact.profile.async) floor.asyncBusy++;
    ring(agent, contact);
  }
}
