import { DEFAULT_TARGET_SEC } from '../../../shared/domain/channels';
import type { Duration } from './profile';
import type { Rng } from './random';
import type { Agent, Contact } from './world';

/**
 * How a handled contact turns out: handle times, resolution, survey answers. Long waits and
 * unresolved contacts lower satisfaction, as CSAT studies consistently find; agents differ a
 * little in speed and quality so coaching views have something to show.
 */
const SECOND = 1000;

export function draw(rng: Rng, d: Duration, min: number, max: number): number {
  return Math.min(max, Math.max(min, rng.lognormal(d.median, d.sigma)));
}

const SEGMENT_TALK: Record<string, number> = { VIP: 1.1, Business: 1.05, Consumer: 1, New: 1.2 };

export function handleTimes(rng: Rng, contact: Contact, agent: Agent): { talkMs: number; holdMs: number } {
  const { profile, queue } = contact;
  const factor = agent.spec.speed * (SEGMENT_TALK[contact.segment ?? ''] ?? 1);
  const talk = draw(rng, queue.talk, 20, queue.talk.median * 5) * factor;
  const hold = rng.chance(profile.holdShare) ? draw(rng, profile.hold, 5, 600) : 0;
  return { talkMs: Math.round(talk * SECOND), holdMs: Math.round(hold * SECOND) };
}

export function wrapMs(rng: Rng, contact: Contact): number {
  const d = contact.profile.wrap;
  return Math.round(draw(rng, d, 3, d.median * 6) * SECOND);
}

export interface Closing {
  resolved: boolean;
  reason: string;
  csat: number | null;
  nps: number | null;
}

const CSAT_RESOLVED = [0.03, 0.04, 0.1, 0.28, 0.55];
const CSAT_UNRESOLVED = [0.2, 0.2, 0.3, 0.2, 0.1];

export function closing(rng: Rng, contact: Contact, agent: Agent): Closing {
  const { profile } = contact;
  const waitMs = contact.answeredAt - contact.enteredAt;
  const late = waitMs > 3 * DEFAULT_TARGET_SEC[contact.channel] * SECOND;
  const pResolved =
    profile.resolved + agent.spec.quality - (contact.segment === 'New' ? 0.05 : 0) - (late ? 0.05 : 0);
  const resolved = rng.chance(pResolved);
  let csat: number | null = null;
  let nps: number | null = null;
  if (rng.chance(profile.surveyShare)) {
    let score = rng.weighted(resolved ? CSAT_RESOLVED : CSAT_UNRESOLVED) + 1;
    if (late && rng.chance(0.5)) score = Math.max(1, score - 1);
    if (agent.spec.quality > 0.03 && score < 5 && rng.chance(0.3)) score++;
    csat = score;
    if (contact.channel === 'voice' && rng.chance(0.4)) {
      nps = Math.min(10, Math.max(0, Math.round(score * 2 - 0.5 + rng.normal())));
    }
  }
  return { resolved, reason: rng.pick(contact.queue.reasons), csat, nps };
}
