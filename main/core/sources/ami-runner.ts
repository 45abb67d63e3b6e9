import type { z } from 'zod';
import type { AmiConfig, SourceNote, SourceStatus } from '../../../shared/contract/sources';
import type { Clock } from '../ports';
import { createAmiSource, type AmiStatus } from '../ingest/ami';
import { asteriskSource } from '../ingest/import/formats';
import type { IngestEvent } from '../ingest/events';
import type { Runner } from './manager';

export interface AmiRunnerDeps {
  ingest: (events: IngestEvent[]) => void;
  clock: Clock;
  onApplied: (events: number) => void;
  onStatus: (state: SourceStatus['state'], note: SourceNote | null) => void;
  log: (message: string) => void;
}

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
  });
  // Stopping settles the callers whose outcome was still open and emits them: wait for it before
  // closing the database.
  return { stop: () => ami.stop() };
}
