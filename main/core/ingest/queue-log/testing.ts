import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IngestEvent } from '../events';
import { createQueueLogParser } from './parser';
import type { QueueLogParserOptions, QueueLogParserState, QueueLogResult } from './types';

/** Test support: the repo root, and parsing an array of lines into events. */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const publicData = (...parts: string[]): string => path.resolve(repoRoot, '../shared/data/public', ...parts);

export interface Parsed {
  events: IngestEvent[];
  result: QueueLogResult;
}

export function parseLines(lines: readonly string[], options: Partial<QueueLogParserOptions> = {}): Parsed {
  const events: IngestEvent[] = [];
  const parser = createQueueLogParser({ source: 'queue_log:test', format: 'file', ...options, onEvent: (e) => events.push(e) });
  lines.forEach((line, i) => parser.push(line, i + 1));
  return { events, result: parser.finish() };
}

/**
 * The events of `lines` parsed in two parts: the first `cut` lines, then the rest by a new parser
 * continued from the first one's saveState() (through JSON, as a tail stores it).
 */
export function parseResumed(lines: readonly string[], cut: number): IngestEvent[] {
  const before: IngestEvent[] = [];
  const first = createQueueLogParser({ source: 'queue_log:test', format: 'file', onEvent: (e) => before.push(e) });
  lines.slice(0, cut).forEach((line, i) => first.push(line, i + 1));
  const state = JSON.parse(JSON.stringify(first.saveState())) as QueueLogParserState;
  return [...before, ...parseLines(lines.slice(cut), { state }).events];
}

/** Every event must satisfy the contract the store validates against. */
export function invalidEvents(events: readonly IngestEvent[]): string[] {
  const problems: string[] = [];
  for (const e of events) {
    const r = IngestEvent.safeParse(e);
    if (!r.success) problems.push(`${JSON.stringify(e)}: ${r.error.message}`);
  }
  return problems;
}

export function ofKind<K extends IngestEvent['kind']>(events: readonly IngestEvent[], kind: K): Array<Extract<IngestEvent, { kind: K }>> {
  return events.filter((e): e is Extract<IngestEvent, { kind: K }> => e.kind === kind);
}
