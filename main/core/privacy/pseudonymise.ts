import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CustomerRecord, IngestEvent } from '../ingest/events';

/**
 * Caller pseudonyms: HMAC-SHA-256 of the normalised number under a secret key kept beside the
 * database. The same caller always gets the same pseudonym, so repeat contacts and the customer
 * directory still link up, while the number cannot be read back or found by hashing guesses
 * without the key. Limits: caller-prefix segment rules no longer match (use the directory or
 * queue/DID rules), and numbers already stored before the option was turned on stay as they are.
 */

export const KEY_FILE = 'floorwatch.pseudonym.key';
const PREFIX = 'p:';
const PSEUDONYM = /^p:[0-9a-f]{20}$/;

export function keyPath(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), KEY_FILE);
}

/** The site's key (32 random bytes), created on first use with owner-only permissions. */
export function loadOrCreateKey(dbPath: string): Buffer {
  const file = keyPath(dbPath);
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  } catch {
    const key = crypto.randomBytes(32);
    fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

/** Spaces, dashes, dots and brackets are formatting: "+372 5555-0101" and "+37255550101" are one caller. */
const normalise = (caller: string) => caller.replace(/[\s\-.()]/g, '');

export function pseudonymiseCaller(caller: string, key: Buffer): string {
  if (PSEUDONYM.test(caller)) return caller;
  return PREFIX + crypto.createHmac('sha256', key).update(normalise(caller)).digest('hex').slice(0, 20);
}

/** Events with every caller replaced by its pseudonym (and the caller's name dropped). Pure: input is not changed. */
export function pseudonymiseEvents(events: readonly IngestEvent[], key: Buffer): IngestEvent[] {
  return events.map((e) => {
    if (e.kind !== 'enqueued') return e;
    const caller = e.caller ? pseudonymiseCaller(e.caller, key) : e.caller;
    return { ...e, caller, customerName: e.customerName ? null : e.customerName };
  });
}

/** Directory entries keyed the same way, so segments still attach to pseudonymised contacts. */
export function pseudonymiseCustomers(records: readonly CustomerRecord[], key: Buffer): CustomerRecord[] {
  return records.map((r) => ({ ...r, caller: pseudonymiseCaller(r.caller, key), name: r.name ? null : r.name }));
}
