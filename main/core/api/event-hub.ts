import type { EventName, EventPayload } from '../../../shared/contract/events';

export type AnyEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Fan-out of core events to every connected screen (IPC windows, SSE clients, tests). */
export interface EventHub {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  onAny(listener: AnyEventListener): () => void;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<AnyEventListener>();
  return {
    emit(event, payload) {
      for (const l of [...listeners]) {
        try {
          l(event, payload);
        } catch {
          // One broken subscriber must not stop the others.
        }
      }
    },
    onAny(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    on(event, listener) {
      const wrapped: AnyEventListener = (name, payload) => {
        if ((name as EventName) === event) listener(payload as never);
      };
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
  };
}
