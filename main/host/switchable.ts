import path from 'node:path';
import { createEventHub } from '../core/api/event-hub';
import type { CoreInternals } from '../core/app';
import type { HostCore } from './server';

/**
 * A core the headless host can swap while it runs ("open another database"): the host talks to
 * this facade, which forwards calls and events to whichever core is current.
 */
export function createSwitchableCore(build: (dbPath: string, switchDatabase: (file: string) => Promise<void>) => CoreInternals, dbPath: string, log: (m: string) => void = () => undefined) {
  const hub = createEventHub();
  const switchDatabase = async (file: string): Promise<void> => {
    const next = build(path.resolve(file), switchDatabase);
    forward();
    const old = core;
    core = next;
    forward = core.events.onAny((name, payload) => hub.emit(name, payload));
    // Let the call that asked for the switch finish on the old core before it closes.
    setImmediate(() => old.close());
    log(`Switched to database ${file}`);
  };
  let core = build(dbPath, switchDatabase);
  let forward = core.events.onAny((name, payload) => hub.emit(name, payload));
  const facade: HostCore = {
    dispatcher: { call: (method, input, ctx) => core.dispatcher.call(method, input, ctx) },
    events: hub,
    ingest: (events) => core.ingest(events),
    get uploadsDir() {
      return core.uploadsDir;
    },
  };
  return {
    facade,
    current: () => core,
    stopSources: () => core.stopSources(),
    close() {
      forward();
      core.close();
    },
  };
}
