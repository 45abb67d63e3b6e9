import type { Anomaly, AnomalyContact, AnomalyFinding, AnomalyOverview } from '../../../shared/contract/anomalies';
import { defaultSettings } from '../../../shared/contract/settings';
import { addLocalDays, localDate, localDayStartOf } from '../../../shared/domain/time';
import type { Db } from '../../db/open';
import type { EventHub } from '../api/event-hub';
import type { Clock, Notifier, SettingsStore } from '../ports';
import { isoLocal, loadAgentSegments, loadHourSegments, type AgentSegmentCount, type HourSegmentCount } from './load';
import { createAnomalyRepo } from './repo';
import { metaGet, metaSet } from '../ingest/rollup';
import { scan, type FoundFlag, type ScanResult } from './scan';

/** The ids of the flags the latest scan of the default window found (JSON). */
const CURRENT_KEY = 'anomalies.current';

export interface AnomalyServiceDeps {
  db: Db;
  settings: SettingsStore;
  clock: Clock;
  hub?: EventHub;
  notifier?: Notifier;
}

export interface Range {
  from?: string;
  to?: string;
}

export interface ScanRun {
  fromAt: number;
  toAt: number;
  /** The flags this scan found, as recorded. */
  flags: Anomaly[];
  added: Anomaly[];
  overview: AnomalyOverview;
}

interface Computed {
  zone: string;
  fromAt: number;
  toAt: number;
  hours: HourSegmentCount[];
  agents: AgentSegmentCount[];
  result: ScanResult;
}

/** Best evidence first; a flag on record before one only found, then by key for a stable order. */
const byEvidence = (a: AnomalyFinding, b: AnomalyFinding) =>
  a.qValue - b.qValue || (a.id ?? Number.MAX_SAFE_INTEGER) - (b.id ?? Number.MAX_SAFE_INTEGER) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** How often live data may be rescanned at most (the issue: new flags within a minute). */
export const LIVE_RESCAN_MS = 60_000;

export function createAnomalyService(deps: AnomalyServiceDeps) {
  const { db, settings, clock } = deps;
  const repo = createAnomalyRepo(db);
  // Read on every scan, so a change on the settings screen applies to the next scan.
  const opts = () => settings.get().anomalies ?? defaultSettings().anomalies;
  const zone = () => settings.get().timezone;

  /** Local dates → [fromAt, toAt); the default is the last `windowDays` days up to now. */
  const window = (r: Range): { fromAt: number; toAt: number } => {
    const z = zone();
    const now = clock.now();
    const toAt = r.to ? localDayStartOf(z, addLocalDays(r.to, 1)) : now;
    const fromAt = r.from ? localDayStartOf(z, r.from) : localDayStartOf(z, addLocalDays(r.to ?? localDate(z, now), -(opts().windowDays - 1)));
    return { fromAt, toAt: Math.max(fromAt, toAt) };
  };

  /** The scan itself; `write` only allows refreshing the attempt rollup, never storing flags. */
  const compute = (r: Range, write: boolean): Computed => {
    const z = zone();
    const { fromAt, toAt } = window(r);
    const hours = loadHourSegments(db, z, fromAt, toAt);
    const agents = loadAgentSegments(db, fromAt, toAt, { write });
    return { zone: z, fromAt, toAt, hours, agents, result: scan({ zone: z, fromAt, toAt, hours, agents, options: opts() }) };
  };

  /** A found flag as recording it would leave it (repo.save's rule: this scan's window and counts, status kept). */
  const asRecorded = (found: FoundFlag, stored: Anomaly | undefined, now: number): AnomalyFinding => {
    const { fingerprint, ...f } = found;
    if (!stored) return { ...f, id: null, key: fingerprint, status: 'new', statusReason: null, detectedAt: now, found: true };
    return { ...f, id: stored.id, key: fingerprint, agent: stored.agent ?? f.agent, status: stored.status, statusReason: stored.statusReason, detectedAt: stored.detectedAt, found: true };
  };

  /** Heatmap, RNA matrix and flags of a computed scan: found ones (recorded or not) and the range's others on record. */
  const present = (c: Computed): AnomalyOverview => {
    const z = c.zone;
    const now = clock.now();
    const found = c.result.flags;
    const stored = repo.byKeys(
      found.map((f) => f.fingerprint),
      z,
    );
    const flags = found.map((f) => asRecorded(f, stored.get(f.fingerprint), now));
    const keys = new Set(flags.map((f) => f.key));
    for (const f of repo.list(z, c.fromAt, c.toAt)) if (!keys.has(f.key)) flags.push({ ...f, found: false });

    const heat = new Map<string, { segment: string; hour: number; offered: number; unanswered: number }>();
    for (const h of c.hours) {
      const k = `${h.segment}\u0000${h.hour}`;
      const cell = heat.get(k) ?? { segment: h.segment, hour: h.hour, offered: 0, unanswered: 0 };
      cell.offered += h.offered;
      cell.unanswered += h.unanswered;
      heat.set(k, cell);
    }
    const segments = [...new Set([...c.hours.map((h) => h.segment), ...c.agents.map((a) => a.segment)])].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
    return {
      from: isoLocal(z, c.fromAt),
      to: isoLocal(z, c.toAt),
      timezone: z,
      segments: segments.map((s) => (s === '' ? null : s)),
      heatmap: [...heat.values()].map((cell) => ({
        segment: cell.segment === '' ? null : cell.segment,
        hour: cell.hour,
        offered: cell.offered,
        unanswered: cell.unanswered,
        rate: cell.offered > 0 ? cell.unanswered / cell.offered : null,
        flagKey: c.result.hourCells.get(`${cell.segment}\u0000${cell.hour}`) ?? null,
      })),
      rna: c.agents.map((a) => ({
        agentId: a.agentId,
        agent: a.agent,
        segment: a.segment === '' ? null : a.segment,
        attempts: a.attempts,
        noAnswer: a.noAnswer,
        rate: a.attempts > 0 ? a.noAnswer / a.attempts : null,
        flagKey: c.result.agentCells.get(`${a.agentId}\u0000${a.segment}`) ?? null,
      })),
      flags: flags.sort(byEvidence),
      scannedAt: now,
      tested: c.result.tested,
    };
  };

  /** Scans the range and records its flags; new ones are pushed as `anomalies.flagged`. */
  const run = (r: Range): ScanRun => {
    const c = compute(r, true);
    const { ids, added } = repo.save(c.result.flags, clock.now());
    // The default window is the periodic scan's: what it found is what is current (list({ current })).
    if (r.from === undefined && r.to === undefined) metaSet(db, CURRENT_KEY, JSON.stringify([...ids.values()]));
    const flags = repo.byIds(
      c.result.flags.map((f) => ids.get(f.fingerprint)!),
      c.zone,
    );
    const addedFlags = flags.filter((f) => added.includes(f.id));
    if (addedFlags.length > 0) deps.hub?.emit('anomalies.flagged', { added: addedFlags });
    return { fromAt: c.fromAt, toAt: c.toAt, flags, added: addedFlags, overview: present(c) };
  };

  let timer: ReturnType<typeof setInterval> | null = null;
  let offImports: (() => void) | null = null;
  let marker = '';
  const changeMarker = () =>
    JSON.stringify(
      db
        .prepare<[number], Record<string, number | null>>(
          `SELECT (SELECT MAX(id) FROM contacts) AS c, (SELECT MAX(id) FROM attempts) AS a,
             (SELECT SUM(answered) FROM rollup_hour WHERE hour_at >= ?) AS r`,
        )
        .get(clock.now() - 3 * 3_600_000),
    );

  /** One live tick: rescans only when data changed since the last one; notifies about new flags. */
  const liveTick = (): Anomaly[] => {
    if (!db.open || !opts().live) return [];
    const m = changeMarker();
    if (m === marker) return [];
    marker = m;
    const { added } = run({});
    if (added.length > 0 && deps.notifier && settings.get().notifications.desktop) {
      const first = added[0]!;
      deps.notifier.notify(added.length === 1 ? 'New anomaly' : `${added.length} new anomalies`, first.explanation);
    }
    return added;
  };

  const stopLive = () => {
    if (timer) clearInterval(timer);
    timer = null;
    offImports?.();
    offImports = null;
  };

  return {
    window,
    run,
    /** What `run` would show, computed on the fly: writes nothing (found flags not on record have id null). */
    overview: (r: Range): AnomalyOverview => present(compute(r, false)),
    liveTick,
    /**
     * The periodic scan of live operation: once a minute when new data arrived, and as soon as an
     * import from a screen ends (a month of history should not wait for the next minute). Stops
     * by itself when the database closes.
     */
    startLive(log: (m: string) => void = () => undefined) {
      if (timer) return;
      marker = changeMarker();
      const tick = () => {
        if (!db.open) return stopLive();
        try {
          liveTick();
        } catch (error) {
          log(`anomaly rescan: ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      timer = setInterval(tick, LIVE_RESCAN_MS);
      timer.unref?.();
      offImports = deps.hub?.on('import.progress', (job) => job.state !== 'running' && tick()) ?? null;
    },
    stopLive,
    /**
     * Flags on record over the range. `current`: only those the latest scan of the default window
     * found (all of them until one has run), so a wall-board does not show a flag the data no
     * longer bears out.
     */
    list(r: Range & { status?: string; current?: boolean }): Anomaly[] {
      const { fromAt, toAt } = window(r);
      const flags = repo.list(zone(), fromAt, toAt, r.status);
      const stored = r.current ? metaGet(db, CURRENT_KEY) : undefined;
      if (stored === undefined) return flags;
      const current = new Set(JSON.parse(stored) as number[]);
      return flags.filter((f) => current.has(f.id));
    },
    get: (id: number) => repo.get(id, zone()),
    /** Contacts behind a flag on record (id), or behind one a read found over `range` (key). */
    contacts(ref: { id: number } | (Range & { key: string }), limit: number): AnomalyContact[] | null {
      const z = zone();
      if ('id' in ref) {
        const f = repo.get(ref.id, z);
        return f ? repo.contacts(f, z, limit) : null;
      }
      const f = repo.byKeys([ref.key], z).get(ref.key) ?? compute(ref, false).result.flags.find((x) => x.fingerprint === ref.key);
      return f ? repo.contacts(f, z, limit) : null;
    },
    setStatus(id: number, status: Anomaly['status'], reason: string | null): Anomaly | null {
      if (!repo.setStatus(id, status, reason)) return null;
      const f = repo.get(id, zone())!;
      deps.hub?.emit('anomalies.updated', f);
      return f;
    },
  };
}

export type AnomalyService = ReturnType<typeof createAnomalyService>;
