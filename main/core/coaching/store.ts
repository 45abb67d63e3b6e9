import crypto from 'node:crypto';
import {
  CoachingSettings,
  DEFAULT_COACHING_SETTINGS,
  type CoachingAgent,
  type CoachingSession,
  type Evidence,
  type SessionStatus,
  type TargetMetric,
} from '../../../shared/contract/coaching';
import type { Db } from '../../db/open';
import type { Booking } from './overlap';

interface SessionRow {
  id: number;
  uid: string;
  agent_id: number;
  agent_name: string;
  lead: string;
  start_at: number;
  end_at: number;
  topic: string;
  agenda: string | null;
  status: SessionStatus;
  target_metric: TargetMetric | null;
  series_id: string | null;
}

const SESSION_SQL = `SELECT s.id, s.uid, s.agent_id, COALESCE(a.name, '#' || s.agent_id) AS agent_name, s.lead, s.start_at, s.end_at, s.topic,
  s.agenda, s.status, s.target_metric, s.series_id FROM coaching_sessions s LEFT JOIN agents a ON a.id = s.agent_id`;

export interface NewSession {
  agentId: number;
  lead: string;
  startAt: number;
  endAt: number;
  topic: string;
  agenda: string | null;
  targetMetric: TargetMetric | null;
  seriesId: string | null;
  evidence: readonly Evidence[];
}

/** Coaching's tables: sessions with their evidence, notes and actions, and coaching settings. */
export function createCoachingStore(db: Db, now: () => number) {
  const evidenceOf = db.prepare<[number], Evidence>('SELECT kind, ref, summary FROM coaching_evidence WHERE session_id = ? ORDER BY kind, ref');
  const toSession = (r: SessionRow): CoachingSession => ({
    id: r.id,
    uid: r.uid,
    agentId: r.agent_id,
    agentName: r.agent_name,
    lead: r.lead,
    startAt: r.start_at,
    endAt: r.end_at,
    topic: r.topic,
    agenda: r.agenda,
    status: r.status,
    targetMetric: r.target_metric,
    seriesId: r.series_id,
    evidence: evidenceOf.all(r.id),
  });
  const insertEvidence = db.prepare<[number, string, string, string | null]>(
    'INSERT INTO coaching_evidence (session_id, kind, ref, summary) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET summary = excluded.summary',
  );

  return {
    settings(): CoachingSettings {
      const rows = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM coaching_settings').all();
      const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
      // Each field is checked on its own: one bad value falls back to its default, not all of them.
      const out: Record<string, unknown> = { ...DEFAULT_COACHING_SETTINGS };
      for (const [key, schema] of Object.entries(CoachingSettings.shape)) {
        if (key in stored && schema.safeParse(stored[key]).success) out[key] = stored[key];
      }
      return CoachingSettings.parse(out);
    },
    updateSettings(patch: Partial<CoachingSettings>): void {
      const put = db.prepare<[string, string]>('INSERT INTO coaching_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      db.transaction(() => {
        for (const [key, value] of Object.entries(patch)) if (value !== undefined) put.run(key, JSON.stringify(value));
      })();
    },
    agents(): CoachingAgent[] {
      return db.prepare<[], CoachingAgent>('SELECT id, name, email FROM agents WHERE merged_into IS NULL ORDER BY name COLLATE NOCASE').all();
    },
    /** An agent by id, name or any alias a source used (case-insensitive for names). */
    resolveAgent(ref: string): CoachingAgent | null {
      const byName = db.prepare<[string], CoachingAgent>('SELECT id, name, email FROM agents WHERE name = ? COLLATE NOCASE ORDER BY merged_into IS NOT NULL, id LIMIT 1').get(ref);
      if (byName) return byName;
      const byAlias = db
        .prepare<[string], CoachingAgent>('SELECT a.id, a.name, a.email FROM agent_aliases x JOIN agents a ON a.id = x.agent_id WHERE x.alias = ? COLLATE NOCASE LIMIT 1')
        .get(ref);
      if (byAlias) return byAlias;
      if (/^\d+$/.test(ref)) return db.prepare<[number], CoachingAgent>('SELECT id, name, email FROM agents WHERE id = ?').get(Number(ref)) ?? null;
      return null;
    },
    setAgentEmails(emails: readonly { agentId: number; email: string | null }[]): void {
      const put = db.prepare<[string | null, number]>('UPDATE agents SET email = ? WHERE id = ?');
      db.transaction(() => {
        for (const e of emails) put.run(e.email, e.agentId);
      })();
    },
    agent(id: number): CoachingAgent | null {
      return db.prepare<[number], CoachingAgent>('SELECT id, name, email FROM agents WHERE id = ?').get(id) ?? null;
    },
    /** Live bookings (scheduled or done) of an agent or a lead that could clash in [from, to). */
    bookings(agentId: number, lead: string, from: number, to: number): Booking[] {
      return db
        .prepare<[number, string, number, number], { id: number; agentId: number; agentName: string; lead: string; startAt: number; endAt: number; topic: string }>(
          `SELECT s.id, s.agent_id AS agentId, COALESCE(a.name, '#' || s.agent_id) AS agentName, s.lead, s.start_at AS startAt, s.end_at AS endAt, s.topic
           FROM coaching_sessions s LEFT JOIN agents a ON a.id = s.agent_id
           WHERE (s.agent_id = ? OR s.lead = ? COLLATE NOCASE) AND s.status IN ('scheduled','done') AND s.start_at < ? AND s.end_at > ?
           ORDER BY s.start_at`,
        )
        .all(agentId, lead.trim(), to, from);
    },
    list(from: number, to: number, agentId?: number): CoachingSession[] {
      const rows = db
        .prepare<[number, number, number | null, number | null], SessionRow>(`${SESSION_SQL} WHERE s.start_at < ? AND s.end_at > ? AND (? IS NULL OR s.agent_id = ?) ORDER BY s.start_at, s.id`)
        .all(to, from, agentId ?? null, agentId ?? null);
      return rows.map(toSession);
    },
    get(id: number): CoachingSession | null {
      const row = db.prepare<[number], SessionRow>(`${SESSION_SQL} WHERE s.id = ?`).get(id);
      return row ? toSession(row) : null;
    },
    insert(sessions: readonly NewSession[], series?: { id: string; every: string; until: string | null; count: number | null }): number[] {
      const ins = db.prepare<[string, number, string, number, number, string, string | null, string | null, string | null, number]>(
        `INSERT INTO coaching_sessions (uid, agent_id, lead, start_at, end_at, topic, agenda, target_metric, series_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      return db.transaction(() => {
        if (series) {
          db.prepare<[string, string, string | null, number | null, number]>('INSERT INTO coaching_series (id, every, until_date, count, created_at) VALUES (?, ?, ?, ?, ?)').run(
            series.id,
            series.every,
            series.until,
            series.count,
            now(),
          );
        }
        return sessions.map((s) => {
          const uid = `${crypto.randomUUID()}@floorwatch`;
          const id = Number(ins.run(uid, s.agentId, s.lead.trim(), s.startAt, s.endAt, s.topic, s.agenda, s.targetMetric, s.seriesId, now()).lastInsertRowid);
          for (const e of s.evidence) insertEvidence.run(id, e.kind, e.ref, e.summary);
          return id;
        });
      })();
    },
    update(id: number, patch: { status?: SessionStatus; topic?: string; agenda?: string | null; targetMetric?: TargetMetric | null; evidence?: readonly Evidence[] }): void {
      db.transaction(() => {
        const fields: [string, string | null | undefined][] = [
          ['status', patch.status],
          ['topic', patch.topic],
          ['agenda', patch.agenda],
          ['target_metric', patch.targetMetric],
        ];
        const given = fields.filter(([, v]) => v !== undefined);
        const sets = given.map(([column]) => `${column} = ?`);
        const values = given.map(([, v]) => v ?? null);
        if (sets.length) db.prepare(`UPDATE coaching_sessions SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
        if (patch.evidence) {
          db.prepare('DELETE FROM coaching_evidence WHERE session_id = ?').run(id);
          for (const e of patch.evidence) insertEvidence.run(id, e.kind, e.ref, e.summary);
        }
      })();
    },
    notes(id: number) {
      return db.prepare<[number], { id: number; at: number; text: string }>('SELECT id, at, text FROM coaching_notes WHERE session_id = ? ORDER BY at, id').all(id);
    },
    addNote(id: number, text: string) {
      const at = now();
      const noteId = Number(db.prepare('INSERT INTO coaching_notes (session_id, at, text) VALUES (?, ?, ?)').run(id, at, text).lastInsertRowid);
      return { id: noteId, at, text };
    },
    actions(id: number) {
      return db
        .prepare<[number], { id: number; text: string; dueAt: number | null; done: number }>('SELECT id, text, due_at AS dueAt, done FROM coaching_actions WHERE session_id = ? ORDER BY due_at IS NULL, due_at, id')
        .all(id)
        .map((a) => ({ ...a, done: a.done === 1 }));
    },
    addAction(id: number, text: string, dueAt: number | null) {
      const actionId = Number(db.prepare('INSERT INTO coaching_actions (session_id, text, due_at) VALUES (?, ?, ?)').run(id, text, dueAt).lastInsertRowid);
      return { id: actionId, text, dueAt, done: false };
    },
    setAction(actionId: number, done: boolean) {
      db.prepare('UPDATE coaching_actions SET done = ? WHERE id = ?').run(done ? 1 : 0, actionId);
      const row = db.prepare<[number], { id: number; text: string; dueAt: number | null; done: number }>('SELECT id, text, due_at AS dueAt, done FROM coaching_actions WHERE id = ?').get(actionId);
      return row ? { ...row, done: row.done === 1 } : null;
    },
    /** Scheduled sessions starting in (from, to] that have no reminder yet for that start. */
    dueReminders(from: number, to: number): CoachingSession[] {
      return db
        .prepare<[number, number], SessionRow>(
          `${SESSION_SQL} WHERE s.status = 'scheduled' AND s.start_at > ? AND s.start_at <= ?
           AND NOT EXISTS (SELECT 1 FROM coaching_reminders r WHERE r.session_id = s.id AND r.start_at = s.start_at)`,
        )
        .all(from, to)
        .map(toSession);
    },
    markReminded(id: number, startAt: number) {
      db.prepare('INSERT OR IGNORE INTO coaching_reminders (session_id, start_at, sent_at) VALUES (?, ?, ?)').run(id, startAt, now());
    },
    seriesRule(seriesId: string) {
      return db.prepare<[string], { every: string; until_date: string | null; count: number | null }>('SELECT every, until_date, count FROM coaching_series WHERE id = ?').get(seriesId) ?? null;
    },
  };
}

export type CoachingStore = ReturnType<typeof createCoachingStore>;
