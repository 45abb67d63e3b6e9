import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import type { Access } from '../../shared/contract/api';
import type { Envelope, ErrorCode } from '../../shared/contract/errors';
import type { Core } from '../core/types';
import type { IngestEvent } from '../core/ingest/events';
import { createFeedTranslator, createNdjsonParser } from '../core/ingest/ndjson';

/** What the host needs of the core: the contract, its events, and where uploads go. */
export type HostCore = Pick<Core, 'dispatcher' | 'events' | 'ingest'> & { uploadsDir: string };
import { bearerToken, CONTENT_SECURITY_POLICY, isAllowedHostHeader, isLoopbackAddress, isPublicBind, tokenMatches } from './security';
import { serveStatic } from './static';

export interface HostOptions {
  core: HostCore;
  host?: string;
  port?: number;
  /** Required to bind a non-loopback address; LAN clients present it and get read-only access. */
  token?: string | null;
  /** The built renderer (index.html + assets). */
  staticDir: string;
  log?: (message: string) => void;
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export class HostConfigError extends Error {}

const MAX_BODY = 1024 * 1024;
const STATUS: Record<ErrorCode, number> = {
  'bad-input': 400,
  'unknown-method': 404,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function fail(res: http.ServerResponse, code: ErrorCode, message: string) {
  const envelope: Envelope<never> = { ok: false, error: { code, message } };
  sendJson(res, STATUS[code], envelope);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('Request body too large (limit 1 MB).'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The headless host: the same contract as the Electron IPC, over HTTP (POST /api/<method>) and
 * Server-Sent Events (GET /events), plus the built console. It is what end-to-end tests drive
 * with Chromium, and what a TV or a Raspberry Pi browser shows as a wall-board.
 */
export function startHost(options: HostOptions): Promise<RunningHost> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 4780;
  const publicBind = isPublicBind(host);
  const token = options.token ?? null;
  const log = options.log ?? (() => undefined);
  if (publicBind && !token) {
    return Promise.reject(
      new HostConfigError(`Refusing to listen on ${host} without an access token: LAN clients could read your floor. Add --token <secret>, or bind 127.0.0.1.`),
    );
  }

  const clients = new Set<http.ServerResponse>();
  const offEvents = options.core.events.onAny((name, payload) => {
    if (clients.size === 0) return;
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const c of clients) c.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) fail(res, 'internal', 'Request failed.');
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!isAllowedHostHeader(req.headers.host, publicBind)) {
      fail(res, 'forbidden', 'Unexpected Host header.');
      return;
    }
    const loopback = isLoopbackAddress(req.socket.remoteAddress);
    const presented = bearerToken(req.headers.authorization, url);
    const authorised = loopback || tokenMatches(presented, token);
    // Remote wall-boards read; only this machine may change data.
    const access: Access = loopback ? 'write' : 'read';

    if (url.pathname === '/healthz') {
      sendJson(res, 200, { ok: true });
      return;
    }
    if (url.pathname.startsWith('/api/') || url.pathname === '/events') {
      if (!authorised) {
        fail(res, 'forbidden', 'Access token required: open the page with ?token=<token> as given to `floorwatch serve --token`.');
        return;
      }
    }

    if (url.pathname === '/feed') {
      await feed(req, res, presented);
      return;
    }

    if (url.pathname === '/upload') {
      await upload(req, res, loopback && authorised, url);
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        fail(res, 'bad-input', 'API calls are POST requests with a JSON body.');
        return;
      }
      // Cross-site pages must not drive a local console through the browser.
      const origin = req.headers.origin;
      if (origin && origin !== `http://${req.headers.host}`) {
        fail(res, 'forbidden', 'Cross-origin API calls are not allowed.');
        return;
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        fail(res, 'bad-input', 'Send the input as application/json.');
        return;
      }
      let input: unknown;
      try {
        const text = await readBody(req);
        input = text.trim() === '' ? {} : JSON.parse(text);
      } catch (error) {
        fail(res, 'bad-input', `Body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const envelope = await options.core.dispatcher.call(method, input, { access });
      sendJson(res, envelope.ok ? 200 : STATUS[envelope.error.code], envelope);
      return;
    }

    if (url.pathname === '/events') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      const first = await options.core.dispatcher.call('live.snapshot', {}, { access });
      if (first.ok) res.write(`event: live.snapshot\ndata: ${JSON.stringify(first.result)}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    serveStatic(options.staticDir, url.pathname, res, SECURITY_HEADERS);
  }

  // One translator for the endpoint's lifetime: `closed` needs to know which ids were answered.
  const feedTranslator = createFeedTranslator({ source: 'feed:http' });

  /**
   * The NDJSON event feed over HTTP (DESIGN §8): POST lines of JSON, one event each. It changes
   * data, so it always needs the access token, even from this machine.
   */
  async function feed(req: http.IncomingMessage, res: http.ServerResponse, presentedToken: string | null) {
    if (!token) {
      fail(res, 'forbidden', 'The event feed needs an access token: start the host with --token <secret> and send it as "Authorization: Bearer <secret>".');
      return;
    }
    if (!tokenMatches(presentedToken, token)) {
      fail(res, 'forbidden', 'Wrong or missing access token for the event feed.');
      return;
    }
    if (req.method !== 'POST') {
      fail(res, 'bad-input', 'Send events with POST, one JSON object per line (application/x-ndjson).');
      return;
    }
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      fail(res, 'bad-input', error instanceof Error ? error.message : String(error));
      return;
    }
    const events: IngestEvent[] = [];
    const rejected: { line: number; reason: string }[] = [];
    const parser = createNdjsonParser({
      source: 'feed:http',
      translator: feedTranslator,
      onEvent: (e) => events.push(e),
      onReject: (r) => rejected.push({ line: r.lineNo, reason: r.reason }),
    });
    parser.push(text);
    parser.end({ includeUnterminated: true });
    if (events.length) options.core.ingest(events);
    sendJson(res, rejected.length && !events.length ? 400 : 200, { ok: true, result: { accepted: events.length, rejected } });
  }

  /**
   * A file dropped on the browser console is streamed here (never held in memory), then imported
   * with `import.start { uploadId }`. Only this machine may upload.
   */
  async function upload(req: http.IncomingMessage, res: http.ServerResponse, allowed: boolean, url: URL) {
    if (!allowed) {
      fail(res, 'forbidden', 'Only the console on this machine can upload files.');
      return;
    }
    if (req.method !== 'POST') {
      fail(res, 'bad-input', 'Upload with POST and the file as the body.');
      return;
    }
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}`) {
      fail(res, 'forbidden', 'Cross-origin uploads are not allowed.');
      return;
    }
    const dir = options.core.uploadsDir;
    fs.mkdirSync(dir, { recursive: true });
    const uploadId = crypto.randomBytes(16).toString('hex');
    const target = path.join(dir, uploadId);
    try {
      await pipeline(req, fs.createWriteStream(target, { flags: 'wx' }));
    } catch (error) {
      fs.rmSync(target, { force: true });
      fail(res, 'internal', `Upload failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    sendJson(res, 200, { ok: true, result: { uploadId, name: (url.searchParams.get('name') ?? '').slice(0, 255), bytes: fs.statSync(target).size } });
  }

  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new HostConfigError(`Port ${port} on ${host} is already in use: pick another with --port.`) : error);
    });
    server.listen(port, host, () => {
      const addr = server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
      resolve({
        url: `http://${shown}:${addr.port}/`,
        port: addr.port,
        close: () =>
          new Promise<void>((done) => {
            clearInterval(heartbeat);
            offEvents();
            for (const c of clients) c.end();
            clients.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
