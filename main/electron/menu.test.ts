import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuOptions } from './menu';

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return {
    isPackaged: true,
    platform: 'linux',
    displays: [{ id: 1, label: 'Built-in', size: { width: 1920, height: 1080 } }],
    primaryDisplayId: 1,
    openWallboard: vi.fn(),
    closeWallboard: vi.fn(),
    wallboardOpen: false,
    ...overrides,
  };
}

const roles = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role).filter(Boolean);

describe('application menu', () => {
  it('has no reload or developer tools in packaged builds', () => {
    const all = roles(flatten(buildMenuTemplate(options())));
    expect(all).not.toContain('toggleDevTools');
    expect(all).not.toContain('reload');
    expect(all).not.toContain('forceReload');
    expect(all).toEqual(expect.arrayContaining(['quit', 'zoomIn', 'zoomOut', 'resetZoom', 'windowMenu', 'about']));
  });

  it('offers reload and developer tools when not packaged', () => {
    const all = roles(flatten(buildMenuTemplate(options({ isPackaged: false }))));
    expect(all).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('opens the wall-board on the remembered display when there is one display', () => {
    const open = vi.fn();
    const item = flatten(buildMenuTemplate(options({ openWallboard: open }))).find((i) => i.label === 'Open Wall-board');
    item?.click?.({} as never, undefined, {} as never);
    expect(open).toHaveBeenCalledWith(null);
  });

  it('lists every display when there are several, marking the primary', () => {
    const open = vi.fn();
    const template = buildMenuTemplate(
      options({
        openWallboard: open,
        primaryDisplayId: 2,
        displays: [
          { id: 1, label: '', size: { width: 1280, height: 1024 } },
          { id: 2, label: 'DELL U2720Q', size: { width: 3840, height: 2160 } },
        ],
      }),
    );
    const parent = flatten(template).find((i) => i.label === 'Open Wall-board On');
    const items = parent?.submenu as MenuItemConstructorOptions[];
    expect(items.map((i) => i.label)).toEqual(['Display 1 (1280×1024)', 'DELL U2720Q (3840×2160) — primary']);
    items[0]!.click?.({} as never, undefined, {} as never);
    expect(open).toHaveBeenCalledWith(1);
  });

  it('enables closing the wall-board only while it is open', () => {
    const find = (open: boolean) => flatten(buildMenuTemplate(options({ wallboardOpen: open }))).find((i) => i.label === 'Close Wall-board');
    expect(find(false)?.enabled).toBe(false);
    expect(find(true)?.enabled).toBe(true);
  });

  it('puts the app menu first on macOS', () => {
    expect(buildMenuTemplate(options({ platform: 'darwin' }))[0]?.role).toBe('appMenu');
  });
});
