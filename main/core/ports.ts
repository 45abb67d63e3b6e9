import type { Settings, SettingsPatch } from '../../shared/contract/settings';

/** Core depends on these small interfaces; Electron, the host, the CLI and tests provide them. */
export interface Clock {
  /** UTC epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can move by hand. */
export function manualClock(start: number): Clock & { set(t: number): void; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    set: (v) => {
      t = v;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
}

export interface Notifier {
  notify(title: string, body: string): void;
}

export const silentNotifier: Notifier = { notify: () => undefined };
