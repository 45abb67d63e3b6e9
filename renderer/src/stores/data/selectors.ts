import type { ImportJob, ImportPreview, SourceStatus, SourceView } from '../../../../shared/contract';
import type { ImportFormatName, UploadState } from './initialState';

export type SourceLevel = 'ok' | 'warning' | 'breach' | 'idle';

/** How a source's state reads at a glance; the word always goes with it on screen. */
export function sourceLevel(state: SourceStatus['state']): SourceLevel {
  switch (state) {
    case 'following':
    case 'connected':
      return 'ok';
    case 'starting':
    case 'waiting':
    case 'retrying':
      return 'warning';
    case 'refused':
    case 'error':
      return 'breach';
    case 'stopped':
    case 'disabled':
      return 'idle';
  }
}

/** Milliseconds since the source last applied a record, or null when it never has. */
export function sourceLag(status: SourceStatus, now: number): number | null {
  return status.lastAt === null ? null : Math.max(0, now - status.lastAt);
}

/** Where a source reads from, as one line: the file, or host:port for AMI. */
export function sourceTarget(source: SourceView): string {
  const c = source.config;
  if (source.kind === 'ami') return `${String(c.username ?? '')}@${String(c.host ?? '')}:${String(c.port ?? 5038)}`;
  return String(c.file ?? '');
}

export function sortSources(sources: readonly SourceView[]): SourceView[] {
  return [...sources].sort((a, b) => Number(b.enabled) - Number(a.enabled) || a.name.localeCompare(b.name) || a.id - b.id);
}

/**
 * Formats whose times are wall-clock without a zone: the import must be told the zone they were
 * written in (DESIGN §3). `auto` asks once the preview shows what the file is.
 */
export function needsSourceTz(format: ImportFormatName, detected: ImportPreview['format'] | null): boolean {
  const effective = format === 'auto' ? detected : format;
  return effective === 'queue_log-table' || effective === 'csv';
}

/** Exported contact files go through "preview rows → map columns → preview result". */
export function usesMapping(format: ImportFormatName, detected: ImportPreview['format'] | null): boolean {
  const effective = format === 'auto' ? detected : format;
  return effective === 'csv' || effective === 'connect-ctr';
}

export interface PreviewCounts {
  contact: number;
  skip: number;
  reject: number;
}

export function previewCounts(preview: ImportPreview | null): PreviewCounts {
  const counts = { contact: 0, skip: 0, reject: 0 };
  for (const row of preview?.rows ?? []) counts[row.result] += 1;
  return counts;
}

export interface ProgressView {
  phase: 'upload' | 'import' | 'done' | 'cancelled' | 'failed';
  /** 0..1, or null when the size is unknown. */
  fraction: number | null;
  bytes: number;
  totalBytes: number;
  lines: number;
  contacts: number;
  elapsedMs: number;
}

/**
 * One progress bar for the whole import: the upload fills its part first, then the host's
 * reading of the file. Without an upload (desktop: the file is read where it lies) the import
 * has the whole bar.
 */
export function progressView(job: ImportJob | null, upload: UploadState | null, startedAt: number | null, now: number): ProgressView | null {
  const elapsedMs = startedAt === null ? 0 : Math.max(0, now - startedAt);
  if (upload && !job) {
    return {
      phase: 'upload',
      fraction: upload.total > 0 ? Math.min(1, upload.loaded / upload.total) : null,
      bytes: upload.loaded,
      totalBytes: upload.total,
      lines: 0,
      contacts: 0,
      elapsedMs: Math.max(0, now - upload.startedAt),
    };
  }
  if (!job) return null;
  const phase = job.state === 'running' ? 'import' : job.state === 'done' ? 'done' : job.state;
  const fraction = job.state === 'done' ? 1 : job.totalBytes > 0 ? Math.min(1, job.bytes / job.totalBytes) : null;
  return { phase, fraction, bytes: job.bytes, totalBytes: job.totalBytes, lines: job.lines, contacts: job.contacts, elapsedMs };
}

/** Unknown event names with their counts, most frequent first. */
export function unknownEventList(job: ImportJob | null): { name: string; count: number }[] {
  const events = job?.report?.unknownEvents ?? {};
  return Object.entries(events)
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** The report lists at most this many rejected lines; the count says how many there were. */
export const REJECTED_SHOWN = 200;

/** Issue paths of `sources.add/update` ("config.file") → the form's field names ("file"). */
export function sourceFieldErrors(issues: readonly { path: string; message: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const field = issue.path.replace(/^source\./, '').replace(/^config\./, '') || 'form';
    out[field] ??= issue.message;
  }
  return out;
}

/** Bytes as a person reads them: "812 B", "4.2 MB". */
export function byteUnits(bytes: number): { value: number; unit: 'byte' | 'kilobyte' | 'megabyte' | 'gigabyte' } {
  // Intl's short "byte" unit reads "249 byte" in several locales: small files count in kB.
  if (bytes === 0) return { value: 0, unit: 'byte' };
  if (bytes < 1024 ** 2) return { value: bytes / 1024, unit: 'kilobyte' };
  if (bytes < 1024 ** 3) return { value: bytes / 1024 ** 2, unit: 'megabyte' };
  return { value: bytes / 1024 ** 3, unit: 'gigabyte' };
}

/**
 * What to call an import run's file: its base name (the full path goes in a tooltip), or null for
 * a copy uploaded through the browser, whose stored path is only an upload id.
 */
export function runFileName(file: string | null): string | null {
  if (!file) return null;
  const base = file.split(/[\\/]/).pop() ?? file;
  if (/^[a-f0-9]{32}$/.test(base) && /[\\/]uploads[\\/]/.test(file)) return null;
  return base;
}
