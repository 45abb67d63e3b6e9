import type { LiveSnapshot } from '../../../shared/contract/live';
import type { Db } from '../../db/open';
import type { EventHub } from '../api/event-hub';
import type { Clock, SettingsStore } from '../ports';
import { detectAlerts, initialAlertState, nextTargetCrossing } from './alerts';
import { createSnapshotter } from './snapshot';

export interface LiveService {
  /** Current snapshot (computed at most once per `minIntervalMs`, else the cached one). */
  snapshot(): LiveSnapshot;
  /** Called after every ingest batch from a live source: schedules a push to screens. */
  changed(): void;
  stop(): void;
}

export interface LiveOptions {
  /** Coalesce pushes: at most one per this many ms (keeps 200 events/s from flooding screens). */
  pushIntervalMs?: number;
  /** Push even without changes, so waits and "stale" indicators stay right. */
  heartbeatMs?: number;
}

export function createLiveService(db: Db, clock: Clock, settings: SettingsStore, hub: EventHub, options: LiveOptions = {}): LiveService {
  const pushIntervalMs = options.pushIntervalMs ?? 50;
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const compute = createSnapshotter(db);
  let lastEventAt: number | null = null;
  let cached: LiveSnapshot | null = null;
  let dirty = true;
  let timer: NodeJS.Timeout | null = null;
  let lastPush = 0;

  const alertState = initialAlertState();
  let alertTimer: NodeJS.Timeout | null = null;

  const snapshot = (): LiveSnapshot => {
    if (dirty || !cached || clock.now() - cached.at >= 1000) {
      cached = compute(clock.now(), settings.get(), lastEventAt);
      dirty = false;
      watch(cached);
    }
    return cached;
  };

  /** Alerts from every fresh snapshot, plus a timer for the next contact due to miss its target. */
  function watch(snap: LiveSnapshot) {
    for (const alert of detectAlerts(alertState, snap, settings.get())) hub.emit('live.alert', alert);
    if (alertTimer) clearTimeout(alertTimer);
    const due = nextTargetCrossing(alertState, snap);
    alertTimer = due === null ? null : setTimeout(() => {
      alertTimer = null;
      dirty = true;
      push();
    }, Math.min(due + 20, heartbeatMs * 12));
    alertTimer?.unref();
  }

  const push = () => {
    timer = null;
    lastPush = clock.now();
    hub.emit('live.snapshot', snapshot());
  };

  const heartbeat = setInterval(() => {
    if (clock.now() - lastPush >= heartbeatMs - 50) {
      dirty = true;
      push();
    }
  }, heartbeatMs);
  heartbeat.unref();
  const offSettings = settings.onChange(() => {
    dirty = true;
    push();
  });

  return {
    snapshot,
    changed() {
      lastEventAt = clock.now();
      dirty = true;
      if (timer) return;
      const wait = Math.max(0, pushIntervalMs - (clock.now() - lastPush));
      timer = setTimeout(push, wait);
    },
    stop() {
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      if (alertTimer) clearTimeout(alertTimer);
      offSettings();
    },
  };
}
