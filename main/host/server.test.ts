import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/contract/client';
import { createCore, type CoreInternals } from '../core/app';
import { manualClock } from '../core/ports';
import { createMemorySettingsStore } from '../core/settings/file-store';
import { httpTransport } from '../../tests/support/http-transport';
import { startHost, type RunningHost } from './server';
import { createSwitchableCore } from './switchable';
import { isAllowedHostHeader, isLoopbackAddress, isPublicBind, tokenMatches } from './security';

const NOW = Date.UTC(2026, 10, 23, 9, 30);
let core: CoreInternals | null = null;
let host: RunningHost | null = null;

afterEach(async () => {
  await host?.close();
  core?.close();
  host = null;
  core = null;
});

async function start(token?: string) {
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Floorwatch</title>');
  core = createCore({ dbPath: ':memory:', settings: createMemorySettingsStore({ timezone: 'Europe/Tallinn' }), clock: manualClock(NOW), host: 'headless', version: '0.0.0-test' });
  core.ingest([
    { kind: 'agent', source: 't', at: NOW - 3_600_000, agent: 'SIP/1001', name: 'Kadri', action: 'login', queue: 'Support' },
    { kind: 'enqueued', source: 't', id: 'a', at: NOW - 30_000, channel: 'voice', queue: 'Support', caller: '+3725551234' },
    { kind: 'enqueued', source: 't', id: 'b', at: NOW - 600_000, channel: 'email', queue: 'Inbox', caller: 'mari@example.ee' },
  ]);
  host = await startHost({ core, port: 0, staticDir, token });
  return host;
}

describe('headless host', () => {
  it('gives the same result through HTTP as through the in-process dispatcher (contract round trip)', async () => {
    const h = await start();
    const viaHttp = createClient(httpTransport(h.url));
    const inProcess = createClient({ invoke: (m, i) => core!.dispatcher.call(m, i, { access: 'write' }), on: () => () => undefined });
    for (const method of ['live.snapshot', 'settings.get', 'simulator.status'] as const) {
      expect(await viaHttp.call(method, {})).toEqual(await inProcess.call(method, {}));
    }
    const snap = await viaHttp.call('live.snapshot', {});
    // Voice waited 30 s of 20 s (urgency 1.5), email 10 min of 4 h (0.04).
    expect(snap.waiting.map((w) => w.channel)).toEqual(['voice', 'email']);
    expect(snap.waitingTotal).toBe(2);
    const updated = await viaHttp.call('settings.update', { staleAfterSec: 12 });
    expect(updated.staleAfterSec).toBe(12);
    expect((await inProcess.call('settings.get', {})).staleAfterSec).toBe(12);
  });

  it('returns typed errors with HTTP status codes', async () => {
    const h = await start();
    const bad = await fetch(new URL('api/settings.update', h.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"timezone":"Mars/Olympus"}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'bad-input', issues: [{ path: 'timezone' }] } });
    const unknown = await fetch(new URL('api/nope', h.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unknown.status).toBe(404);
    const notJson = await fetch(new URL('api/app.info', h.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    const crossSite = await fetch(new URL('api/app.info', h.url), { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: '{}' });
    expect(crossSite.status).toBe(403);
  });

  it('serves the console with a strict CSP and refuses path traversal', async () => {
    const h = await start();
    const page = await fetch(h.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const res = await fetch(new URL('/..%2f..%2fetc%2fpasswd', h.url));
    expect([403, 404]).toContain(res.status);
  });

  it('streams live snapshots over Server-Sent Events', async () => {
    const h = await start();
    const controller = new AbortController();
    const res = await fetch(new URL('events', h.url), { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: live.snapshot')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toMatch(/event: live.snapshot\ndata: \{/);
  });

  it('refuses a LAN bind without a token', async () => {
    core = createCore({ dbPath: ':memory:', settings: createMemorySettingsStore(), host: 'headless', version: '0' });
    await expect(startHost({ core, host: '0.0.0.0', port: 0, staticDir: os.tmpdir() })).rejects.toThrow(/without an access token/);
  });
});

describe('host security helpers', () => {
  it('tells loopback from LAN', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('192.168.1.5')).toBe(false);
    expect(isPublicBind('0.0.0.0')).toBe(true);
    expect(isPublicBind('localhost')).toBe(false);
  });
  it('checks Host headers against DNS rebinding on loopback binds', () => {
    expect(isAllowedHostHeader('127.0.0.1:4780', false)).toBe(true);
    expect(isAllowedHostHeader('localhost:4780', false)).toBe(true);
    expect(isAllowedHostHeader('[::1]:4780', false)).toBe(true);
    expect(isAllowedHostHeader('attacker.example:4780', false)).toBe(false);
    expect(isAllowedHostHeader(undefined, false)).toBe(false);
  });
  it('compares tokens exactly', () => {
    expect(tokenMatches('secret-token', 'secret-token')).toBe(true);
    expect(tokenMatches('secret-tokeN', 'secret-token')).toBe(false);
    expect(tokenMatches('', 'secret-token')).toBe(false);
    expect(tokenMatches('x', null)).toBe(false);
  });
});

describe('NDJSON feed endpoint', () => {
  it('needs the access token and imports good lines, reporting bad ones by line number', async () => {
    const h = await start('feed-secret-123');
    const body = [
      JSON.stringify({ type: 'enqueued', id: 'chat-1', channel: 'chat', queue: 'Web chat', at: new Date(NOW - 20_000).toISOString(), customer: 'ann' }),
      '{broken',
      JSON.stringify({ type: 'answered', id: 'chat-1', agent: 'Kadri', at: new Date(NOW - 5000).toISOString() }),
    ].join('\n');
    const denied = await fetch(new URL('feed', h.url), { method: 'POST', body });
    expect(denied.status).toBe(403);
    const res = await fetch(new URL('feed', h.url), { method: 'POST', body, headers: { authorization: 'Bearer feed-secret-123' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, result: { accepted: 2, rejected: [{ line: 2 }] } });
    expect(core!.db.prepare("SELECT channel, answer_at IS NOT NULL AS answered FROM contacts WHERE source_id = 'chat-1'").get()).toEqual({ channel: 'chat', answered: 1 });
  });
});

describe('switching the database of a running host', () => {
  it('serves the other file after files.open, and refuses a file from a newer version', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-switch-'));
    const other = createCore({ dbPath: path.join(dir, 'other.sqlite'), settings: createMemorySettingsStore(), host: 'headless', version: 't' });
    other.ingest([{ kind: 'enqueued', source: 't', id: 'x', at: NOW - 1000, channel: 'sms', queue: 'SMS', caller: 'c' }]);
    other.close();
    const switchable = createSwitchableCore(
      (dbPath, switchDatabase) => createCore({ dbPath, settings: createMemorySettingsStore(), clock: manualClock(NOW), host: 'headless', version: 't', switchDatabase }),
      path.join(dir, 'first.sqlite'),
    );
    try {
      const seen: string[] = [];
      switchable.facade.events.on('live.snapshot', (s) => seen.push(String(s.waitingTotal)));
      const r = await switchable.facade.dispatcher.call('files.open', { path: path.join(dir, 'other.sqlite') }, { access: 'write' });
      expect(r).toMatchObject({ ok: true, result: { contacts: 1 } });
      const info = await switchable.facade.dispatcher.call('app.info', {}, { access: 'read' });
      expect(info).toMatchObject({ ok: true, result: { dbPath: path.join(dir, 'other.sqlite') } });
      // Events of the new core reach the host's subscribers.
      switchable.current().ingest([{ kind: 'enqueued', source: 't', id: 'y', at: NOW, channel: 'sms', queue: 'SMS', caller: 'd' }]);
      await expect.poll(() => seen.at(-1)).toBe('2');

      const Database = (await import('better-sqlite3')).default;
      const newer = new Database(path.join(dir, 'newer.sqlite'));
      newer.pragma('user_version = 999');
      newer.close();
      const refused = await switchable.facade.dispatcher.call('files.open', { path: path.join(dir, 'newer.sqlite') }, { access: 'write' });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.message).toMatch(/newer Floorwatch/);
    } finally {
      switchable.close();
    }
  });
});
