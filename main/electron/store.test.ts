import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// electron-store imports `electron`, whose index.js throws when the binary was never downloaded.
// Electron's documented override makes it resolve to a path instead, so the real electron-store
// (and its file handling) runs here; with no `app` it relies on the explicit `cwd` we pass.
vi.hoisted(() => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist';
});

const { openElectronStore, STORE_NAME } = await import('./store');
const { createElectronSettingsStore, createWindowStateStore } = await import('./settings');

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floorwatch-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('electron-store file', () => {
  it('persists settings and window state across reopenings', () => {
    const dir = tempDir();
    const settings = createElectronSettingsStore(openElectronStore(dir));
    settings.update({ timezone: 'Europe/Tallinn' });
    createWindowStateStore(openElectronStore(dir)).set('console', { x: 5, y: 6, width: 1000, height: 700, maximized: false });

    const file = path.join(dir, `${STORE_NAME}.json`);
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(onDisk.settings.timezone).toBe('Europe/Tallinn');
    expect(onDisk.windowState.console.width).toBe(1000);

    const reopened = openElectronStore(dir);
    expect(createElectronSettingsStore(reopened).get().timezone).toBe('Europe/Tallinn');
    expect(createWindowStateStore(reopened).get('console')).toMatchObject({ x: 5, y: 6 });
  });

  it('sets an unreadable file aside and starts from defaults', () => {
    const dir = tempDir();
    const file = path.join(dir, `${STORE_NAME}.json`);
    fs.writeFileSync(file, '{"settings": {"timezone": "Europe/Tall');
    const warn = vi.fn();
    const settings = createElectronSettingsStore(openElectronStore(dir, warn));
    expect(settings.get().timezone).toBe('UTC');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('moved to'));
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith(`${STORE_NAME}.json.invalid-`));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toContain('Europe/Tall');
  });

  it('keeps dotted keys literal', () => {
    const dir = tempDir();
    const kv = openElectronStore(dir);
    kv.set('a.b', 1);
    expect(kv.get('a.b')).toBe(1);
    expect(kv.get('a')).toBeUndefined();
  });
});
