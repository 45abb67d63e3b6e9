/**
 * Per-call memory, kept as small as the translation allows: the DID announced for a call before
 * its ENTERQUEUE, and how many times the uniqueid has entered a queue.
 *
 * Contact ids: Asterisk never reuses a uniqueid on one host, but one call can enter queues more
 * than once (transferred back into a queue, EXITWITHKEY to the dialplan and Queue() again). The
 * first entry's contact id is the uniqueid itself, so it joins to CDR `uniqueid`; the n-th entry
 * (n ≥ 2) is `<uniqueid>:<n>`. Later lines of the call belong to its latest entry. An ENTERQUEUE
 * repeated verbatim (same queue, same second, call still waiting) is the same entry, so a line
 * duplicated by a log shipper does not invent a contact.
 *
 * Memory of a call is dropped `horizonMs` of log time after its last line (finished or not): a
 * re-entry later than that would be numbered as a first entry again, which no real call does.
 */

export interface CallMemory {
  /** ENTERQUEUE lines seen (0 while only a DID was seen). */
  entries: number;
  lastAt: number;
  /** Waiting or talking, i.e. no end line yet for the latest entry. */
  open: boolean;
  did: string | null;
  queue: string | null;
  enterAt: number;
}

export function contactId(callid: string, entries: number): string {
  return entries <= 1 ? callid : `${callid}:${entries}`;
}

/**
 * A copy of `s` that does not share memory with the line it was cut from: V8 keeps a slice of 13
 * characters or more as a view on its parent, so a remembered call id would pin its whole line
 * for a day of log time.
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/**
 * `since`: log time the entry took its place in the table's order. A touch only moves `lastAt`;
 * the sweep moves an entry to the young end when it finds it touched since (re-inserting on every
 * line rebuilt the hash table over and over, filling the heap with its discarded copies).
 */
interface Entry extends CallMemory {
  since: number;
}

export class CallTable {
  private readonly calls = new Map<string, Entry>();
  private clock = 0;
  private lastSweep = 0;

  constructor(private readonly horizonMs: number) {}

  get size(): number {
    return this.calls.size;
  }

  get now(): number {
    return this.clock;
  }

  /** The call's memory, created if missing; its silence is counted from `lastAt`. */
  touch(callid: string, at: number): CallMemory {
    let call = this.calls.get(callid);
    if (call) {
      if (at > call.lastAt) call.lastAt = at;
    } else {
      call = { entries: 0, lastAt: at, open: false, did: null, queue: null, enterAt: at, since: at };
      this.calls.set(ownCopy(callid), call);
    }
    return call;
  }

  peek(callid: string): CallMemory | undefined {
    return this.calls.get(callid);
  }

  /** Advances log time and forgets calls silent for longer than the horizon. */
  advance(at: number): void {
    if (at <= this.clock) return;
    this.clock = at;
    // Sweeping once a minute of log time keeps the per-line cost at one comparison.
    if (at - this.lastSweep < 60_000) return;
    this.lastSweep = at;
    const cutoff = at - this.horizonMs;
    for (const [callid, call] of this.calls) {
      // Entries are in `since` order and lastAt ≥ since: past this one, nothing is older.
      if (call.since >= cutoff) break;
      this.calls.delete(callid);
      if (call.lastAt >= cutoff) {
        // Heard from since it took its place: keep it, at the young end (visited again, then stops the sweep).
        call.since = call.lastAt;
        this.calls.set(callid, call);
      }
    }
  }

  save(): Array<[string, number, number, number, string | null, string | null, number]> {
    const rows: Array<[string, number, number, number, string | null, string | null, number]> = [];
    for (const [callid, c] of this.calls) rows.push([callid, c.entries, c.lastAt, c.open ? 1 : 0, c.did, c.queue, c.enterAt]);
    // Oldest silence first, the order a restore rebuilds the table in.
    return rows.sort((a, b) => a[2] - b[2]);
  }

  restore(rows: ReadonlyArray<readonly [string, number, number, number, string | null, string | null, number]>, clock: number): void {
    for (const [callid, entries, lastAt, open, did, queue, enterAt] of rows) {
      this.calls.set(callid, { entries, lastAt, open: open === 1, did, queue, enterAt, since: lastAt });
    }
    this.clock = clock;
    this.lastSweep = clock;
  }
}
