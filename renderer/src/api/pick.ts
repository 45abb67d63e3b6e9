import type { Transport } from '../../../shared/contract';
import { isBridge } from './bridge';
import { createHostTransport } from './host-transport';
import { resolveAccessToken } from './token';

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Inside Electron the preload bridge is the transport; in any browser it is the headless host. */
export function pickTransport(): Transport {
  const bridge = window.floorwatch;
  if (isBridge(bridge)) {
    return {
      invoke: (method, input) => bridge.invoke(method, input),
      on: (event, listener) => bridge.on(event, listener),
      // IPC to the main process cannot drop the way a network stream can.
      onConnection: (listener) => {
        listener(true);
        return () => undefined;
      },
    };
  }
  return createHostTransport({ token: resolveAccessToken(window.location.search, sessionStore()) });
}
