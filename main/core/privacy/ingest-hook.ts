import type { Db } from '../../db/open';
import type { CustomerRecord, IngestEvent } from '../ingest/events';
import { readConfig } from '../review/config';
import { loadOrCreateKey, pseudonymiseCustomers, pseudonymiseEvents } from './pseudonymise';

export interface Pseudonymiser {
  events(events: readonly IngestEvent[]): readonly IngestEvent[];
  customers(records: readonly CustomerRecord[]): readonly CustomerRecord[];
}

const RECHECK_MS = 5_000;

/**
 * What the ingest store calls on every batch (and on directory imports) so that, when the data
 * file's privacy option is on, no caller number reaches the database. The option is read from the
 * file's own policy (meta table, so import workers on other threads see it too) at most every
 * few seconds; the key lives beside the database file (`db.name`). In-memory databases use a key
 * that lives as long as the process.
 */
export function pseudonymiserFor(db: Db, now: () => number = Date.now): Pseudonymiser {
  let checkedAt = -Infinity;
  let key: Buffer | null = null;
  let memoryKey: Buffer | null = null;
  const current = (): Buffer | null => {
    if (now() - checkedAt < RECHECK_MS) return key;
    checkedAt = now();
    if (!readConfig(db).pseudonymise) return (key = null);
    if (db.memory || db.name === ':memory:' || db.name === '') return (key = memoryKey ??= Buffer.from(crypto.getRandomValues(new Uint8Array(32))));
    return (key = loadOrCreateKey(db.name));
  };
  return {
    events(events) {
      const k = current();
      return k ? pseudonymiseEvents(events, k) : events;
    },
    customers(records) {
      const k = current();
      return k ? pseudonymiseCustomers(records, k) : records;
    },
  };
}
