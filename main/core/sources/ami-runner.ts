import type { z } from 'zod';
import type { AmiConfig, SourceNote, SourceStatus } from '../../../shared/contract/sources';
import type { Clock } from '../ports';
import { createAmiSource, type AmiStatus } from '../ingest/ami';
import { asteriskSource } from '../ingest/import/formats';
import type { IngestEvent } from '../ingest/events';
import type { Runner } from './manager';
import type { Db } from '../../db/open';
import type { StoredWaiting } from '../ingest/ami/calls';

export interface AmiRunnerDeps {
  ingest: (events: IngestEvent[]) => void;
  clock: Clock;
  onApplied: (events: number) => void;
  onStatus: (state: SourceStatus['state'], note: SourceNote | null) => void;
  log: (message: string) => void;
  /** The database the contacts are stored in: callers an earlier run left waiting are read from it. */
  db?: Db;
}

/** How far back a caller left waiting by an earlier run is this source's to settle (its memory of calls). */
const STORED_WAITING_MS = 24 * 3_600_000;

/**
 * Contacts of `source` entered within the last day and stored as waiting (never answered, never
 * ended), for the first snapshot; older ones (a log imported long ago that ended mid-wait) are left alone.
 */
export const storedWaitingOf = (db: Db, source: string, clock: Clock) => (): StoredWaiting[] =>
  db
    .prepare<[string, number], StoredWaiting>('SELECT source_id AS id, enter_at AS enterAt FROM contacts WHERE source = ? AND enter_at >= ? AND end_at IS NULL AND answer_at IS NULL')
    .all(source, clock.now() - STORED_WAITING_MS);

const STATE: Record<AmiStatus['state'], SourceStatus['state']> = {
  connecting: 'starting',
  connected: 'connected',
  retrying: 'retrying',
  refused: 'refused',
  stopped: 'stopped',
};

/**
 * An AMI connection as a live source. Its contacts use the same source name as the site's
 * queue_log (`asterisk:<site>`), so a call seen both live and in the log is one contact.
 */
export function createAmiRunner(config: z.infer<typeof AmiConfig>, deps: AmiRunnerDeps): Runner {
  const ami = createAmiSource({
    host: config.host,
    port: config.port,
    username: config.username,
    secret: config.secret,
    clock: deps.clock,
    source: asteriskSource(config.site),
    emit: (events) => {
      if (events.length === 0) return;
      deps.ingest(events);
      deps.onApplied(events.length);
    },
    onStatus: (s) => deps.onStatus(STATE[s.state], s.note ?? null),
    log: deps.log,
    storedWaiting: deps.db ? storedWaitingOf(deps.db, asteriskSource(config.site), deps.clock) : undefined,
  });
  // Stopping settles the callers whose outcome was still open and emits them: wait for it before
  // closing the database.
  return { stop: () => ami.stop() };
}
