import { describe, expect, it, vi } from 'vitest';
import { ApiError, createClient } from '../../../shared/contract';
import { createHostTransport, type EventSourceLike } from './host-transport';
import { resolveAccessToken } from './token';

class FakeEventSource implements EventSourceLike {
  static opened: FakeEventSource[] = [];
  readyState = 0;
  onopen: EventSourceLike['onopen'] = null;
  onerror: EventSourceLike['onerror'] = null;
  listeners = new Map<string, ((ev: MessageEvent) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (ev: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.call(this, new Event('open'));
  }
  fail(readyState: number) {
    this.readyState = readyState;
    this.onerror?.call(this, new Event('error'));
  }
  send(type: string, data: string) {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }));
  }
}

function setup(token: string | null = null) {
  FakeEventSource.opened = [];
  const timers: (() => void)[] = [];
  const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => new Response(JSON.stringify({ ok: true, result: { running: true } })));
  const transport = createHostTransport({
    token,
    fetch: fetch as unknown as typeof globalThis.fetch,
    createEventSource: (url) => new FakeEventSource(url),
    setTimer: (fn) => timers.push(fn),
  });
  return { transport, fetch, timers };
}

describe('host transport', () => {
  it('POSTs /api/<method> with a JSON body and the bearer token', async () => {
    const { transport, fetch } = setup('s3cret');
    const envelope = await transport.invoke('simulator.setRunning', { running: true });
    expect(envelope).toEqual({ ok: true, result: { running: true } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/simulator.setRunning');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"running":true}');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer s3cret');
  });

  it('turns network failures and non-envelope replies into error envelopes', async () => {
    const transport = createHostTransport({
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof globalThis.fetch,
      createEventSource: (url) => new FakeEventSource(url),
    });
    const client = createClient(transport);
    await expect(client.call('app.info', {})).rejects.toMatchObject({ name: 'ApiError', code: 'unavailable' });

    const html = createHostTransport({ fetch: (async () => new Response('<html>', { status: 502 })) as typeof globalThis.fetch });
    const envelope = await html.invoke('app.info', {});
    expect(envelope.ok).toBe(false);
  });

  it('passes bad-input issues through to ApiError', async () => {
    const body = { ok: false, error: { code: 'bad-input', message: 'bad', issues: [{ path: 'staleAfterSec', message: 'Too small' }] } };
    const transport = createHostTransport({ fetch: (async () => new Response(JSON.stringify(body), { status: 400 })) as typeof globalThis.fetch });
    const error = await createClient(transport)
      .call('settings.update', { staleAfterSec: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).issues).toEqual([{ path: 'staleAfterSec', message: 'Too small' }]);
  });

  it('opens one SSE stream with the token, dispatches named events and reports the connection', () => {
    const { transport } = setup('a b');
    const states: boolean[] = [];
    const snapshots: unknown[] = [];
    transport.onConnection?.((c) => states.push(c));
    transport.on('live.snapshot', (p) => snapshots.push(p));
    transport.on('settings.changed', () => undefined);
    expect(FakeEventSource.opened).toHaveLength(1);
    const stream = FakeEventSource.opened[0]!;
    expect(stream.url).toBe('/events?token=a%20b');
    stream.open();
    stream.send('live.snapshot', '{"at":1}');
    stream.send('live.snapshot', 'not json');
    expect(snapshots).toEqual([{ at: 1 }]);
    stream.fail(0); // the browser is retrying by itself
    expect(states).toEqual([false, true, false]);
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it('re-opens a stream the browser gave up on', () => {
    const { transport, timers } = setup();
    const states: boolean[] = [];
    transport.onConnection?.((c) => states.push(c));
    const first = FakeEventSource.opened[0]!;
    first.open();
    first.fail(2);
    expect(first.closed).toBe(true);
    expect(timers).toHaveLength(1);
    timers[0]!();
    expect(FakeEventSource.opened).toHaveLength(2);
    FakeEventSource.opened[1]!.open();
    expect(states).toEqual([false, true, false, true]);
  });
});

describe('access token', () => {
  it('moves the URL token into session storage and reads it back later', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(resolveAccessToken('?token=T1', storage)).toBe('T1');
    expect(resolveAccessToken('', storage)).toBe('T1');
    expect(resolveAccessToken('?token=T2', storage)).toBe('T2');
    expect(resolveAccessToken('', null)).toBeNull();
  });
});
