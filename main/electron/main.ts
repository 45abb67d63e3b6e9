import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import { createCore } from '../core/app';
import { createSwitchableCore } from '../host/switchable';
import { DB_FILE_NAME } from '../core/paths';
import type { Core } from '../core/types';
import { APP_SCHEME } from './constants';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { dataDirOverride, simulateOption } from './options';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { createWindowRegistry } from './registry';
import { hardenSession, hardenWebContents, isSafeExternalUrl } from './security';
import { createElectronSettingsStore, createWindowStateStore } from './settings';
import { openElectronStore } from './store';
import { createConsoleWindow, createWallboardWindow, moveWallboard, type WindowDeps } from './window';

// Bundled to build/main/electron.js: the preload sits beside it, the renderer in build/renderer.
const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = path.join(here, 'preload.cjs');
const RENDERER_DIR = path.join(here, '..', 'renderer');
const ICON_PATH = path.join(here, '..', '..', 'assets', 'icon.png');

const log = (message: string) => console.error(`[floorwatch] ${message}`);
const openExternal = (url: string) => (isSafeExternalUrl(url) ? shell.openExternal(url) : undefined);

// All of this must happen before `ready`.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME_PRIVILEGES.scheme, privileges: { ...APP_SCHEME_PRIVILEGES.privileges } }]);
const dataDir = dataDirOverride(process.env);
if (dataDir) app.setPath('userData', path.resolve(dataDir));
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));

/** What shutdown needs of the running core(s). */
let core: Pick<Core, 'close' | 'stopSources'> | null = null;
let disposeIpc: (() => void) | null = null;
let consoleWindow: BrowserWindow | null = null;
let wallboard: BrowserWindow | null = null;
let deps: WindowDeps | null = null;

function alive(window: BrowserWindow | null): window is BrowserWindow {
  return window !== null && !window.isDestroyed();
}

function showConsole(): void {
  if (!deps) return;
  if (!alive(consoleWindow)) {
    consoleWindow = createConsoleWindow(deps);
    return;
  }
  if (consoleWindow.isMinimized()) consoleWindow.restore();
  consoleWindow.show();
  consoleWindow.focus();
}

function openWallboard(displayId: number | null): void {
  if (!deps) return;
  const { settings } = deps;
  if (displayId !== null) settings.update({ wallboard: { ...settings.get().wallboard, displayId } });
  if (alive(wallboard)) {
    moveWallboard(wallboard, settings);
    wallboard.focus();
  } else {
    const created = createWallboardWindow(deps);
    wallboard = created;
    created.once('closed', () => {
      if (wallboard === created) wallboard = null;
      refreshMenu();
    });
  }
  refreshMenu();
}

function refreshMenu(): void {
  const primary = screen.getPrimaryDisplay();
  const template = buildMenuTemplate({
    isPackaged: app.isPackaged,
    platform: process.platform,
    displays: screen.getAllDisplays(),
    primaryDisplayId: primary.id,
    openWallboard,
    closeWallboard: () => {
      if (alive(wallboard)) wallboard.close();
    },
    wallboardOpen: alive(wallboard),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function shutdown(): void {
  disposeIpc?.();
  disposeIpc = null;
  try {
    core?.close();
  } catch (error) {
    log(`closing the core failed: ${String(error)}`);
  }
  core = null;
}

async function start(): Promise<void> {
  await app.whenReady();
  const userData = app.getPath('userData');
  const store = openElectronStore(userData, log);
  const settings = createElectronSettingsStore(store, log);

  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: RENDERER_DIR, readFile: (file) => fsp.readFile(file), log }));

  const home = path.join(userData, DB_FILE_NAME);
  // Windows talk to a facade, so Review → "open another database" can swap the core under them.
  const switchable = createSwitchableCore(
    (dbPath, switchDatabase) =>
      createCore({
        dbPath,
        settings,
        host: 'electron',
        version: app.getVersion(),
        // Never simulate into a file opened later (a colleague's database, a backup).
        simulate: dbPath === home ? simulateOption(process.argv, process.env) : false,
        log,
        switchDatabase,
      }),
    home,
    log,
  );
  core = { close: () => switchable.close(), stopSources: () => switchable.stopSources() };

  const registry = createWindowRegistry();
  disposeIpc = registerIpc({ ipcMain, core: switchable.facade, registry, log });
  deps = {
    preloadPath: PRELOAD_PATH,
    registry,
    windowState: createWindowStateStore(store),
    settings,
    openExternal,
    ...(fs.existsSync(ICON_PATH) ? { icon: ICON_PATH } : {}),
    log,
  };

  app.setAboutPanelOptions({ applicationName: 'Floorwatch', applicationVersion: app.getVersion() });
  screen.on('display-added', refreshMenu);
  screen.on('display-removed', refreshMenu);
  refreshMenu();
  showConsole();
}

if (!app.requestSingleInstanceLock()) {
  // Another Floorwatch owns the database; its 'second-instance' handler brings its window forward.
  app.quit();
} else {
  app.on('second-instance', showConsole);
  app.on('activate', showConsole);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let sourcesStopped = false;
  app.on('will-quit', (event) => {
    if (sourcesStopped || core === null) return shutdown();
    // Live sources first write what they still hold (an AMI source its callers' outcomes), for at
    // most a few seconds, then the database closes and the quit goes on.
    event.preventDefault();
    sourcesStopped = true;
    void Promise.race([core.stopSources(), new Promise<void>((resolve) => setTimeout(resolve, 5000))])
      .catch((error: unknown) => log(`stopping the live sources failed: ${String(error)}`))
      .finally(() => {
        shutdown();
        app.quit();
      });
  });
  start().catch((error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`start-up failed: ${message}`);
    dialog.showErrorBox('Floorwatch could not start', error instanceof Error ? error.message : String(error));
    shutdown();
    app.exit(1);
  });
}
