import type { AgentAlias } from './types';

/**
 * Agent identity in queue_log.
 *
 * Asterisk writes the member *name* on call and pause lines (CONNECT, RINGNOANSWER, COMPLETE*,
 * PAUSE, UNPAUSE…) but the *interface* on ADDMEMBER/REMOVEMEMBER unless `log_membername_as_agent`
 * is set (app_queue.c). Issabel shows `SIP/1001` on ADDMEMBER and `Sathish` everywhere else;
 * PBXware shows `Local/1127@callback-agent` on ADDMEMBER and `Agent/1127` everywhere else.
 *
 * Rule: the agent key is the spelling used on call lines (the member name, which is the
 * interface itself when no name is configured). Member lines are translated to that key through
 * aliases learnt from the log:
 * - an ADDMEMBER/REMOVEMEMBER naming an interface, immediately followed (≤ 1 s, same queue or
 *   NONE) by a pause/login line of another spelling, pairs the two — Asterisk and the
 *   call-center modules write those lines together when a member is added or removed;
 * - an ADDMEMBER whose data1 holds the other spelling pairs them too;
 * - AGENTLOGIN's channel (`SIP/1001-0000000a`) pairs that device with `Agent/1001`.
 * An interface keeps its latest pairing: a phone handed to another person (SIP/1001 was
 * "Karthik", later "Sathish") maps to the newer name from then on. Every pairing ever seen is
 * reported, so the store can decide how far to merge.
 */

/** `tech/resource`: SIP/1001, PJSIP/400, Local/1127@callback-agent, Agent/1141, IAX2/x, DAHDI/1. */
export function looksLikeInterface(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return false;
  for (let i = 0; i < slash; i++) {
    const c = value.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
    if (!ok) return false;
  }
  return value.indexOf(' ') === -1;
}

/** `SIP/1001-0000000a` → `SIP/1001`; `Local/1001@ctx-00000001;1` → `Local/1001@ctx`. */
export function interfaceOfChannel(channel: string): string {
  return channel.replace(/-[0-9a-fA-F]{4,8}(;\d)?$/, '');
}

export class AgentAliases {
  private readonly current = new Map<string, string>();
  private readonly pairs = new Map<string, AgentAlias>();

  /** The agent key for a spelling seen on a member line. */
  keyFor(spelling: string): string {
    return this.current.get(spelling) ?? spelling;
  }

  learn(iface: string, agent: string, at: number): void {
    if (iface === agent || !iface || !agent) return;
    this.current.set(iface, agent);
    const id = `${iface}\u0000${agent}`;
    const pair = this.pairs.get(id);
    if (pair) {
      pair.seen++;
      if (at < pair.firstSeenAt) pair.firstSeenAt = at;
      if (at > pair.lastSeenAt) pair.lastSeenAt = at;
    } else {
      this.pairs.set(id, { interface: iface, agent, firstSeenAt: at, lastSeenAt: at, seen: 1 });
    }
  }

  list(): AgentAlias[] {
    return [...this.pairs.values()].map((p) => ({ ...p }));
  }

  save(): Array<[string, string, number, number, number]> {
    // Pairs in learning order, so a restore leaves each interface on its latest pairing.
    const ordered = [...this.pairs.values()].sort((a, b) => a.lastSeenAt - b.lastSeenAt);
    return ordered.map((p) => [p.interface, p.agent, p.firstSeenAt, p.lastSeenAt, p.seen]);
  }

  restore(rows: ReadonlyArray<readonly [string, string, number, number, number]>): void {
    for (const [iface, agent, first, last, seen] of rows) {
      this.pairs.set(`${iface}\u0000${agent}`, { interface: iface, agent, firstSeenAt: first, lastSeenAt: last, seen });
      this.current.set(iface, agent);
    }
  }
}
