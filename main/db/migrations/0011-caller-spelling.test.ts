import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open';
import { MIGRATIONS } from './index';

describe('migration 0011 (caller spelling)', () => {
  it('respells stored callers, directory entries and prefix rules, merges entries that meet, and asks for a rebuild', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 10));
    db.exec(`INSERT INTO meta (key, value) VALUES ('rollup.params', 'built'), ('contacts.segments', 'x'), ('contacts.repeat_window', '1'), ('rollup_attempt.key', 'y'), ('other', 'kept')`);
    const contact = db.prepare("INSERT INTO contacts (source, source_id, channel, queue, caller, enter_at) VALUES ('s', ?, 'voice', 'Q', ?, 0)");
    contact.run('1', '+372 555-0001');
    contact.run('2', '+3725550001');
    contact.run('3', 'mari.tamm@example.com');
    contact.run('4', null);
    const customer = db.prepare('INSERT INTO customers (caller, ref, name, segment, updated_at) VALUES (?, ?, ?, ?, ?)');
    customer.run('+3725550001', 'A-1', 'Mari', 'Consumer', 100);
    customer.run('+372 555 0001', null, null, 'VIP', 200);
    customer.run('(212) 555-0143', 'B-7', 'Joe', 'Business', 50);
    db.exec("INSERT INTO segment_rules (kind, pattern, segment) VALUES ('prefix', '+372 6', 'Landline'), ('queue', 'Sales - VIP', 'VIP')");

    expect(migrate(db, MIGRATIONS.slice(0, 11))).toBe(11);
    expect(db.prepare('SELECT source_id, caller FROM contacts ORDER BY source_id').all()).toEqual([
      { source_id: '1', caller: '+3725550001' },
      { source_id: '2', caller: '+3725550001' },
      { source_id: '3', caller: 'mari.tamm@example.com' },
      { source_id: '4', caller: null },
    ]);
    // The later entry's segment wins; its missing ref and name come from the earlier one.
    expect(db.prepare('SELECT caller, ref, name, segment, updated_at FROM customers ORDER BY caller').all()).toEqual([
      { caller: '+3725550001', ref: 'A-1', name: 'Mari', segment: 'VIP', updated_at: 200 },
      { caller: '2125550143', ref: 'B-7', name: 'Joe', segment: 'Business', updated_at: 50 },
    ]);
    expect(db.prepare('SELECT kind, pattern FROM segment_rules ORDER BY id').all()).toEqual([
      { kind: 'prefix', pattern: '+3726' },
      { kind: 'queue', pattern: 'Sales - VIP' },
    ]);
    expect(db.prepare('SELECT key FROM meta ORDER BY key').all()).toEqual([{ key: 'other' }]);
  });

  it('leaves a database whose callers are already in one spelling as it was, rollups current', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 10));
    db.exec("INSERT INTO meta (key, value) VALUES ('rollup.params', 'built')");
    db.exec("INSERT INTO contacts (source, source_id, channel, queue, caller, enter_at) VALUES ('s', '1', 'voice', 'Q', '+3725550001', 0)");
    db.exec("INSERT INTO customers (caller, segment, updated_at) VALUES ('+3725550001', 'VIP', 1)");
    expect(migrate(db, MIGRATIONS.slice(0, 11))).toBe(11);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'rollup.params'").get()).toEqual({ value: 'built' });
  });
});
