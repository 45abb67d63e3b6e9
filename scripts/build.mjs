// Builds everything the app runs from: the renderer (Vite) into build/renderer and the main
// entries (esbuild) into build/main. Native and npm modules stay external: better-sqlite3 must be
// loaded from node_modules (rebuilt for Electron at packaging time).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);

if (want('renderer')) {
  const vite = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}

if (want('main')) {
  fs.mkdirSync(path.join(root, 'build/main'), { recursive: true });
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };
  const entries = [
    { entryPoints: ['main/cli/index.ts'], outfile: 'build/main/cli.js', format: 'esm', packages: 'external' },
    // Imports run in a worker thread beside whichever bundle started them.
    { entryPoints: ['main/core/ingest/import/worker.ts'], outfile: 'build/main/import-worker.js', format: 'esm', packages: 'external' },
    { entryPoints: ['main/electron/main.ts'], outfile: 'build/main/electron.js', format: 'esm', packages: 'external' },
    // A sandboxed preload cannot load npm modules: bundle everything but electron, as CommonJS.
    { entryPoints: ['main/electron/preload.ts'], outfile: 'build/main/preload.cjs', format: 'cjs', external: ['electron'], minify: true },
  ].filter((e) => fs.existsSync(path.join(root, e.entryPoints[0])));
  await Promise.all(entries.map((e) => build({ ...common, ...e })));
  fs.chmodSync(path.join(root, 'build/main/cli.js'), 0o755);
}
