import net from 'node:net';
import type { RETRY_CAUSES, SourceNote } from '../../../../shared/contract/sources';
import type { Clock } from '../../ports';
import type { IngestEvent } from '../events';
import { formatAmi, type AmiMessage } from './message';
import { createAmiParser } from './parser';
import { createAmiTranslator, type AmiTranslator } from './translate';
import type { StoredWaiting } from './calls';

/**
 * The AMI live source: one TCP connection to Asterisk's manager port, kept up for as long as the
 * source runs. Login (all events on), then QueueStatus for the floor as it is now, then the event
 * stream, translated and handed to `emit` in batches (one per received chunk).
 *
 * A lost connection is retried with exponential backoff (1 s doubling to 60 s, ±20 % jitter so a
 * fleet of consoles does not reconnect in step); a refused login is retried only after a long wait
 * (5 min), since a wrong secret will not fix itself and Asterisk logs every failure. A Ping every
 * 20 s finds a dead peer: an unanswered Ping at the next one closes the connection.
 */

export type AmiState = 'connecting' | 'connected' | 'retrying' | 'refused' | 'stopped';
type RetryCause = (typeof RETRY_CAUSES)[number];

export interface AmiStatus {
  state: AmiState;
  /** Epoch ms the source entered this state. */
  since: number;
  /** Seconds until the next connection attempt (retrying, refused). */
  retryInS?: number;
  /** Why, as a code the screens and the CLI word: the connection error, the login refusal, the Asterisk version. */
  note?: SourceNote;
}

/**
 * The part of net.Socket the source uses: tests inject their own, and a `connect` returning
 * `tls.connect(…)` gives AMI over TLS (manager.conf `tlsenable`, port 5039).
 */
export interface AmiSocket {
  write(data: string): unknown;
  end(): unknown;
  destroy(error?: Error): unknown;
  setNoDelay?(noDelay?: boolean): unknown;
  setKeepAlive?(enable?: boolean, initialDelay?: number): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

export type AmiConnect = (options: { host: string; port: number }) => AmiSocket;

/** Timer port: the system's by default, a hand-driven one in tests. */
export interface AmiTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: AmiTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface AmiBackoff {
  initialMs: number;
  maxMs: number;
  /** Wait after a refused login. */
  refusedMs: number;
  /** Relative jitter: 0.2 spreads a delay over ±20 %. */
  jitter: number;
}

export const DEFAULT_BACKOFF: AmiBackoff = { initialMs: 1000, maxMs: 60_000, refusedMs: 300_000, jitter: 0.2 };

export interface AmiSourceOptions {
  host: string;
  /** Manager port, 5038 by default in manager.conf. */
  port: number;
  username: string;
  secret: string;
  clock: Clock;
  /** Contact source name, e.g. `ami:pbx1.example.com`. */
  source: string;
  emit(events: IngestEvent[]): void;
  onStatus?(status: AmiStatus): void;
  connect?: AmiConnect;
  timers?: AmiTimers;
  random?: () => number;
  backoff?: Partial<AmiBackoff>;
  pingIntervalMs?: number;
  /** Limit for TCP connect, and then for the greeting and login answer. */
  connectTimeoutMs?: number;
  /** Outcome grace of the translator (see translate.ts). */
  graceMs?: number;
  /** Contacts of this source an earlier run stored as waiting (see AmiTranslatorOptions). */
  storedWaiting?: () => readonly StoredWaiting[];
  /** Every message received, for diagnostics (`floorwatch ami --verbose`) and tests. */
  onMessage?(message: AmiMessage): void;
  /** Problems that are not status changes (a failing `emit`). */
  log?(line: string): void;
}

export interface AmiSource {
  status(): AmiStatus;
  /** Logs off and closes; pending outcome decisions are made and emitted first. */
  stop(): Promise<void>;
  readonly translator: AmiTranslator;
}

interface Connection {
  socket: AmiSocket;
  parser: ReturnType<typeof createAmiParser>;
  phase: 'greeting' | 'login' | 'ready';
  loginId: string;
  queueStatusId: string;
  pingId: string | null;
  /** Set when the login was refused: the server's reason, if it gave one. */
  refusal: { detail: string | null } | null;
  error: { cause: RetryCause; detail: string | null } | null;
  version: string | null;
  closed: boolean;
}

export function createAmiSource(options: AmiSourceOptions): AmiSource {
  for (const [name, value] of [
    ['username', options.username],
    ['secret', options.secret],
  ] as const) {
    // Checked here, not at the first login: a line break would inject headers into the action.
    if (/[\r\n]/.test(value)) throw new Error(`AMI ${name} must not contain a line break`);
  }
  const clock = options.clock;
  const timers = options.timers ?? systemTimers;
  const random = options.random ?? Math.random;
  const backoff: AmiBackoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const pingMs = options.pingIntervalMs ?? 20_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const connectFn: AmiConnect = options.connect ?? ((o) => net.createConnection({ host: o.host, port: o.port }));
  const translator = createAmiTranslator({ source: options.source, graceMs: options.graceMs, storedWaiting: options.storedWaiting });

  let status: AmiStatus = { state: 'connecting', since: clock.now() };
  let current: Connection | null = null;
  let stopped = false;
  let attempt = 0;
  let actionSeq = 0;
  let retryTimer: unknown = null;
  let tickTimer: unknown = null;
  let tickAt: number | null = null;
  let pingTimer: unknown = null;
  let guardTimer: unknown = null;
  let stopWaiters: Array<() => void> = [];

  const setStatus = (next: Omit<AmiStatus, 'since'>) => {
    const since = next.state === status.state ? status.since : clock.now();
    status = { ...next, since };
    try {
      options.onStatus?.({ ...status });
    } catch (error) {
      options.log?.(`AMI status listener failed: ${String(error)}`);
    }
  };

  const emit = (events: IngestEvent[]) => {
    if (events.length === 0) return;
    try {
      options.emit(events);
    } catch (error) {
      // The connection stays up: the next batch may well be storable.
      options.log?.(`AMI events could not be stored: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const clear = (handle: unknown) => {
    if (handle !== null) timers.clearTimeout(handle);
  };

  /** Keeps one timer on the translator's next outcome deadline. */
  const scheduleTick = () => {
    const next = stopped ? null : translator.nextDeadline();
    if (next === tickAt) return;
    clear(tickTimer);
    tickTimer = null;
    tickAt = next;
    if (next === null) return;
    tickTimer = timers.setTimeout(
      () => {
        tickTimer = null;
        tickAt = null;
        emit(translator.tick(clock.now()));
        scheduleTick();
      },
      Math.max(0, next - clock.now()),
    );
  };

  const send = (c: Connection, headers: Array<[string, string]>) => {
    if (!c.closed) c.socket.write(formatAmi(headers));
  };

  const nextId = (kind: string) => `floorwatch-${kind}-${++actionSeq}`;

  const connectNow = () => {
    retryTimer = null;
    if (stopped) return;
    setStatus({ state: 'connecting', note: { code: 'connecting', host: options.host, port: options.port } });
    let socket: AmiSocket;
    try {
      socket = connectFn({ host: options.host, port: options.port });
    } catch (error) {
      scheduleRetry(null, { cause: 'network', detail: error instanceof Error ? error.message : String(error) });
      return;
    }
    const c: Connection = {
      socket,
      parser: createAmiParser(),
      phase: 'greeting',
      loginId: nextId('login'),
      queueStatusId: nextId('queuestatus'),
      pingId: null,
      refusal: null,
      error: null,
      version: null,
      closed: false,
    };
    current = c;
    translator.connectionStarted();
    // One guard covers TCP connect, the greeting and the login answer.
    guardTimer = timers.setTimeout(() => {
      guardTimer = null;
      c.error = { cause: c.phase === 'greeting' ? 'no-greeting' : 'no-login-answer', detail: null };
      c.socket.destroy();
    }, connectTimeoutMs);
    socket.setNoDelay?.(true);
    socket.setKeepAlive?.(true, 30_000);
    socket.on('data', (chunk) => onData(c, chunk));
    socket.on('error', (error) => {
      c.error ??= { cause: 'network', detail: error.message };
    });
    socket.on('close', () => onClose(c));
  };

  const onData = (c: Connection, chunk: Buffer | string) => {
    if (c.closed) return;
    const now = clock.now();
    const batch: IngestEvent[] = [];
    for (const frame of c.parser.push(chunk)) {
      if (frame.kind === 'greeting') {
        c.version = frame.version;
        if (c.phase === 'greeting') {
          c.phase = 'login';
          send(c, [
            ['Action', 'Login'],
            ['ActionID', c.loginId],
            ['Username', options.username],
            ['Secret', options.secret],
            ['Events', 'on'],
          ]);
        }
        continue;
      }
      const m = frame.message;
      options.onMessage?.(m);
      if (c.phase === 'login') {
        if (m.response !== undefined && (m.actionId === c.loginId || m.actionId === undefined)) onLogin(c, m);
        continue;
      }
      if (c.phase !== 'ready') continue;
      if (m.response !== undefined) {
        if (m.actionId === c.pingId) c.pingId = null;
        else if (m.actionId === c.queueStatusId && m.response.toLowerCase() === 'error') {
          setStatus({ state: 'connected', note: { code: 'queue-status-refused', detail: m.get('Message') ?? null } });
        }
      }
      for (const e of translator.handle(m, now)) batch.push(e);
    }
    emit(batch);
    scheduleTick();
  };

  const onLogin = (c: Connection, m: AmiMessage) => {
    clear(guardTimer);
    guardTimer = null;
    if (m.response?.toLowerCase() !== 'success') {
      c.refusal = { detail: m.get('Message') ?? m.response ?? null };
      c.socket.end();
      c.socket.destroy();
      return;
    }
    c.phase = 'ready';
    attempt = 0;
    setStatus(c.version ? { state: 'connected', note: { code: 'connected', version: c.version } } : { state: 'connected' });
    send(c, [
      ['Action', 'QueueStatus'],
      ['ActionID', c.queueStatusId],
    ]);
    schedulePing(c);
  };

  const schedulePing = (c: Connection) => {
    pingTimer = timers.setTimeout(() => {
      pingTimer = null;
      if (c.closed) return;
      if (c.pingId !== null) {
        c.error = { cause: 'no-ping-answer', detail: null };
        c.socket.destroy();
        return;
      }
      c.pingId = nextId('ping');
      send(c, [
        ['Action', 'Ping'],
        ['ActionID', c.pingId],
      ]);
      schedulePing(c);
    }, pingMs);
  };

  const onClose = (c: Connection) => {
    if (c.closed) return;
    c.closed = true;
    if (current === c) current = null;
    clear(guardTimer);
    clear(pingTimer);
    guardTimer = pingTimer = null;
    if (c.phase === 'ready') emit(c.parser.end().flatMap((f) => (f.kind === 'message' ? translator.handle(f.message, clock.now()) : [])));
    if (stopped) {
      // Events that arrived between stop() and the close are settled too: no timer will.
      emit(translator.flush(clock.now()));
      scheduleTick();
      setStatus({ state: 'stopped' });
      const waiters = stopWaiters;
      stopWaiters = [];
      for (const w of waiters) w();
      return;
    }
    scheduleTick();
    scheduleRetry(c.refusal, c.error);
  };

  const scheduleRetry = (refusal: Connection['refusal'], error: Connection['error']) => {
    if (stopped) return;
    let delay: number;
    if (refusal !== null) {
      delay = jittered(backoff.refusedMs);
    } else {
      delay = Math.min(backoff.maxMs, jittered(Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt)));
      attempt++;
    }
    const retryInS = Math.max(1, Math.round(delay / 1000));
    if (refusal !== null) setStatus({ state: 'refused', retryInS, note: { code: 'login-refused', seconds: retryInS, detail: refusal.detail } });
    else setStatus({ state: 'retrying', retryInS, note: { code: 'retrying', seconds: retryInS, cause: error?.cause ?? 'closed', detail: error?.detail ?? null } });
    retryTimer = timers.setTimeout(connectNow, delay);
  };

  const jittered = (ms: number) => Math.round(ms * (1 - backoff.jitter + 2 * backoff.jitter * random()));

  connectNow();

  return {
    translator,
    status: () => ({ ...status }),
    stop() {
      if (stopped) {
        return current ? new Promise<void>((resolve) => stopWaiters.push(resolve)) : Promise.resolve();
      }
      stopped = true;
      clear(retryTimer);
      retryTimer = null;
      const c = current;
      if (!c) {
        emit(translator.flush(clock.now()));
        scheduleTick();
        setStatus({ state: 'stopped' });
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        stopWaiters.push(resolve);
        clear(guardTimer);
        clear(pingTimer);
        pingTimer = null;
        if (c.phase === 'ready') send(c, [['Action', 'Logoff']]);
        c.socket.end();
        // A peer that never closes its side must not hold stop() open.
        guardTimer = timers.setTimeout(() => c.socket.destroy(), 2000);
      });
    },
  };
}
