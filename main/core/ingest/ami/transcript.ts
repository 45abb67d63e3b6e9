import type { AmiMessage } from './message';
import { createAmiParser, type AmiParserStats } from './parser';

/**
 * AMI messages from a capture file: a raw session dump (client actions and server output, LF or
 * CRLF) or an Asterisk console log with `manager debug on`. Used by tests and for replay.
 */
export interface AmiTranscript {
  greeting: string | null;
  /** Every message in file order (after de-duplication), client actions included. */
  messages: AmiMessage[];
  /** What the server sent: responses and events, i.e. `messages` without the client's actions. */
  server: AmiMessage[];
  /** Client-sent actions (`Action: Login`, `action: QueueStatus` …). */
  actions: AmiMessage[];
  /** Events dropped as repeats of an earlier SequenceNumber. */
  duplicates: number;
  stats: AmiParserStats;
}

export interface TranscriptOptions {
  /**
   * Drop events whose `SequenceNumber` was already seen. A console capture prints each event once
   * per logged-in manager session (the CallMe capture has two), so the same event shows up twice
   * with the same number. Live sockets never repeat one, and events without the debug header
   * (`SequenceNumber` only exists with `manager debug on`) are always kept. Default true.
   */
  dedupe?: boolean;
}

export function readAmiTranscript(text: string, options: TranscriptOptions = {}): AmiTranscript {
  const parser = createAmiParser();
  const frames = [...parser.push(text), ...parser.end()];
  const dedupe = options.dedupe ?? true;
  const seen = new Set<string>();
  let greeting: string | null = null;
  let duplicates = 0;
  const messages: AmiMessage[] = [];
  for (const f of frames) {
    if (f.kind === 'greeting') {
      greeting ??= f.text;
      continue;
    }
    const m = f.message;
    const seq = m.get('SequenceNumber');
    if (dedupe && m.event !== undefined && seq !== undefined) {
      const key = `${seq}\u0000${m.event}`;
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
    }
    messages.push(m);
  }
  return {
    greeting,
    messages,
    server: messages.filter((m) => m.action === undefined),
    actions: messages.filter((m) => m.action !== undefined),
    duplicates,
    stats: parser.stats,
  };
}
