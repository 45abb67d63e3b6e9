import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, NewerDatabaseError, openDb } from '../open';
import { LATEST_VERSION, MIGRATIONS } from './index';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations registry', () => {
  it('numbers migrations 1..n in order', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('0001 creates the data model of the design on :memory:', () => {
    const db = new Database(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toBe(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'contacts',
        'attempts',
        'agent_events',
        'agents',
        'agent_aliases',
        'customers',
        'segment_rules',
        'import_runs',
        'import_rejects',
        'anomalies',
        'coaching_sessions',
        'coaching_evidence',
        'coaching_notes',
        'coaching_actions',
        'rollup_hour',
        'queues',
      ]),
    );
    // Contacts are unique on (source, source id): the basis of idempotent imports.
    const insert = db.prepare("INSERT INTO contacts (source, source_id, channel, queue, enter_at) VALUES ('s', '1', 'voice', 'q', 0)");
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO contacts (source, source_id, channel, queue, enter_at) VALUES ('s', '2', 'fax', 'q', 0)").run()).toThrow(
      /CHECK/,
    );
  });

  it('0002 adds configured sources and tail resume points on top of 0001', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(migrate(db, MIGRATIONS.slice(0, 2))).toBe(2);
    expect(tables(db)).toEqual(expect.arrayContaining(['sources', 'tail_positions']));
    expect(() => db.prepare("INSERT INTO sources (kind, name, config, created_at) VALUES ('fax', 'x', '{}', 0)").run()).toThrow(/CHECK/);
  });

  it('is idempotent and tracks progress in user_version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  });

  it('rolls a failing migration back whole and leaves user_version where it was', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'broken', up: 'CREATE TABLE x (a INTEGER); SELECT * FROM missing_table;' }];
    expect(() => migrate(db, broken)).toThrow(/missing_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(tables(db)).not.toContain('x');
  });

  it('refuses a database from a newer version with a clear message', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-mig-'));
    const file = path.join(dir, 'newer.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    expect(() => openDb(file)).toThrow(NewerDatabaseError);
    expect(() => openDb(file)).toThrow(/newer Floorwatch.*Update Floorwatch/);
  });

  it('opens files in WAL mode with foreign keys on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-mig-'));
    const db = openDb(path.join(dir, 'a.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
