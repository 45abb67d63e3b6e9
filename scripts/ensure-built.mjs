// `npm run cli` runs the CLI from source; the console it serves is the built renderer. Rebuild it
// when it is missing or older than its sources, so `serve` never shows a stale or absent UI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'build/renderer/index.html');

function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const sourcesAt = Math.max(newest(path.join(root, 'renderer')), newest(path.join(root, 'shared')), fs.statSync(path.join(root, 'vite.config.ts'), { throwIfNoEntry: false })?.mtimeMs ?? 0);
const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
if (builtAt < sourcesAt) {
  process.stderr.write('Building the console (renderer)…\n');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), 'renderer'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
