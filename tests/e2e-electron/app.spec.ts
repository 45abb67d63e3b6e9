import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { FloorwatchBridge } from '../../shared/contract/bridge';
import { findElectronBinary } from './electron-binary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = path.join(root, 'build', 'main', 'electron.js');
const binary = findElectronBinary();

if (!binary.ok) {
  // Printed at collection so the reason shows in every reporter, not only in annotations.
  console.warn(`[e2e-electron] skipping desktop-app tests: ${binary.reason}`);
}

type PageGlobals = { floorwatch?: FloorwatchBridge; require?: unknown; process?: unknown; ipcRenderer?: unknown };

test.describe('desktop app', () => {
  test.skip(!binary.ok, binary.ok ? '' : binary.reason);

  let app: ElectronApplication;
  let dataDir: string;
  let page: Page;

  test.beforeEach(async () => {
    expect(fs.existsSync(entry), `${entry} is missing: run "npm run build" first`).toBe(true);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'floorwatch-e2e-electron-'));
    app = await _electron.launch({
      args: [entry, '--simulate'],
      cwd: root,
      env: { ...(process.env as Record<string, string>), FLOORWATCH_DATA_DIR: dataDir, FLOORWATCH_SIMULATE: '1', ELECTRON_ENABLE_LOGGING: '1' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterEach(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens the console on the app origin and renders the live screen', async () => {
    await expect(page).toHaveURL(/^app:\/\/floorwatch\//);
    await expect(page).toHaveTitle(/Floorwatch/);
    await expect(page.locator('#main.content--live')).toBeVisible();
    await expect(page.getByTestId('queue-tile').first()).toBeVisible();
    const snapshot = await page.evaluate(() => (globalThis as PageGlobals).floorwatch!.invoke('live.snapshot', {}));
    expect(snapshot.ok, JSON.stringify(snapshot).slice(0, 300)).toBe(true);
  });

  test('gives the page the bridge and nothing of Node or Electron', async () => {
    const shape = await page.evaluate(() => {
      const g = globalThis as PageGlobals;
      return { bridge: Object.keys(g.floorwatch ?? {}).sort(), require: typeof g.require, process: typeof g.process, ipc: typeof g.ipcRenderer };
    });
    expect(shape).toEqual({ bridge: ['invoke', 'on', 'pathForFile'], require: 'undefined', process: 'undefined', ipc: 'undefined' });
    const refused = await page.evaluate(() => (globalThis as PageGlobals).floorwatch!.invoke('no.such.method', {}));
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  test('serves pages with the CSP and refuses inline script', async () => {
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    const ran = await page.evaluate(() => {
      type Doc = { createElement(tag: 'script'): { textContent: string }; head: { append(node: unknown): void } };
      const g = globalThis as unknown as { document: Doc; inlineRan?: boolean };
      const script = g.document.createElement('script');
      script.textContent = 'globalThis.inlineRan = true';
      g.document.head.append(script);
      return g.inlineRan === true;
    });
    expect(ran).toBe(false);
  });
});
