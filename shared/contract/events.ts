import { anomalyEvents } from './anomalies';
import { agentEvents } from './agents';
import { SimulatorStatus } from './api';
import { coachingEvents } from './coaching';
import { LiveAlert, LiveSnapshot } from './live';
import { SettingsSchema } from './settings';
import { ImportJob, SourceView } from './sources';
import { reviewEvents } from './review';
import { z } from 'zod';

/** Events pushed from core to screens. Every transport forwards exactly these names. */
export const events = {
  'live.snapshot': LiveSnapshot,
  'live.alert': LiveAlert,
  'settings.changed': SettingsSchema,
  'simulator.status': SimulatorStatus,
  'import.progress': ImportJob,
  'sources.status': z.array(SourceView),
  ...anomalyEvents,
  // coaching
  ...coachingEvents,
  // offline review
  ...reviewEvents,
  // agents
  ...agentEvents,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
