import { BrowserWindow, powerSaveBlocker, screen, shell, type Display, type WebPreferences } from 'electron';
import type { SettingsStore } from '../core/ports';
import { isVisibleOnDisplays, pickDisplay, sameRect } from './bounds';
import { APP_URL, WALLBOARD_URL } from './constants';
import type { WindowRegistry } from './registry';
import { hardenWebContents, type OpenExternal } from './security';
import type { WindowStateStore } from './settings';

export interface WindowDeps {
  /** Absolute path of the bundled preload (build/main/preload.cjs). */
  preloadPath: string;
  registry: WindowRegistry;
  windowState: WindowStateStore;
  settings: SettingsStore;
  openExternal?: OpenExternal;
  /** Window icon (Linux shows it in the task bar; packaged builds get theirs from the installer). */
  icon?: string;
  log?: (message: string) => void;
}

/** Dark like the renderer's default theme, so no white flash before the first paint. */
const BACKGROUND = '#0f1419';
const CONSOLE_STATE_KEY = 'console';
const RECOVERY_INTERVAL_MS = 10_000;
export const HIDE_CURSOR_CSS = '* { cursor: none !important; }';

/**
 * The same lock-down for every window, in every mode (tests included): the page is untrusted
 * content that reaches the main process only through the preload's two functions.
 */
export function lockedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

function openExternalOf(deps: WindowDeps): OpenExternal {
  return deps.openExternal ?? ((url) => shell.openExternal(url));
}

function loadApp(window: BrowserWindow, url: string, log: (message: string) => void): void {
  window.loadURL(url).catch((error: unknown) => log(`could not load ${url}: ${String(error)}`));
}

/** The supervisor console: restores its last bounds if they are still on a connected display. */
export function createConsoleWindow(deps: WindowDeps): BrowserWindow {
  const log = deps.log ?? (() => undefined);
  const saved = deps.windowState.get(CONSOLE_STATE_KEY);
  const restore = saved && isVisibleOnDisplays(saved, screen.getAllDisplays()) ? saved : null;
  const window = new BrowserWindow({
    ...(restore ? { x: restore.x, y: restore.y, width: restore.width, height: restore.height } : { width: 1440, height: 900 }),
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Floorwatch',
    ...(deps.icon ? { icon: deps.icon } : {}),
    backgroundColor: BACKGROUND,
    webPreferences: lockedWebPreferences(deps.preloadPath),
  });
  hardenWebContents(window.webContents, openExternalOf(deps));
  deps.registry.add(window, 'write');
  if (restore?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const b = window.getNormalBounds();
    deps.windowState.set(CONSOLE_STATE_KEY, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: window.isMaximized() });
  });
  loadApp(window, APP_URL, log);
  return window;
}

function targetDisplay(settings: SettingsStore): Display {
  return pickDisplay(screen.getAllDisplays(), settings.get().wallboard.displayId, screen.getPrimaryDisplay());
}

/** Kiosk windows ignore setBounds on some platforms, so kiosk is lifted for the move. */
function placeOn(window: BrowserWindow, display: Display): void {
  if (window.isDestroyed() || sameRect(window.getBounds(), display.bounds)) return;
  window.setKiosk(false);
  window.setBounds(display.bounds);
  window.setKiosk(true);
}

/**
 * A full-screen wall-board on the display chosen in `settings.wallboard.displayId` (primary when
 * unset or not connected). It keeps the screen awake, hides the pointer, and follows its display:
 * unplugged, it moves to the primary display; plugged back in, it returns by itself.
 */
export function createWallboardWindow(deps: WindowDeps): BrowserWindow {
  const log = deps.log ?? (() => undefined);
  const display = targetDisplay(deps.settings);
  const window = new BrowserWindow({
    ...display.bounds,
    kiosk: true,
    frame: false,
    autoHideMenuBar: true,
    show: false,
    title: 'Floorwatch wall-board',
    backgroundColor: BACKGROUND,
    webPreferences: lockedWebPreferences(deps.preloadPath),
  });
  hardenWebContents(window.webContents, openExternalOf(deps));
  // A wall-board only shows figures; it gets read access even though it is our own window.
  deps.registry.add(window, 'read');
  window.once('ready-to-show', () => window.show());
  // insertCSS lasts for one document only, so it is applied again after every (re)load.
  window.webContents.on('dom-ready', () => {
    window.webContents.insertCSS(HIDE_CURSOR_CSS).catch((error: unknown) => log(`could not hide the cursor: ${String(error)}`));
  });

  // A board on a TV has nobody to press reload: recover from a renderer crash, but never in a loop.
  let lastRecovery = 0;
  window.webContents.on('render-process-gone', (_event, details) => {
    log(`wall-board renderer gone: ${details.reason}`);
    const now = Date.now();
    if (details.reason === 'clean-exit' || now - lastRecovery < RECOVERY_INTERVAL_MS || window.isDestroyed()) return;
    lastRecovery = now;
    window.reload();
  });

  const blocker = powerSaveBlocker.start('prevent-display-sleep');

  const onAdded = (_event: unknown, added: Display) => {
    if (added.id === deps.settings.get().wallboard.displayId) placeOn(window, added);
  };
  const onRemoved = () => placeOn(window, targetDisplay(deps.settings));
  const onMetrics = (_event: unknown, changed: Display) => {
    if (changed.id === targetDisplay(deps.settings).id) placeOn(window, changed);
  };
  screen.on('display-added', onAdded);
  screen.on('display-removed', onRemoved);
  screen.on('display-metrics-changed', onMetrics);

  window.once('closed', () => {
    if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
    screen.off('display-added', onAdded);
    screen.off('display-removed', onRemoved);
    screen.off('display-metrics-changed', onMetrics);
  });
  loadApp(window, WALLBOARD_URL, log);
  return window;
}

/** Moves an open wall-board to the display now chosen in settings. */
export function moveWallboard(window: BrowserWindow, settings: SettingsStore): void {
  placeOn(window, targetDisplay(settings));
}
