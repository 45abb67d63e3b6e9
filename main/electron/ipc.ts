import type { Access } from '../../shared/contract/api';
import type { Envelope } from '../../shared/contract/errors';
import type { Core } from '../core/types';
import { IPC_EVENT, IPC_INVOKE } from './constants';
import type { WindowRegistry } from './registry';
import { isTrustedSender } from './security';

/** The parts of `IpcMainInvokeEvent` the sender check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number; readonly mainFrame: { readonly frameTreeNodeId: number } };
  readonly senderFrame: { readonly url: string; readonly parent: unknown; readonly frameTreeNodeId: number } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export const FORBIDDEN_ENVELOPE: Envelope<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'forbidden', message: 'This page may not call Floorwatch.' }),
});

/**
 * The access an IPC call gets, or null when it must be refused: the sending frame must be the main
 * frame of a window this process created, showing a page of the app's own origin. A sub-frame or a
 * page that navigated away (both prevented elsewhere) would fail here too.
 */
export function senderAccess(event: InvokeEventLike, registry: Pick<WindowRegistry, 'accessOf'>): Access | null {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return null;
    if (frame.frameTreeNodeId !== event.sender.mainFrame.frameTreeNodeId) return null;
    if (!isTrustedSender(frame.url)) return null;
    return registry.accessOf(event.sender.id);
  } catch {
    // A destroyed WebContents throws on access; it has no business calling anyway.
    return null;
  }
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  core: Pick<Core, 'dispatcher' | 'events'>;
  registry: WindowRegistry;
  log?: (message: string) => void;
}

/**
 * One invoke channel to the dispatcher (which validates method and input against the contract)
 * and one event channel carrying every core event to our windows. Returns a disposer.
 */
export function registerIpc({ ipcMain, core, registry, log = () => undefined }: IpcDeps): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, method, input) => {
    const access = senderAccess(event, registry);
    if (!access) {
      log(`refused IPC call ${String(method).slice(0, 80)} from ${String(event.senderFrame?.url ?? 'a detached frame').slice(0, 200)}`);
      return FORBIDDEN_ENVELOPE;
    }
    return core.dispatcher.call(method, input, { access });
  });
  const unsubscribe = core.events.onAny((name, payload) => {
    for (const contents of registry.contents()) {
      try {
        contents.send(IPC_EVENT, name, payload);
      } catch (error) {
        // A window closing between the check and the send is normal; the others still get it.
        log(`could not forward ${name}: ${String(error)}`);
      }
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
