import type { AmiMessage } from './message';

/** Longest text an IngestEvent field takes (events.ts). */
export const MAX_TEXT = 200;

export function cap(s: string): string {
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s;
}

/** Trimmed non-empty value, else null. */
export function text(v: string | undefined): string | null {
  if (v === undefined) return null;
  const s = v.trim();
  return s.length > 0 ? s : null;
}

/** A non-negative integer, else null (empty, negative, garbage). */
export function intOf(v: string | undefined): number | null {
  const s = text(v);
  if (s === null || !/^\d{1,15}$/.test(s)) return null;
  return Number(s);
}

/** Whole seconds (`HoldTime: 9`) as milliseconds. */
export function secondsMs(v: string | undefined): number | null {
  const n = intOf(v);
  return n === null ? null : n * 1000;
}

/** AMI truth values: `1`/`0` in member events, `true`/`yes`/`on` in a few others. */
export function boolOf(v: string | undefined): boolean | null {
  const s = text(v)?.toLowerCase();
  if (s === undefined || s === null) return null;
  if (s === '1' || s === 'true' || s === 'yes' || s === 'on') return true;
  if (s === '0' || s === 'false' || s === 'no' || s === 'off') return false;
  return null;
}

/**
 * `Timestamp: 1409169929.412068` (manager.conf `timestampevents = yes`, and every Ping
 * response) as epoch milliseconds.
 */
export function timestampMs(m: AmiMessage): number | null {
  const s = text(m.get('Timestamp'));
  if (s === null || !/^\d{1,12}(\.\d+)?$/.test(s)) return null;
  return Math.round(Number(s) * 1000);
}

const NO_ONE = new Set(['unknown', '<unknown>', 'anonymous', 'restricted', 'none', 'unavailable']);

/** A caller number that names someone: Asterisk writes `<unknown>` in events, `unknown` in QueueEntry. */
export function callerOf(v: string | undefined): string | null {
  const s = text(v);
  if (s === null || NO_ONE.has(s.toLowerCase())) return null;
  return cap(s);
}

/** Caller name, unless absent or only repeating the number. */
export function callerNameOf(v: string | undefined, number: string | null): string | null {
  const s = callerOf(v);
  return s === null || s === number ? null : s;
}

/** `SIP/1001-0000000a` → `SIP/1001`; `Local/1001@ctx-00000001;1` → `Local/1001@ctx`. */
export function interfaceOfChannel(channel: string): string {
  return channel.replace(/-[0-9a-fA-F]{4,8}(;\d)?$/, '');
}

export interface MemberId {
  /** The member interface: the queue's own key for the member (`SIP/777`, `Local/id-3@agentcallback`). */
  iface: string;
  /** Member name when it differs from the interface (`Agent/402`, `Sathish`). */
  name: string | null;
}

/**
 * The queue member an event is about. Asterisk 12+ names the interface `Interface`; 11 uses
 * `Location` (member events, QueueMember), `Member` (AgentConnect/Complete/RingNoAnswer/Dump)
 * and `AgentCalled` (AgentCalled); failing all of them the dialled channel gives it.
 * The name is `MemberName`, `Name` in QueueMember, `AgentName` in Asterisk 11 AgentCalled.
 */
export function memberOf(m: AmiMessage): MemberId | null {
  const iface =
    text(m.get('Interface')) ??
    text(m.get('Location')) ??
    text(m.get('Member')) ??
    text(m.get('AgentCalled')) ??
    channelInterface(m.get('DestChannel') ?? m.get('DestinationChannel'));
  const name = text(m.get('MemberName')) ?? text(m.get('Name')) ?? text(m.get('AgentName'));
  if (iface === null) return name === null ? null : { iface: cap(name), name: null };
  return { iface: cap(iface), name: name === null || name === iface ? null : cap(name) };
}

function channelInterface(channel: string | undefined): string | null {
  const c = text(channel);
  return c === null ? null : interfaceOfChannel(c);
}
