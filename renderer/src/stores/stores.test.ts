import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../shared/contract';
import { createFakeTransport, type FakeTransport } from '../api/fake';
import { setApi } from '../api/client';
import { useConnectionStore } from './connection';
import { useLiveStore } from './live/actions';
import { useSettingsStore } from './settings/actions';
import { fieldError, unplacedErrors } from './settings/selectors';
import { startSync } from './sync';
import { snapshot } from '../test/fixtures';

let clock = 1_700_000_000_000;
let fake: FakeTransport;
let stop: () => void = () => undefined;

beforeEach(() => {
  clock = 1_700_000_000_000;
  fake = createFakeTransport({ now: () => clock, intervalMs: 0, seed: 3 });
  setApi(createClient(fake));
  useLiveStore.getState().reset();
  useSettingsStore.getState().reset();
  useConnectionStore.getState().reset();
});

afterEach(() => {
  stop();
  setApi(null);
});

describe('sync', () => {
  it('loads the snapshot and settings, then follows events', async () => {
    stop = startSync(createClient(fake));
    await vi.waitFor(() => expect(useLiveStore.getState().snapshot?.channels).toHaveLength(5));
    await vi.waitFor(() => expect(useSettingsStore.getState().loaded).toBe(true));
    expect(useConnectionStore.getState().connected).toBe(true);

    clock += 1000;
    fake.tick();
    expect(useLiveStore.getState().snapshot?.at).toBe(clock);
    expect(useConnectionStore.getState().lastMessageAt).not.toBeNull();
  });

  it('applies settings pushed by another window', async () => {
    stop = startSync(createClient(fake));
    await vi.waitFor(() => expect(useSettingsStore.getState().loaded).toBe(true));
    await fake.invoke('settings.update', { locale: 'fa' });
    expect(useSettingsStore.getState().settings.locale).toBe('fa');
  });
});

describe('live store', () => {
  it('never replaces a snapshot by an older one', () => {
    const live = useLiveStore.getState();
    live.receive(snapshot({ at: 2000 }), 10);
    live.receive(snapshot({ at: 1000 }), 20);
    expect(useLiveStore.getState().snapshot?.at).toBe(2000);
    expect(useLiveStore.getState().receivedAt).toBe(10);
  });

  it('records the load error', async () => {
    setApi({
      call: async () => {
        throw new Error('host down');
      },
      on: () => () => undefined,
      onConnection: () => () => undefined,
    });
    await useLiveStore.getState().load();
    expect(useLiveStore.getState().error).toBe('host down');
  });
});

describe('settings store', () => {
  it('saves a valid patch', async () => {
    expect(await useSettingsStore.getState().update({ staleAfterSec: 12 })).toBe(true);
    expect(useSettingsStore.getState().settings.staleAfterSec).toBe(12);
    expect(useSettingsStore.getState().fieldErrors).toEqual({});
  });

  it('keeps the server bad-input issues by field path', async () => {
    const patch = { staleAfterSec: 1, thresholds: { amberTargetShare: 0.5, redTargetShare: 1, amberDepth: 0, redDepth: 10 } };
    expect(await useSettingsStore.getState().update(patch)).toBe(false);
    const { fieldErrors, formError } = useSettingsStore.getState();
    expect(Object.keys(fieldErrors).sort()).toEqual(['staleAfterSec', 'thresholds.amberDepth']);
    expect(formError).toBeTruthy();
    expect(useSettingsStore.getState().settings.staleAfterSec).toBe(30);
  });
});

describe('settings selectors', () => {
  it('places errors on fields, falling back to the parent path', () => {
    const errors = { 'thresholds.redDepth': 'Too small', wallboard: 'Invalid', x: 'Unknown key' };
    expect(fieldError(errors, 'thresholds.redDepth')).toBe('Too small');
    expect(fieldError(errors, 'thresholds.amberDepth')).toBeNull();
    expect(fieldError(errors, 'wallboard.rotateSec')).toBe('Invalid');
    expect(unplacedErrors(errors, ['thresholds.redDepth', 'wallboard.rotateSec'])).toEqual(['x: Unknown key']);
  });
});

describe('optimistic settings', () => {
  it('shows the change at once and takes it back when refused', async () => {
    const pending = useSettingsStore.getState().update({ theme: 'light' }, { optimistic: true });
    expect(useSettingsStore.getState().settings.theme).toBe('light');
    expect(await pending).toBe(true);

    const refused = useSettingsStore.getState().update({ staleAfterSec: 0 }, { optimistic: true });
    expect(useSettingsStore.getState().settings.staleAfterSec).toBe(0);
    expect(await refused).toBe(false);
    expect(useSettingsStore.getState().settings.staleAfterSec).toBe(30);
  });
});
