import type { ImportJob, ImportPreview, ImportRun, SourceView } from '../../../../shared/contract';
import type { IMPORT_FORMAT_NAMES } from '../../../../shared/contract/sources';

export type ImportFormatName = (typeof IMPORT_FORMAT_NAMES)[number];

/** A file chosen for import: a path on this machine (desktop) or a copy uploaded to the host. */
export type FileRef =
  | { kind: 'path'; path: string; name: string; size: number }
  | { kind: 'upload'; uploadId: string; name: string; size: number };

export interface UploadState {
  name: string;
  loaded: number;
  total: number;
  startedAt: number;
}

export interface ImportDraft {
  file: FileRef | null;
  format: ImportFormatName;
  /** IANA zone of wall-clock times in the file ('' = not given). */
  sourceTz: string;
  site: string;
  /** The mapping edited on screen; null = the one the server found. */
  mappingJson: string | null;
}

export interface DataState {
  sources: SourceView[];
  sourcesLoaded: boolean;
  sourcesError: string | null;
  history: ImportRun[];
  historyError: string | null;
  jobs: Record<string, ImportJob>;
  /** The job this screen started and follows (its progress bar and report). */
  activeJobId: string | null;
  jobStartedAt: number | null;
  upload: UploadState | null;
  draft: ImportDraft;
  preview: ImportPreview | null;
  previewing: boolean;
  /** Why the chosen file cannot be previewed or imported, in words that say what to do. */
  importError: string | null;
  /** Server-side `bad-input` issues on the import form, by field ("sourceTz", "mappingJson"). */
  importIssues: Record<string, string>;
}

export const emptyDraft = (): ImportDraft => ({ file: null, format: 'auto', sourceTz: '', site: '', mappingJson: null });

export const initialDataState = (): DataState => ({
  sources: [],
  sourcesLoaded: false,
  sourcesError: null,
  history: [],
  historyError: null,
  jobs: {},
  activeJobId: null,
  jobStartedAt: null,
  upload: null,
  draft: emptyDraft(),
  preview: null,
  previewing: false,
  importError: null,
  importIssues: {},
});
