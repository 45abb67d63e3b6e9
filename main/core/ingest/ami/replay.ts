import type { IngestEvent } from '../events';
import { readAmiTranscript, type TranscriptOptions } from './transcript';
import { timestampMs } from './fields';
import { createAmiTranslator, type AmiTranslatorStats } from './translate';

export interface AmiReplayOptions extends TranscriptOptions {
  source: string;
  /**
   * Receipt time given to messages before the first `Timestamp` header, and to all of them when
   * none has one (console captures). Default: the first Timestamp, else now.
   */
  receivedAt?: number;
  graceMs?: number;
}

export interface AmiReplayResult {
  events: IngestEvent[];
  messages: number;
  duplicates: number;
  stats: AmiTranslatorStats;
}

/**
 * Translates a capture file's server messages as if they had arrived on a live connection, then
 * makes every pending outcome decision: the events a live source would have emitted.
 */
export function replayAmiTranscript(text: string, options: AmiReplayOptions): AmiReplayResult {
  const transcript = readAmiTranscript(text, options);
  const translator = createAmiTranslator({ source: options.source, graceMs: options.graceMs });
  // A capture replays on the PBX's clock where its events carry one (`timestampevents`): each
  // message is "received" at its Timestamp, so the decisions a live connection makes after a
  // grace period (a caller who left the queue without abandoning) and forgetting calls hours
  // old happen as they would have live, not all at once at the end of the file.
  // Messages before the first Timestamp (the login answer, a QueueStatus list, which Asterisk
  // sends without one) are taken as received then.
  let firstTs: number | null = null;
  for (const m of transcript.server) if ((firstTs = timestampMs(m)) !== null) break;
  const fallback = options.receivedAt ?? firstTs ?? Date.now();
  let clock: number | null = null;
  const events: IngestEvent[] = [];
  for (const m of transcript.server) {
    const ts = timestampMs(m);
    if (ts !== null) clock = Math.max(clock ?? ts, ts);
    events.push(...translator.handle(m, clock ?? fallback));
  }
  events.push(...translator.flush(clock ?? fallback));
  return { events, messages: transcript.server.length, duplicates: transcript.duplicates, stats: translator.stats };
}
