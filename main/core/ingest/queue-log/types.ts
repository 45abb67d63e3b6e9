import type { IngestEvent } from '../events';

/**
 * `file`: the pipe-separated /var/log/asterisk/queue_log (epoch seconds).
 * `table`: a CSV export of the realtime queue_log table (local datetime, data1..data5 or `data`).
 * `pbxware`: a CSV export of Bicom PBXware's own queue_log table (epoch `date_time`, param1..3,
 * entpos/expos/htime/ttime).
 */
export type QueueLogFormat = 'file' | 'table' | 'pbxware';

export interface RejectedLine {
  /** 1-based line number in the input (the first line of a multi-line CSV record). */
  lineNo: number;
  reason: string;
  /** The start of the offending line, NULs removed, for the import report. */
  text: string;
}

/** One pairing of an interface with the agent key the log uses on calls (see agents.ts). */
export interface AgentAlias {
  /** Device or channel spelling, e.g. `SIP/1001`, `Local/1127@callback-agent`. */
  interface: string;
  /** The agent key emitted in events, e.g. `Sathish`, `Agent/1127`. */
  agent: string;
  firstSeenAt: number;
  lastSeenAt: number;
  /** How many times the log showed this pairing. */
  seen: number;
}

export interface QueueLogStats {
  /** Lines handed to `push`, blank and noise lines included. */
  lines: number;
  /** Empty lines, and lines that were nothing but NUL bytes (logrotate copytruncate leftovers). */
  blank: number;
  /** Lines from which NUL bytes were removed before parsing. */
  nulStripped: number;
  /** Header rows of CSV forms. */
  headers: number;
  /** Lines with a valid record (translated or knowingly skipped). */
  accepted: number;
  rejected: number;
  /** Accepted lines per Asterisk event name (known events only). */
  known: Record<string, number>;
  /** Well-formed lines whose event name this parser does not know, per name; skipped. */
  unknown: Record<string, number>;
  /** Events handed to the sink, per kind. */
  emitted: Record<IngestEvent['kind'], number>;
  /** Earliest / latest instant (UTC ms) of an accepted line; null before the first. */
  firstAt: number | null;
  lastAt: number | null;
}

export interface QueueLogResult {
  stats: QueueLogStats;
  /** Rejected lines, at most `maxRejectsKept` of them (stats.rejected has the full count). */
  rejects: RejectedLine[];
  aliases: AgentAlias[];
}

/** Serializable parser memory, for resuming a tail from a byte offset without changing ids. */
export interface QueueLogParserState {
  version: 1;
  /**
   * [callid, entries seen, last activity UTC ms, open (0/1), did, queue of last entry, enter ms,
   * CONNECT seen for the last entry (0/1; missing in older states: taken as 1), queue of the
   * previous entry while it has no end line (missing: none), CONNECT seen for it (0/1), queue and
   * enter ms of every entry, flat, when the call has had more than one (missing: only the last)]
   */
  calls: Array<[string, number, number, number, string | null, string | null, number, number?, (string | null)?, number?, (string | number | null)[]?]>;
  /** [interface, agent key, first seen, last seen, times seen] */
  aliases: Array<[string, string, number, number, number]>;
  /** Latest instant seen, which drives eviction. */
  clock: number;
  /** A member line waiting for the next line to name its member: [at, queue, spelling, action, paused]. */
  held: [number, string, string, 'add' | 'remove', boolean] | null;
}

export interface QueueLogParserOptions {
  /** Written into every event, e.g. `queue_log:site-a`. */
  source: string;
  format: QueueLogFormat;
  /**
   * IANA zone of the local datetimes in `table` (required there) and of PBXware's `time` column
   * (used only when `date_time` is missing). Ignored by `file`.
   */
  sourceTimeZone?: string;
  /** Receives every event, in log order. */
  onEvent: (event: IngestEvent) => void;
  /** Called for each rejected line as it happens (in addition to the kept list). */
  onReject?: (rejected: RejectedLine) => void;
  /** How many rejected lines `finish()` returns in full; default 1000. */
  maxRejectsKept?: number;
  /**
   * How long (log time) a finished or silent call's memory is kept, so that a later entry of the
   * same uniqueid is recognised as a second contact. Default 24 h.
   */
  callMemoryMs?: number;
  /** Memory from `saveState()` of an earlier parser over the same log. */
  state?: QueueLogParserState;
  /**
   * The entries of a uniqueid already stored (imports of other files of the same log), asked the
   * first time this parser sees the uniqueid enter a queue: a re-entry after a log rotation gets
   * the next number instead of the stored first entry's id, and a stored entry met again keeps
   * its own.
   */
  storedEntries?: (callid: string) => readonly StoredEntry[];
}

/** A stored queue entry of a uniqueid: its number (1 = the uniqueid itself), queue and enter time. */
export interface StoredEntry {
  n: number;
  queue: string;
  enterAt: number;
}

export interface QueueLogParser {
  /** Parses one line (without its line terminator; a trailing CR is tolerated). Never throws for bad input. */
  push(line: string, lineNo: number): void;
  /**
   * Emits the one member event that may be held back while the parser looks at the next line
   * for the member's name (see agents.ts). Call when a tail reaches the end of the file.
   */
  flush(): void;
  /** Flushes and returns the totals. The parser can still be used afterwards. */
  finish(): QueueLogResult;
  /** Live totals (no flush). */
  stats(): QueueLogStats;
  aliases(): AgentAlias[];
  /**
   * The memory needed to continue this log later with the same ids and agent keys, including a
   * member line still held back (it is emitted by the parser that resumes). Store it with the
   * byte offset of the last line pushed.
   */
  saveState(): QueueLogParserState;
}
