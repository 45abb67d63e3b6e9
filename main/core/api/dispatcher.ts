import type { z } from 'zod';
import {
  methods,
  isMethodName,
  type Access,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '../../../shared/contract/api';
import { ApiError, type Envelope } from '../../../shared/contract/errors';

export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>, ctx: CallContext) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export interface CallContext {
  /** What the calling client may do: the desktop window and loopback clients `write`, LAN wall-boards `read`. */
  access: Access;
}

export interface Dispatcher {
  call(method: unknown, input: unknown, ctx: CallContext): Promise<Envelope<unknown>>;
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }));
}

/**
 * The server side of the contract: every transport hands raw, untrusted (method, input) pairs here.
 * Input is parsed with the method's zod schema, access is checked, and the handler's output is
 * parsed too, so a handler cannot leak a shape the contract does not promise.
 */
export function createDispatcher(handlers: Handlers, log: (message: string) => void = () => undefined): Dispatcher {
  return {
    async call(method, input, ctx) {
      try {
        if (!isMethodName(method)) throw new ApiError('unknown-method', `Unknown method: ${String(method).slice(0, 80)}`);
        const spec = methods[method];
        if (spec.access === 'write' && ctx.access !== 'write') {
          throw new ApiError('forbidden', `${method} changes data; this client is read-only.`);
        }
        const parsed = spec.input.safeParse(input ?? {});
        if (!parsed.success) {
          throw new ApiError('bad-input', `Invalid input for ${method}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, issuesOf(parsed.error));
        }
        const handler = handlers[method] as (i: unknown, c: CallContext) => unknown;
        const result = await handler(parsed.data, ctx);
        const out = spec.output.safeParse(result);
        if (!out.success) {
          log(`output of ${method} breaks the contract: ${JSON.stringify(issuesOf(out.error)).slice(0, 500)}`);
          throw new ApiError('internal', `${method} produced an invalid result.`);
        }
        return { ok: true, result: out.data };
      } catch (error) {
        if (error instanceof ApiError) return { ok: false, error: error.toBody() };
        log(`${String(method)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
      }
    },
  };
}
