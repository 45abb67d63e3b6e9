import type { Transport } from './client';
import type { Envelope } from './errors';

/**
 * What the Electron preload exposes as `window.floorwatch`: exactly a `Transport`, so the renderer
 * passes it to `createClient` as is. Names outside the contract are refused by the preload itself.
 */
export interface FloorwatchBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to one core event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /**
   * The path on disk of a file the user dropped or picked in the window (a DOM `File`; typed
   * `unknown` because shared code has no DOM types), or '' when it has none.
   */
  pathForFile(file: unknown): string;
}

// Compile-time proof that the bridge can serve as a transport without adapters.
type Assignable<T extends Transport> = T;
export type BridgeTransport = Assignable<FloorwatchBridge>;
