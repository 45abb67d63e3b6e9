import type { AgentEvent } from '../events';
import { boolOf, cap, intOf, memberOf, text } from './fields';
import type { AmiMessage } from './message';

/**
 * Queue members as AMI reports them, one per (queue, interface). The store can express
 * membership (add/remove) and pause/unpause; device status (Status 1 not in use … 6 ringing) is
 * kept here only, since the store derives ringing/busy from the contacts themselves, and an
 * unavailable device is not a logoff.
 */
export interface MemberState {
  queue: string;
  iface: string;
  name: string | null;
  paused: boolean;
  reason: string | null;
  /** AMI device status: 0 unknown, 1 not in use, 2 in use, 3 busy, 4 invalid, 5 unavailable, 6 ringing, 7 ring+in use, 8 on hold. */
  status: number | null;
  inCall: boolean | null;
}

interface MemberInfo {
  queue: string;
  iface: string;
  name: string | null;
  paused: boolean | null;
  reason: string | null;
  status: number | null;
  inCall: boolean | null;
  /** Epoch seconds of the last pause (QueueMember/QueueMemberStatus in Asterisk 13.x+). */
  lastPause: number | null;
}

type Emit = (event: AgentEvent) => void;

const IN_CALL_STATUS = new Set([2, 3, 6, 7, 8]);
const UNREACHABLE_STATUS = new Set([4, 5]);

export function readMember(m: AmiMessage): MemberInfo | null {
  const queue = text(m.get('Queue'));
  const id = memberOf(m);
  if (queue === null || id === null) return null;
  return {
    queue: cap(queue),
    iface: id.iface,
    name: id.name,
    paused: boolOf(m.get('Paused')),
    // 12+ QueueMemberPause/Status carry `PausedReason`; 11 QueueMemberPaused carries `Reason`.
    reason: text(m.get('PausedReason')) ?? text(m.get('Reason')),
    status: intOf(m.get('Status')),
    inCall: boolOf(m.get('InCall')),
    lastPause: intOf(m.get('LastPause')),
  };
}

export class MemberTable {
  private readonly members = new Map<string, MemberState>();
  /** Members listed by the QueueStatus answer being read, or null outside one. */
  private snapshot: Map<string, MemberInfo> | null = null;

  constructor(
    private readonly source: string,
    private readonly emit: Emit,
  ) {}

  list(): MemberState[] {
    return [...this.members.values()].map((m) => ({ ...m }));
  }

  /** QueueMemberAdded: always an `add`, even for a member thought present (a removal was missed). */
  added(info: MemberInfo, at: number): void {
    this.members.delete(key(info));
    this.observe(info, at);
  }

  removed(info: MemberInfo, at: number): void {
    const k = key(info);
    const known = this.members.get(k);
    this.members.delete(k);
    this.agent(at, info.queue, info.iface, info.name ?? known?.name ?? null, 'remove', null);
  }

  /**
   * QueueMemberStatus, QueueMemberPause(d), penalty/ringinuse changes: a pause flip becomes
   * pause/unpause; a member never seen before is announced (add, then pause if paused).
   */
  observe(info: MemberInfo, at: number): void {
    const k = key(info);
    const cur = this.members.get(k);
    if (!cur) {
      const paused = info.paused ?? false;
      this.members.set(k, {
        queue: info.queue,
        iface: info.iface,
        name: info.name,
        paused,
        reason: paused ? info.reason : null,
        status: info.status,
        inCall: info.inCall,
      });
      this.agent(at, info.queue, info.iface, info.name, 'add', null);
      if (paused) {
        // A pause that began before we looked: its own time when Asterisk reports it.
        const since = info.lastPause !== null && info.lastPause > 0 && info.lastPause * 1000 <= at ? info.lastPause * 1000 : at;
        this.agent(since, info.queue, info.iface, info.name, 'pause', info.reason);
      }
      return;
    }
    if (info.name !== null) cur.name = info.name;
    if (info.status !== null) cur.status = info.status;
    if (info.inCall !== null) cur.inCall = info.inCall;
    if (info.paused !== null && info.paused !== cur.paused) {
      cur.paused = info.paused;
      cur.reason = info.paused ? info.reason : null;
      this.agent(at, cur.queue, cur.iface, cur.name, info.paused ? 'pause' : 'unpause', info.reason);
    }
  }

  /**
   * A member a queue rang or connected (AgentCalled, AgentConnect): when no member event or
   * QueueStatus answer has told us of it yet (a capture without them), it is announced with the
   * name the call event gives, so the agent gets its member name and not only its interface.
   * A call whose queue is not known yet ('') tells of no membership.
   */
  seenInCall(queue: string, member: { iface: string; name: string | null }, at: number): void {
    if (queue === '' || this.members.has(key({ queue, iface: member.iface }))) return;
    this.observe({ queue, iface: member.iface, name: member.name, paused: null, reason: null, status: null, inCall: null, lastPause: null }, at);
  }

  snapshotMember(info: MemberInfo): void {
    this.snapshot ??= new Map();
    this.snapshot.set(key(info), info);
  }

  /**
   * End of a QueueStatus answer: listed members are observed (announced if new, pause state
   * brought up to date); members we knew that are no longer listed were removed while we were
   * not looking. QueueStatus is sent without a queue filter, so the list is complete.
   */
  completeSnapshot(at: number): void {
    const listed = this.snapshot ?? new Map<string, MemberInfo>();
    this.snapshot = null;
    for (const [k, m] of this.members) {
      if (!listed.has(k)) {
        this.members.delete(k);
        this.agent(at, m.queue, m.iface, m.name, 'remove', null);
      }
    }
    for (const info of listed.values()) this.observe(info, at);
  }

  /** Drops a snapshot cut short by a lost connection. */
  abandonSnapshot(): void {
    this.snapshot = null;
  }

  /**
   * Whether `queue` has no member able to take a call (all paused, invalid or unavailable), as
   * far as we know; null when we know no member of it.
   */
  queueLooksEmpty(queue: string): boolean | null {
    let any = false;
    for (const m of this.members.values()) {
      if (m.queue !== queue) continue;
      any = true;
      if (!m.paused && (m.status === null || !UNREACHABLE_STATUS.has(m.status))) return false;
    }
    return any ? true : null;
  }

  /** Whether the member interface is on a call in any queue; null when its status is unknown. */
  inCall(iface: string): boolean | null {
    let known = false;
    for (const m of this.members.values()) {
      if (m.iface !== iface) continue;
      if (m.inCall === true || (m.status !== null && IN_CALL_STATUS.has(m.status))) return true;
      if (m.inCall !== null || m.status !== null) known = true;
    }
    return known ? false : null;
  }

  private agent(at: number, queue: string, iface: string, name: string | null, action: AgentEvent['action'], reason: string | null): void {
    this.emit({
      kind: 'agent',
      source: this.source,
      at: Math.max(0, at),
      agent: iface,
      name,
      action,
      queue,
      reason: reason === null ? null : cap(reason),
    });
  }
}

function key(m: { queue: string; iface: string }): string {
  return `${m.queue}\u0000${m.iface}`;
}
