import type { IngestEvent } from '../events';
import { readAmiTranscript, type TranscriptOptions } from './transcript';
import { createAmiTranslator, type AmiTranslatorStats } from './translate';

export interface AmiReplayOptions extends TranscriptOptions {
  source: string;
  /**
   * Receipt time given to every message without a `Timestamp` header (console captures have
   * none). Default: now.
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
  const at = options.receivedAt ?? Date.now();
  const events: IngestEvent[] = [];
  for (const m of transcript.server) events.push(...translator.handle(m, at));
  events.push(...translator.flush(at));
  return { events, messages: transcript.server.length, duplicates: transcript.duplicates, stats: translator.stats };
}
