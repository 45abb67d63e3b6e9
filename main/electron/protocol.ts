import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './constants';
import { withSecurityHeaders } from './security';

/**
 * Privileges of the `app:` scheme, registered before `ready`. `standard` gives it real origins
 * and relative URL resolution, `secure` makes it a secure context; `supportFetchAPI` lets the page
 * fetch its own files. `corsEnabled` and `bypassCSP` stay off: no other origin may read from it,
 * and our own CSP applies.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an `app://floorwatch/...` URL to a file under `root`, or null when the URL is not ours or
 * would escape `root` (`..`, encoded `%2F..`, backslashes on Windows, NUL bytes, absolute paths).
 */
export function resolveAppFile(root: string, requestUrl: string, pathImpl: path.PlatformPath = path): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const base = pathImpl.resolve(root);
  const full = pathImpl.resolve(base, `.${relative.startsWith('/') ? '' : '/'}${relative}`);
  const rel = pathImpl.relative(base, full);
  if (rel === '' || rel.startsWith('..') || pathImpl.isAbsolute(rel)) return null;
  return full;
}

export interface AppProtocolDeps {
  /** Directory of the built renderer (build/renderer); nothing outside it is ever served. */
  root: string;
  readFile(file: string): Promise<Uint8Array>;
  log?: (message: string) => void;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: flatten(withSecurityHeaders({ 'Content-Type': 'text/plain; charset=utf-8' })),
  });
}

function flatten(headers: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.join(', ')]));
}

/** Handler for `protocol.handle('app', …)`: static files of the renderer, with our CSP. */
export function createAppProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const file = resolveAppFile(deps.root, request.url);
    if (!file) return textResponse(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await deps.readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') deps.log?.(`app:// could not read ${file}: ${String(error)}`);
      return textResponse(404, 'Not found');
    }
    const headers = flatten(withSecurityHeaders({ 'Content-Type': mimeTypeOf(file), 'Cache-Control': 'no-cache' }));
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
