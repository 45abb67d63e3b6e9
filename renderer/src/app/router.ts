import { useSyncExternalStore } from 'react';

export const ROUTES = ['live', 'wallboard', 'anomalies', 'coaching', 'review', 'data', 'settings'] as const;
export type Route = (typeof ROUTES)[number];
export const DEFAULT_ROUTE: Route = 'live';

/** `#/wallboard?x` → 'wallboard'; anything unknown falls back to the live console. */
export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : DEFAULT_ROUTE;
}

export function hrefOf(route: Route): string {
  return `#/${route}`;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** Hash routing: works the same from file:// in Electron and from the headless host. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => parseRoute(window.location.hash));
}
