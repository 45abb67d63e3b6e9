import { Mapping } from './mapping';

/**
 * Built-in mappings. Each is an ordinary mapping (it passes `parseMapping`), so a user can save
 * one as a file, edit it, and load it back.
 */

/**
 * Technion "Anonymous Bank" (Brown et al. 2005), one month of per-call records.
 * - id: `vru+line|date|vru_entry`. `call_id` repeats within a month; a VRU line carries one
 *   call at a time, so line + date + entry second is unique (0 duplicates in August 1999).
 *   The date in the id is the corrected one (1999-08-01), so the original `990801` files and
 *   the spreadsheet copy give the same ids.
 * - date: `YYYY-MM-DD` or the original `YYMMDD`; the year is forced to 1999 because the
 *   spreadsheet copy turned 990801 into 2010-08-01 (same calendar, so weekdays hold).
 * - Times are bare `H:MM:SS` in Israel local time; each is placed on the day nearest to
 *   `vru_entry`, so services running past midnight end on the next day.
 * - Offered: a call that queued (`q_start` ≠ 0:00:00), plus calls AGENT-served without queueing
 *   (q_time 0): the ACD routed them to a free agent at once, so they count as offered with a
 *   0 s wait, as in Brown et al. Calls that hung up in the VRU without queueing are skipped
 *   ("never entered a queue"), and so are PHANTOM records (the lab's documentation calls them
 *   virtual calls to be ignored).
 * - enter = q_start (served-without-queue: ser_start; if that is missing too: vru_exit);
 *   answer = ser_start; wait = q_exit − q_start; talk = ser_exit − ser_start; end = ser_exit
 *   (abandoned: q_exit). `0:00:00` means "no value" in every time column.
 * - queue = `type` (PS, NW, IN, NE, TT, PE); segment from `priority`: 0/1 Regular, 2 Priority;
 *   caller = `customer_id` (0 = unidentified → none); directory entries caller → segment.
 * - Agent = `server`; AGENT-served calls with `NO_SERVER` (391) are answered by "(unknown)".
 */
const technionBank: Mapping = {
  version: 1,
  name: 'technion-bank',
  description: 'Technion SEE "Anonymous Bank" call-center month (per-call records, Israel local time)',
  format: 'csv',
  delimiter: ',',
  zone: 'Asia/Jerusalem',
  date: { column: 'date', format: ['YYYY-MM-DD', 'YYMMDD'], year: 1999 },
  dayStart: 'vru_entry',
  id: { join: ['vru+line', '@date', 'vru_entry'], sep: '|' },
  channel: { const: 'voice' },
  queue: 'type',
  caller: { column: 'customer_id', empty: ['0'] },
  segment: { column: 'priority', map: { '0': 'Regular', '1': 'Regular', '2': 'Priority' } },
  agent: { column: 'server', empty: ['NO_SERVER'] },
  unknownAgent: '(unknown)',
  enter: { column: ['q_start', 'ser_start', 'vru_exit'], format: 'time', empty: ['0:00:00'] },
  answer: { column: 'ser_start', format: 'time', empty: ['0:00:00'] },
  end: { column: ['ser_exit', 'q_exit'], format: 'time', empty: ['0:00:00'] },
  outcome: { column: 'outcome', values: { AGENT: 'answered', HANG: 'abandoned', PHANTOM: 'skip' } },
  requireQueue: { column: 'q_start', empty: ['0:00:00'], exceptAnswered: true },
  wait: { between: ['q_start', 'q_exit'], format: 'time', empty: ['0:00:00'] },
  talk: { between: ['ser_start', 'ser_exit'], format: 'time', empty: ['0:00:00'] },
  extra: ['vru+line', 'call_id'],
  directory: true,
};

/**
 * PwC Call Centre Trends (synthetic teaching data). No time zone in the file: the import's
 * source zone applies (default UTC). `Topic` is the reason for the call and also the segment
 * (the only segment-like field the file has); `topicAsSegment: false` keeps it as reason only.
 * Abandoned calls carry no wait in the source.
 */
function pwc(options: { topicAsSegment?: boolean } = {}): Mapping {
  return {
    version: 1,
    name: 'pwc',
    description: 'PwC "Call Centre Trends" dataset (Call Id, Agent, Date, Time, Topic, Answered (Y/N), …)',
    format: 'csv',
    delimiter: ',',
    date: { column: 'Date', format: 'YYYY-MM-DD' },
    id: 'Call Id',
    channel: { const: 'voice' },
    queue: { const: 'PhoneNow' },
    agent: 'Agent',
    enter: { column: 'Time', format: 'time' },
    outcome: { column: 'Answered (Y/N)', values: { Y: 'answered', N: 'abandoned' } },
    wait: 'Speed of answer in seconds',
    talk: { column: 'AvgTalkDuration', unit: 'hms' },
    reason: 'Topic',
    ...(options.topicAsSegment === false ? {} : { segment: 'Topic' }),
    resolved: 'Resolved',
    csat: 'Satisfaction rating',
  };
}

/**
 * Amazon Connect contact records (CTR JSON: one per line, an array, or concatenated).
 * enter = Queue.EnqueueTimestamp; answer = Agent.ConnectedToAgentTimestamp; end =
 * DisconnectTimestamp; wait = Queue.Duration; talk = Agent.AgentInteractionDuration; hold =
 * Agent.CustomerHoldDuration; wrap = Agent.AfterContactWorkDuration. Records without a Queue
 * (outbound, agent-to-agent, self-service only) never entered a queue: skipped. Queued but never
 * connected: CUSTOMER_DISCONNECT (and anything unlisted) is abandoned; CONTACT_FLOW_DISCONNECT
 * and EXPIRED (the flow or the chat timer ended it) are timeouts. TASK contacts are skipped:
 * Floorwatch has no task channel (map TASK to "email" in a copy of this mapping to keep them).
 */
const connectCtr: Mapping = {
  version: 1,
  name: 'connect-ctr',
  description: 'Amazon Connect contact records (JSON)',
  format: 'json',
  id: 'ContactId',
  channel: { column: 'Channel', map: { VOICE: 'voice', CHAT: 'chat', EMAIL: 'email', TASK: 'skip' } },
  queue: { column: ['Queue.Name', 'Queue.ARN'] },
  caller: 'CustomerEndpoint.Address',
  did: 'SystemEndpoint.Address',
  segment: 'Attributes.segment',
  agent: { column: ['Agent.Username', 'Agent.ARN'] },
  enter: { column: ['Queue.EnqueueTimestamp', 'InitiationTimestamp'], format: 'iso' },
  answer: { column: 'Agent.ConnectedToAgentTimestamp', format: 'iso' },
  end: { column: ['DisconnectTimestamp', 'Queue.DequeueTimestamp'], format: 'iso' },
  outcome: {
    present: 'Agent.ConnectedToAgentTimestamp',
    otherwise: {
      column: 'DisconnectReason',
      values: { CUSTOMER_DISCONNECT: 'abandoned', CONTACT_FLOW_DISCONNECT: 'timeout', EXPIRED: 'timeout' },
      default: 'abandoned',
      whenEmpty: 'abandoned',
    },
  },
  requireQueue: { column: ['Queue.Name', 'Queue.ARN'] },
  wait: 'Queue.Duration',
  talk: 'Agent.AgentInteractionDuration',
  hold: 'Agent.CustomerHoldDuration',
  wrap: 'Agent.AfterContactWorkDuration',
  extra: ['Attributes.*', 'InitiationMethod', 'DisconnectReason'],
  directory: true,
};

/** The documented generic layout (README, "The generic layout"). */
const generic: Mapping = {
  version: 1,
  name: 'generic',
  description: 'Floorwatch generic per-contact CSV (id, channel, queue, caller, segment, enter_time, …)',
  format: 'csv',
  id: 'id',
  channel: { column: 'channel', default: 'voice' },
  queue: 'queue',
  caller: 'caller',
  segment: 'segment',
  agent: 'agent',
  enter: { column: 'enter_time', format: 'iso' },
  answer: { column: 'answer_time', format: 'iso' },
  end: { column: 'end_time', format: 'iso' },
  outcome: {
    column: 'outcome',
    values: {
      answered: 'answered',
      abandoned: 'abandoned',
      timeout: 'timeout',
      'exit-empty': 'exit-empty',
      'exit-key': 'exit-key',
      transferred: 'transferred',
      closed: 'closed',
      handled: 'answered',
      abandon: 'abandoned',
    },
    whenEmpty: { present: 'answer_time', otherwise: 'abandoned' },
  },
  wait: 'wait_s',
  talk: 'talk_s',
  hold: 'hold_s',
  wrap: 'wrap_s',
  reason: 'reason',
  resolved: 'resolved',
  csat: 'csat',
  nps: 'nps',
  extraRest: true,
  directory: true,
};

export const PRESET_NAMES = ['technion-bank', 'pwc', 'connect-ctr', 'generic'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface PresetOptions {
  /** pwc: also use Topic as the segment (default true). */
  topicAsSegment?: boolean;
}

/** A fresh copy of a preset mapping (safe to edit). */
export function presetMapping(name: PresetName, options: PresetOptions = {}): Mapping {
  const m = name === 'technion-bank' ? technionBank : name === 'pwc' ? pwc(options) : name === 'connect-ctr' ? connectCtr : generic;
  return structuredClone(m);
}

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}
