import type { IngestEvent } from '../events';
import { CallTracker, type CallView, type StoredWaiting } from './calls';
import { timestampMs } from './fields';
import { MemberTable, readMember, type MemberState } from './members';
import type { AmiMessage } from './message';

export type { CallView } from './calls';

/**
 * AMI events → normalised IngestEvents, with the per-call memory the translation needs.
 *
 * Contact id: the Uniqueid of the channel in the queue (what queue_log calls the callid), so a
 * contact seen live and the same call in queue_log or CDR join. A call entering a queue again
 * (back from the dialplan, transferred into another queue) is `<uniqueid>:<n>` from its second
 * entry on, as the queue_log importer does. Asterisk 12+ and 11 both put the caller's Uniqueid on
 * every queue event (AgentCalled/AgentConnect too, the member's channel being `Dest*`), so
 * Linkedid is not needed.
 *
 * Times: `Timestamp` when the event has one (manager.conf `timestampevents = yes`), else the
 * receipt time. Once Timestamps have been seen, untimed messages (the QueueStatus list) get the
 * receipt time shifted by the last observed PBX−local clock difference, so one call never mixes
 * two clocks.
 *
 * Unanswered outcomes. app_queue sends QueueCallerAbandon not only when the caller hangs up but
 * also on EXITWITHTIMEOUT and on EXITEMPTY from the head of the queue (record_abandoned() in
 * queue_exec()), and QueueCallerLeave for every exit, including the one just before AgentConnect.
 * So a caller that left without a connect is decided from the evidence around it:
 * - the caller's channel hung up → `abandoned`. In 12+ a remote hang-up publishes HangupRequest
 *   (channel.c ast_queue_hangup()) before app_queue can notice it, on the same channel topic as
 *   QueueCallerAbandon, so it always comes first; Asterisk 11 has only the later Hangup;
 * - QueueCallerAbandon while the channel lives on → `timeout`, or `exit-empty` when every member
 *   of the queue is known to be paused or unreachable. Where HangupRequest events are seen (12+)
 *   this is decided at once; otherwise (Asterisk 11, whose Hangup comes after the h extension)
 *   after `graceMs` without a Hangup; and when no call-class events are visible at all (manager
 *   user without `call` read permission) Asterisk's own word is taken: `abandoned`;
 * - QueueCallerLeave alone, no connect within `graceMs` → `exit-key` if the caller sent DTMF
 *   while waiting, else `exit-empty` (the waiting-loop EXITEMPTY, the only other such exit).
 * An AgentConnect arriving after such a decision still records the answer, and AgentComplete
 * then closes the contact as answered.
 *
 * Reconnects: the QueueStatus answer (QueueEntry) re-announces callers waiting now, with
 * `at = now − Wait`. After it, a caller we thought waiting but not listed left while we were
 * away: ended `closed` with reason `left-unobserved` (its real outcome is unknowable); a
 * conversation whose agent is no longer on a call ended `answered` (`ended-unobserved`).
 *
 * Agents are keyed by member interface (`SIP/777`, `Local/id-3@agentcallback`), with the member
 * name (`Agent/402`) as their display name on agent events; the store makes both spellings one
 * agent, so queue_log lines (which use the member name) meet the same row. Per-call state lives in
 * calls.ts, member state in members.ts.
 */

export interface AmiTranslatorOptions {
  /** Contact source, e.g. `ami:pbx1.example.com`. */
  source: string;
  /** How long a decision waits for the evidence that may follow (default 10 s). */
  graceMs?: number;
  /** Finished calls are remembered this long, to number re-entries (default 6 h). */
  memoryMs?: number;
  /** Unfinished calls silent this long are forgotten (default 24 h). */
  staleMs?: number;
  /**
   * Contacts of this source stored as still waiting by an earlier run, asked at the first
   * QueueStatus answer: those not waiting any more are closed (`left-unobserved`).
   */
  storedWaiting?: () => readonly StoredWaiting[];
}

export interface AmiTranslatorStats {
  messages: number;
  events: Record<string, number>;
  ignored: number;
  malformed: number;
  emitted: Record<IngestEvent['kind'], number>;
}

export interface AmiTranslator {
  /** Translates one message received at `receivedAt` (local epoch ms). */
  handle(message: AmiMessage, receivedAt: number): IngestEvent[];
  /** Decisions whose grace has run out by `now`. */
  tick(now: number): IngestEvent[];
  /** Makes every pending decision now, with what is known (stop, end of a replay). */
  flush(now: number): IngestEvent[];
  /** When `tick` next has something to do, or null. */
  nextDeadline(): number | null;
  /** A new connection is about to log in: a fresh QueueStatus answer will follow. */
  connectionStarted(): void;
  members(): MemberState[];
  calls(): CallView[];
  readonly stats: AmiTranslatorStats;
}

export function createAmiTranslator(options: AmiTranslatorOptions): AmiTranslator {
  return new Translator(options);
}

class Translator implements AmiTranslator {
  readonly stats: AmiTranslatorStats = {
    messages: 0,
    events: {},
    ignored: 0,
    malformed: 0,
    emitted: { enqueued: 0, ring: 0, 'ring-end': 0, answered: 0, ended: 0, transferred: 0, agent: 0 },
  };
  private readonly table: MemberTable;
  private readonly tracker: CallTracker;
  private out: IngestEvent[] = [];
  /** PBX clock minus local clock, from the last Timestamp seen. */
  private skew: number | null = null;

  constructor(o: AmiTranslatorOptions) {
    const emit = (e: IngestEvent) => this.emit(e);
    this.table = new MemberTable(o.source, emit);
    this.tracker = new CallTracker({
      source: o.source,
      graceMs: o.graceMs ?? 10_000,
      memoryMs: o.memoryMs ?? 6 * 3_600_000,
      staleMs: o.staleMs ?? 24 * 3_600_000,
      members: this.table,
      emit,
      stats: this.stats,
      storedWaiting: o.storedWaiting,
    });
  }

  handle(m: AmiMessage, receivedAt: number): IngestEvent[] {
    this.out = [];
    this.stats.messages++;
    // Decisions already due are made before this message, which arrived after them.
    this.tracker.tick(receivedAt);
    const ts = timestampMs(m);
    if (ts !== null) this.skew = ts - receivedAt;
    const name = m.event;
    if (name === undefined) return this.take();
    const at = Math.max(0, ts ?? receivedAt + (this.skew ?? 0));
    if (m.get('Privilege')?.toLowerCase().includes('call')) this.tracker.seesCalls = true;
    this.stats.events[name] = (this.stats.events[name] ?? 0) + 1;
    if (!this.dispatch(name.toLowerCase(), m, at, receivedAt)) this.stats.ignored++;
    return this.take();
  }

  tick(now: number): IngestEvent[] {
    this.out = [];
    this.tracker.tick(now);
    return this.take();
  }

  flush(now: number): IngestEvent[] {
    this.out = [];
    this.tracker.flush(now);
    return this.take();
  }

  nextDeadline(): number | null {
    return this.tracker.nextDeadline();
  }

  connectionStarted(): void {
    this.tracker.connectionStarted();
    this.table.abandonSnapshot();
  }

  members(): MemberState[] {
    return this.table.list();
  }

  calls(): CallView[] {
    return this.tracker.views();
  }

  private take(): IngestEvent[] {
    const events = this.out;
    this.out = [];
    return events;
  }

  private emit(e: IngestEvent): void {
    this.stats.emitted[e.kind]++;
    this.out.push(e);
  }

  /** Returns false for events that carry nothing for Floorwatch. */
  private dispatch(ev: string, m: AmiMessage, at: number, now: number): boolean {
    switch (ev) {
      case 'queuecallerjoin':
      case 'join':
        this.tracker.join(m, at, now);
        return true;
      case 'queuecallerleave':
      case 'leave':
        this.tracker.leave(m, at, now);
        return true;
      case 'queuecallerabandon':
        this.tracker.abandon(m, at, now);
        return true;
      case 'agentcalled':
        this.tracker.ring(m, at, now);
        return true;
      case 'agentringnoanswer':
        this.tracker.ringEnd(m, at, now, 'no-answer');
        return true;
      case 'agentdump':
        this.tracker.ringEnd(m, at, now, 'canceled');
        return true;
      case 'agentconnect':
        this.tracker.connect(m, at, now);
        return true;
      case 'agentcomplete':
        this.tracker.complete(m, at, now);
        return true;
      case 'dialend':
        this.tracker.dialEnd(m, at);
        return true;
      case 'hanguprequest':
      case 'softhanguprequest':
        this.tracker.seesRequests = true;
        this.tracker.hangup(m, at, now, true);
        return true;
      case 'hangup':
        this.tracker.seesCalls = true;
        this.tracker.hangup(m, at, now, false);
        return true;
      case 'dtmfbegin':
      case 'dtmfend':
      case 'dtmf':
        this.tracker.dtmf(m);
        return true;
      case 'queuememberadded':
      case 'queuememberremoved':
      case 'queuememberstatus':
      case 'queuememberpause':
      case 'queuememberpaused':
      case 'queuememberpenalty':
      case 'queuememberringinuse': {
        const info = readMember(m);
        if (!info) {
          this.stats.malformed++;
          return true;
        }
        if (ev === 'queuememberadded') this.table.added(info, at);
        else if (ev === 'queuememberremoved') this.table.removed(info, at);
        else this.table.observe(info, at);
        return true;
      }
      case 'queueparams':
        return true;
      case 'queuemember': {
        const info = readMember(m);
        if (info) this.table.snapshotMember(info);
        else this.stats.malformed++;
        return true;
      }
      case 'queueentry':
        this.tracker.entry(m, at, now);
        return true;
      case 'queuestatuscomplete':
        this.table.completeSnapshot(at);
        this.tracker.snapshotComplete(now);
        return true;
      default:
        return false;
    }
  }

}
