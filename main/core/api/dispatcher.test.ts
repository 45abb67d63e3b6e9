import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/contract/settings';
import { createDispatcher, type Handlers } from './dispatcher';
import { handlersFor } from '../../../tests/support/handlers';

const status = { available: true, running: true, seed: 1, generated: 0 };
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const base: Partial<Handlers> = {
    'app.info': (_i, ctx) => ({ name: 'Floorwatch', version: '1', timezone: 'UTC', dbPath: ':memory:', access: ctx.access, host: 'headless' }),
    'settings.get': () => defaultSettings(),
    'settings.update': (patch) => ({ ...defaultSettings(), ...patch }),
    'live.snapshot': () => {
      throw new Error('not used');
    },
    'simulator.status': () => status,
    'simulator.setRunning': () => status,
  };
  return handlersFor({ ...base, ...overrides });
}

describe('dispatcher', () => {
  it('answers a valid call with the handler result', async () => {
    const d = createDispatcher(handlers());
    expect(await d.call('simulator.status', {}, { access: 'read' })).toEqual({ ok: true, result: status });
  });

  it('rejects unknown methods, including prototype names', async () => {
    const d = createDispatcher(handlers());
    for (const m of ['nope', '__proto__', 'constructor', 42, null]) {
      const r = await d.call(m, {}, { access: 'write' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('unknown-method');
    }
  });

  it('validates input against the contract and names the field', async () => {
    const d = createDispatcher(handlers());
    const r = await d.call('settings.update', { staleAfterSec: 'soon' }, { access: 'write' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad-input');
      expect(r.error.issues?.[0]?.path).toBe('staleAfterSec');
    }
    const extra = await d.call('simulator.setRunning', { running: true, evil: 1 }, { access: 'write' });
    expect(extra.ok).toBe(false);
  });

  it('keeps read-only clients away from write methods', async () => {
    const d = createDispatcher(handlers());
    const r = await d.call('simulator.setRunning', { running: false }, { access: 'read' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await d.call('app.info', {}, { access: 'read' })).ok).toBe(true);
  });

  it('refuses handler output that breaks the contract', async () => {
    const logged: string[] = [];
    const d = createDispatcher(handlers({ 'simulator.status': () => ({ available: 'yes' }) as never }), (m) => logged.push(m));
    const r = await d.call('simulator.status', {}, { access: 'read' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged[0]).toMatch(/breaks the contract/);
  });
});
