import type { Transport } from '../../shared/contract/client';
import type { Envelope } from '../../shared/contract/errors';

/** The host transport for Node tests: the same HTTP envelope the renderer's transport uses. */
export function httpTransport(baseUrl: string, token?: string): Transport {
  return {
    async invoke(method, input) {
      const res = await fetch(new URL(`api/${encodeURIComponent(method)}`, baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as Envelope<unknown>;
    },
    on() {
      return () => undefined;
    },
  };
}
