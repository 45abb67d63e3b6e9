import { afterAll, describe, expect, it } from 'vitest';
import type { AnomalyOverview } from '../../../shared/contract/anomalies';
import type { ImportJob } from '../../../shared/contract/sources';
import { handlersFor } from '../../../tests/support/handlers';
import { createDispatcher } from '../api/dispatcher';
import { createEventHub } from '../api/event-hub';
import type { Injection } from '../simulator';
import { createAnomalyHandlers } from './handlers';
import { createAnomalyService } from './service';
import { simulatedDb } from './testing';

const FROM = Date.parse('2025-03-03T00:00:00+02:00');
const PLANTED = (): Injection[] => [
  { kind: 'avoidance', agent: 'kadri', segment: 'VIP', rnaRate: 0.6 },
  { kind: 'unanswered', segment: 'Business', localHours: [14], abandonFactor: 6 },
];

type Env = ReturnType<typeof simulatedDb>;
/** Three simulated weeks with the planted anomalies, closed after the describe block that opens them. */
function plantedDb(seed: number): Env {
  const env = simulatedDb({ from: FROM, days: 21, seed, inject: PLANTED() });
  afterAll(() => env.close());
  return env;
}
/** The planted VIP avoidance flag among `flags` (it must be there). */
function vipAvoidance<F extends { kind: string; segment: string | null }>(flags: F[]): F {
  const avoid = flags.find((f) => f.kind === 'avoidance' && f.segment === 'VIP');
  expect(avoid).toBeDefined();
  return avoid!;
}
const rows = (env: Env) => env.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM anomalies').get()!.n;
/** Rows this connection inserted, updated or deleted since it was opened: any write moves it. */
const changes = (env: Env) => env.db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()!.n;

function dispatcherFor(env: Env) {
  return createDispatcher(handlersFor(createAnomalyHandlers({ db: env.db, settings: env.settings, clock: env.clock, live: false })));
}

async function result<T>(envelope: Promise<{ ok: boolean; result?: unknown; error?: unknown }>): Promise<T> {
  const e = await envelope;
  if (!e.ok) throw new Error(JSON.stringify(e.error));
  return e.result as T;
}

describe('anomaly reads write nothing', () => {
  const env = plantedDb(31);

  it('anomalies.overview from a read-only client finds flags and stores none', async () => {
    const api = dispatcherFor(env);
    // Customers edited after the attempt rollup was built: a read must not rebuild it either.
    env.db.prepare("UPDATE customers SET updated_at = updated_at + 1 WHERE rowid = (SELECT MIN(rowid) FROM customers)").run();
    const before = { rows: rows(env), changes: changes(env) };
    const overview = await result<AnomalyOverview>(api.call('anomalies.overview', {}, { access: 'read' }));
    expect(overview.flags.length).toBeGreaterThan(0);
    expect(overview.flags.every((f) => f.id === null && f.status === 'new')).toBe(true);
    expect(overview.rna.some((c) => c.segment === 'VIP' && c.flagKey !== null)).toBe(true);
    await result(api.call('anomalies.list', {}, { access: 'read' }));
    const avoid = overview.flags.find((f) => f.kind === 'avoidance')!;
    const contacts = await result<unknown[]>(api.call('anomalies.contacts', { key: avoid.key }, { access: 'read' }));
    expect(contacts.length).toBeGreaterThan(0);
    expect({ rows: rows(env), changes: changes(env) }).toEqual(before);
    expect(before.rows).toBe(0);

    const refused = await api.call('anomalies.scan', {}, { access: 'read' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(changes(env)).toBe(before.changes);
  });

  it('anomalies.scan records what the read showed, under the same keys; contacts by key match contacts by id', async () => {
    const api = dispatcherFor(env);
    const read = await result<AnomalyOverview>(api.call('anomalies.overview', {}, { access: 'read' }));
    const avoid = read.flags.find((f) => f.kind === 'avoidance')!;
    const byKey = await result<unknown[]>(api.call('anomalies.contacts', { key: avoid.key }, { access: 'read' }));

    const scanned = await result<AnomalyOverview>(api.call('anomalies.scan', {}, { access: 'write' }));
    expect(rows(env)).toBe(read.flags.length);
    expect(scanned.flags.every((f) => f.id !== null)).toBe(true);
    const strip = (o: AnomalyOverview) => ({ ...o, scannedAt: 0, flags: o.flags.map((f) => ({ ...f, id: 0, detectedAt: 0 })) });
    expect(strip(scanned)).toEqual(strip(read));

    // Once recorded, a read shows the stored flags with their ids, and still writes nothing.
    const before = changes(env);
    const again = await result<AnomalyOverview>(api.call('anomalies.overview', {}, { access: 'read' }));
    expect(again.flags.map((f) => f.id)).toEqual(scanned.flags.map((f) => f.id));
    expect(changes(env)).toBe(before);
    const id = scanned.flags.find((f) => f.key === avoid.key)!.id!;
    expect(await result(api.call('anomalies.contacts', { id }, { access: 'read' }))).toEqual(byKey);
  });
});

describe('anomaly settings apply to the next scan', () => {
  const env = plantedDb(32);

  it('raising the minimum contacts removes a flag; a shorter window moves the range; live off stops rescans', () => {
    const service = createAnomalyService({ db: env.db, settings: env.settings, clock: env.clock });
    const first = service.overview({});
    const avoid = vipAvoidance(first.flags);

    const anomalies = env.settings.get().anomalies;
    env.settings.update({ anomalies: { ...anomalies, minContacts: avoid.total + 1 } });
    const strict = service.overview({});
    expect(strict.flags.find((f) => f.key === avoid.key)).toBeUndefined();
    expect(strict.tested.avoidance).toBeLessThan(first.tested.avoidance);

    env.settings.update({ anomalies: { ...anomalies, windowDays: 7 } });
    const week = service.overview({});
    expect(Date.parse(week.to) - Date.parse(week.from)).toBeLessThan(8 * 86_400_000);
    expect(Date.parse(first.to) - Date.parse(first.from)).toBeGreaterThan(20 * 86_400_000);

    env.settings.update({ anomalies: { ...anomalies, live: false } });
    expect(service.liveTick()).toEqual([]);
    expect(rows(env)).toBe(0);
    env.settings.update({ anomalies });
  });
});

describe('current flags (the wall-board)', () => {
  const env = plantedDb(32);

  it('are those the latest scan of the default window found; a flag it no longer finds stays on record', () => {
    const service = createAnomalyService({ db: env.db, settings: env.settings, clock: env.clock });
    const first = service.run({});
    const avoid = vipAvoidance(first.flags);
    const ids = (list: { id: number }[]) => list.map((f) => f.id).sort((a, b) => a - b);
    expect(ids(service.list({ current: true }))).toEqual(ids(first.flags));

    const anomalies = env.settings.get().anomalies;
    env.settings.update({ anomalies: { ...anomalies, minContacts: avoid.total + 1 } });
    const second = service.run({});
    expect(second.flags.map((f) => f.id)).not.toContain(avoid.id);
    expect(ids(service.list({ current: true }))).toEqual(ids(second.flags));
    expect(service.list({}).map((f) => f.id)).toContain(avoid.id);

    // A scan of another range records what it finds but says nothing about what is current.
    env.settings.update({ anomalies });
    const r = { from: second.overview.from.slice(0, 10), to: second.overview.to.slice(0, 10) };
    expect(service.run(r).flags.map((f) => f.id)).toContain(avoid.id);
    expect(service.list({ current: true }).map((f) => f.id)).not.toContain(avoid.id);
  });
});

describe('the periodic scan', () => {
  it('records flags as soon as an import from a screen ends', () => {
    const env = simulatedDb({ from: FROM, days: 14, seed: 33, inject: [{ kind: 'avoidance', agent: 'kadri', segment: 'VIP', rnaRate: 0.8 }] });
    const hub = createEventHub();
    const flagged: number[] = [];
    hub.on('anomalies.flagged', (p) => flagged.push(p.added.length));
    const service = createAnomalyService({ db: env.db, settings: env.settings, clock: env.clock, hub });
    service.startLive();
    try {
      // Data arrives (as an import's worker would write it); nothing is recorded until the job ends.
      env.sim.backfill(env.to, env.to + 86_400_000);
      env.clock.set(env.to + 86_400_000);
      expect(rows(env)).toBe(0);
      const job: ImportJob = { jobId: 'j1', file: 'queue_log', state: 'running', bytes: 1, totalBytes: 2, lines: 1, contacts: 1, error: null, report: null };
      hub.emit('import.progress', job);
      expect(rows(env)).toBe(0);
      hub.emit('import.progress', { ...job, state: 'done', bytes: 2 });
      expect(rows(env)).toBeGreaterThan(0);
      expect(flagged).toEqual([rows(env)]);
    } finally {
      service.stopLive();
      env.close();
    }
  });
});
