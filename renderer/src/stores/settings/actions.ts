import { create } from 'zustand';
import { ApiError, type Settings, type SettingsPatch } from '../../../../shared/contract';
import { api } from '../../api/client';
import { initialSettingsState, type SettingsState } from './initialState';

export interface SettingsActions {
  load(): Promise<void>;
  receive(settings: Settings): void;
  /**
   * Saves a patch; resolves false (with `fieldErrors` / `formError` set) when refused. `optimistic`
   * shows the change at once (language, theme) and takes it back if the server refuses it.
   */
  update(patch: SettingsPatch, options?: { optimistic?: boolean }): Promise<boolean>;
  clearErrors(): void;
  reset(): void;
}

export const useSettingsStore = create<SettingsState & SettingsActions>()((set, get) => ({
  ...initialSettingsState(),
  async load() {
    try {
      const settings = await api().call('settings.get', {});
      set({ settings, loaded: true });
    } catch (error) {
      set({ formError: error instanceof Error ? error.message : String(error) });
    }
  },
  receive(settings) {
    set({ settings, loaded: true });
  },
  async update(patch, options = {}) {
    const before = get().settings;
    set({ saving: true, fieldErrors: {}, formError: null });
    if (options.optimistic) set({ settings: { ...before, ...patch } });
    try {
      const settings = await api().call('settings.update', patch);
      set({ settings, loaded: true, saving: false, savedAt: Date.now() });
      return true;
    } catch (error) {
      const fieldErrors: Record<string, string> = {};
      if (error instanceof ApiError && error.issues) {
        for (const issue of error.issues) fieldErrors[issue.path] ??= issue.message;
      }
      set({
        ...(options.optimistic ? { settings: before } : {}),
        saving: false,
        fieldErrors,
        formError: error instanceof Error ? error.message : String(error),
        savedAt: null,
      });
      return false;
    }
  },
  clearErrors() {
    set({ fieldErrors: {}, formError: null });
  },
  reset() {
    set(initialSettingsState());
  },
}));
