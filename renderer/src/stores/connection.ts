import { create } from 'zustand';

export interface ConnectionState {
  connected: boolean;
  /** True once the stream has been up at least once: tells "connecting" from "reconnecting". */
  everConnected: boolean;
  /** Client clock of the last message of any kind from core. */
  lastMessageAt: number | null;
  /** Client clock when the connection was lost, null while connected. */
  disconnectedSince: number | null;
  setConnected(connected: boolean, now?: number): void;
  markMessage(now?: number): void;
  reset(): void;
}

const initial = { connected: false, everConnected: false, lastMessageAt: null, disconnectedSince: null };

export const useConnectionStore = create<ConnectionState>()((set, get) => ({
  ...initial,
  setConnected(connected, now = Date.now()) {
    const state = get();
    if (state.connected === connected && (connected || state.disconnectedSince !== null)) return;
    set({
      connected,
      everConnected: state.everConnected || connected,
      disconnectedSince: connected ? null : (state.disconnectedSince ?? now),
    });
  },
  markMessage(now = Date.now()) {
    set({ lastMessageAt: now });
  },
  reset() {
    set(initial);
  },
}));
