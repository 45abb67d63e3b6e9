import type { Anomaly, AnomalyContact, AnomalyOverview } from '../../../shared/contract/anomalies';
import { defaultSettings } from '../../../shared/contract/settings';
import { addLocalDays, localDate, localDayStartOf } from '../../../shared/domain/time';
import type { Db } from '../../db/open';
import type { EventHub } from '../api/event-hub';
import type { Clock, Notifier, SettingsStore } from '../ports';
import { isoLocal, loadAgentSegments, loadHourSegments } from './load';
import { createAnomalyRepo } from './repo';
import { scan } from './scan';

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
  flags: Anomaly[];
  added: Anomaly[];
  overview: AnomalyOverview;
}

/** How often live data may be rescanned at most (the issue: new flags within a minute). */
export const LIVE_RESCAN_MS = 60_000;

export function createAnomalyService(deps: AnomalyServiceDeps) {
  const { db, settings, clock } = deps;
  const repo = createAnomalyRepo(db);
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

  const run = (r: Range): ScanRun => {
    const z = zone();
    const o = opts();
    const { fromAt, toAt } = window(r);
    const hours = loadHourSegments(db, z, fromAt, toAt);
    const agents = loadAgentSegments(db, fromAt, toAt);
    const result = scan({ zone: z, fromAt, toAt, hours, agents, options: o });
    const { ids, added } = repo.save(result.flags, clock.now());
    const flags = repo.byIds(result.flags.map((f) => ids.get(f.fingerprint)!), z);
    const addedFlags = flags.filter((f) => added.includes(f.id));

    const heat = new Map<string, { segment: string; hour: number; offered: number; unanswered: number }>();
    for (const h of hours) {
      const k = `${h.segment}\u0000${h.hour}`;
      const c = heat.get(k) ?? { segment: h.segment, hour: h.hour, offered: 0, unanswered: 0 };
      c.offered += h.offered;
      c.unanswered += h.unanswered;
      heat.set(k, c);
    }
    const segments = [...new Set([...hours.map((h) => h.segment), ...agents.map((a) => a.segment)])].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
    const overview: AnomalyOverview = {
      from: isoLocal(z, fromAt),
      to: isoLocal(z, toAt),
      timezone: z,
      segments: segments.map((s) => (s === '' ? null : s)),
      heatmap: [...heat.values()].map((c) => {
        const fp = result.hourCells.get(`${c.segment}\u0000${c.hour}`);
        return {
          segment: c.segment === '' ? null : c.segment,
          hour: c.hour,
          offered: c.offered,
          unanswered: c.unanswered,
          rate: c.offered > 0 ? c.unanswered / c.offered : null,
          flagId: fp ? (ids.get(fp) ?? null) : null,
        };
      }),
      rna: agents.map((a) => {
        const fp = result.agentCells.get(`${a.agentId}\u0000${a.segment}`);
        return {
          agentId: a.agentId,
          agent: a.agent,
          segment: a.segment === '' ? null : a.segment,
          attempts: a.attempts,
          noAnswer: a.noAnswer,
          rate: a.attempts > 0 ? a.noAnswer / a.attempts : null,
          flagId: fp ? (ids.get(fp) ?? null) : null,
        };
      }),
      flags: repo.list(z, fromAt, toAt),
      scannedAt: clock.now(),
      tested: result.tested,
    };
    if (addedFlags.length > 0) deps.hub?.emit('anomalies.flagged', { added: addedFlags });
    return { fromAt, toAt, flags, added: addedFlags, overview };
  };

  let timer: ReturnType<typeof setInterval> | null = null;
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

  return {
    window,
    run,
    liveTick,
    /** Starts rescanning live data once a minute; the timer stops itself when the database closes. */
    startLive(log: (m: string) => void = () => undefined) {
      if (timer) return;
      marker = changeMarker();
      timer = setInterval(() => {
        if (!db.open) {
          if (timer) clearInterval(timer);
          timer = null;
          return;
        }
        try {
          liveTick();
        } catch (error) {
          log(`anomaly rescan: ${error instanceof Error ? error.message : String(error)}`);
        }
      }, LIVE_RESCAN_MS);
      timer.unref?.();
    },
    stopLive() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    list(r: Range & { status?: string }): Anomaly[] {
      const { fromAt, toAt } = window(r);
      return repo.list(zone(), fromAt, toAt, r.status);
    },
    get: (id: number) => repo.get(id, zone()),
    contacts(id: number, limit: number): AnomalyContact[] | null {
      const f = repo.get(id, zone());
      return f ? repo.contacts(f, zone(), limit) : null;
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
