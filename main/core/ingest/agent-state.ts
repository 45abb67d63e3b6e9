import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open';

interface AgentStateRow {
  state: string;
  since: number | null;
  reason: string | null;
  until: number | null;
  dirty: boolean;
}

const writes = new WeakMap<Db, Statement<[string, number | null, string | null, number | null, number]>>();

/**
 * Agent states of one batch, read once and written once. A state only moves forward in time, so
 * importing an old file after live events cannot rewind the floor.
 */
export class AgentStates {
  private readonly rows = new Map<number, AgentStateRow>();
  constructor(
    private readonly read: (id: number) => { state: string; state_since: number | null; state_reason: string | null; state_until: number | null } | undefined,
  ) {}

  private get(id: number): AgentStateRow | undefined {
    let r = this.rows.get(id);
    if (!r) {
      const db = this.read(id);
      if (!db) return undefined;
      r = { state: db.state, since: db.state_since, reason: db.state_reason, until: db.state_until, dirty: false };
      this.rows.set(id, r);
    }
    return r;
  }

  move(id: number, at: number, state: string, reason: string | null = null, until: number | null = null, onlyFrom?: readonly string[]): void {
    const cur = this.get(id);
    if (!cur) return;
    if (cur.since !== null && at < cur.since) return;
    if (onlyFrom && !onlyFrom.includes(cur.state)) return;
    cur.state = state;
    cur.since = at;
    cur.reason = reason;
    cur.until = until;
    cur.dirty = true;
  }

  flush(db: Db): void {
    let write = writes.get(db);
    if (!write) {
      write = db.prepare<[string, number | null, string | null, number | null, number]>(
        'UPDATE agents SET state = ?, state_since = ?, state_reason = ?, state_until = ? WHERE id = ?',
      );
      writes.set(db, write);
    }
    for (const [id, r] of this.rows) if (r.dirty) write.run(r.state, r.since, r.reason, r.until, id);
    this.rows.clear();
  }
}
