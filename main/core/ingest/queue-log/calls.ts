import { hashOf, ownCopy } from './strings';

/**
 * Per-call memory, kept as small as the translation allows: the DID announced for a call before
 * its ENTERQUEUE, and how many times the uniqueid has entered a queue.
 *
 * Contact ids: Asterisk never reuses a uniqueid on one host, but one call can enter queues more
 * than once (transferred back into a queue, EXITWITHKEY to the dialplan and Queue() again). The
 * first entry's contact id is the uniqueid itself, so it joins to CDR `uniqueid`; the n-th entry
 * (n ≥ 2) is `<uniqueid>:<n>`. Later lines of the call belong to its latest entry. An ENTERQUEUE
 * repeated verbatim (same queue, same second as an entry of the call seen before, whether the
 * call is still waiting or has ended) is that entry again, so a line duplicated by a log shipper,
 * or a block of lines repeated where overlapping logs were concatenated, does not invent a
 * contact: the lines after it belong to that entry, as they did the first time. A call with more
 * than one entry keeps the queue and time of each (`known`); a call with one keeps only its own.
 *
 * One exception to "later lines belong to the latest entry": an agent who blind-transfers a call
 * into another queue has its BLINDTRANSFER (or COMPLETE*) written when the bridge ends, which can
 * be after the call's ENTERQUEUE in the new queue. While the previous entry has no end line yet,
 * its queue is remembered, and a line of that queue goes to it (translate.ts `entryFor`).
 *
 * Memory of a call is dropped `horizonMs` of log time after its last line (finished or not): a
 * re-entry later than that would be numbered as a first entry again, which no real call does.
 */

export interface CallMemory {
  /**
   * The number of the entry the call's lines belong to: its latest, or an earlier one met again
   * in a repeated block (0 while only a DID was seen).
   */
  entries: number;
  lastAt: number;
  /** Waiting or talking, i.e. no end line yet for the latest entry. */
  open: boolean;
  did: string | null;
  queue: string | null;
  enterAt: number;
  /**
   * A CONNECT was seen for the latest entry (true too when unknown: a call restored from an
   * older saved state). A COMPLETE* or TRANSFER without one rebuilds the answer from its own fields.
   */
  connected: boolean;
  /**
   * The previous entry's queue while that entry has no end line (the call entered the latest
   * one before it ended: a transfer into a queue), else null; and whether it was answered.
   */
  prevQueue: string | null;
  prevConnected: boolean;
  /**
   * Queue and enter time of every entry, flat (`[queue₁, at₁, queue₂, at₂, …]`, entry n at
   * 2(n − 1); a hole's queue is null), once the call has more than one entry or entries stored
   * by an earlier import; else null, and the only entry is `queue`/`enterAt`.
   */
  known: (string | number | null)[] | null;
  /** The call's uniqueid, a copy of its own (see ownCopy): what events use, so they pin no line. */
  readonly callid: string;
}

/** A call as saveState() writes it (see QueueLogParserState.calls). */
export type SavedCall = [string, number, number, number, string | null, string | null, number, number?, (string | null)?, number?, (string | number | null)[]?];

/** The highest entry number the call has had (see CallMemory.known). */
export const lastEntry = (call: CallMemory): number => (call.known === null ? call.entries : call.known.length / 2);

/** The number of the call's entry with this queue and enter time, 0 when it has none. */
export function knownEntry(call: CallMemory, queue: string, at: number): number {
  const known = call.known;
  if (known === null) return call.entries > 0 && call.queue === queue && call.enterAt === at ? call.entries : 0;
  for (let i = known.length - 2; i >= 0; i -= 2) if (known[i + 1] === at && known[i] === queue) return i / 2 + 1;
  return 0;
}

export function contactId(callid: string, entries: number): string {
  return entries <= 1 ? callid : `${callid}:${entries}`;
}

/**
 * `since`: log time the entry took its place in the table's order. A touch only moves `lastAt`;
 * the sweep moves an entry to the young end when it finds it touched since.
 */
interface Entry extends CallMemory {
  since: number;
  /** hashOf(callid). */
  readonly hash: number;
  /** The next entry in the same bucket. */
  next: Entry | undefined;
}

/** Dead slots at the head of `order` tolerated before the live part is moved down. */
const COMPACT_AT = 4096;
const MIN_BUCKETS = 1024;

/**
 * Calls by id, in a hash table of its own rather than a Map: every line looks up its call by an
 * id freshly cut from the line, which hashOf hashes far faster than a Map would.
 */
export class CallTable {
  private buckets: (Entry | undefined)[] = new Array<Entry | undefined>(MIN_BUCKETS).fill(undefined);
  private count = 0;
  /**
   * Entries in `since` order, oldest at `head`. The sweep walks this array: re-inserting touched
   * entries at a map's young end (the older way to keep the order) rebuilt its hash table over
   * and over, and a map iterator steps over every slot deleted since the last rebuild.
   */
  private order: Entry[] = [];
  private head = 0;
  private clock = 0;
  private lastSweep = 0;

  constructor(private readonly horizonMs: number) {}

  get size(): number {
    return this.count;
  }

  get now(): number {
    return this.clock;
  }

  /** The call's memory, created if missing; its silence is counted from `lastAt`. */
  touch(callid: string, at: number): CallMemory {
    const hash = hashOf(callid);
    let call = this.find(callid, hash);
    if (call === undefined) {
      call = { entries: 0, lastAt: at, open: false, did: null, queue: null, enterAt: at, connected: false, prevQueue: null, prevConnected: false, known: null, callid: ownCopy(callid), since: at, hash, next: undefined };
      this.insert(call);
      this.order.push(call);
    } else if (at > call.lastAt) {
      call.lastAt = at;
    }
    return call;
  }

  peek(callid: string): CallMemory | undefined {
    return this.find(callid, hashOf(callid));
  }

  /** Advances log time and forgets calls silent for longer than the horizon. */
  advance(at: number): void {
    if (at <= this.clock) return;
    this.clock = at;
    // Sweeping once a minute of log time keeps the per-line cost at one comparison.
    if (at - this.lastSweep < 60_000) return;
    this.lastSweep = at;
    const cutoff = at - this.horizonMs;
    const order = this.order;
    let head = this.head;
    while (head < order.length) {
      const call = order[head]!;
      // Entries are in `since` order and lastAt ≥ since: past this one, nothing is older.
      if (call.since >= cutoff) break;
      head++;
      if (call.lastAt >= cutoff) {
        // Heard from since it took its place: keep it, at the young end (visited again, then stops the sweep).
        call.since = call.lastAt;
        order.push(call);
      } else {
        this.remove(call);
      }
    }
    if (head >= COMPACT_AT && head * 2 >= order.length) {
      order.copyWithin(0, head);
      order.length -= head;
      head = 0;
    }
    this.head = head;
    if (this.buckets.length > MIN_BUCKETS && this.count * 8 < this.buckets.length) this.rehash(this.buckets.length >> 1);
  }

  save(): SavedCall[] {
    const rows: SavedCall[] = [];
    for (let i = this.head; i < this.order.length; i++) {
      const c = this.order[i]!;
      const row: SavedCall = [c.callid, c.entries, c.lastAt, c.open ? 1 : 0, c.did, c.queue, c.enterAt, c.connected ? 1 : 0];
      if (c.prevQueue !== null || c.known !== null) row.push(c.prevQueue, c.prevConnected ? 1 : 0);
      if (c.known !== null) row.push(c.known);
      rows.push(row);
    }
    // Oldest silence first, the order a restore rebuilds the table in.
    return rows.sort((a, b) => a[2] - b[2]);
  }

  restore(rows: ReadonlyArray<Readonly<SavedCall>>, clock: number): void {
    for (const [callid, entries, lastAt, open, did, queue, enterAt, connected, prevQueue, prevConnected, known] of rows) {
      const hash = hashOf(callid);
      // A state saved before `connected` existed: assume the CONNECT was seen, rebuild nothing.
      const call: Entry = {
        entries,
        lastAt,
        open: open === 1,
        did,
        queue,
        enterAt,
        connected: connected !== 0,
        prevQueue: prevQueue ?? null,
        prevConnected: prevConnected === 1,
        known: known ? [...known] : null,
        callid,
        since: lastAt,
        hash,
        next: undefined,
      };
      const old = this.find(callid, hash);
      // A repeated row: the later one wins, in the first one's place.
      if (old) {
        this.remove(old);
        this.order[this.order.indexOf(old, this.head)] = call;
      } else {
        this.order.push(call);
      }
      this.insert(call);
    }
    this.clock = clock;
    this.lastSweep = clock;
  }

  private find(callid: string, hash: number): Entry | undefined {
    let e = this.buckets[hash & (this.buckets.length - 1)];
    while (e !== undefined && (e.hash !== hash || e.callid !== callid)) e = e.next;
    return e;
  }

  private insert(e: Entry): void {
    const i = e.hash & (this.buckets.length - 1);
    e.next = this.buckets[i];
    this.buckets[i] = e;
    if (++this.count > this.buckets.length) this.rehash(this.buckets.length * 2);
  }

  private remove(e: Entry): void {
    const i = e.hash & (this.buckets.length - 1);
    let p = this.buckets[i];
    if (p === e) {
      this.buckets[i] = e.next;
    } else {
      while (p !== undefined && p.next !== e) p = p.next;
      if (p === undefined) return;
      p.next = e.next;
    }
    e.next = undefined;
    this.count--;
  }

  private rehash(size: number): void {
    const old = this.buckets;
    const buckets = new Array<Entry | undefined>(size).fill(undefined);
    for (let e of old) {
      while (e !== undefined) {
        const next: Entry | undefined = e.next;
        const i = e.hash & (size - 1);
        e.next = buckets[i];
        buckets[i] = e;
        e = next;
      }
    }
    this.buckets = buckets;
  }
}
