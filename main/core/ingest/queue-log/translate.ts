import type { StoredEntry } from './types';
import type { IngestEvent } from '../events';
import { AgentAliases, interfaceOfChannel, looksLikeInterface } from './agents';
import { CallTable, contactId, knownEntry, lastEntry, type CallMemory } from './calls';
import { Interner } from './strings';
import { PAIRING_EVENTS, specOf, type Handler } from './event-specs';

/**
 * One queue_log line in Asterisk's own layout, whatever form it came from. Parsers reuse one
 * record (and its data array) for every line; `dataLen` says how many data entries are live.
 */
export interface QlRecord {
  at: number;
  callid: string;
  queue: string;
  agent: string;
  event: string;
  data: string[];
  dataLen: number;
}

/**
 * How the data field count is checked. `strict` (the file): a missing field means a truncated
 * line. `padded` (database rows): empty trailing columns are simply empty values.
 * `exact` (PBXware): the layout was built by the parser, nothing to check.
 */
export type CountMode = 'strict' | 'padded' | 'exact';

type AgentAction = Extract<IngestEvent, { kind: 'agent' }>['action'];

interface HeldMember {
  at: number;
  queue: string;
  agent: string;
  action: 'add' | 'remove';
  paused: boolean;
}

const MAX_TEXT = 200;
const EMPTY = -1;
const INVALID = -2;

/** Non-negative integer, EMPTY for '' (and for negatives: clock skew, not damage), INVALID otherwise. */
function intOf(s: string | undefined): number {
  if (s === undefined || s.length === 0) return EMPTY;
  let i = 0;
  let negative = false;
  if (s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
    if (s.length === 1) return INVALID;
  }
  let v = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return INVALID;
    v = v * 10 + c;
  }
  return negative ? EMPTY : v;
}

/** Data field i, or '' past the line's own fields (the data array is reused between lines). */
function field(rec: QlRecord, i: number): string {
  return i >= 0 && i < rec.dataLen ? rec.data[i] : '';
}

function ms(seconds: number): number | null {
  return seconds < 0 ? null : seconds * 1000;
}

function cap(s: string): string {
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s;
}

function isNone(s: string): boolean {
  return s.length === 0 || s === 'NONE';
}

/** Caller ids that name no one. */
function callerOf(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  if (s.length === 0) return null;
  const lower = s.toLowerCase();
  if (lower === 'none' || lower === 'anonymous' || lower === 'unknown' || lower === '<unknown>' || lower === 'restricted') return null;
  return cap(s);
}

export interface TranslatorStats {
  known: Record<string, number>;
  unknown: Record<string, number>;
  emitted: Record<IngestEvent['kind'], number>;
}

export class Translator {
  readonly calls: CallTable;
  readonly aliases = new AgentAliases();
  private held: HeldMember | null = null;

  constructor(
    private readonly source: string,
    private readonly sink: (event: IngestEvent) => void,
    private readonly stats: TranslatorStats,
    callMemoryMs: number,
    private readonly storedEntries?: (callid: string) => readonly StoredEntry[],
  ) {
    this.calls = new CallTable(callMemoryMs);
  }

  /** Translates one record; returns a rejection reason, or null when the line was accepted. */
  handle(rec: QlRecord, mode: CountMode): string | null {
    const spec = specOf(rec.event);
    if (spec === undefined) {
      if (this.held) this.releaseHeld(null);
      this.stats.unknown[rec.event] = (this.stats.unknown[rec.event] ?? 0) + 1;
      this.calls.advance(rec.at);
      return null;
    }
    if (spec.counts !== null && mode !== 'exact') {
      const problem = fitCount(rec, spec.counts, mode);
      if (problem !== null) {
        if (this.held) this.releaseHeld(null);
        return problem;
      }
    }
    if (this.held) this.releaseHeld(rec);
    const problem = this.dispatch(spec.handler, rec);
    if (problem !== null) return problem;
    this.calls.advance(rec.at);
    // The table's own spelling of the name: a line's freshly cut copy would be internalized on every use as a key.
    const name = spec.name ?? rec.event;
    this.stats.known[name] = (this.stats.known[name] ?? 0) + 1;
    return null;
  }

  flush(): void {
    if (this.held) this.releaseHeld(null);
  }

  saveHeld(): [number, string, string, 'add' | 'remove', boolean] | null {
    const h = this.held;
    return h === null ? null : [h.at, h.queue, h.agent, h.action, h.paused];
  }

  restoreHeld(held: readonly [number, string, string, 'add' | 'remove', boolean] | null): void {
    this.held = held === null ? null : { at: held[0], queue: held[1], agent: held[2], action: held[3], paused: held[4] };
  }

  private readonly names = new Interner();
  /** Queue and agent names and dialled numbers: capped, one shared copy each (see strings.ts). */
  private name(s: string): string {
    return this.names.intern(cap(s));
  }

  private emit(event: IngestEvent): void {
    this.stats.emitted[event.kind]++;
    this.sink(event);
  }

  private dispatch(handler: Handler, rec: QlRecord): string | null {
    switch (handler) {
      case 'skip':
        return null;
      case 'did':
        return this.did(rec);
      case 'enter':
        return this.enter(rec);
      case 'connect':
        return this.connect(rec);
      case 'complete':
        return this.complete(rec);
      case 'abandon':
        return this.leave(rec, 'abandoned', 2, null);
      case 'timeout':
        return this.leave(rec, 'timeout', 2, null);
      case 'exit-empty':
        return this.leave(rec, 'exit-empty', 2, null);
      case 'exit-key':
        return this.leave(rec, 'exit-key', 3, field(rec, 0) || null);
      case 'ring-no-answer':
        return this.ringEnd(rec, 'no-answer');
      case 'ring-canceled':
        return this.ringEnd(rec, 'canceled');
      case 'transfer':
        return this.transfer(rec, false);
      case 'attended-transfer':
        return this.transfer(rec, true);
      case 'add':
        return this.member(rec, 'add');
      case 'remove':
        return this.member(rec, 'remove');
      case 'pause':
        return this.agentLine(rec, 'pause', field(rec, 0) || null, true);
      case 'unpause':
        return this.agentLine(rec, 'unpause', field(rec, 0) || null, true);
      case 'pause-all':
        return this.agentLine(rec, 'pause', field(rec, 0) || null, false);
      case 'unpause-all':
        return this.agentLine(rec, 'unpause', field(rec, 0) || null, false);
      case 'login':
        return this.login(rec);
      case 'logoff':
        return this.agentLine(rec, 'logoff', null, false);
      case 'callback-logoff':
        return this.agentLine(rec, 'logoff', field(rec, 2) || null, false);
    }
  }

  private callOf(rec: QlRecord): string | null {
    return isNone(rec.callid) ? null : rec.callid;
  }

  private did(rec: QlRecord): string | null {
    const callid = this.callOf(rec);
    if (callid === null) return `${rec.event}: missing callid`;
    const number = field(rec, 0).trim();
    const call = this.calls.touch(callid, rec.at);
    if (number.length > 0) call.did = this.name(number);
    return null;
  }

  private enter(rec: QlRecord): string | null {
    const callid = this.callOf(rec);
    if (callid === null) return 'ENTERQUEUE: missing callid';
    if (isNone(rec.queue)) return 'ENTERQUEUE: missing queue';
    if (intOf(field(rec, 2)) === INVALID) return 'ENTERQUEUE: position is not a number';
    const call = this.calls.touch(callid, rec.at);
    if (call.entries === 0 && call.known === null && this.storedEntries) {
      // Entries of this uniqueid stored by imports of other files: this one is one of them again
      // (same queue and time), or the next (a re-entry after the log rotated).
      const stored = this.storedEntries(call.callid);
      if (stored.length > 0) {
        const known: (string | number | null)[] = new Array<string | number | null>(2 * Math.max(...stored.map((s) => s.n))).fill(null);
        for (const s of stored) {
          known[2 * (s.n - 1)] = this.names.intern(s.queue);
          known[2 * s.n - 1] = s.enterAt;
        }
        call.known = known;
      }
    }
    // An entry's own line again (a shipper's retry, overlapping logs concatenated), even after
    // the call ended: the same entry, whose lines follow again. A re-entry has another time or queue.
    const seen = knownEntry(call, rec.queue, rec.at);
    if (seen === 0 || seen !== call.entries) {
      const n = seen || lastEntry(call) + 1;
      // The entry before has no end line yet (a transfer into this queue): its lines may follow.
      call.prevQueue = call.entries > 0 && call.entries === n - 1 && call.open ? call.queue : null;
      call.prevConnected = call.prevQueue !== null && call.connected;
      const queue = this.names.intern(rec.queue);
      if (seen === 0 && n > 1) {
        // A second entry: from now on every entry's queue and time are kept (calls.ts).
        const known = call.known ?? [call.queue, call.enterAt];
        known.push(queue, rec.at);
        call.known = known;
      }
      call.entries = n;
      call.open = true;
      call.queue = queue;
      call.enterAt = rec.at;
      call.connected = false;
    }
    const id = contactId(call.callid, call.entries);
    this.emit({
      kind: 'enqueued',
      source: this.source,
      id,
      at: rec.at,
      channel: 'voice',
      queue: this.name(rec.queue),
      caller: callerOf(field(rec, 1)),
      did: call.did,
      segment: null,
      customerName: null,
      extra: call.entries > 1 ? { callid: call.callid, entry: call.entries } : null,
    });
    return null;
  }

  /**
   * Whether a line of the call belongs to its previous entry rather than the latest (calls.ts):
   * the previous entry has no end line yet and the line names its queue, where the latest entry
   * is in another queue, or in the same one but not answered while the line ends a conversation
   * (`talkEnd`: COMPLETE*, TRANSFER) the previous entry had.
   */
  private forPrevious(call: CallMemory, rec: QlRecord, talkEnd: boolean): boolean {
    if (call.prevQueue === null || rec.queue !== call.prevQueue) return false;
    return rec.queue !== call.queue || (talkEnd && call.prevConnected && !call.connected);
  }

  /** Contact id for a line of an already entered call (the uniqueid itself if its entry is unseen). */
  private idOf(rec: QlRecord, callid: string): string {
    const call = this.calls.touch(callid, rec.at);
    return contactId(call.callid, this.forPrevious(call, rec, false) ? call.entries - 1 : call.entries);
  }

  private connect(rec: QlRecord): string | null {
    const callid = this.callOf(rec);
    if (callid === null) return 'CONNECT: missing callid';
    if (isNone(rec.agent)) return 'CONNECT: missing agent';
    const hold = intOf(field(rec, 0));
    if (hold === INVALID) return 'CONNECT: holdtime is not a number';
    // data2 is the bridged channel's uniqueid; data3 (Asterisk ≥ 1.6) the ring time in seconds.
    const ring = intOf(field(rec, 2));
    if (ring === INVALID) return 'CONNECT: ringtime is not a number';
    const call = this.calls.touch(callid, rec.at);
    const previous = this.forPrevious(call, rec, false);
    if (previous) call.prevConnected = true;
    else call.connected = true;
    this.emit({
      kind: 'answered',
      source: this.source,
      id: contactId(call.callid, previous ? call.entries - 1 : call.entries),
      at: rec.at,
      agent: this.name(rec.agent),
      waitMs: ms(hold),
      ringMs: ms(ring),
    });
    return null;
  }

  /**
   * COMPLETE* / TRANSFER of a waiting entry whose CONNECT never came (its line was rejected as
   * damaged): the line names the agent and gives holdtime and calltime, so the answer is rebuilt
   * at end − calltime. Else the contact would end `answered` with no agent and no answer time.
   */
  private answerFromEnd(call: CallMemory, rec: QlRecord, hold: number, talk: number): void {
    if (call.entries === 0 || !call.open || call.connected || talk < 0 || isNone(rec.agent)) return;
    call.connected = true;
    this.emit({
      kind: 'answered',
      source: this.source,
      id: contactId(call.callid, call.entries),
      at: Math.max(call.enterAt, rec.at - talk * 1000),
      agent: this.name(rec.agent),
      waitMs: ms(hold),
      ringMs: null,
    });
  }

  /** The contact id an end line closes: the latest entry, or the previous one (`forPrevious`). */
  private end(call: CallMemory, previous: boolean): string {
    if (previous) {
      call.prevQueue = null;
      return contactId(call.callid, call.entries - 1);
    }
    call.open = false;
    return contactId(call.callid, call.entries);
  }

  private complete(rec: QlRecord): string | null {
    const callid = this.callOf(rec);
    if (callid === null) return `${rec.event}: missing callid`;
    const hold = intOf(field(rec, 0));
    const talk = intOf(field(rec, 1));
    if (hold === INVALID) return `${rec.event}: holdtime is not a number`;
    if (talk === INVALID) return `${rec.event}: calltime is not a number`;
    const call = this.calls.touch(callid, rec.at);
    const previous = this.forPrevious(call, rec, true);
    if (!previous) this.answerFromEnd(call, rec, hold, talk);
    this.emitEnded(this.end(call, previous), rec.at, 'answered', hold, talk, rec.event === 'COMPLETECALLER' ? 'caller-hangup' : 'agent-hangup');
    return null;
  }

  /** ABANDON / EXITWITHTIMEOUT / EXITEMPTY / EXITWITHKEY: waittime is the last of their full layout. */
  private leave(rec: QlRecord, outcome: 'abandoned' | 'timeout' | 'exit-empty' | 'exit-key', waitIndex: number, reason: string | null): string | null {
    const callid = this.callOf(rec);
    if (callid === null) return `${rec.event}: missing callid`;
    // Asterisk 1.4 wrote EXITWITHTIMEOUT(position) and EXITWITHKEY(key|position): no wait time.
    const wait = intOf(field(rec, waitIndex));
    if (wait === INVALID) return `${rec.event}: waittime is not a number`;
    for (let i = 0; i < waitIndex && i < rec.dataLen; i++) {
      if (outcome === 'exit-key' && i === 0) continue;
      if (intOf(field(rec, i)) === INVALID) return `${rec.event}: position is not a number`;
    }
    const call = this.calls.touch(callid, rec.at);
    this.emitEnded(this.end(call, this.forPrevious(call, rec, false)), rec.at, outcome, wait, EMPTY, reason === null ? null : cap(reason));
    return null;
  }

  private emitEnded(id: string, at: number, outcome: 'answered' | 'abandoned' | 'timeout' | 'exit-empty' | 'exit-key', wait: number, talk: number, reason: string | null): void {
    this.emit({
      kind: 'ended',
      source: this.source,
      id,
      at,
      outcome,
      waitMs: ms(wait),
      talkMs: ms(talk),
      holdMs: null,
      wrapMs: null,
      reason,
      resolved: null,
      csat: null,
      nps: null,
    });
  }

  private ringEnd(rec: QlRecord, result: 'no-answer' | 'canceled'): string | null {
    const callid = this.callOf(rec);
    if (callid === null) return `${rec.event}: missing callid`;
    if (isNone(rec.agent)) return `${rec.event}: missing agent`;
    const ring = intOf(field(rec, 0));
    if (ring === INVALID) return `${rec.event}: ring time is not a number`;
    this.emit({
      kind: 'ring-end',
      source: this.source,
      id: this.idOf(rec, callid),
      at: rec.at,
      agent: this.name(rec.agent),
      // Already milliseconds (app_queue.c rna()), unlike every other duration in the log.
      ringMs: ring < 0 ? null : ring,
      result,
    });
    return null;
  }

  /**
   * TRANSFER/BLINDTRANSFER(extension|context|holdtime|calltime|origposition) and
   * ATTENDEDTRANSFER(method|method data…|holdtime|calltime|origposition): the conversation took
   * place, so the contact ends answered, after a `transferred` event.
   */
  private transfer(rec: QlRecord, attended: boolean): string | null {
    const callid = this.callOf(rec);
    if (callid === null) return `${rec.event}: missing callid`;
    const n = rec.dataLen;
    let to: string | null;
    let hold = EMPTY;
    let talk = EMPTY;
    if (attended) {
      hold = intOf(field(rec, n - 3));
      talk = intOf(field(rec, n - 2));
      const parts: string[] = [];
      for (let i = 0; i < n - 3; i++) if (field(rec, i)) parts.push(field(rec, i));
      to = parts.length > 0 ? parts.join('|') : null;
    } else {
      const exten = field(rec, 0);
      const context = field(rec, 1);
      to = exten && context ? `${exten}@${context}` : exten || null;
      // Asterisk 1.2 wrote only extension|context.
      if (n >= 4) {
        hold = intOf(field(rec, 2));
        talk = intOf(field(rec, 3));
      }
    }
    if (hold === INVALID) return `${rec.event}: holdtime is not a number`;
    if (talk === INVALID) return `${rec.event}: calltime is not a number`;
    const call = this.calls.touch(callid, rec.at);
    const previous = this.forPrevious(call, rec, true);
    if (!previous) this.answerFromEnd(call, rec, hold, talk);
    const id = this.end(call, previous);
    this.emit({ kind: 'transferred', source: this.source, id, at: rec.at, to: to === null ? null : cap(to) });
    const reason = rec.event === 'BLINDTRANSFER' ? 'blind-transfer' : attended ? 'attended-transfer' : 'transfer';
    this.emitEnded(id, rec.at, 'answered', hold, talk, reason);
    return null;
  }

  private emitAgent(at: number, key: string, action: AgentAction, queue: string | null, reason: string | null): void {
    const agent = this.name(key);
    this.emit({
      kind: 'agent',
      source: this.source,
      at,
      agent,
      name: looksLikeInterface(agent) ? null : agent,
      action,
      queue: queue === null || isNone(queue) ? null : this.name(queue),
      reason: reason === null ? null : cap(reason),
    });
  }

  private agentLine(rec: QlRecord, action: AgentAction, reason: string | null, perQueue: boolean): string | null {
    if (isNone(rec.agent)) return `${rec.event}: missing agent`;
    this.emitAgent(rec.at, rec.agent, action, perQueue ? rec.queue : null, reason);
    return null;
  }

  private login(rec: QlRecord): string | null {
    if (isNone(rec.agent)) return `${rec.event}: missing agent`;
    // AGENTLOGIN(channel): the device the agent logged in from. AGENTCALLBACKLOGIN(exten@context) names no device.
    if (rec.event === 'AGENTLOGIN' && looksLikeInterface(field(rec, 0))) {
      this.aliases.learn(interfaceOfChannel(field(rec, 0)), rec.agent, rec.at);
    }
    this.emitAgent(rec.at, rec.agent, 'login', null, null);
    return null;
  }

  private member(rec: QlRecord, action: 'add' | 'remove'): string | null {
    if (isNone(rec.agent)) return `${rec.event}: missing agent`;
    const spelling = rec.agent;
    const d0 = field(rec, 0).trim();
    const paused = d0 === 'PAUSED';
    const other = d0 && !paused && d0 !== 'UNPAUSED' ? d0 : '';
    if (other && looksLikeInterface(other) !== looksLikeInterface(spelling)) {
      // Both spellings on one line: the non-interface one is the member name.
      const [iface, name] = looksLikeInterface(spelling) ? [spelling, other] : [other, spelling];
      this.aliases.learn(iface, name, rec.at);
      this.emitMember({ at: rec.at, queue: rec.queue, agent: name, action, paused });
    } else if (looksLikeInterface(spelling)) {
      // The name, if any, is on the next line: hold this one until then (see agents.ts).
      this.held = { at: rec.at, queue: rec.queue, agent: spelling, action, paused };
    } else {
      this.emitMember({ at: rec.at, queue: rec.queue, agent: spelling, action, paused });
    }
    return null;
  }

  private emitMember(m: HeldMember): void {
    this.emitAgent(m.at, this.aliases.keyFor(m.agent), m.action, m.queue, null);
    if (m.paused && m.action === 'add') this.emitAgent(m.at, this.aliases.keyFor(m.agent), 'pause', m.queue, null);
  }

  /** Emits the held member line, first pairing it with `next` when that line names the same member. */
  private releaseHeld(next: QlRecord | null): void {
    const held = this.held;
    if (held === null) return;
    this.held = null;
    if (next !== null && pairs(held, next)) this.aliases.learn(held.agent, next.agent, held.at);
    this.emitMember(held);
  }
}

function pairs(held: HeldMember, next: QlRecord): boolean {
  if (!PAIRING_EVENTS.has(next.event)) return false;
  if (isNone(next.agent) || next.agent === held.agent) return false;
  if (Math.abs(next.at - held.at) > 1000) return false;
  if (next.queue !== held.queue && !isNone(next.queue)) return false;
  // Pause lines carry the member name; an interface-shaped name there is the member's own
  // interface (no name configured), i.e. another member. Only agent logins pair device to Agent/.
  if (looksLikeInterface(next.agent)) return next.event.startsWith('AGENT') && next.agent.startsWith('Agent/');
  return true;
}

/** Checks (and for padded rows, normalises) the data field count. Returns a reason or null. */
function fitCount(rec: QlRecord, counts: readonly number[], mode: CountMode): string | null {
  const max = counts[counts.length - 1];
  let n = rec.dataLen;
  if (mode === 'padded') {
    while (n > 0 && rec.data[n - 1] === '') n--;
    if (n > max) return `${rec.event}: ${n} data fields, expected at most ${max}`;
    let target = max;
    for (const c of counts) {
      if (c >= n) {
        target = c;
        break;
      }
    }
    for (let i = n; i < target; i++) rec.data[i] = '';
    rec.dataLen = target;
    return null;
  }
  // A trailing separator beyond the longest layout is harmless; anything else is damage.
  while (n > max && rec.data[n - 1] === '') n--;
  if (!counts.includes(n)) return `${rec.event}: ${n} data fields, expected ${counts.join(' or ')}`;
  rec.dataLen = n;
  return null;
}
