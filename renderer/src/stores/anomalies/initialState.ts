import type { AnomalyContact, AnomalyOverview } from '../../../../shared/contract';

export interface AnomaliesState {
  overview: AnomalyOverview | null;
  loading: boolean;
  error: string | null;
  selectedId: number | null;
  contacts: AnomalyContact[];
  contactsFor: number | null;
}

export const initialAnomaliesState = (): AnomaliesState => ({
  overview: null,
  loading: false,
  error: null,
  selectedId: null,
  contacts: [],
  contactsFor: null,
});
