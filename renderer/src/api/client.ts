import type { ApiClient } from '../../../shared/contract';

let current: ApiClient | null = null;

/**
 * The one api client the stores use. It is installed once at start-up (see `main.tsx`), and
 * replaced by a fake in store tests, so no store ever touches a transport.
 */
export function setApi(client: ApiClient | null): void {
  current = client;
}

export function api(): ApiClient {
  if (!current) throw new Error('The api client is not installed yet (setApi).');
  return current;
}
