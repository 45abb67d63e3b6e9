import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract/api';
import type { FloorwatchBridge } from '../../shared/contract/bridge';
import { EVENT_NAMES } from '../../shared/contract/events';
import { BRIDGE_GLOBAL, IPC_EVENT, IPC_INVOKE } from './constants';
import { fake } from './testing/fake-electron';

const getPathForFile = vi.fn((file: File) => `/home/ann/${file.name}`);
vi.mock('electron', async () => ({ ...(await import('./testing/fake-electron')).electronModule, webUtils: { getPathForFile } }));

let bridge: FloorwatchBridge;

beforeAll(async () => {
  await import('./preload');
  bridge = fake.exposed.get(BRIDGE_GLOBAL) as FloorwatchBridge;
});

beforeEach(() => fake.ipcRenderer.invoke.mockClear());

describe('preload bridge', () => {
  it('exposes exactly one global with invoke and on, and no ipcRenderer', () => {
    expect([...fake.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'pathForFile']);
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(fake.ipcRenderer);
    }
  });

  it('sends contract methods over the one invoke channel and returns the envelope', async () => {
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { name: 'Floorwatch' } });
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({ ok: true, result: { name: 'Floorwatch' } });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'app.info', {});
    for (const method of METHOD_NAMES) {
      await bridge.invoke(method, {});
    }
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledTimes(METHOD_NAMES.length + 1);
  });

  it.each(['fs.readFile', 'electron-store-get-data', '__proto__', 'constructor', 'toString', ''])('refuses the unknown method %j without any IPC', async (method) => {
    await expect(bridge.invoke(method, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('refuses non-string method names', async () => {
    await expect(bridge.invoke(42 as unknown as string, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed IPC call into an envelope instead of a rejection', async () => {
    fake.ipcRenderer.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    await expect(bridge.invoke('settings.update', { theme: 'light' })).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it.each(['floorwatch:invoke', 'electron-store-get-data', '__proto__', 'live'])('refuses to subscribe to %j', (event) => {
    expect(() => bridge.on(event, () => undefined)).toThrow(/Unknown event/);
  });

  it('delivers only the payload of contract events, and unsubscribes', () => {
    const listener = vi.fn();
    const other = vi.fn();
    const off = bridge.on('simulator.status', listener);
    bridge.on('settings.changed', other);
    const payload = { available: true, running: false, seed: 1, generated: 0 };
    const ipcEvent = { sender: fake.ipcRenderer, senderId: 0 };

    fake.ipcRenderer.emit(IPC_EVENT, ipcEvent, 'simulator.status', payload);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([payload]);
    expect(other).not.toHaveBeenCalled();

    fake.ipcRenderer.emit(IPC_EVENT, ipcEvent, 'not-in-contract', payload);
    fake.ipcRenderer.emit('some-other-channel', ipcEvent, 'simulator.status', payload);
    expect(listener).toHaveBeenCalledTimes(1);

    off();
    fake.ipcRenderer.emit(IPC_EVENT, ipcEvent, 'simulator.status', payload);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('listens on the event channel once, however many subscriptions', () => {
    for (const name of EVENT_NAMES) bridge.on(name, () => undefined);
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT)).toBe(1);
    expect(fake.ipcRenderer.eventNames()).toEqual([IPC_EVENT]);
  });

  it('keeps delivering when one listener throws', () => {
    const after = vi.fn();
    bridge.on('simulator.status', () => {
      throw new Error('broken screen');
    });
    bridge.on('simulator.status', after);
    fake.ipcRenderer.emit(IPC_EVENT, {}, 'simulator.status', {});
    expect(after).toHaveBeenCalled();
  });

  it('gives the path on disk of a dropped file, and an empty path for anything else', () => {
    const file = new File(['1700000000|1|Support|NONE|ENTERQUEUE||100|1\n'], 'queue_log');
    expect(bridge.pathForFile(file)).toBe('/home/ann/queue_log');
    expect(getPathForFile).toHaveBeenCalledWith(file);
    getPathForFile.mockImplementationOnce(() => {
      throw new TypeError('not a File');
    });
    expect(bridge.pathForFile({ name: 'x' })).toBe('');
    expect(bridge.pathForFile(null)).toBe('');
    expect(bridge.pathForFile('queue_log')).toBe('');
  });
});
