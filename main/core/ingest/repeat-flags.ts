import type { Db } from '../../db/open';
import { REPEAT_AFTER, REPEAT_BEFORE, repeatWindowMs, type ContactRow, type RollupDelta, type RollupParams } from './rollup';

/** A contact a batch writes: its state after the batch, and before it when it was stored. */
export interface FlagWork {
  row: { id: number | null; caller: string | null; enter_at: number; repeat_flags: number };
  before: Pick<ContactRow, 'caller' | 'enter_at'> | null;
}

/** A stored neighbour as the caller index gives it (no table read). */
interface Neighbour {
  id: number;
  caller: string;
  enter_at: number;
  repeat_flags: number;
}

interface Entry {
  at: number;
  work?: FlagWork;
  stored?: Neighbour;
}

const identified = (caller: string | null): caller is string => caller !== null && caller !== '';

/**
 * Keeps contacts.repeat_flags (DESIGN §4 repeat contacts and FCR) current on ingest. A contact
 * that arrives, moves in time or changes customer can change its own flags and those of its
 * customer's contacts within the window either side: they are read (one query over the caller
 * index for the whole batch), flagged again, and a neighbour outside the batch whose flags
 * change is written with its rollup sums moved (`delta`). While a bulk load has the caller index
 * dropped nothing is flagged here: the load sets every flag at its end.
 */
export class RepeatFlags {
  private readonly hasIndex;
  private readonly near;
  private readonly update;
  private readonly row;

  constructor(db: Db) {
    this.hasIndex = db.prepare<[], { n: number }>("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'contacts_caller') AS n");
    // Covered by the caller index (caller, enter_at, repeat_flags): the table is read only for
    // the few neighbours whose flags change.
    this.near = db.prepare<[string, number, number], Neighbour>(
      'SELECT id, caller, enter_at, repeat_flags FROM contacts WHERE caller IN (SELECT value FROM json_each(?)) AND enter_at >= ? AND enter_at <= ?',
    );
    this.row = db.prepare<[number], ContactRow>(
      `SELECT id, caller, enter_at, repeat_flags, channel, queue, answer_at, outcome, agent_id, wait_ms, talk_ms, hold_ms, wrap_ms, segment, transfers, csat, nps
       FROM contacts WHERE id = ?`,
    );
    this.update = db.prepare<[number, number]>('UPDATE contacts SET repeat_flags = ? WHERE id = ?');
  }

  apply(works: readonly FlagWork[], delta: RollupDelta, p: RollupParams, hourCache: Map<number, number>): void {
    const moved = works.filter((w) => !w.before || w.before.caller !== w.row.caller || w.before.enter_at !== w.row.enter_at);
    if (moved.length === 0) return;
    for (const w of moved) if (!identified(w.row.caller)) w.row.repeat_flags = 0;
    if (this.hasIndex.get()!.n === 0) return;
    const window = repeatWindowMs(p);
    /** Per customer: where the batch put or took a contact (only entries near these can change). */
    const anchors = new Map<string, number[]>();
    const anchor = (caller: string | null, at: number) => {
      if (!identified(caller)) return;
      const list = anchors.get(caller);
      if (list) list.push(at);
      else anchors.set(caller, [at]);
    };
    let lo = Infinity;
    let hi = -Infinity;
    for (const w of moved) {
      anchor(w.row.caller, w.row.enter_at);
      if (w.before) anchor(w.before.caller, w.before.enter_at);
      lo = Math.min(lo, w.row.enter_at, w.before?.enter_at ?? Infinity);
      hi = Math.max(hi, w.row.enter_at, w.before?.enter_at ?? -Infinity);
    }
    if (anchors.size === 0) return;

    const lists = new Map<string, Entry[]>();
    const add = (caller: string, e: Entry) => {
      const list = lists.get(caller);
      if (list) list.push(e);
      else lists.set(caller, [e]);
    };
    const inBatch = new Set<number>();
    for (const w of works) {
      if (w.row.id !== null) inBatch.add(w.row.id);
      if (identified(w.row.caller) && anchors.has(w.row.caller)) add(w.row.caller, { at: w.row.enter_at, work: w });
    }
    // Neighbours of neighbours decide a neighbour's flags: read two windows either side. (A
    // caller holding a lone surrogate does not survive the JSON list: its stored contacts are
    // missed here, and a window change or purge sets its flags right.)
    for (const r of this.near.iterate(JSON.stringify([...anchors.keys()]), lo - 2 * window, hi + 2 * window)) {
      if (!inBatch.has(r.id)) add(r.caller, { at: r.enter_at, stored: r });
    }

    for (const [caller, list] of lists) {
      const near = anchors.get(caller)!;
      list.sort((a, b) => a.at - b.at);
      for (let i = 0; i < list.length; i++) {
        const e = list[i]!;
        if (!near.some((a) => Math.abs(a - e.at) <= window)) continue;
        let j = i - 1;
        while (j >= 0 && list[j]!.at === e.at) j--;
        let k = i + 1;
        while (k < list.length && list[k]!.at === e.at) k++;
        const flags = (j >= 0 && e.at - list[j]!.at <= window ? REPEAT_BEFORE : 0) | (k < list.length && list[k]!.at - e.at <= window ? REPEAT_AFTER : 0);
        if (e.work) e.work.row.repeat_flags = flags;
        else if (e.stored && e.stored.repeat_flags !== flags) {
          const row = this.row.get(e.stored.id)!;
          delta.addRow(row, p, hourCache, -1);
          row.repeat_flags = flags;
          delta.addRow(row, p, hourCache, 1);
          this.update.run(flags, row.id);
        }
      }
    }
  }
}
