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

/**
 * A fenced block of the exported-files documentation in the README (section "Importing exported
 * contact files"), so the documented examples are tested and cannot drift from the code.
 */
export function docBlock(lang: string): string {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('### Importing exported contact files');
  const end = readme.indexOf('### NDJSON event feed', start);
  if (start < 0 || end < 0) throw new Error('README.md has no "Importing exported contact files" section');
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(readme.slice(start, end));
  if (!m) throw new Error(`no ${lang} block in the README's exported-files section`);
  return m[1]!;
}
