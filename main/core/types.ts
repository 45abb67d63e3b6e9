import type { Dispatcher } from './api/dispatcher';
import type { EventHub } from './api/event-hub';
import type { Clock, Notifier, SettingsStore } from './ports';
import type { IngestEvent } from './ingest/events';

export interface CoreOptions {
  /** SQLite file path, or ':memory:'. */
  dbPath: string;
  settings: SettingsStore;
  clock?: Clock;
  notifier?: Notifier;
  /** Which host runs the core (reported by `app.info`). */
  host: 'electron' | 'headless';
  version: string;
  /** Run the built-in simulator as a live source. */
  simulate?: boolean | { seed?: number; backfill?: boolean; teams?: number };
  log?: (message: string) => void;
  /** Start the configured live sources (followed files, AMI); default true. The CLI's one-shot commands pass false. */
  runSources?: boolean;
  /**
   * Switches the running host to another database file: the host closes this core and builds a
   * new one on `file`. Hosts that cannot leave it out, and `files.open` says so.
   */
  switchDatabase?: (file: string) => Promise<void>;
  /** Folder for files uploaded through the host before import (default: `uploads` beside the database). */
  uploadsDir?: string;
}

/** A running Floorwatch core: the one object every host (Electron, headless, CLI, tests) builds. */
export interface Core {
  dispatcher: Dispatcher;
  events: EventHub;
  /** Apply normalised events from a live source (one transaction); screens are updated after. */
  ingest(events: IngestEvent[]): void;
  /** Stops the live sources, waiting until each has written what it still held (call before close). */
  stopSources(): Promise<void>;
  close(): void;
}
