import { METHOD_NAMES } from '../../shared/contract/api';
import type { Handlers } from '../../main/core/api/dispatcher';

/** Complete `Handlers` from the few a test needs; the others fail loudly if called. */
export function handlersFor(partial: Partial<Handlers>): Handlers {
  const all: Record<string, unknown> = {};
  for (const m of METHOD_NAMES) {
    all[m] =
      partial[m] ??
      (() => {
        throw new Error(`${m} is not used in this test`);
      });
  }
  return all as Handlers;
}
