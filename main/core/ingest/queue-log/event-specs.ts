/**
 * Every queue_log event this parser knows, with the data field counts Asterisk has written for
 * it (docs.asterisk.org "Queue Logs", app_queue.c; older releases wrote fewer fields, and those
 * layouts are accepted too):
 *
 * ENTERQUEUE       url|callerid|position              older: url|callerid
 * CONNECT          holdtime|bridged uniqueid|ringtime  older: holdtime|bridged uniqueid, holdtime
 *                  (ringtime in seconds)
 * COMPLETECALLER / COMPLETEAGENT  holdtime|calltime|origposition
 * ABANDON, EXITEMPTY              position|origposition|waittime
 * EXITWITHTIMEOUT  position|origposition|waittime     older: position
 * EXITWITHKEY      key|position|origposition|waittime older: key|position
 * RINGNOANSWER, RINGCANCELED      ring time in milliseconds
 * TRANSFER         extension|context|holdtime|calltime|origposition  older: without origposition,
 *                  or extension|context only
 * BLINDTRANSFER    extension|context|holdtime|calltime|origposition
 * ATTENDEDTRANSFER BRIDGE|bridge, APP|app or LINK|chan1|chan2, then holdtime|calltime|origposition
 * ADDMEMBER        "" or PAUSED (some builds: the member's other spelling) · REMOVEMEMBER
 * PAUSE / UNPAUSE / PAUSEALL / UNPAUSEALL  reason
 * AGENTLOGIN channel · AGENTLOGOFF channel|logintime
 * AGENTCALLBACKLOGIN exten@context · AGENTCALLBACKLOGOFF exten@context|logintime|reason
 * DID              dialled number (written by dialplans, e.g. Issabel/FreePBX, before ENTERQUEUE)
 *
 * Known but without contact or agent meaning here, so skipped and counted: QUEUESTART,
 * CONFIGRELOAD, INFO (dialplan notes), SYSCOMPAT and AGENTDUMP (a failed or dumped connection
 * attempt; the caller keeps waiting and a later line says how the call ended), FULL / JOINEMPTY /
 * JOINUNAVAIL (the caller never entered the queue, so it is not an offered contact), and the OUT*
 * outbound-call events that PBXware and QueueMetrics setups write.
 */

export type Handler =
  | 'skip'
  | 'did'
  | 'enter'
  | 'connect'
  | 'complete'
  | 'abandon'
  | 'timeout'
  | 'exit-empty'
  | 'exit-key'
  | 'ring-no-answer'
  | 'ring-canceled'
  | 'transfer'
  | 'attended-transfer'
  | 'add'
  | 'remove'
  | 'pause'
  | 'unpause'
  | 'pause-all'
  | 'unpause-all'
  | 'login'
  | 'logoff'
  | 'callback-logoff';

export interface EventSpec {
  /** The event name as written in this table: an internalized string, cheap as a property key. */
  name: string | null;
  handler: Handler;
  /** Allowed data field counts, ascending; null = not checked. */
  counts: readonly number[] | null;
}

const spec = (handler: Handler, counts: readonly number[] | null): Omit<EventSpec, 'name'> => ({ handler, counts });

const named = (rows: ReadonlyArray<readonly [string, Omit<EventSpec, 'name'>]>): ReadonlyMap<string, EventSpec> =>
  new Map(rows.map(([name, s]) => [name, { name, ...s }]));

export const EVENT_SPECS: ReadonlyMap<string, EventSpec> = named([
  ['ENTERQUEUE', spec('enter', [2, 3])],
  ['CONNECT', spec('connect', [1, 2, 3])],
  ['COMPLETECALLER', spec('complete', [2, 3])],
  ['COMPLETEAGENT', spec('complete', [2, 3])],
  ['ABANDON', spec('abandon', [3])],
  ['EXITWITHTIMEOUT', spec('timeout', [1, 3])],
  ['EXITEMPTY', spec('exit-empty', [1, 3])],
  ['EXITWITHKEY', spec('exit-key', [2, 4])],
  ['RINGNOANSWER', spec('ring-no-answer', [1])],
  ['RINGCANCELED', spec('ring-canceled', [0, 1])],
  ['TRANSFER', spec('transfer', [2, 4, 5])],
  ['BLINDTRANSFER', spec('transfer', [2, 4, 5])],
  ['ATTENDEDTRANSFER', spec('attended-transfer', [5, 6])],
  ['ADDMEMBER', spec('add', [0, 1, 2])],
  ['REMOVEMEMBER', spec('remove', [0, 1, 2])],
  ['PAUSE', spec('pause', [0, 1, 2])],
  ['UNPAUSE', spec('unpause', [0, 1, 2])],
  ['PAUSEALL', spec('pause-all', [0, 1, 2])],
  ['UNPAUSEALL', spec('unpause-all', [0, 1, 2])],
  ['AGENTLOGIN', spec('login', [0, 1])],
  ['AGENTCALLBACKLOGIN', spec('login', [0, 1])],
  ['AGENTLOGOFF', spec('logoff', [0, 1, 2])],
  ['AGENTCALLBACKLOGOFF', spec('callback-logoff', [0, 1, 2, 3])],
  ['DID', spec('did', null)],
  ['INFO', spec('skip', null)],
  ['QUEUESTART', spec('skip', null)],
  ['CONFIGRELOAD', spec('skip', null)],
  ['SYSCOMPAT', spec('skip', null)],
  ['AGENTDUMP', spec('skip', null)],
  ['FULL', spec('skip', null)],
  ['JOINEMPTY', spec('skip', null)],
  ['JOINUNAVAIL', spec('skip', null)],
  ['OUTDIAL', spec('skip', null)],
  ['OUTANSWER', spec('skip', null)],
  ['OUTCANCEL', spec('skip', null)],
  ['OUTCHANUNAVAIL', spec('skip', null)],
  ['OUTCONGESTION', spec('skip', null)],
  ['OUTBUSY', spec('skip', null)],
  ['OUTNOANSWER', spec('skip', null)],
  ['OUTFAILED', spec('skip', null)],
  ['OUTTRANSFER', spec('skip', null)],
  ['OUTCOMPLETE', spec('skip', null)],
]);

/**
 * Known events by length, first and last character: a line's event is found without cutting it
 * out of the line or hashing it (most lines name a known event; this lookup is on every line).
 */
const BY_SHAPE = new Map<number, EventSpec[]>();
const shapeKey = (length: number, first: number, last: number) => length * 65_536 + (first & 0xff) * 256 + (last & 0xff);
for (const s of EVENT_SPECS.values()) {
  const name = s.name!;
  const key = shapeKey(name.length, name.charCodeAt(0), name.charCodeAt(name.length - 1));
  const list = BY_SHAPE.get(key);
  if (list) list.push(s);
  else BY_SHAPE.set(key, [s]);
}

/** The known event written at text[start, end), or undefined (unknown names are looked up no further). */
export function knownEventAt(text: string, start: number, end: number): EventSpec | undefined {
  const length = end - start;
  if (length <= 0) return undefined;
  const list = BY_SHAPE.get(shapeKey(length, text.charCodeAt(start), text.charCodeAt(end - 1)));
  if (list === undefined) return undefined;
  for (let i = 0; i < list.length; i++) if (text.startsWith(list[i]!.name!, start)) return list[i];
  return undefined;
}

/**
 * The table's spelling of an event name written in another case ("connect", "Connect"): Asterisk
 * writes them in capitals, exports and other PBXs do not always. Unknown names are kept as written.
 */
export function canonicalEventName(event: string): string {
  const upper = event.toUpperCase();
  return upper === event ? event : (EVENT_SPECS.get(upper)?.name ?? event);
}

/** The spec of an event name: a known one, the generic outbound one, or undefined. */
export function specOf(event: string): EventSpec | undefined {
  const n = event.length;
  const list = n === 0 ? undefined : BY_SHAPE.get(shapeKey(n, event.charCodeAt(0), event.charCodeAt(n - 1)));
  // A file line's event is already the table's own string: the comparison is by identity then.
  if (list !== undefined) for (let i = 0; i < list.length; i++) if (list[i]!.name === event) return list[i];
  return isOutboundEvent(event) ? OUTBOUND_SPEC : undefined;
}

/** Lines that, right after an interface-keyed ADDMEMBER/REMOVEMEMBER, name the same member. */
export const PAIRING_EVENTS: ReadonlySet<string> = new Set([
  'UNPAUSE',
  'UNPAUSEALL',
  'PAUSE',
  'PAUSEALL',
  'AGENTLOGIN',
  'AGENTCALLBACKLOGIN',
  'AGENTLOGOFF',
  'AGENTCALLBACKLOGOFF',
]);

export const OUTBOUND_SPEC: EventSpec = { name: null, ...spec('skip', null) };

/** OUTDIAL, OUTANSWER, …: agent-initiated calls tracked by PBXware / QueueMetrics, never queued contacts. */
export function isOutboundEvent(event: string): boolean {
  return event.length > 3 && event.startsWith('OUT') && event === event.toUpperCase();
}
