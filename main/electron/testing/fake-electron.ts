import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A stand-in for the parts of the `electron` module the shell uses, for `vi.mock('electron', …)`.
 * It records what the code under test asked for (window options, loaded URLs, handlers) so tests
 * can assert on the real calls without the Electron binary.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FakeDisplay {
  id: number;
  label: string;
  bounds: Rect;
  workArea: Rect;
  size: { width: number; height: number };
}

export function display(id: number, x: number, width = 1920, height = 1080): FakeDisplay {
  const bounds = { x, y: 0, width, height };
  return { id, label: `Display ${id}`, bounds, workArea: { ...bounds, height: height - 40 }, size: { width, height } };
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame = { frameTreeNodeId: this.id * 100, url: 'app://floorwatch/', parent: null };
  readonly send = vi.fn<(channel: string, ...args: unknown[]) => void>();
  readonly insertCSS = vi.fn(async (_css: string) => 'key');
  readonly reload = vi.fn<() => void>();
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> };
  bounds: Rect;
  kiosk: boolean;
  maximized = false;
  destroyed = false;
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn<() => void>();
  readonly focus = vi.fn<() => void>();
  readonly reload = vi.fn<() => void>();

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    this.bounds = {
      x: typeof options.x === 'number' ? options.x : 100,
      y: typeof options.y === 'number' ? options.y : 100,
      width: typeof options.width === 'number' ? options.width : 800,
      height: typeof options.height === 'number' ? options.height : 600,
    };
    this.kiosk = options.kiosk === true;
    FakeBrowserWindow.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  setBounds(bounds: Rect): void {
    this.bounds = { ...bounds };
  }
  setKiosk(flag: boolean): void {
    this.kiosk = flag;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  /** Mirrors Electron's order: 'close' (bounds still readable), then 'closed', then destroyed. */
  close(): void {
    this.emit('close', { preventDefault() {} });
    this.emit('closed');
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
}

class FakeScreen extends EventEmitter {
  displays: FakeDisplay[] = [display(1, 0)];
  primaryId = 1;
  getAllDisplays(): FakeDisplay[] {
    return [...this.displays];
  }
  getPrimaryDisplay(): FakeDisplay {
    const primary = this.displays.find((d) => d.id === this.primaryId);
    if (!primary) throw new Error('fake screen has no primary display');
    return primary;
  }
  /** Simulates unplugging a monitor, as Electron reports it. */
  unplug(id: number): void {
    const gone = this.displays.find((d) => d.id === id);
    if (!gone) return;
    this.displays = this.displays.filter((d) => d.id !== id);
    this.emit('display-removed', {}, gone);
  }
  plug(added: FakeDisplay): void {
    this.displays.push(added);
    this.emit('display-added', {}, added);
  }
}

class FakePowerSaveBlocker {
  private next = 1;
  readonly active = new Map<number, string>();
  readonly start = vi.fn((type: string) => {
    const id = this.next++;
    this.active.set(id, type);
    return id;
  });
  isStarted(id: number): boolean {
    return this.active.has(id);
  }
  readonly stop = vi.fn((id: number) => this.active.delete(id));
}

export class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, result: null }));
}

export const fake = {
  screen: new FakeScreen(),
  powerSaveBlocker: new FakePowerSaveBlocker(),
  shell: { openExternal: vi.fn(async (_url: string) => undefined) },
  exposed: new Map<string, unknown>(),
  ipcRenderer: new FakeIpcRenderer(),
  reset(): void {
    FakeBrowserWindow.instances = [];
    this.screen.removeAllListeners();
    this.screen.displays = [display(1, 0)];
    this.screen.primaryId = 1;
    this.powerSaveBlocker.active.clear();
    this.powerSaveBlocker.start.mockClear();
    this.powerSaveBlocker.stop.mockClear();
    this.shell.openExternal.mockClear();
  },
};

/** The module object handed to `vi.mock('electron', …)`. */
export const electronModule = {
  BrowserWindow: FakeBrowserWindow,
  screen: fake.screen,
  powerSaveBlocker: fake.powerSaveBlocker,
  shell: fake.shell,
  ipcRenderer: fake.ipcRenderer,
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      fake.exposed.set(key, api);
    },
  },
};

/** A navigation event like Electron's `will-navigate` details. */
export function navigation(url: string): { url: string; preventDefault: () => void; prevented: () => boolean } {
  const preventDefault = vi.fn<() => void>();
  return { url, preventDefault, prevented: () => preventDefault.mock.calls.length > 0 };
}
