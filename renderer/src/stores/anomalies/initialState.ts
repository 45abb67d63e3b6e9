import type { AnomalyContact, AnomalyOverview } from '../../../../shared/contract';

export interface AnomaliesState {
  overview: AnomalyOverview | null;
  loading: boolean;
  error: string | null;
  /** An action was asked for a flag that a new scan no longer finds. */
  gone: boolean;
  /** Flags are picked by key: a flag found by a read has no id until a scan records it. */
  selectedKey: string | null;
  contacts: AnomalyContact[];
  contactsFor: string | null;
}

export const initialAnomaliesState = (): AnomaliesState => ({
  overview: null,
  loading: false,
  error: null,
  gone: false,
  selectedKey: null,
  contacts: [],
  contactsFor: null,
});
