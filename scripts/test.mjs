// `npm test`: typecheck, lint, unit/db tests, build, the web end-to-end suite in Debian's
// Chromium against `floorwatch serve`, and the Electron suite (which skips itself, saying why,
// when the Electron binary is absent). Every step runs; the last line sums up all tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const bin = (name) => path.join(root, 'node_modules/.bin', name);

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function step(name, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${name}: ${[path.basename(cmd), ...args].join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  process.stdout.write(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (!ok) failedSteps.push(name);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function countVitest(file) {
  const j = readJson(file);
  if (!j) return;
  totals.passed += j.numPassedTests ?? 0;
  totals.failed += j.numFailedTests ?? 0;
  totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}

function countPlaywright(file) {
  const j = readJson(file);
  if (!j?.stats) return;
  totals.passed += (j.stats.expected ?? 0) + (j.stats.flaky ?? 0);
  totals.failed += j.stats.unexpected ?? 0;
  totals.skipped += j.stats.skipped ?? 0;
}

step('typecheck', 'npm', ['run', '-s', 'typecheck']);
step('lint', bin('eslint'), ['--max-warnings', '0', '.']);

const vitestJson = path.join(tmp, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
step('unit and db tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
countVitest(vitestJson);

if (step('build', process.execPath, [path.join(root, 'scripts/build.mjs')])) {
  for (const [name, config, out] of [
    ['web end-to-end (Chromium vs floorwatch serve)', 'tests/e2e-web/playwright.config.ts', 'e2e-web.json'],
    ['Electron end-to-end', 'tests/e2e-electron/playwright.config.ts', 'e2e-electron.json'],
  ]) {
    if (!fs.existsSync(path.join(root, config))) continue;
    const outFile = path.join(tmp, out);
    fs.rmSync(outFile, { force: true });
    step(name, bin('playwright'), ['test', '-c', config, '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: outFile });
    countPlaywright(outFile);
  }
}

if (failedSteps.length) process.stdout.write(`\nFailed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
