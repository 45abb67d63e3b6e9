import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemorySettingsStore } from '../core/settings/file-store';
import { APP_URL, WALLBOARD_URL } from './constants';
import { createWindowRegistry } from './registry';
import { createWindowStateStore, type KeyValueStore } from './settings';
import { display, fake, FakeBrowserWindow, navigation } from './testing/fake-electron';
import { createConsoleWindow, createWallboardWindow, HIDE_CURSOR_CSS, type WindowDeps } from './window';

vi.mock('electron', async () => (await import('./testing/fake-electron')).electronModule);

function memoryKv(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, v) };
}

function makeDeps(overrides: Partial<WindowDeps> = {}): WindowDeps & { kv: ReturnType<typeof memoryKv> } {
  const kv = memoryKv();
  return {
    kv,
    preloadPath: '/app/build/main/preload.cjs',
    registry: createWindowRegistry(),
    windowState: createWindowStateStore(kv),
    settings: createMemorySettingsStore(),
    openExternal: vi.fn(),
    ...overrides,
  };
}

function only(): FakeBrowserWindow {
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  return FakeBrowserWindow.instances[0]!;
}

beforeEach(() => fake.reset());

describe.each([
  ['console', createConsoleWindow],
  ['wall-board', createWallboardWindow],
] as const)('%s window lock-down', (_name, create) => {
  it('isolates the page: context isolation, sandbox, no Node, web security on, our preload', () => {
    create(makeDeps());
    const prefs = only().options.webPreferences ?? {};
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.webviewTag).not.toBe(true);
    expect(prefs.preload).toBe('/app/build/main/preload.cjs');
  });

  it('never navigates away from the app; http(s) links go to the system browser', () => {
    const deps = makeDeps();
    create(deps);
    const contents = only().webContents;
    const away = navigation('https://example.com/phish');
    contents.emit('will-navigate', away);
    expect(away.prevented()).toBe(true);
    expect(deps.openExternal).toHaveBeenCalledWith('https://example.com/phish');

    const file = navigation('file:///etc/passwd');
    contents.emit('will-navigate', file);
    expect(file.prevented()).toBe(true);
    expect(deps.openExternal).toHaveBeenCalledTimes(1);

    const redirect = navigation('https://example.com/redirected');
    contents.emit('will-redirect', redirect);
    expect(redirect.prevented()).toBe(true);

    const inside = navigation('app://floorwatch/#/agents');
    contents.emit('will-navigate', inside);
    expect(inside.prevented()).toBe(false);
  });

  it('denies window.open, opening only safe links externally', () => {
    const deps = makeDeps();
    create(deps);
    const handler = only().webContents.windowOpenHandler;
    expect(handler).not.toBeNull();
    expect(handler!({ url: 'app://floorwatch/#/x' })).toEqual({ action: 'deny' });
    expect(handler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(handler!({ url: 'smb://share/x' })).toEqual({ action: 'deny' });
    expect(deps.openExternal).not.toHaveBeenCalled();
    expect(handler!({ url: 'https://docs.example.org/help' })).toEqual({ action: 'deny' });
    expect(deps.openExternal).toHaveBeenCalledWith('https://docs.example.org/help');
  });

  it('refuses to attach <webview> guests', () => {
    create(makeDeps());
    const event = navigation('');
    only().webContents.emit('will-attach-webview', event);
    expect(event.prevented()).toBe(true);
  });
});

describe('console window', () => {
  it('loads the app origin and gets write access', () => {
    const deps = makeDeps();
    createConsoleWindow(deps);
    const window = only();
    expect(window.loadURL).toHaveBeenCalledWith(APP_URL);
    expect(deps.registry.accessOf(window.webContents.id)).toBe('write');
  });

  it('restores remembered bounds that are still on a connected display, and saves them on close', () => {
    const deps = makeDeps();
    deps.windowState.set('console', { x: 200, y: 150, width: 1300, height: 800, maximized: true });
    createConsoleWindow(deps);
    const window = only();
    expect(window.getBounds()).toEqual({ x: 200, y: 150, width: 1300, height: 800 });
    expect(window.isMaximized()).toBe(true);

    window.setBounds({ x: 10, y: 20, width: 1000, height: 700 });
    window.close();
    expect(deps.windowState.get('console')).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(deps.registry.accessOf(window.webContents.id)).toBeNull();
  });

  it('ignores remembered bounds on a display that is gone', () => {
    const deps = makeDeps();
    deps.windowState.set('console', { x: 2500, y: 100, width: 1200, height: 800, maximized: false });
    createConsoleWindow(deps);
    expect(only().options.x).toBeUndefined();
    expect(only().getBounds().width).toBe(1440);
  });
});

describe('wall-board window', () => {
  it('opens in kiosk mode on the remembered display and loads the wall-board route with read access', () => {
    fake.screen.displays = [display(1, 0), display(7, 1920, 3840, 2160)];
    const deps = makeDeps({ settings: createMemorySettingsStore({ wallboard: { rotateSec: 20, pages: ['channels'], displayId: 7 } }) });
    createWallboardWindow(deps);
    const window = only();
    expect(window.options.kiosk).toBe(true);
    expect(window.getBounds()).toEqual({ x: 1920, y: 0, width: 3840, height: 2160 });
    expect(window.loadURL).toHaveBeenCalledWith(WALLBOARD_URL);
    expect(deps.registry.accessOf(window.webContents.id)).toBe('read');
  });

  it('falls back to the primary display when the remembered one is not connected', () => {
    fake.screen.displays = [display(1, 0), display(2, -1280, 1280, 1024)];
    createWallboardWindow(makeDeps({ settings: createMemorySettingsStore({ wallboard: { rotateSec: 20, pages: ['channels'], displayId: 99 } }) }));
    expect(only().getBounds()).toEqual(display(1, 0).bounds);
  });

  it('hides the cursor after every load', () => {
    createWallboardWindow(makeDeps());
    const contents = only().webContents;
    contents.emit('dom-ready');
    contents.emit('dom-ready');
    expect(contents.insertCSS).toHaveBeenCalledTimes(2);
    expect(contents.insertCSS).toHaveBeenCalledWith(HIDE_CURSOR_CSS);
    expect(HIDE_CURSOR_CSS).toMatch(/cursor:\s*none\s*!important/);
  });

  it('keeps the display awake while open and releases it on close', () => {
    createWallboardWindow(makeDeps());
    expect(fake.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(fake.powerSaveBlocker.active.size).toBe(1);
    only().close();
    expect(fake.powerSaveBlocker.active.size).toBe(0);
  });

  it('moves to the primary display on unplug and comes back when its display returns', () => {
    const tv = display(5, 1920, 1280, 720);
    fake.screen.displays = [display(1, 0), tv];
    createWallboardWindow(makeDeps({ settings: createMemorySettingsStore({ wallboard: { rotateSec: 20, pages: ['channels'], displayId: 5 } }) }));
    const window = only();
    expect(window.getBounds()).toEqual(tv.bounds);

    fake.screen.unplug(5);
    expect(window.getBounds()).toEqual(display(1, 0).bounds);
    expect(window.kiosk).toBe(true);

    fake.screen.plug(display(3, 5000));
    expect(window.getBounds()).toEqual(display(1, 0).bounds);

    fake.screen.plug(tv);
    expect(window.getBounds()).toEqual(tv.bounds);
    expect(window.kiosk).toBe(true);
  });

  it('stops listening to display changes once closed', () => {
    createWallboardWindow(makeDeps());
    expect(fake.screen.listenerCount('display-added')).toBe(1);
    only().close();
    expect(fake.screen.listenerCount('display-added')).toBe(0);
    expect(fake.screen.listenerCount('display-removed')).toBe(0);
    expect(fake.screen.listenerCount('display-metrics-changed')).toBe(0);
  });

  it('reloads after a renderer crash, but not in a loop', () => {
    createWallboardWindow(makeDeps());
    const window = only();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(window.reload).toHaveBeenCalledTimes(1);
  });
});
