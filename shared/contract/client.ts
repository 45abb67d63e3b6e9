import { ApiError, type Envelope } from './errors';
import type { EventName, EventPayload } from './events';
import type { MethodInput, MethodName, MethodOutput } from './api';

/**
 * What a transport must do: deliver a call and return the envelope, and subscribe to events.
 * The Electron preload bridge and the headless host's HTTP/SSE client both implement it.
 */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Connection state changes (SSE reconnects); the Electron bridge is always connected. */
  onConnection?(listener: (connected: boolean) => void): () => void;
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onConnection(listener: (connected: boolean) => void): () => void;
}

/** Typed client over any transport; failures become `ApiError` with the server's code. */
export function createClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      const envelope = await transport.invoke(method, input);
      if (!envelope.ok) throw ApiError.fromBody(envelope.error);
      // The server validated the output against the contract before sending it.
      return envelope.result as never;
    },
    on(event, listener) {
      return transport.on(event, (payload) => listener(payload as never));
    },
    onConnection(listener) {
      return transport.onConnection ? transport.onConnection(listener) : () => undefined;
    },
  };
}
