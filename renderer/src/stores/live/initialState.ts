import type { LiveSnapshot } from '../../../../shared/contract';

export interface LiveState {
  snapshot: LiveSnapshot | null;
  /** Client clock (ms) when `snapshot` arrived: waits are advanced locally from `snapshot.at`. */
  receivedAt: number | null;
  loading: boolean;
  error: string | null;
}

export const initialLiveState: LiveState = {
  snapshot: null,
  receivedAt: null,
  loading: false,
  error: null,
};
