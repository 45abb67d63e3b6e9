import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type CoreInternals } from '../app';
import type { IngestEvent } from '../ingest/events';
import { reviewHistory } from '../review/testing';
import { createMemorySettingsStore } from '../settings/file-store';
import { pseudonymiseCaller, pseudonymiseCustomers, pseudonymiseEvents } from './pseudonymise';
import { purgeContactsBefore } from './purge';

const KEY = Buffer.alloc(32, 7);
const OTHER = Buffer.alloc(32, 8);

describe('pseudonymise', () => {
  it('is keyed, stable, ignores formatting and is idempotent', () => {
    const p = pseudonymiseCaller('+372 5555-0101', KEY);
    expect(p).toMatch(/^p:[0-9a-f]{20}$/);
    expect(pseudonymiseCaller('+37255550101', KEY)).toBe(p);
    expect(pseudonymiseCaller('+37255550102', KEY)).not.toBe(p);
    expect(pseudonymiseCaller('+37255550101', OTHER)).not.toBe(p);
    expect(pseudonymiseCaller(p, KEY)).toBe(p);
  });

  it('replaces callers in events and the directory without touching the input', () => {
    const events: IngestEvent[] = [
      { kind: 'enqueued', source: 's', id: '1', at: 1, channel: 'voice', queue: 'q', caller: '+3725550001', customerName: 'Mari Maasikas' },
      { kind: 'answered', source: 's', id: '1', at: 2, agent: 'A' },
    ];
    const copy = structuredClone(events);
    const out = pseudonymiseEvents(events, KEY);
    expect(events).toEqual(copy);
    expect(out[0]).toMatchObject({ caller: pseudonymiseCaller('+3725550001', KEY), customerName: null });
    expect(out[1]).toBe(events[1]);
    expect(pseudonymiseCustomers([{ caller: '+3725550001', segment: 'VIP', name: 'Mari' }], KEY)).toEqual([{ caller: out[0]!.kind === 'enqueued' ? out[0]!.caller : '', segment: 'VIP', name: null }]);
  });

  it('keeps repeat contacts and directory segments linked through the ingest path', () => {
    const c = createCore({ dbPath: ':memory:', settings: createMemorySettingsStore({ timezone: 'UTC' }), host: 'headless', version: 't', runSources: false });
    try {
      c.importCustomers(pseudonymiseCustomers([{ caller: '+3725550001', segment: 'VIP' }], KEY));
      const visits: IngestEvent[] = [0, 1].map((i) => ({ kind: 'enqueued', source: 's', id: `v${i}`, at: 1_000_000 + i * 60_000, channel: 'voice', queue: 'q', caller: i ? '+372 555 0001' : '+3725550001' }));
      c.ingest(pseudonymiseEvents(visits, KEY));
      const rows = c.db.prepare("SELECT c.caller, cu.segment FROM contacts c LEFT JOIN customers cu ON cu.caller = c.caller").all() as { caller: string; segment: string | null }[];
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((r) => r.caller)).size).toBe(1);
      expect(rows.every((r) => r.segment === 'VIP' && !r.caller.includes('555'))).toBe(true);
    } finally {
      c.close();
    }
  });
});

describe('purge', () => {
  const cores: CoreInternals[] = [];
  afterEach(() => {
    for (const c of cores.splice(0)) c.close();
  });

  it('deletes old contacts with their attempts, in one transaction, and rebuilds the rollups', () => {
    const settings = createMemorySettingsStore({ timezone: 'UTC' });
    const c = createCore({ dbPath: ':memory:', settings, host: 'headless', version: 't', runSources: false });
    cores.push(c);
    c.ingest(reviewHistory('2026-03-14', 10, 20));
    const s = settings.get();
    const rollup = { timezone: 'UTC', targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec, segmentRules: s.segmentRules };
    const n = (sql: string) => (c.db.prepare(sql).get() as { n: number | null }).n ?? 0;
    const cutoff = Date.parse('2026-03-10T00:00:00Z');
    const old = n(`SELECT count(*) AS n FROM contacts WHERE enter_at < ${cutoff}`);
    expect(purgeContactsBefore(c.db, cutoff, rollup)).toBe(old);
    expect(n(`SELECT count(*) AS n FROM contacts WHERE enter_at < ${cutoff}`)).toBe(0);
    expect(n('SELECT count(*) AS n FROM attempts WHERE contact_id NOT IN (SELECT id FROM contacts)')).toBe(0);
    expect(n('SELECT sum(offered) AS n FROM rollup_hour')).toBe(n('SELECT count(*) AS n FROM contacts'));
    expect(n(`SELECT count(*) AS n FROM rollup_hour WHERE hour_at < ${cutoff}`)).toBe(0);
  });
});

describe('the ingest hook', () => {
  it('passes events through until the data file asks for pseudonyms, then replaces callers', async () => {
    const { pseudonymiserFor } = await import('./ingest-hook');
    const { writeConfig } = await import('../review/config');
    const c = createCore({ dbPath: ':memory:', settings: createMemorySettingsStore({ timezone: 'UTC' }), host: 'headless', version: 't', runSources: false });
    try {
      let t = 0;
      const hook = pseudonymiserFor(c.db, () => t);
      const events: IngestEvent[] = [{ kind: 'enqueued', source: 's', id: '1', at: 1, channel: 'voice', queue: 'q', caller: '+3725550001' }];
      expect(hook.events(events)).toBe(events);
      writeConfig(c.db, { pseudonymise: true });
      t += 10_000;
      const [e] = hook.events(events);
      expect(e!.kind === 'enqueued' && e!.caller).toMatch(/^p:[0-9a-f]{20}$/);
      expect(hook.customers([{ caller: '+3725550001' }])[0]!.caller).toBe(e!.kind === 'enqueued' ? e!.caller : '');
    } finally {
      c.close();
    }
  });
});
