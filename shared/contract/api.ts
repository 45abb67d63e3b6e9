import { z } from 'zod';
import { coachingMethods } from './coaching';
import { LiveSnapshot } from './live';
import { SettingsPatch, SettingsSchema } from './settings';
import { reviewMethods } from './review';
import { anomalyMethods } from './anomalies';
import { agentMethods } from './agents';
import { ImportJob, ImportPreview, ImportPreviewInput, ImportRun, ImportStart, SourceInput, SourceView } from './sources';

/**
 * `read` methods may be called by any client, including a wall-board on the LAN;
 * `write` methods only by the desktop window and by clients on loopback.
 */
export type Access = 'read' | 'write';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  access: Access;
  input: I;
  output: O;
}

const method = <I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O): MethodSpec<I, O> => ({
  access,
  input,
  output,
});

const NoInput = z.object({}).strict();

export const AppInfo = z.object({
  name: z.literal('Floorwatch'),
  version: z.string(),
  timezone: z.string(),
  dbPath: z.string(),
  /** Which access this client was granted: remote wall-boards get `read`. */
  access: z.enum(['read', 'write']),
  host: z.enum(['electron', 'headless']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SimulatorStatus = z.object({
  available: z.boolean(),
  running: z.boolean(),
  seed: z.number().int(),
  /** Simulated contacts so far in this process. */
  generated: z.number().int().nonnegative(),
});
export type SimulatorStatus = z.infer<typeof SimulatorStatus>;

/** Every API method, declared once. Transports, the client and the dispatcher derive from this. */
export const methods = {
  'app.info': method('read', NoInput, AppInfo),
  'settings.get': method('read', NoInput, SettingsSchema),
  'settings.update': method('write', SettingsPatch.strict(), SettingsSchema),
  'live.snapshot': method('read', NoInput, LiveSnapshot),
  'simulator.status': method('read', NoInput, SimulatorStatus),
  'simulator.setRunning': method('write', z.object({ running: z.boolean() }).strict(), SimulatorStatus),
  'sources.list': method('read', NoInput, z.array(SourceView)),
  'sources.add': method('write', SourceInput, SourceView),
  'sources.update': method(
    'write',
    z.object({ id: z.number().int(), enabled: z.boolean().optional(), source: SourceInput.optional() }).strict(),
    SourceView,
  ),
  'sources.remove': method('write', z.object({ id: z.number().int() }).strict(), z.object({ removed: z.boolean() })),
  'import.preview': method('write', ImportPreviewInput, ImportPreview),
  'import.start': method('write', ImportStart, ImportJob),
  'import.cancel': method('write', z.object({ jobId: z.string().max(100) }).strict(), z.object({ cancelled: z.boolean() })),
  'import.jobs': method('read', NoInput, z.array(ImportJob)),
  'import.history': method('read', z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(), z.array(ImportRun)),
  // Feature methods are declared in their own contract files and spread here, one line each:
  // analytics & anomalies
  ...anomalyMethods,
  // coaching
  ...coachingMethods,
  // offline review
  ...reviewMethods,
  // agents
  ...agentMethods,
} as const satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
