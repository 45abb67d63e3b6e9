import type { Envelope, ErrorBody, Transport } from '../../../shared/contract';
import { EVENT_NAMES, ERROR_CODES } from '../../../shared/contract';

/** The slice of `EventSource` the transport uses, so tests can hand in a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((this: EventSourceLike, ev: Event) => unknown) | null;
  onerror: ((this: EventSourceLike, ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void;
  close(): void;
}

export interface HostTransportOptions {
  /** Origin + path prefix of the host; '' means the page's own origin. */
  baseUrl?: string;
  token?: string | null;
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSourceLike;
  /** Delay before re-opening a stream the browser gave up on; grows up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

const CLOSED = 2;

function failure(code: ErrorBody['code'], message: string): Envelope<unknown> {
  return { ok: false, error: { code, message } };
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'result' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (ERROR_CODES as readonly unknown[]).includes(error.code) &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/**
 * The headless host's transport: calls are `POST /api/<method>` with a JSON body, events arrive
 * over one Server-Sent-Events stream at `/events`. Browsers re-open an interrupted SSE stream by
 * themselves, but give up for good on an HTTP error (e.g. the host restarting behind a proxy), so
 * a closed stream is re-opened here with a capped back-off.
 */
export function createHostTransport(options: HostTransportOptions = {}): Transport {
  const baseUrl = options.baseUrl ?? '';
  const token = options.token ?? null;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const openStream = options.createEventSource ?? ((url: string) => new EventSource(url) as unknown as EventSourceLike);
  const retryMs = options.retryMs ?? 1000;
  const maxRetryMs = options.maxRetryMs ?? 15_000;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let source: EventSourceLike | null = null;
  let connected = false;
  let retryHandle: unknown = null;
  let nextRetry = retryMs;

  const setConnected = (value: boolean) => {
    if (value === connected) return;
    connected = value;
    for (const listener of connectionListeners) listener(value);
  };

  const streamUrl = () => `${baseUrl}/events${token ? `?token=${encodeURIComponent(token)}` : ''}`;

  const open = () => {
    retryHandle = null;
    const stream = openStream(streamUrl());
    source = stream;
    stream.onopen = () => {
      nextRetry = retryMs;
      setConnected(true);
    };
    stream.onerror = () => {
      setConnected(false);
      if (stream.readyState === CLOSED && source === stream) {
        stream.close();
        source = null;
        retryHandle = setTimer(open, nextRetry);
        nextRetry = Math.min(nextRetry * 2, maxRetryMs);
      }
    };
    for (const name of EVENT_NAMES) {
      stream.addEventListener(name, (event) => {
        let payload: unknown;
        try {
          payload = JSON.parse(String(event.data));
        } catch {
          return;
        }
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  };

  const ensureOpen = () => {
    if (!source && retryHandle === null) open();
  };

  return {
    async invoke(method, input) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return failure('unavailable', `Cannot reach Floorwatch: ${error instanceof Error ? error.message : String(error)}`);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return failure(response.status === 401 || response.status === 403 ? 'forbidden' : 'internal', `Unexpected reply (HTTP ${response.status})`);
      }
      return isEnvelope(body) ? body : failure('internal', `Unexpected reply (HTTP ${response.status})`);
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      ensureOpen();
      return () => {
        set.delete(listener);
      };
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      ensureOpen();
      listener(connected);
      return () => {
        connectionListeners.delete(listener);
      };
    },
  };
}
