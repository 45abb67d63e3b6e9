/**
 * Asterisk Manager Interface live source: protocol reader, capture-file reader, translation to
 * IngestEvents, and the reconnecting TCP client.
 */
export { AmiMessage, AmiFormatError, formatAmi } from './message';
export { createAmiParser, type AmiFrame, type AmiParser, type AmiParserOptions, type AmiParserStats } from './parser';
export { readAmiTranscript, type AmiTranscript, type TranscriptOptions } from './transcript';
export { createAmiTranslator, type AmiTranslator, type AmiTranslatorOptions, type AmiTranslatorStats, type CallView } from './translate';
export type { MemberState } from './members';
export {
  createAmiSource,
  DEFAULT_BACKOFF,
  systemTimers,
  type AmiBackoff,
  type AmiConnect,
  type AmiSocket,
  type AmiSource,
  type AmiSourceOptions,
  type AmiState,
  type AmiStatus,
  type AmiTimers,
} from './client';
export { replayAmiTranscript, type AmiReplayOptions, type AmiReplayResult } from './replay';
