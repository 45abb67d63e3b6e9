import type { IngestEvent } from '../events';
import { cap, callerNameOf, callerOf, intOf, memberOf, secondsMs, text } from './fields';
import type { MemberTable } from './members';
import type { AmiMessage } from './message';

/**
 * Per-call memory of the AMI translation: queue entries, their rings, and the outcome decisions
 * that wait for evidence (the rules are described in translate.ts).
 */

export type Phase = 'waiting' | 'answered' | 'ended';
type EndedOutcome = Extract<IngestEvent, { kind: 'ended' }>['outcome'];

interface Ring {
  at: number;
  /** Uniqueid of the member's channel (12+ `DestUniqueid`), to match DialEnd. */
  dest: string | null;
}

interface Entry {
  uid: string;
  id: string;
  queue: string;
  enterAt: number;
  phase: Phase;
  rings: Map<string, Ring>;
  agent: string | null;
  waitMs: number | null;
  answerAt: number | null;
  left: number | null;
  abandon: { at: number; waitMs: number | null } | null;
  hangupRequestAt: number | null;
  hangupAt: number | null;
  keyPressed: boolean;
  /** Ended by a grace decision without QueueCallerAbandon: a late AgentConnect may still come. */
  revivable: boolean;
  /** Receipt time by which a pending decision is made. */
  deadline: number | null;
  /** Connection generation the entry was created in (reconnect reconciliation). */
  gen: number;
  lastSeen: number;
}

interface CallRecord {
  count: number;
  entries: Entry[];
}

const SWEEP_EVERY_MS = 60_000;
const KEEP_ENTRIES = 4;

export interface CallView {
  id: string;
  uniqueid: string;
  queue: string;
  phase: Phase;
  enterAt: number;
  agent: string | null;
}

export interface CallTrackerOptions {
  source: string;
  graceMs: number;
  memoryMs: number;
  staleMs: number;
  members: MemberTable;
  emit: (event: IngestEvent) => void;
  /** Counts events too incomplete to use. */
  stats: { malformed: number };
  /** Contacts of this source stored as still waiting by an earlier run (see AmiTranslatorOptions). */
  storedWaiting?: () => readonly StoredWaiting[];
}

/** A contact an earlier run stored as waiting: never answered, never ended. */
export interface StoredWaiting {
  id: string;
  enterAt: number;
}

export class CallTracker {
  /** Call-class events reach this manager user (so a hang-up would be visible). */
  seesCalls = false;
  /** HangupRequest/SoftHangupRequest events are emitted (Asterisk 12+) and visible. */
  seesRequests = false;
  private readonly source: string;
  private readonly graceMs: number;
  private readonly memoryMs: number;
  private readonly staleMs: number;
  private readonly members: MemberTable;
  private readonly emit: (event: IngestEvent) => void;
  private readonly stats: { malformed: number };
  private readonly records = new Map<string, CallRecord>();
  private readonly pending = new Set<Entry>();
  private gen = 0;
  private reconcile: { deadline: number; gen: number; listed: Set<string> } | null = null;
  private listed = new Set<string>();
  private lastSweep = 0;
  /** Asked at the first snapshot only, then dropped. */
  private storedWaiting: (() => readonly StoredWaiting[]) | null;

  constructor(o: CallTrackerOptions) {
    this.source = o.source;
    this.graceMs = o.graceMs;
    this.memoryMs = o.memoryMs;
    this.staleMs = o.staleMs;
    this.members = o.members;
    this.emit = o.emit;
    this.stats = o.stats;
    this.storedWaiting = o.storedWaiting ?? null;
  }

  /** A new connection: entries from before it are reconciled with its QueueStatus answer. */
  connectionStarted(): void {
    this.gen++;
    this.listed = new Set();
  }

  /** QueueStatusComplete: reconcile once the events queued before the answer have arrived. */
  snapshotComplete(now: number): void {
    this.reconcile = { deadline: now + this.graceMs, gen: this.gen, listed: this.listed };
    this.listed = new Set();
  }

  tick(now: number): void {
    for (const e of [...this.pending]) {
      if (e.deadline !== null && e.deadline <= now) this.settle(e);
    }
    if (this.reconcile && this.reconcile.deadline <= now) this.runReconcile(now);
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now);
  }

  flush(now: number): void {
    for (const e of [...this.pending]) this.settle(e);
    if (this.reconcile) this.runReconcile(now);
  }

  nextDeadline(): number | null {
    let next: number | null = this.reconcile?.deadline ?? null;
    for (const e of this.pending) if (e.deadline !== null && (next === null || e.deadline < next)) next = e.deadline;
    return next;
  }

  views(): CallView[] {
    const views: CallView[] = [];
    for (const r of this.records.values()) {
      for (const e of r.entries) {
        if (e.phase !== 'ended') views.push({ id: e.id, uniqueid: e.uid, queue: e.queue, phase: e.phase, enterAt: e.enterAt, agent: e.agent });
      }
    }
    return views;
  }

  private latest(uid: string): Entry | undefined {
    return this.records.get(uid)?.entries.at(-1);
  }

  /** The newest entry of the call in one of `phases`, preferring the event's queue. */
  private find(uid: string, queue: string | null, phases: readonly Phase[]): Entry | undefined {
    const entries = this.records.get(uid)?.entries ?? [];
    let loose: Entry | undefined;
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i]!;
      if (!phases.includes(e.phase)) continue;
      if (queue === null || e.queue === queue) return e;
      loose ??= e;
    }
    return loose;
  }

  private newEntry(uid: string, queue: string, at: number, now: number): Entry {
    let rec = this.records.get(uid);
    if (!rec) {
      rec = { count: 0, entries: [] };
      this.records.set(uid, rec);
    }
    rec.count++;
    const entry: Entry = {
      uid,
      id: rec.count === 1 ? uid : `${uid}:${rec.count}`,
      queue,
      enterAt: at,
      phase: 'waiting',
      rings: new Map(),
      agent: null,
      waitMs: null,
      answerAt: null,
      left: null,
      abandon: null,
      hangupRequestAt: null,
      hangupAt: null,
      keyPressed: false,
      revivable: false,
      deadline: null,
      gen: this.gen,
      lastSeen: now,
    };
    rec.entries.push(entry);
    if (rec.entries.length > KEEP_ENTRIES) rec.entries.shift();
    return entry;
  }

  private enqueue(m: AmiMessage, uid: string, queue: string, at: number, now: number): void {
    const last = this.latest(uid);
    if (last && last.phase === 'waiting') {
      // The same wait announced twice (QueueStatus racing the join, a repeated event).
      if (last.queue === queue && last.left === null && last.abandon === null) {
        last.lastSeen = now;
        return;
      }
      this.settle(last);
    }
    const e = this.newEntry(uid, queue, at, now);
    const caller = callerOf(m.get('CallerIDNum'));
    const count = this.records.get(uid)!.count;
    this.emit({
      kind: 'enqueued',
      source: this.source,
      id: e.id,
      at,
      channel: 'voice',
      queue,
      caller,
      did: null,
      segment: null,
      customerName: callerNameOf(m.get('CallerIDName'), caller),
      extra: count > 1 ? { uniqueid: uid, entry: count } : null,
    });
  }

  private ids(m: AmiMessage): { uid: string; queue: string | null } | null {
    const uid = text(m.get('Uniqueid'));
    if (uid === null) {
      this.stats.malformed++;
      return null;
    }
    const q = text(m.get('Queue'));
    return { uid: cap(uid), queue: q === null ? null : cap(q) };
  }

  join(m: AmiMessage, at: number, now: number): void {
    const id = this.ids(m);
    if (!id) return;
    if (id.queue === null) {
      this.stats.malformed++;
      return;
    }
    this.enqueue(m, id.uid, id.queue, at, now);
  }

  /** QueueEntry of a QueueStatus answer: a caller waiting right now, for `Wait` seconds. */
  entry(m: AmiMessage, at: number, now: number): void {
    const id = this.ids(m);
    if (!id || id.queue === null) return;
    this.listed.add(id.uid);
    const wait = secondsMs(m.get('Wait')) ?? 0;
    this.enqueue(m, id.uid, id.queue, Math.max(0, at - wait), now);
  }

  /** A call whose queue entry we never saw (we connected mid-call): events still carry its id. */
  private entryFor(uid: string, queue: string | null, phases: readonly Phase[], at: number, now: number): Entry {
    const found = this.find(uid, queue, phases);
    if (found) {
      found.lastSeen = now;
      return found;
    }
    const e = this.newEntry(uid, queue ?? '', at, now);
    e.gen = -1;
    return e;
  }

  leave(m: AmiMessage, at: number, now: number): void {
    const id = this.ids(m);
    if (!id) return;
    const e = this.find(id.uid, id.queue, ['waiting']);
    if (!e || e.left !== null) return;
    e.left = at;
    e.lastSeen = now;
    this.evaluate(e, now);
  }

  abandon(m: AmiMessage, at: number, now: number): void {
    const id = this.ids(m);
    if (!id) return;
    const e = this.entryFor(id.uid, id.queue, ['waiting'], at, now);
    if (e.abandon !== null) return;
    e.abandon = { at, waitMs: secondsMs(m.get('HoldTime')) };
    this.evaluate(e, now);
  }

  hangup(m: AmiMessage, at: number, now: number, request: boolean): void {
    const uid = text(m.get('Uniqueid'));
    if (uid === null) return;
    const e = this.latest(uid);
    if (!e) return;
    e.lastSeen = now;
    if (e.phase === 'waiting') {
      if (request) e.hangupRequestAt ??= at;
      else e.hangupAt ??= at;
      this.evaluate(e, now);
    } else if (e.phase === 'answered' && !request) {
      // AgentComplete normally comes first; if it never does, the hang-up ends the conversation.
      e.hangupAt ??= at;
      this.wait(e, now);
    }
  }

  dtmf(m: AmiMessage): void {
    const uid = text(m.get('Uniqueid'));
    const e = uid === null ? undefined : this.latest(uid);
    if (e && e.phase === 'waiting') e.keyPressed = true;
  }

  private wait(e: Entry, now: number): void {
    e.deadline ??= now + this.graceMs;
    this.pending.add(e);
  }

  /** Decides a waiting entry's exit as soon as the evidence allows (see the file comment). */
  private evaluate(e: Entry, now: number): void {
    if (e.phase !== 'waiting') return;
    const hungUp = e.hangupRequestAt !== null || e.hangupAt !== null;
    if (e.abandon !== null) {
      if (hungUp || !this.seesCalls) this.finish(e, 'abandoned');
      else if (this.seesRequests) this.finish(e, this.timeoutOrEmpty(e));
      else this.wait(e, now);
    } else if (e.left !== null) {
      if (hungUp) this.finish(e, 'abandoned');
      else this.wait(e, now);
    } else if (e.hangupAt !== null) {
      // Gone without any queue exit event: one may still be on its way.
      this.wait(e, now);
    }
  }

  /** The decision when the grace is over (or now, on flush). */
  private settle(e: Entry): void {
    this.pending.delete(e);
    e.deadline = null;
    if (e.phase === 'answered') {
      if (e.hangupAt !== null) this.endAnswered(e, e.hangupAt, e.answerAt === null ? null : Math.max(0, e.hangupAt - e.answerAt), 'hangup');
      return;
    }
    if (e.phase !== 'waiting') return;
    if (e.hangupRequestAt !== null || e.hangupAt !== null) this.finish(e, 'abandoned');
    else if (e.abandon !== null) this.finish(e, this.timeoutOrEmpty(e));
    else if (e.left !== null) {
      this.finish(e, e.keyPressed ? 'exit-key' : 'exit-empty');
      e.revivable = true;
    }
  }

  private timeoutOrEmpty(e: Entry): 'timeout' | 'exit-empty' {
    return this.members.queueLooksEmpty(e.queue) === true ? 'exit-empty' : 'timeout';
  }

  private finish(e: Entry, outcome: 'abandoned' | 'timeout' | 'exit-empty' | 'exit-key' | 'closed', at?: number, reason: string | null = null): void {
    const when = at ?? e.abandon?.at ?? e.left ?? e.hangupRequestAt ?? e.hangupAt ?? e.lastSeen;
    this.cancelRings(e, when, null);
    this.close(e, when, outcome, e.abandon?.waitMs ?? Math.max(0, when - e.enterAt), null, reason);
  }

  private close(e: Entry, at: number, outcome: EndedOutcome, waitMs: number | null, talkMs: number | null, reason: string | null): void {
    this.pending.delete(e);
    e.deadline = null;
    e.phase = 'ended';
    this.emitEnded(e.id, at, outcome, waitMs, talkMs, reason);
  }

  /** A contact's end as AMI tells it: no hold, wrap-up or survey figures. */
  private emitEnded(id: string, at: number, outcome: EndedOutcome, waitMs: number | null, talkMs: number | null, reason: string | null): void {
    this.emit({ kind: 'ended', source: this.source, id, at, outcome, waitMs, talkMs, holdMs: null, wrapMs: null, reason, resolved: null, csat: null, nps: null });
  }

  private cancelRings(e: Entry, at: number, except: string | null): void {
    for (const [agent, ring] of e.rings) {
      if (agent === except) continue;
      this.emit({ kind: 'ring-end', source: this.source, id: e.id, at, agent, ringMs: Math.max(0, at - ring.at), result: 'canceled' });
    }
    e.rings.clear();
  }

  ring(m: AmiMessage, at: number, now: number): void {
    const id = this.ids(m);
    const member = memberOf(m);
    if (!id || !member) {
      if (id) this.stats.malformed++;
      return;
    }
    const e = this.entryFor(id.uid, id.queue, ['waiting'], at, now);
    this.members.seenInCall(e.queue, member, at);
    e.rings.set(member.iface, { at, dest: text(m.get('DestUniqueid')) ?? text(m.get('DestUniqueID')) });
    this.emit({ kind: 'ring', source: this.source, id: e.id, at, agent: member.iface });
  }

  /** AgentRingNoAnswer (no answer, busy, congestion) and AgentDump (the member hung up first). */
  ringEnd(m: AmiMessage, at: number, now: number, result: 'no-answer' | 'canceled'): void {
    const id = this.ids(m);
    const member = memberOf(m);
    if (!id || !member) {
      if (id) this.stats.malformed++;
      return;
    }
    const e = this.entryFor(id.uid, id.queue, ['waiting', 'answered'], at, now);
    const ring = e.rings.get(member.iface);
    e.rings.delete(member.iface);
    // AgentRingNoAnswer's RingTime is in milliseconds (app_queue.c rna(): endtime * 1000),
    // unlike every other duration in queue events.
    const stated = result === 'no-answer' ? intOf(m.get('RingTime')) : null;
    const ringMs = stated ?? (ring ? Math.max(0, at - ring.at) : null);
    this.emit({ kind: 'ring-end', source: this.source, id: e.id, at, agent: member.iface, ringMs, result });
  }

  /** DialEnd CANCEL (12+): the member stopped ringing because the caller left or another answered. */
  dialEnd(m: AmiMessage, at: number): void {
    if (text(m.get('DialStatus'))?.toUpperCase() !== 'CANCEL') return;
    const uid = text(m.get('Uniqueid'));
    const dest = text(m.get('DestUniqueid'));
    if (uid === null || dest === null) return;
    const e = this.latest(uid);
    if (!e || e.phase === 'ended') return;
    for (const [agent, ring] of e.rings) {
      if (ring.dest !== dest) continue;
      e.rings.delete(agent);
      this.emit({ kind: 'ring-end', source: this.source, id: e.id, at, agent, ringMs: Math.max(0, at - ring.at), result: 'canceled' });
    }
  }

  connect(m: AmiMessage, at: number, now: number): void {
    const id = this.ids(m);
    const member = memberOf(m);
    if (!id || !member) {
      if (id) this.stats.malformed++;
      return;
    }
    const late = this.find(id.uid, id.queue, ['ended']);
    const e = this.find(id.uid, id.queue, ['waiting']) ?? (late?.revivable ? late : undefined) ?? this.entryFor(id.uid, id.queue, ['waiting'], at, now);
    this.members.seenInCall(e.queue, member, at);
    this.pending.delete(e);
    e.deadline = null;
    e.phase = 'answered';
    e.revivable = false;
    e.agent = member.iface;
    e.answerAt = at;
    e.lastSeen = now;
    // HoldTime is the wait in queue (whole seconds), RingTime the ring of this member.
    e.waitMs = secondsMs(m.get('HoldTime'));
    e.rings.delete(member.iface);
    this.emit({ kind: 'answered', source: this.source, id: e.id, at, agent: member.iface, waitMs: e.waitMs, ringMs: secondsMs(m.get('RingTime')) });
    this.cancelRings(e, at, member.iface);
  }

  complete(m: AmiMessage, at: number, now: number): void {
    const id = this.ids(m);
    if (!id) return;
    // A waiting entry here means its AgentConnect was missed; the newest entry is the one completed.
    const e = this.entryFor(id.uid, id.queue, ['answered', 'waiting', 'ended'], at, now);
    const reason = text(m.get('Reason'))?.toLowerCase() ?? null;
    if (reason === 'transfer') this.emit({ kind: 'transferred', source: this.source, id: e.id, at, to: null });
    this.endAnswered(
      e,
      at,
      secondsMs(m.get('TalkTime')),
      reason === 'caller' ? 'caller-hangup' : reason === 'agent' ? 'agent-hangup' : reason === null ? null : cap(reason),
      secondsMs(m.get('HoldTime')),
    );
  }

  private endAnswered(e: Entry, at: number, talkMs: number | null, reason: string | null, waitMs: number | null = null): void {
    this.close(e, at, 'answered', waitMs ?? e.waitMs, talkMs, reason);
  }

  /** After a reconnect's QueueStatus: what happened to calls while we were not connected. */
  private runReconcile(now: number): void {
    const r = this.reconcile!;
    this.reconcile = null;
    this.reconcileStored(r.listed, now);
    for (const rec of this.records.values()) {
      const e = rec.entries.at(-1);
      if (!e || e.gen >= r.gen || e.gen < 0) continue;
      if (e.phase === 'waiting' && e.left === null && e.abandon === null && !r.listed.has(e.uid)) {
        this.finish(e, 'closed', now, 'left-unobserved');
      } else if (e.phase === 'answered' && e.agent !== null && this.members.inCall(e.agent) === false && e.hangupAt === null) {
        this.endAnswered(e, now, null, 'ended-unobserved');
      }
    }
  }

  /**
   * The first snapshot of this process: callers an earlier run left waiting (it was stopped, the
   * machine went down) who are not waiting now left while nobody watched: ended `closed`
   * (`left-unobserved`), as after a reconnect. Asked once; callers this run already knows are its own.
   */
  private reconcileStored(listed: ReadonlySet<string>, now: number): void {
    const stored = this.storedWaiting?.() ?? [];
    this.storedWaiting = null;
    for (const c of stored) {
      const uid = c.id.replace(/:\d+$/, '');
      if (listed.has(uid) || this.records.has(uid)) continue;
      this.emitEnded(c.id, now, 'closed', Math.max(0, now - c.enterAt), null, 'left-unobserved');
    }
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [uid, rec] of this.records) {
      const e = rec.entries.at(-1);
      if (!e) {
        this.records.delete(uid);
        continue;
      }
      const idle = now - e.lastSeen;
      if ((e.phase === 'ended' && idle > this.memoryMs) || (e.phase !== 'ended' && idle > this.staleMs)) {
        for (const x of rec.entries) this.pending.delete(x);
        this.records.delete(uid);
      }
    }
  }
}
