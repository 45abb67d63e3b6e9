import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/contract/settings';
import { openDb } from '../../main/db/open';
import { createIngestStore } from '../../main/core/ingest/store';
import { writeConfig } from '../../main/core/review/config';

const s = defaultSettings();
const params = () => ({ timezone: 'UTC', targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec });
const T = Date.UTC(2026, 0, 5, 9);

describe('pseudonymisation on ingest', () => {
  it('keeps caller numbers out of the file and still links repeat contacts and the directory', () => {
    const db = openDb(':memory:');
    writeConfig(db, { pseudonymise: true });
    const store = createIngestStore(db, params);
    store.upsertCustomers([{ caller: '+3725550001', segment: 'VIP' }], T);
    store.apply([
      { kind: 'enqueued', source: 's', id: '1', at: T, channel: 'voice', queue: 'Q', caller: '+3725550001' },
      { kind: 'enqueued', source: 's', id: '2', at: T + 60_000, channel: 'voice', queue: 'Q', caller: '+3725550001' },
    ]);
    const callers = db.prepare('SELECT DISTINCT caller FROM contacts').all() as { caller: string }[];
    expect(callers).toHaveLength(1);
    expect(callers[0]!.caller).not.toContain('5550001');
    expect(db.prepare('SELECT caller FROM customers').get()).toEqual({ caller: callers[0]!.caller });
    expect(db.prepare('SELECT segment FROM rollup_hour').all()).toEqual([{ segment: 'VIP' }]);
  });

  it('stores numbers as they are when the option is off', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, params);
    store.apply([{ kind: 'enqueued', source: 's', id: '1', at: T, channel: 'voice', queue: 'Q', caller: '+3725550001' }]);
    expect(db.prepare('SELECT caller FROM contacts').get()).toEqual({ caller: '+3725550001' });
  });
});
