import { IngestEvent } from '../events';
import { isBad, parseIso } from '../exports/values';
import { FeedLine, KNOWN_FIELDS } from './schema';

export interface FeedTranslation {
  event: IngestEvent;
  /**
   * Fields of the line that Floorwatch has no place for. On `enqueued` they are also in
   * `event.extra` (stored with the contact); on later lines they are only here, for the caller
   * to merge into the contact's extra if it wants them.
   */
  extra: Record<string, unknown> | null;
}

export type FeedResult = ({ ok: true } & FeedTranslation) | { ok: false; reason: string };

export interface FeedTranslatorOptions {
  /** Written into every event, e.g. `feed:crm`. */
  source: string;
  /** How many answered-but-not-closed ids to remember (oldest forgotten first); default 200 000. */
  openLimit?: number;
}

export interface FeedTranslator {
  /** Validates and translates one parsed line (an object from JSON.parse or an HTTP body). */
  translate(line: unknown): FeedResult;
}

/**
 * Feed line → ingest event. `closed` needs to know whether the contact was answered: the
 * translator remembers ids it saw answered until they close, so keep one translator for a feed
 * (the host keeps one for its endpoint); the store also keeps a contact it has stored as answered
 * (an earlier file, a tail before its restart) answered. A `closed` line that carries `agent`
 * counts as answered even when its `answered` line was never seen: the event names the agent, and
 * the store answers the contact by them at the closing time unless it already has an answer.
 */
export function createFeedTranslator(options: FeedTranslatorOptions): FeedTranslator {
  const openLimit = options.openLimit ?? 200_000;
  const answered = new Set<string>();
  const source = options.source;

  return {
    translate(input) {
      const parsed = FeedLine.safeParse(input);
      if (!parsed.success) return { ok: false, reason: describe(parsed.error.issues) };
      const line = parsed.data;
      const extra = unknownFields(line);
      const base = { source, id: line.id, at: toEpochMs(line.at) };
      let event: IngestEvent;
      switch (line.type) {
        case 'enqueued':
          event = { kind: 'enqueued', ...base, channel: line.channel!, queue: line.queue!, caller: line.customer ?? null, segment: line.segment ?? null, extra };
          break;
        case 'answered':
          event = { kind: 'answered', ...base, agent: line.agent! };
          answered.add(line.id);
          if (answered.size > openLimit) answered.delete(answered.values().next().value!);
          break;
        case 'abandoned':
          answered.delete(line.id);
          event = { kind: 'ended', ...base, outcome: 'abandoned' };
          break;
        case 'closed': {
          const wasAnswered = answered.delete(line.id) || Boolean(line.agent);
          event = {
            kind: 'ended',
            ...base,
            outcome: wasAnswered ? 'answered' : 'closed',
            agent: line.agent ?? null,
            csat: line.csat ?? null,
            nps: line.nps ?? null,
            reason: line.reason ?? null,
            resolved: line.resolved ?? null,
          };
          break;
        }
        case 'transferred':
          event = { kind: 'transferred', ...base, to: line.to ?? line.queue ?? line.agent ?? null };
          break;
      }
      const checked = IngestEvent.safeParse(event);
      if (!checked.success) return { ok: false, reason: describe(checked.error.issues) };
      return { ok: true, event: checked.data, extra };
    },
  };
}

/** The schema has already checked the text, so the parse cannot fail here. */
function toEpochMs(at: number | string): number {
  if (typeof at === 'number') return at;
  const t = parseIso(at, 'UTC');
  return isBad(t) ? Number.NaN : t;
}

function unknownFields(line: FeedLine): Record<string, unknown> | null {
  const known = KNOWN_FIELDS[line.type];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(line)) if (!known.includes(k) && v !== undefined) out[k] = v;
  return Object.keys(out).length > 0 ? out : null;
}

function describe(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : 'line'}: ${i.message}`)
    .join('; ');
}
