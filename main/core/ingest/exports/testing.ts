import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CustomerRecord, IngestEvent } from '../events';
import { parseExportFile } from './index';
import type { Mapping } from './mapping';
import type { ExportResult } from './parser';

/** Test helpers: fixture paths (the shared data sits beside the repository) and event collection. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const publicData = (...parts: string[]): string => path.resolve(repoRoot, '../shared/data/public', ...parts);

export type Kind = IngestEvent['kind'];
export function ofKind<K extends Kind>(events: readonly IngestEvent[], kind: K): Extract<IngestEvent, { kind: K }>[] {
  return events.filter((e): e is Extract<IngestEvent, { kind: K }> => e.kind === kind);
}

export async function collectFile(file: string, mapping: Mapping, options: { sourceTimeZone?: string; chunkSize?: number } = {}) {
  const events: IngestEvent[] = [];
  const customers: CustomerRecord[] = [];
  const result: ExportResult = await parseExportFile(
    file,
    { mapping, sourceTimeZone: options.sourceTimeZone, onEvent: (e) => events.push(e), onCustomer: (c) => customers.push(c) },
    { chunkSize: options.chunkSize ?? 64 * 1024 },
  );
  return { events, customers, result };
}

/** A fenced block of the layout's documentation (README-generic.md). */
export function docBlock(lang: string): string {
  const md = readFileSync(new URL('./README-generic.md', import.meta.url), 'utf8');
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(md);
  if (!m) throw new Error(`no ${lang} block in README-generic.md`);
  return m[1];
}
