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

export class CallTable {
  private readonly calls = new Map<string, CallMemory>();
  private clock = 0;
  private lastSweep = 0;

  constructor(private readonly horizonMs: number) {}

  get size(): number {
    return this.calls.size;
  }

  get now(): number {
    return this.clock;
  }

  /** The call's memory, created if missing, moved to the young end of the eviction order. */
  touch(callid: string, at: number): CallMemory {
    let call = this.calls.get(callid);
    if (call) {
      this.calls.delete(callid);
      if (at > call.lastAt) call.lastAt = at;
    } else {
      call = { entries: 0, lastAt: at, open: false, did: null, queue: null, enterAt: at };
    }
    this.calls.set(callid, call);
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
      if (call.lastAt >= cutoff) break;
      this.calls.delete(callid);
    }
  }

  save(): Array<[string, number, number, number, string | null, string | null, number]> {
    const rows: Array<[string, number, number, number, string | null, string | null, number]> = [];
    for (const [callid, c] of this.calls) rows.push([callid, c.entries, c.lastAt, c.open ? 1 : 0, c.did, c.queue, c.enterAt]);
    return rows;
  }

  restore(rows: ReadonlyArray<readonly [string, number, number, number, string | null, string | null, number]>, clock: number): void {
    for (const [callid, entries, lastAt, open, did, queue, enterAt] of rows) {
      this.calls.set(callid, { entries, lastAt, open: open === 1, did, queue, enterAt });
    }
    this.clock = clock;
    this.lastSweep = clock;
  }
}
