import type { CompareRow, ContactDetail, ContactListRow, ContactSort, DataFileInfo, KpiTable, ReviewConfig, ReviewGroup, ReviewJob, ReviewOptions, BackupEntry } from '../../../../shared/contract/review';

export interface ReviewState {
  /** The filters key (JSON) the loaded data belongs to: stale answers are dropped. */
  key: string | null;
  options: ReviewOptions;
  by: ReviewGroup;
  table: KpiTable | null;
  compare: CompareRow[] | null;
  compareRange: { from: string; to: string } | null;
  contacts: ContactListRow[];
  contactsNext: string | null;
  contactsLoading: boolean;
  sort: ContactSort;
  selected: ContactDetail | null;
  jobs: Record<string, ReviewJob>;
  file: DataFileInfo | null;
  config: ReviewConfig | null;
  backups: BackupEntry[];
  error: string | null;
  notice: string | null;
}

export const initialReviewState = (): ReviewState => ({
  key: null,
  options: { queues: [], segments: [], agents: [] },
  by: 'day',
  table: null,
  compare: null,
  compareRange: null,
  contacts: [],
  contactsNext: null,
  contactsLoading: false,
  sort: 'enter-desc',
  selected: null,
  jobs: {},
  file: null,
  config: null,
  backups: [],
  error: null,
  notice: null,
});
