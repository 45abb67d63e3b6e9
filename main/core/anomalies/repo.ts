import { Anomaly, AnomalyDetail, isFloorScope, type AnomalyContact } from '../../../shared/contract/anomalies';
import { localParts } from '../../../shared/domain/time';
import type { Db } from '../../db/open';
import { SEGMENT_SQL } from '../ingest/rollup';
import { isoLocal } from './load';
import type { FoundFlag } from './scan';

interface Row {
  id: number;
  kind: string;
  fingerprint: string;
  segment: string | null;
  agent_id: number | null;
  agent: string | null;
  queue: string | null;
  channel: string | null;
  from_at: number;
  to_at: number;
  hours: string | null;
  observed: number;
  expected: number;
  total: number;
  p_value: number;
  q_value: number;
  explanation: string;
  detail: string | null;
  status: string;
  status_reason: string | null;
  detected_at: number;
}

const SELECT = `SELECT x.*, a.name AS agent FROM anomalies x LEFT JOIN agents a ON a.id = x.agent_id`;

function toAnomaly(r: Row, zone: string): Anomaly {
  const fallback: AnomalyDetail = { scope: r.kind === 'avoidance' ? 'agent-segment' : 'hour', weekday: null, date: null, baseRate: 0, peerRate: 0, dispersion: 1 };
  return Anomaly.parse({
    id: r.id,
    key: r.fingerprint,
    kind: r.kind,
    segment: r.segment,
    agent: r.agent,
    agentId: r.agent_id,
    queue: r.queue,
    channel: r.channel,
    from: isoLocal(zone, r.from_at),
    to: isoLocal(zone, r.to_at),
    fromAt: r.from_at,
    toAt: r.to_at,
    hours: r.hours === null ? null : (JSON.parse(r.hours) as number[]),
    observed: r.observed,
    expected: r.expected,
    total: r.total,
    pValue: r.p_value,
    qValue: r.q_value,
    explanation: r.explanation,
    detail: r.detail === null ? fallback : AnomalyDetail.parse(JSON.parse(r.detail)),
    status: r.status,
    statusReason: r.status_reason,
    detectedAt: r.detected_at,
  });
}

/** What picks a flag's contacts: recorded or only found, a flag has all of it. */
export type FlagScope = Pick<Anomaly, 'kind' | 'segment' | 'agentId' | 'fromAt' | 'toAt' | 'hours'> & { detail: Pick<AnomalyDetail, 'weekday' | 'scope'> };

export interface AnomalyRepo {
  /** Stores a scan's flags: new fingerprints are inserted, known ones updated (their status kept). Returns the ids, and which were new. */
  save(flags: readonly FoundFlag[], now: number): { ids: Map<string, number>; added: number[] };
  get(id: number, zone: string): Anomaly | null;
  /** Flags whose window overlaps [fromAt, toAt). */
  list(zone: string, fromAt: number, toAt: number, status?: string): Anomaly[];
  byIds(ids: readonly number[], zone: string): Anomaly[];
  /** Flags on record with these keys (fingerprints), by key. */
  byKeys(keys: readonly string[], zone: string): Map<string, Anomaly>;
  setStatus(id: number, status: string, reason: string | null): boolean;
  contacts(flag: FlagScope, zone: string, limit: number): AnomalyContact[];
}

export function createAnomalyRepo(db: Db): AnomalyRepo {
  const find = db.prepare<[string], { id: number }>('SELECT id FROM anomalies WHERE fingerprint = ?');
  const insert = db.prepare(
    `INSERT INTO anomalies (kind, fingerprint, segment, agent_id, queue, channel, from_at, to_at, hours, observed, expected, total,
       p_value, q_value, explanation, detail, detected_at, seen_at)
     VALUES (@kind, @fingerprint, @segment, @agentId, @queue, @channel, @fromAt, @toAt, @hours, @observed, @expected, @total,
       @pValue, @qValue, @explanation, @detail, @now, @now)`,
  );
  const update = db.prepare(
    `UPDATE anomalies SET from_at = @fromAt, to_at = @toAt, observed = @observed, expected = @expected, total = @total,
       p_value = @pValue, q_value = @qValue, explanation = @explanation, detail = @detail, seen_at = @now WHERE id = @id`,
  );
  const getOne = db.prepare<[number], Row>(`${SELECT} WHERE x.id = ?`);
  const getByKey = db.prepare<[string], Row>(`${SELECT} WHERE x.fingerprint = ?`);

  return {
    save(flags, now) {
      const ids = new Map<string, number>();
      const added: number[] = [];
      db.transaction(() => {
        for (const f of flags) {
          const params = {
            kind: f.kind,
            fingerprint: f.fingerprint,
            segment: f.segment,
            agentId: f.agentId,
            queue: f.queue,
            channel: f.channel,
            fromAt: f.fromAt,
            toAt: f.toAt,
            hours: f.hours === null ? null : JSON.stringify(f.hours),
            observed: f.observed,
            expected: f.expected,
            total: f.total,
            pValue: f.pValue,
            qValue: f.qValue,
            explanation: f.explanation,
            detail: JSON.stringify(f.detail),
            now,
          };
          const known = find.get(f.fingerprint);
          if (known) {
            // Seen again: the window and the counts of this scan, together (the window bounds the
            // contacts the counts are of); the status stays.
            update.run({ ...params, id: known.id });
            ids.set(f.fingerprint, known.id);
          } else {
            const id = Number(insert.run(params).lastInsertRowid);
            ids.set(f.fingerprint, id);
            added.push(id);
          }
        }
      })();
      return { ids, added };
    },
    get(id, zone) {
      const r = getOne.get(id);
      return r ? toAnomaly(r, zone) : null;
    },
    list(zone, fromAt, toAt, status) {
      const rows = db
        .prepare<[number, number, string | null, string | null], Row>(
          `${SELECT} WHERE x.from_at < ? AND x.to_at > ? AND (? IS NULL OR x.status = ?) ORDER BY x.q_value, x.id`,
        )
        .all(toAt, fromAt, status ?? null, status ?? null);
      return rows.map((r) => toAnomaly(r, zone));
    },
    byIds(ids, zone) {
      return ids.flatMap((id) => {
        const r = getOne.get(id);
        return r ? [toAnomaly(r, zone)] : [];
      });
    },
    byKeys(keys, zone) {
      const out = new Map<string, Anomaly>();
      for (const k of keys) {
        const r = getByKey.get(k);
        if (r) out.set(k, toAnomaly(r, zone));
      }
      return out;
    },
    setStatus(id, status, reason) {
      return db.prepare('UPDATE anomalies SET status = ?, status_reason = ? WHERE id = ?').run(status, reason, id).changes > 0;
    },
    contacts(flag, zone, limit) {
      const seg = flag.segment ?? '';
      if (flag.kind === 'avoidance') {
        return db
          .prepare<[number, number, number, string, number], ContactRow>(
            `SELECT c.id, c.enter_at, c.channel, c.queue, c.caller, c.customer_name, c.outcome, c.wait_ms, ${SEGMENT_SQL} AS segment,
               g.name AS agent, MAX(a.result = 'no-answer') AS concerned
             FROM attempts a JOIN contacts c ON c.id = a.contact_id LEFT JOIN agents g ON g.id = c.agent_id
             WHERE a.agent_id = ? AND a.at >= ? AND a.at < ? AND a.result <> 'ringing'
             GROUP BY c.id HAVING segment = ? ORDER BY concerned DESC, c.enter_at DESC LIMIT ?`,
          )
          .all(flag.agentId ?? -1, flag.fromAt, flag.toAt, seg, limit)
          .map(toContact);
      }
      const hours = flag.hours ? new Set(flag.hours) : null;
      const weekday = flag.detail.weekday;
      // A flag about the whole floor concerns the contacts of every segment.
      const everySegment = isFloorScope(flag.detail.scope) ? 1 : 0;
      const rows = db
        .prepare<[number, number, string, number], ContactRow>(
          `SELECT * FROM (SELECT c.id, c.enter_at, c.channel, c.queue, c.caller, c.customer_name, c.outcome, c.wait_ms, ${SEGMENT_SQL} AS segment,
             g.name AS agent, (c.answer_at IS NULL) AS concerned, c.end_at
           FROM contacts c LEFT JOIN agents g ON g.id = c.agent_id WHERE c.enter_at >= ? AND c.enter_at < ?)
           WHERE (segment = ? OR ?) AND (end_at IS NOT NULL OR outcome IS NOT NULL OR concerned = 0)
           ORDER BY concerned DESC, enter_at DESC`,
        )
        .iterate(flag.fromAt, flag.toAt, seg, everySegment);
      const out: AnomalyContact[] = [];
      for (const r of rows) {
        if (hours) {
          const p = localParts(zone, r.enter_at);
          if (!hours.has(p.hour) || (weekday !== null && p.weekday !== weekday)) continue;
        }
        out.push(toContact(r));
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}

interface ContactRow {
  id: number;
  enter_at: number;
  channel: string;
  queue: string;
  caller: string | null;
  customer_name: string | null;
  outcome: string | null;
  wait_ms: number | null;
  segment: string;
  agent: string | null;
  concerned: number;
}

const toContact = (r: ContactRow): AnomalyContact => ({
  id: r.id,
  enterAt: r.enter_at,
  channel: r.channel,
  queue: r.queue,
  caller: r.caller,
  customerName: r.customer_name,
  segment: r.segment === '' ? null : r.segment,
  agent: r.agent,
  outcome: r.outcome,
  waitSec: r.wait_ms === null ? null : r.wait_ms / 1000,
  concerned: r.concerned === 1,
});
