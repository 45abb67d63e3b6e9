import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { METHOD_NAMES } from '../../shared/contract/api';
import type { FloorwatchBridge } from '../../shared/contract/bridge';
import type { Envelope } from '../../shared/contract/errors';
import { EVENT_NAMES } from '../../shared/contract/events';
import { BRIDGE_GLOBAL, IPC_EVENT, IPC_INVOKE } from './constants';

/**
 * Runs sandboxed in every app window, bundled to CommonJS (sandboxed preloads cannot be ESM).
 * The page gets two functions and nothing else: never ipcRenderer, never an IPC event object
 * (its `sender` is ipcRenderer), never a channel the contract does not name.
 */

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const methodNames: ReadonlySet<string> = new Set(METHOD_NAMES);
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);

function refusal(code: 'unknown-method' | 'unavailable', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** The slice of Electron's `webUtils` the bridge uses. */
export interface FileUtilsLike {
  getPathForFile(file: File): string;
}

export function createBridge(ipc: IpcRendererLike, files?: FileUtilsLike): FloorwatchBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let subscribed = false;

  const ensureSubscribed = () => {
    if (subscribed) return;
    subscribed = true;
    ipc.on(IPC_EVENT, (_event, name, payload) => {
      if (typeof name !== 'string' || !eventNames.has(name)) return;
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          listener(payload);
        } catch {
          // A throwing screen handler must not keep the event from the others.
        }
      }
    });
  };

  return {
    async invoke(method, input) {
      if (typeof method !== 'string' || !methodNames.has(method)) {
        return refusal('unknown-method', `Unknown method: ${String(method).slice(0, 80)}`);
      }
      try {
        return (await ipc.invoke(IPC_INVOKE, method, input)) as Envelope<unknown>;
      } catch (error) {
        // e.g. an input that cannot be structured-cloned, or main shutting down.
        return refusal('unavailable', error instanceof Error ? error.message : String(error));
      }
    },
    on(event, listener) {
      if (typeof event !== 'string' || !eventNames.has(event)) throw new TypeError(`Unknown event: ${String(event).slice(0, 80)}`);
      if (typeof listener !== 'function') throw new TypeError('Event listener must be a function');
      ensureSubscribed();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        listeners.get(event)?.delete(listener);
      };
    },
    pathForFile(file) {
      // Sandboxed pages no longer see `File.path`; a dropped or picked file is imported by its
      // path on disk instead of being copied through an upload. '' for files not on disk.
      if (!files || typeof file !== 'object' || file === null) return '';
      try {
        return files.getPathForFile(file as File);
      } catch {
        return '';
      }
    },
  };
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer, webUtils));
