import { useNow } from '../clock';
import { useLiveStore } from './actions';
import { serverNow } from './selectors';

/**
 * The snapshot plus the server's "now", ticking every second between snapshots, and how far it
 * has moved past `snapshot.at` (used to advance waits locally).
 */
export function useLive() {
  const snapshot = useLiveStore((s) => s.snapshot);
  const receivedAt = useLiveStore((s) => s.receivedAt);
  const clientNow = useNow();
  const now = snapshot && receivedAt !== null ? serverNow(snapshot, receivedAt, clientNow) : clientNow;
  return { snapshot, receivedAt, clientNow, now, elapsed: snapshot ? now - snapshot.at : 0 };
}
