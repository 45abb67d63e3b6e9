/**
 * Strings cut from queue_log lines, kept or compared many times over: call ids, queue and agent
 * names.
 */

/**
 * A copy of `s` that does not share memory with the line it was cut from: V8 keeps a slice of 13
 * characters or more as a view on its parent, so a remembered call id would pin its whole line
 * for a day of log time. Text that UTF-8 cannot carry (a lone surrogate) is kept as it is: the
 * copy must equal the original, which keys lookups and becomes the contact id.
 */
export function ownCopy(s: string): string {
  if (s.length < 13) return s;
  const copy = Buffer.from(s, 'utf8').toString('utf8');
  return copy === s ? copy : s;
}

/**
 * FNV-1a over the string's UTF-16 units, with a final mix so the low bits spread. V8 hashes a
 * string freshly cut from a line far more slowly than this loop does, and caches its hash on the
 * string, which dies with the line.
 */
export function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) | 0;
}

const SLOTS = 1024;

/**
 * One shared copy of each name seen (queues, agents: a few hundred on a floor). Events then carry
 * the same string object for the same name, so whoever keys maps by it (the store resolves agents
 * and queues per batch) hashes it once, and a day of call memory holds each name once. A
 * direct-mapped table: a name whose slot another name took is copied again, never mixed up.
 */
export class Interner {
  private readonly slots: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

  intern(s: string): string {
    const i = hashOf(s) & (SLOTS - 1);
    const known = this.slots[i];
    if (known === s) return known;
    const own = ownCopy(s);
    this.slots[i] = own;
    return own;
  }
}
