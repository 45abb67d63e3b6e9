import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Handlers } from '../core/api/dispatcher';
import { createEventHub } from '../core/api/event-hub';
import { defaultSettings } from '../../shared/contract/settings';
import { ApiError } from '../../shared/contract/errors';
import { IPC_EVENT, IPC_INVOKE } from './constants';
import { FORBIDDEN_ENVELOPE, registerIpc, type InvokeEventLike, type IpcMainLike } from './ipc';
import { createWindowRegistry } from './registry';
import { FakeBrowserWindow } from './testing/fake-electron';
import { handlersFor } from '../../tests/support/handlers';

const unavailable = (): never => {
  throw new ApiError('unavailable', 'not in this test');
};

const handlers: Handlers = handlersFor({
  'app.info': (_input, ctx) => ({ name: 'Floorwatch', version: '0.0.0-test', timezone: 'UTC', dbPath: ':memory:', access: ctx.access, host: 'electron' }),
  'settings.get': () => defaultSettings(),
  'settings.update': () => defaultSettings(),
  'live.snapshot': unavailable,
  'simulator.status': unavailable,
  'simulator.setRunning': unavailable,
});

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

function setup() {
  let listener: Listener | null = null;
  const removeHandler = vi.fn<(channel: string) => void>();
  const ipcMain: IpcMainLike = {
    handle: (channel, l) => {
      expect(channel).toBe(IPC_INVOKE);
      listener = l;
    },
    removeHandler,
  };
  const dispatcher = createDispatcher(handlers);
  const call = vi.spyOn(dispatcher, 'call');
  const events = createEventHub();
  const registry = createWindowRegistry();
  const consoleWindow = new FakeBrowserWindow({});
  const wallboard = new FakeBrowserWindow({});
  const stranger = new FakeBrowserWindow({});
  registry.add(consoleWindow, 'write');
  registry.add(wallboard, 'read');
  const dispose = registerIpc({ ipcMain, core: { dispatcher, events }, registry });
  const invoke = (event: InvokeEventLike, method: unknown, input: unknown = {}) => Promise.resolve(listener!(event, method, input));
  return { removeHandler, call, events, registry, consoleWindow, wallboard, stranger, dispose, invoke };
}

/** An invoke event as Electron builds it for the main frame of `window` showing `url`. */
function from(window: FakeBrowserWindow, url = 'app://floorwatch/', frame: Partial<{ parent: unknown; frameTreeNodeId: number }> = {}): InvokeEventLike {
  const contents = window.webContents;
  return {
    sender: contents,
    senderFrame: { url, parent: null, frameTreeNodeId: contents.mainFrame.frameTreeNodeId, ...frame },
  };
}

describe('IPC invoke channel', () => {
  it('passes calls from our console window to the dispatcher with write access', async () => {
    const t = setup();
    const envelope = await t.invoke(from(t.consoleWindow), 'app.info', {});
    expect(envelope).toMatchObject({ ok: true, result: { access: 'write', host: 'electron' } });
    expect(t.call).toHaveBeenCalledWith('app.info', {}, { access: 'write' });
  });

  it('gives the wall-board read access only', async () => {
    const t = setup();
    expect(await t.invoke(from(t.wallboard), 'app.info')).toMatchObject({ ok: true, result: { access: 'read' } });
    expect(await t.invoke(from(t.wallboard), 'settings.update', { theme: 'light' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it.each([
    ['a foreign origin', (t: ReturnType<typeof setup>) => from(t.consoleWindow, 'https://evil.example/')],
    ['a file: page', (t: ReturnType<typeof setup>) => from(t.consoleWindow, 'file:///tmp/x.html')],
    ['a look-alike host', (t: ReturnType<typeof setup>) => from(t.consoleWindow, 'app://floorwatch.evil/')],
    ['a sub-frame', (t: ReturnType<typeof setup>) => from(t.consoleWindow, 'app://floorwatch/', { parent: {} })],
    ['a frame that is not the main frame', (t: ReturnType<typeof setup>) => from(t.consoleWindow, 'app://floorwatch/', { frameTreeNodeId: 4242 })],
    ['a window we did not create', (t: ReturnType<typeof setup>) => from(t.stranger)],
    ['a destroyed frame', (t: ReturnType<typeof setup>) => ({ sender: t.consoleWindow.webContents, senderFrame: null })],
  ])('refuses %s without reaching the dispatcher', async (_name, event) => {
    const t = setup();
    expect(await t.invoke(event(t), 'settings.update', { theme: 'light' })).toEqual(FORBIDDEN_ENVELOPE);
    expect(t.call).not.toHaveBeenCalled();
  });

  it('refuses a window after it closed', async () => {
    const t = setup();
    const event = from(t.consoleWindow);
    t.consoleWindow.close();
    expect(await t.invoke(event, 'app.info')).toEqual(FORBIDDEN_ENVELOPE);
  });

  it('answers unknown methods and bad input with contract errors', async () => {
    const t = setup();
    expect(await t.invoke(from(t.consoleWindow), 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await t.invoke(from(t.consoleWindow), { toString: () => 'app.info' })).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await t.invoke(from(t.consoleWindow), 'settings.update', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });
});

describe('IPC event channel', () => {
  it('forwards every core event to our live windows only', () => {
    const t = setup();
    const payload = { available: true, running: true, seed: 1, generated: 3 };
    t.events.emit('simulator.status', payload);
    expect(t.consoleWindow.webContents.send).toHaveBeenCalledWith(IPC_EVENT, 'simulator.status', payload);
    expect(t.wallboard.webContents.send).toHaveBeenCalledWith(IPC_EVENT, 'simulator.status', payload);
    expect(t.stranger.webContents.send).not.toHaveBeenCalled();

    t.wallboard.close();
    t.consoleWindow.webContents.send.mockImplementationOnce(() => {
      throw new Error('Object has been destroyed');
    });
    t.events.emit('simulator.status', payload);
    expect(t.wallboard.webContents.send).toHaveBeenCalledTimes(1);
  });

  it('stops forwarding and removes the handler when disposed', () => {
    const t = setup();
    t.dispose();
    expect(t.removeHandler).toHaveBeenCalledWith(IPC_INVOKE);
    t.events.emit('simulator.status', { available: false, running: false, seed: 0, generated: 0 });
    expect(t.consoleWindow.webContents.send).not.toHaveBeenCalled();
  });
});
