import fs from 'node:fs';
import path from 'node:path';
import type { SourceNote } from '../../../shared/contract/sources';
import type { Db } from '../../db/open';
import type { Clock } from '../ports';
import type { IngestEvent } from './events';
import { createTranslator, type ImportFormat, type LineTranslator } from './import/formats';
import type { IngestStore } from './store';

export interface TailOptions {
  db: Db;
  store: IngestStore;
  file: string;
  format: Extract<ImportFormat, 'queue_log' | 'ndjson'>;
  site?: string;
  sourceTz?: string;
  clock: Clock;
  /** Polling interval; a directory watch wakes the tail sooner on most systems. */
  pollMs?: number;
  onApplied?: (events: number) => void;
  onStatus?: (status: TailStatus) => void;
}

export interface TailStatus {
  state: 'waiting' | 'following' | 'error' | 'stopped';
  file: string;
  offset: number;
  lineNo: number;
  linesApplied: number;
  rejected: number;
  lastAppliedAt: number | null;
  note: SourceNote | null;
}

const CHUNK = 1 << 20;
/**
 * How long a file renamed away by logrotate is still read after its last growth: with `create`,
 * the writer keeps appending to it until it reopens its log (Asterisk's `logger reload` in
 * postrotate), and those lines belong to the stream too.
 */
const ROTATED_GRACE_MS = 60_000;

interface Position {
  identity: string;
  byte_offset: number;
  line_no: number;
  parser_state: string | null;
}

/**
 * Follows a growing file (queue_log, NDJSON feed): reads appended complete lines (a partial last
 * line waits for its newline), applies them through the ingest store and saves the byte offset,
 * line number and parser memory in the same transaction, so a restart resumes without counting a
 * line twice. Survives logrotate: after a rename the old file is read to its end before the new
 * one is opened, and is still read for lines its writer appends until it reopens its log (a
 * minute after its last growth); after copytruncate (same file, now shorter) reading restarts at 0.
 */
export function createFileTail(o: TailOptions) {
  const file = path.resolve(o.file);
  const pollMs = o.pollMs ?? 200;
  const getPos = o.db.prepare<[string], Position>('SELECT identity, byte_offset, line_no, parser_state FROM tail_positions WHERE file = ?');
  const savePos = o.db.prepare<[string, string, number, number, string | null, number]>(
    `INSERT INTO tail_positions (file, identity, byte_offset, line_no, parser_state, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (file) DO UPDATE SET identity = excluded.identity, byte_offset = excluded.byte_offset, line_no = excluded.line_no,
       parser_state = excluded.parser_state, updated_at = excluded.updated_at`,
  );

  let fd: number | null = null;
  let identity = '';
  /** The file's first bytes: a copytruncated file that grew past our offset is told by them. */
  let head: Buffer = Buffer.alloc(0);
  let offset = 0;
  let lineNo = 1;
  let remainder: Buffer = Buffer.alloc(0);
  let translator: LineTranslator | null = null;
  /** The file renamed away at the last rotation, still read for late lines until `until`. */
  let rotated: { fd: number; pos: number; remainder: Buffer; lineNo: number; until: number } | null = null;
  let pending: IngestEvent[] = [];
  let timer: NodeJS.Timeout | null = null;
  let watcher: fs.FSWatcher | null = null;
  let running = false;
  let busy = false;
  const status: TailStatus = { state: 'waiting', file, offset: 0, lineNo: 1, linesApplied: 0, rejected: 0, lastAppliedAt: null, note: null };

  const report = (patch: Partial<TailStatus>) => {
    Object.assign(status, patch, { offset, lineNo });
    o.onStatus?.({ ...status });
  };
  const idOf = (st: fs.Stats) => `${st.dev}:${st.ino}`;
  const HEAD = 64;
  const readHead = (len: number): Buffer => {
    const b = Buffer.alloc(len);
    const n = fs.readSync(fd!, b, 0, len, 0);
    return b.subarray(0, n);
  };
  const positionKey = () => `${identity}|${head.toString('hex')}`;

  function makeTranslator(state: unknown): LineTranslator {
    return createTranslator(o.format, undefined, [], { site: o.site ?? 'default', sourceTz: o.sourceTz, mapping: undefined, state }, {
      event: (e) => pending.push(e),
      reject: (line, reason) => {
        status.rejected++;
        status.note = { code: 'line-rejected', line, detail: reason };
      },
    });
  }

  function openFile(): boolean {
    let st: fs.Stats;
    try {
      fd = fs.openSync(file, 'r');
      st = fs.fstatSync(fd);
    } catch (error) {
      fd = null;
      report({ state: 'waiting', note: { code: 'file-missing', detail: (error as NodeJS.ErrnoException).code ?? String(error) } });
      return false;
    }
    const id = idOf(st);
    identity = id;
    if (translator === null) {
      // First open in this process: resume where the last run stopped if it is the same file
      // (same inode and the same first bytes: not replaced, not truncated and rewritten).
      const saved = getPos.get(file);
      const [savedId, savedHead = ''] = saved ? saved.identity.split('|') : ['', ''];
      const resume = saved && savedId === id && st.size >= saved.byte_offset && readHead(savedHead.length / 2).toString('hex') === savedHead;
      head = resume ? Buffer.from(savedHead, 'hex') : Buffer.alloc(0);
      offset = resume ? saved.byte_offset : 0;
      lineNo = resume ? saved.line_no : 1;
      translator = makeTranslator(resume && saved.parser_state ? (JSON.parse(saved.parser_state) as unknown) : undefined);
    } else {
      // A new file after rotation: its lines continue the same stream (calls straddle rotations).
      offset = 0;
      lineNo = 1;
      head = Buffer.alloc(0);
    }
    remainder = Buffer.alloc(0);
    return true;
  }

  function commit() {
    const events = pending;
    pending = [];
    const state = translator?.saveState?.();
    o.db.transaction(() => {
      if (events.length) o.store.apply(events);
      savePos.run(file, positionKey(), offset, lineNo, state === undefined ? null : JSON.stringify(state), o.clock.now());
      // IMMEDIATE: see store.apply — an import worker may be writing the same database.
    }).immediate();
    if (events.length) o.onApplied?.(events.length);
  }

  function restartFromTop(note: SourceNote) {
    offset = 0;
    lineNo = 1;
    remainder = Buffer.alloc(0);
    head = Buffer.alloc(0);
    commit();
    report({ state: 'following', note });
  }

  /** One read buffer per tail: polled every 200 ms, a read must not allocate a megabyte each time. */
  const buf = Buffer.allocUnsafe(CHUNK);

  /**
   * Reads what follows `pos` and the partial line `remainder` in `fd`, and hands its complete
   * lines to the translator, numbered from `from`; null when nothing new was there. `used` is how
   * many bytes of `data` (the remainder, then what was read) the complete lines took.
   */
  function readLines(fd: number, pos: number, remainder: Buffer, from: number): { data: Buffer; used: number; lines: number } | null {
    const n = fs.readSync(fd, buf, 0, CHUNK, pos + remainder.length);
    if (n === 0) return null;
    const data = remainder.length ? Buffer.concat([remainder, buf.subarray(0, n)]) : buf.subarray(0, n);
    let used = 0;
    let lines = 0;
    for (let nl = data.indexOf(10, used); nl !== -1; nl = data.indexOf(10, used)) {
      let end = nl;
      if (end > used && data[end - 1] === 13) end--;
      translator!.push(data.toString('utf8', used, end), from + lines);
      lines++;
      used = nl + 1;
    }
    return { data, used, lines };
  }

  /** After lines were handed over: their events and the position in one transaction, then the status. */
  function applied(lines: number) {
    if (lines === 0) return;
    commit();
    report({ state: 'following', linesApplied: status.linesApplied + lines, lastAppliedAt: o.clock.now() });
  }

  function closeRotated() {
    if (rotated) fs.closeSync(rotated.fd);
    rotated = null;
  }

  /** Lines appended to the rotated file since; returns true when it read some. */
  function readRotated(): boolean {
    if (rotated === null) return false;
    const r = readLines(rotated.fd, rotated.pos, rotated.remainder, rotated.lineNo);
    if (r === null) {
      if (o.clock.now() >= rotated.until) closeRotated();
      return false;
    }
    rotated.pos += r.used;
    rotated.lineNo += r.lines;
    rotated.remainder = Buffer.from(r.data.subarray(r.used));
    rotated.until = o.clock.now() + ROTATED_GRACE_MS;
    applied(r.lines);
    return true;
  }

  /** Reads what is new in either file; returns true when it should be called again. */
  function readMore(): boolean {
    const late = readRotated();
    return readOnce() || late;
  }

  /** Reads what is new; returns true when it should be called again (it read or switched files). */
  function readOnce(): boolean {
    if (fd === null && !openFile()) return false;
    // copytruncate: the same file, now shorter than what we read, or rewritten from the top.
    const size = fs.fstatSync(fd!).size;
    if (size < offset + remainder.length || (head.length > 0 && !readHead(head.length).equals(head))) {
      restartFromTop({ code: 'file-truncated' });
    }
    const r = readLines(fd!, offset, remainder, lineNo);
    if (r !== null) {
      lineNo += r.lines;
      if (offset === 0 && head.length < HEAD) head = Buffer.from(r.data.subarray(0, Math.min(HEAD, r.used)));
      offset += r.used;
      remainder = Buffer.from(r.data.subarray(r.used));
      applied(r.lines);
      return true;
    }
    // At the end of what we have open: has the file been rotated or truncated?
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(file);
    } catch {
      st = null; // renamed away, new file not created yet: keep waiting on the old one
    }
    if (st && idOf(st) !== identity) {
      // Renamed away: still read for a while (its partial last line included) beside the new one.
      closeRotated();
      rotated = { fd: fd!, pos: offset, remainder, lineNo, until: o.clock.now() + ROTATED_GRACE_MS };
      fd = null;
      report({ state: 'following', note: { code: 'file-rotated' } });
      return openFile();
    }
    if (status.state !== 'following') report({ state: 'following', note: null });
    return false;
  }

  function tick() {
    if (!running || busy) return;
    busy = true;
    try {
      // Catch up in chunks, yielding between them so a long backlog never blocks the host.
      if (readMore()) setImmediate(tick);
    } catch (error) {
      report({ state: 'error', note: { code: 'read-error', detail: error instanceof Error ? error.message : String(error) } });
    } finally {
      busy = false;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      timer = setInterval(tick, pollMs);
      try {
        watcher = fs.watch(path.dirname(file), (_type, name) => {
          if (name === null || name === path.basename(file)) tick();
        });
        watcher.on('error', () => undefined);
      } catch {
        watcher = null; // polling alone still follows the file
      }
      tick();
    },
    /** Reads everything available now (tests and shutdown). */
    drain() {
      const wasRunning = running;
      running = true;
      try {
        while (readMore());
      } finally {
        running = wasRunning;
      }
    },
    stop() {
      running = false;
      if (timer) clearInterval(timer);
      watcher?.close();
      timer = null;
      watcher = null;
      if (fd !== null) fs.closeSync(fd);
      fd = null;
      closeRotated();
      report({ state: 'stopped' });
    },
    status: (): TailStatus => ({ ...status }),
  };
}

export type FileTail = ReturnType<typeof createFileTail>;
