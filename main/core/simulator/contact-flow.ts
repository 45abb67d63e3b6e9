import type { Channel } from '../../../shared/domain/channels';
import type { IngestEvent } from '../ingest/events';
import { becomeFree, holdAgent } from './agent-flow';
import type { Customer } from './directory';
import { TIME } from './localtime';
import { closing, draw, handleTimes, wrapMs } from './outcomes';
import { PROFILES, SEGMENTS, arrivalsPerHour, type QueueProfile, type Segment } from './profile';
import { addWaiting, removeWaiting, servesLoggedIn } from './routing';
import { emit, schedule, type Agent, type Contact, type Happening, type World } from './world';

/**
 * The life of one contact: arrival, waiting, offers to agents (answered, rung out, or cancelled
 * by the customer hanging up), conversation, and what follows (transfer, callback, repeat).
 * Event order per contact: enqueued → (ring → ring-end)* → ring → answered → ended, or
 * enqueued → … → ended(abandoned/timeout/exit-empty).
 */
const SECOND = 1000;
/** Arrival rates are constant within a slot; the next arrival is redrawn at slot edges. */
const RATE_SLOT = 15 * TIME.MINUTE;
const UNKNOWN_CALLER_SHARE = 0.04;
/** A fresh contact prefers a customer not seen within the repeat window, so repeats stay deliberate. */
const FRESH_WINDOW = 72 * TIME.HOUR;
const RING_TIMEOUT_MS = 15_000;
const MAX_ACCEPT_SEC = 12;
const TRANSFER_SHARE = 0.04;
const UNRESOLVED_RETRY = 0.45;
const DOOMED_PATIENCE_CAP_SEC = 30 * 60;
const SEGMENT_PATIENCE: Record<string, number> = { VIP: 1.3, Business: 1.1, Consumer: 1, New: 0.9 };
const SEGMENT_BOOST: Record<string, number> = { VIP: 1, Business: 0.25 };
const REPEAT_BOOST = 0.2;

export function scheduleNextArrival(world: World, channel: Channel, from: number): void {
  if (world.intensity <= 0) return;
  let t = from;
  // Piecewise-constant non-homogeneous Poisson process: exact because arrivals are memoryless.
  for (let slots = 0; slots < 10_000; slots++) {
    const perMs = (arrivalsPerHour(channel, world.zone.local(t)) * world.intensity) / TIME.HOUR;
    const end = (Math.floor(t / RATE_SLOT) + 1) * RATE_SLOT;
    if (perMs > 0) {
      const next = t + world.rng.exponential(perMs);
      if (next < end) return schedule(world, next, { kind: 'arrival', channel });
    }
    t = end;
  }
  schedule(world, t, { kind: 'arrival', channel });
}

function callerFor(channel: Channel, customer: Customer): string {
  if (channel === 'voice' || channel === 'sms') return customer.phone;
  if (channel === 'social') return customer.social ?? customer.email;
  return customer.email;
}

function unknownCaller(world: World, channel: Channel): string {
  const n = world.rng.int(0, 99_999_999);
  switch (channel) {
    // Eight digits after +372 5 never collide with the directory's seven.
    case 'voice':
    case 'sms':
      return `+3725${n.toString().padStart(8, '0')}`;
    case 'chat':
      return `visitor-${n.toString(36)}`;
    case 'email':
      return `user${n}@example.net`;
    case 'social':
      return `@user${n}`;
  }
}

function pickQueue(world: World, channel: Channel, segment: Segment | null): QueueProfile {
  const queues = PROFILES[channel].queues;
  const s = Math.max(0, SEGMENTS.indexOf(segment ?? 'Consumer'));
  return queues[world.rng.weighted(queues.map((q) => q.share[s] ?? 0))] as QueueProfile;
}

export function arrival(world: World, channel: Channel): void {
  scheduleNextArrival(world, channel, world.now);
  const { rng, directory } = world;
  const profile = PROFILES[channel];
  let customer: Customer | null = null;
  if (!rng.chance(UNKNOWN_CALLER_SHARE)) {
    const s = rng.weighted(profile.segments);
    const pool = (channel === 'social' ? directory.socialBySegment : directory.bySegment)[s] ?? [];
    for (let tries = 0; tries < 6 && pool.length > 0; tries++) {
      customer = rng.pick(pool);
      if (world.now - (world.lastContact[customer.index] ?? 0) > FRESH_WINDOW) break;
    }
  }
  const segment = customer?.segment ?? null;
  enqueue(world, {
    channel,
    queue: pickQueue(world, channel, segment),
    customer,
    caller: customer ? callerFor(channel, customer) : unknownCaller(world, channel),
    segment,
    extra: null,
  });
}

interface NewContact {
  channel: Channel;
  queue: QueueProfile;
  customer: Customer | null;
  caller: string | null;
  segment: Segment | null;
  extra: Record<string, string> | null;
}

function doomChance(world: World, c: NewContact): number {
  let chance = 0;
  for (const inj of world.injections) {
    if (inj.kind !== 'unanswered' || (inj.segment !== undefined && inj.segment !== c.segment)) continue;
    if ((inj.from !== undefined && world.now < inj.from) || (inj.to !== undefined && world.now >= inj.to)) continue;
    const local = world.zone.local(world.now);
    if (!inj.localHours.includes(local.hour)) continue;
    if (inj.weekdays && !inj.weekdays.includes(local.weekday)) continue;
    // Share d that never gets routed so that d + (1 − d)·b ≈ factor·b for the normal abandon share b.
    const b = PROFILES[c.channel].nominalAbandon;
    chance = Math.max(chance, Math.min(0.95, ((inj.abandonFactor - 1) * b) / (1 - b)));
  }
  return chance;
}

function ended(world: World, c: Contact, fields: Omit<Extract<IngestEvent, { kind: 'ended' }>, 'kind' | 'source' | 'id' | 'at'>): void {
  emit(world, { kind: 'ended', source: world.source, id: c.id, at: world.now, ...fields }, c);
  c.state = 'done';
  c.hidden = null;
  world.alive.delete(c);
}

export function enqueue(world: World, spec: NewContact): void {
  const { rng, now } = world;
  const profile = PROFILES[spec.channel];
  const n = ++world.nextContact;
  const c: Contact = {
    ...spec,
    id: `sim-${world.seed}-${world.idTag}-${n}`,
    profile,
    enteredAt: now,
    state: 'waiting',
    doomed: false,
    routableAt: now,
    boost: (SEGMENT_BOOST[spec.segment ?? ''] ?? 0) + (spec.extra?.repeatOf ? REPEAT_BOOST : 0),
    ringAgent: null,
    ringAt: 0,
    token: 0,
    rnaBy: null,
    answeredAt: 0,
    agent: null,
    hidden: world.visible ? null : [],
  };
  if (world.visible) world.generated++;
  world.alive.add(c);
  if (spec.customer) world.lastContact[spec.customer.index] = now;
  emit(
    world,
    {
      kind: 'enqueued',
      source: world.source,
      id: c.id,
      at: now,
      channel: c.channel,
      queue: c.queue.name,
      ...(c.caller ? { caller: c.caller } : {}),
      ...(c.queue.did ? { did: c.queue.did } : {}),
      ...(c.segment ? { segment: c.segment } : {}),
      ...(c.customer ? { customerName: c.customer.name } : {}),
      ...(c.extra ? { extra: c.extra } : {}),
    },
    c,
  );
  if (c.channel === 'voice' && !servesLoggedIn(world, c.queue.name)) {
    // Asterisk `joinempty`: nobody logged in to the queue, the caller is sent away at once.
    ended(world, c, { outcome: 'exit-empty', waitMs: 0 });
    maybeRetry(world, c, profile.retryAfterAbandon);
    return;
  }
  const doom = doomChance(world, spec);
  c.doomed = doom > 0 && rng.chance(doom);
  let patience = rng.chance(profile.shortAbandonShare)
    ? rng.uniform(1, 5)
    : rng.lognormal(profile.patience.median, profile.patience.sigma) * (SEGMENT_PATIENCE[c.segment ?? ''] ?? 1);
  if (c.doomed) patience = Math.min(patience, DOOMED_PATIENCE_CAP_SEC);
  let outcome = profile.leave;
  if (profile.maxWaitSec !== null && patience > profile.maxWaitSec) {
    patience = profile.maxWaitSec;
    outcome = 'timeout';
  }
  schedule(world, now + patience * SECOND, { kind: 'patience', contact: c, outcome });
  if (profile.defer && !spec.extra?.transferredFrom) {
    c.routableAt = Math.round(now + draw(rng, profile.defer, 60, 6 * profile.defer.median) * SECOND);
    schedule(world, c.routableAt, { kind: 'routable' });
  }
  addWaiting(world, c);
}

function rnaChance(world: World, agent: Agent, c: Contact): number {
  for (const inj of world.injections) {
    if (inj.kind !== 'avoidance' || inj.agent !== agent.spec.key || inj.segment !== c.segment) continue;
    if ((inj.from !== undefined && world.now < inj.from) || (inj.to !== undefined && world.now >= inj.to)) continue;
    return inj.rnaRate;
  }
  // Async offers sit in an inbox view; they are missed less often than a ringing phone.
  return c.channel === 'voice' || c.channel === 'chat' ? agent.spec.rna : agent.spec.rna / 2;
}

export function ring(world: World, agent: Agent, c: Contact): void {
  const { rng, now } = world;
  removeWaiting(world, c);
  c.state = 'ringing';
  c.ringAgent = agent;
  c.ringAt = now;
  c.token++;
  agent.state = 'ringing';
  agent.work = c;
  emit(world, { kind: 'ring', source: world.source, id: c.id, at: now, agent: agent.spec.key }, c);
  if (rng.chance(rnaChance(world, agent, c))) {
    schedule(world, now + rng.uniform(RING_TIMEOUT_MS - 500, RING_TIMEOUT_MS + 500), { kind: 'ring-timeout', contact: c, token: c.token });
  } else {
    const accept = draw(rng, c.profile.accept, 1, MAX_ACCEPT_SEC);
    schedule(world, now + accept * SECOND, { kind: 'accept', contact: c, token: c.token });
  }
}

export function ringTimeout(world: World, c: Contact, token: number): void {
  const agent = c.ringAgent;
  if (token !== c.token || c.state !== 'ringing' || !agent) return;
  const { now } = world;
  emit(world, { kind: 'ring-end', source: world.source, id: c.id, at: now, agent: agent.spec.key, ringMs: now - c.ringAt, result: 'no-answer' }, c);
  (c.rnaBy ??= new Map()).set(agent, now);
  c.state = 'waiting';
  c.ringAgent = null;
  addWaiting(world, c);
  // The agent comes back to the phone a few seconds later (or is auto-paused in real systems).
  holdAgent(world, agent, now + world.rng.uniform(3, 12) * SECOND);
}

export function accept(world: World, c: Contact, token: number): void {
  const agent = c.ringAgent;
  if (token !== c.token || c.state !== 'ringing' || !agent) return;
  const { rng, now } = world;
  emit(world, { kind: 'answered', source: world.source, id: c.id, at: now, agent: agent.spec.key, waitMs: now - c.enteredAt, ringMs: now - c.ringAt }, c);
  c.state = 'talking';
  c.agent = agent;
  c.answeredAt = now;
  agent.state = 'busy';
  let { talkMs, holdMs } = handleTimes(rng, c, agent);
  let transferTo: string | null = null;
  if (c.channel === 'voice' && rng.chance(TRANSFER_SHARE)) {
    transferTo = rng.pick(PROFILES.voice.queues.filter((q) => q.name !== c.queue.name)).name;
    talkMs = Math.round(talkMs * 0.5);
    holdMs = Math.round(holdMs * 0.5);
  }
  schedule(world, now + talkMs + holdMs, { kind: 'talk-end', contact: c, talkMs, holdMs, transferTo });
}

export function talkEnd(world: World, c: Contact, talkMs: number, holdMs: number, transferTo: string | null): void {
  const agent = c.agent;
  if (!agent || c.state !== 'talking') return;
  const { rng, now } = world;
  const wrap = wrapMs(rng, c);
  const waitMs = c.answeredAt - c.enteredAt;
  if (transferTo) {
    emit(world, { kind: 'transferred', source: world.source, id: c.id, at: now, to: transferTo }, c);
    ended(world, c, { outcome: 'answered', waitMs, talkMs, holdMs, wrapMs: wrap, reason: `Transferred to ${transferTo}` });
  } else {
    const result = closing(rng, c, agent);
    ended(world, c, {
      outcome: 'answered',
      waitMs,
      talkMs,
      holdMs,
      wrapMs: wrap,
      reason: result.reason,
      resolved: result.resolved,
      ...(result.csat !== null ? { csat: result.csat } : {}),
      ...(result.nps !== null ? { nps: result.nps } : {}),
    });
    if (!result.resolved && rng.chance(UNRESOLVED_RETRY)) {
      const channel: Channel = c.customer && rng.chance(0.4) ? 'voice' : c.channel;
      const at = businessHours(world, now + Math.min(48 * TIME.HOUR, Math.max(15 * TIME.MINUTE, rng.lognormal(3 * TIME.HOUR, 0.9))));
      schedule(world, at, {
        kind: 'retry',
        channel,
        queue: channel === c.channel ? c.queue : pickQueue(world, channel, c.segment),
        customer: c.customer,
        caller: c.customer && channel !== c.channel ? callerFor(channel, c.customer) : c.caller,
        segment: c.segment,
        extra: { repeatOf: c.id },
      });
    }
  }
  holdAgent(world, agent, now + wrap);
  if (transferTo) {
    const queue = PROFILES.voice.queues.find((q) => q.name === transferTo) as QueueProfile;
    enqueue(world, { channel: 'voice', queue, customer: c.customer, caller: c.caller, segment: c.segment, extra: { transferredFrom: c.id } });
  }
}

/** People chasing an unresolved matter mostly do it in the day: a night-time follow-up moves to the next morning. */
function businessHours(world: World, t: number): number {
  const local = world.zone.local(t);
  if (local.hour >= 8 && local.hour < 20) return t;
  const day = local.hour >= 20 ? local.day + 1 : local.day;
  return world.zone.toUtc(day, world.rng.uniform(8 * 60, 11 * 60));
}

function maybeRetry(world: World, c: Contact, chance: number): void {
  if (!world.rng.chance(chance)) return;
  const delay = Math.max(60 * SECOND, world.rng.lognormal(c.profile.retryDelay.median, c.profile.retryDelay.sigma) * SECOND);
  schedule(world, world.now + delay, {
    kind: 'retry',
    channel: c.channel,
    queue: c.queue,
    customer: c.customer,
    caller: c.caller,
    segment: c.segment,
    extra: { repeatOf: c.id },
  });
}

export function patienceOut(world: World, c: Contact, outcome: 'abandoned' | 'timeout'): void {
  const { now } = world;
  if (c.state === 'waiting') {
    removeWaiting(world, c);
  } else if (c.state === 'ringing' && c.ringAgent) {
    const agent = c.ringAgent;
    emit(world, { kind: 'ring-end', source: world.source, id: c.id, at: now, agent: agent.spec.key, ringMs: now - c.ringAt, result: 'canceled' }, c);
    c.token++;
    c.ringAgent = null;
    becomeFree(world, agent);
  } else {
    return;
  }
  ended(world, c, { outcome, waitMs: now - c.enteredAt });
  maybeRetry(world, c, c.profile.retryAfterAbandon);
}

export function retry(world: World, h: Extract<Happening, { kind: 'retry' }>): void {
  enqueue(world, { channel: h.channel, queue: h.queue, customer: h.customer, caller: h.caller, segment: h.segment, extra: h.extra });
}
