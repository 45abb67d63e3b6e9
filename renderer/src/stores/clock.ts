import { useSyncExternalStore } from 'react';

/**
 * One ticker for the whole page, aligned to the wall-clock second, so every waiting time, clock
 * and countdown on screen changes in the same frame instead of drifting apart.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule() {
  timer = setTimeout(() => {
    now = Date.now();
    for (const listener of listeners) listener();
    schedule();
  }, 1000 - (Date.now() % 1000) + 5);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
