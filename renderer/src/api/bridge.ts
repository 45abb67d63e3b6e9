import type { Envelope } from '../../../shared/contract';

/** What the Electron preload exposes on `window.floorwatch`: one call channel, one event channel. */
export interface FloorwatchBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    floorwatch?: FloorwatchBridge;
  }
}

export function isBridge(value: unknown): value is FloorwatchBridge {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof FloorwatchBridge, unknown>>;
  return typeof candidate.invoke === 'function' && typeof candidate.on === 'function';
}
