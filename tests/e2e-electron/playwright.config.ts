import { defineConfig } from '@playwright/test';

/**
 * Desktop-app tests drive the real Electron binary through Playwright's `_electron`. Where the
 * binary is not installed (CI images with ELECTRON_SKIP_BINARY_DOWNLOAD) every test skips and says
 * why; the same behaviour is covered by unit tests with a fake `electron` in main/electron.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // One Electron at a time: the app holds a single-instance lock and each test starts its own.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list', { printSteps: false }]],
  outputDir: '../../test-results/e2e-electron',
});
