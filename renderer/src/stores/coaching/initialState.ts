import type { CoachingAgent, CoachingSession, CoachingSettings, SessionDetail, Slot, StaffingQueue } from '../../../../shared/contract/coaching';

export type CoachingView = 'week' | 'day' | 'list' | 'staffing' | 'settings';

export interface CoachingState {
  view: CoachingView;
  /** Local date the calendar shows (its week, or the day). Empty until the first load sets today. */
  anchor: string;
  /** First day of the week shown (0 = Sunday … 6 = Saturday), from the locale. */
  firstDay: number;
  sessions: CoachingSession[];
  agents: CoachingAgent[];
  settings: CoachingSettings | null;
  detail: SessionDetail | null;
  slots: Slot[] | null;
  staffing: StaffingQueue[] | null;
  loading: boolean;
  error: string | null;
}

export const initialCoachingState: CoachingState = {
  view: 'week',
  anchor: '',
  firstDay: 1,
  sessions: [],
  agents: [],
  settings: null,
  detail: null,
  slots: null,
  staffing: null,
  loading: false,
  error: null,
};
