import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

/** Serves the built renderer; refuses anything outside `root`. */
export function serveStatic(root: string, pathname: string, res: http.ServerResponse, headers: Record<string, string>): void {
  const rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  const file = path.resolve(root, `.${path.posix.normalize(rel)}`);
  if (!file.startsWith(path.resolve(root) + path.sep)) {
    res.writeHead(403, headers).end('Forbidden');
    return;
  }
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) {
      if (pathname === '/' || pathname === '/index.html') {
        res
          .writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
          .end('The Floorwatch console has not been built yet. Run `npm run build`, then start the host again.');
      } else {
        res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      }
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    // Hashed assets are immutable; index.html must always be revalidated.
    const cache = file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { ...headers, 'content-type': type, 'content-length': String(st.size), 'cache-control': cache });
    fs.createReadStream(file).pipe(res);
  });
}
