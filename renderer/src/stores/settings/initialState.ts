import { defaultSettings, type Settings } from '../../../../shared/contract';

export interface SettingsState {
  /** Defaults until `settings.get` answers, so the first paint already has a locale and theme. */
  settings: Settings;
  loaded: boolean;
  saving: boolean;
  /** Server-side `bad-input` issues by field path ("targetSec.voice"). */
  fieldErrors: Record<string, string>;
  formError: string | null;
  savedAt: number | null;
}

export const initialSettingsState = (): SettingsState => ({
  settings: defaultSettings(),
  loaded: false,
  saving: false,
  fieldErrors: {},
  formError: null,
  savedAt: null,
});
