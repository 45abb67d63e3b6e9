import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
export const PORT = 4781;

/**
 * The simulator's traffic follows the site's local time of day, like a real floor. To get a busy
 * floor whenever the suite runs, the run's site time zone is one where it is working hours now.
 */
function workingHoursZone(now = new Date()): string {
  const candidates = ['Europe/Tallinn', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Pacific/Auckland', 'Asia/Tokyo', 'Asia/Shanghai', 'Asia/Kolkata', 'Asia/Tehran', 'Europe/London'];
  const score = (zone: string) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' }).formatToParts(now);
    const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
    const weekend = ['Sat', 'Sun'].includes(parts.find((p) => p.type === 'weekday')?.value ?? '');
    return Math.abs(hour + 0.5 - 11) + (weekend ? 12 : 0);
  };
  return [...candidates].sort((a, b) => score(a) - score(b))[0]!;
}

// One fresh data folder per run (database + the settings file beside it). Worker processes load
// this file again; the environment variable makes them reuse the folder instead of making another.
const dataDir = process.env.FLOORWATCH_E2E_DATA ?? fs.mkdtempSync(path.join(os.tmpdir(), 'floorwatch-e2e-'));
if (!process.env.FLOORWATCH_E2E_DATA) {
  process.env.FLOORWATCH_E2E_DATA = dataDir;
  fs.writeFileSync(path.join(dataDir, 'floorwatch.json'), JSON.stringify({ settings: { timezone: workingHoursZone() } }));
}
const dbPath = path.join(dataDir, 'floorwatch.sqlite');

export default defineConfig({
  testDir: here,
  testMatch: '**/*.spec.ts',
  outputDir: path.join(repoRoot, 'test-results', 'e2e-web'),
  // The specs share one host and change its settings: run them one after another.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalSetup: path.join(here, 'global-setup.ts'),
  globalTeardown: path.join(here, 'global-teardown.ts'),
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1920, height: 1080 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `npx tsx main/cli/index.ts serve --simulate --port ${PORT} --db ${JSON.stringify(dbPath)}`,
    cwd: repoRoot,
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
