import type { MenuItemConstructorOptions } from 'electron';

export interface MenuDisplay {
  id: number;
  label: string;
  size: { width: number; height: number };
}

export interface MenuOptions {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  displays: readonly MenuDisplay[];
  primaryDisplayId: number;
  /** Open the wall-board (or move it) on a display; null means the remembered or primary one. */
  openWallboard(displayId: number | null): void;
  closeWallboard(): void;
  wallboardOpen: boolean;
}

function displayLabel(display: MenuDisplay, index: number, primaryId: number): string {
  const name = display.label.trim() || `Display ${index + 1}`;
  return `${name} (${display.size.width}×${display.size.height})${display.id === primaryId ? ' — primary' : ''}`;
}

function wallboardItems(options: MenuOptions): MenuItemConstructorOptions[] {
  const open: MenuItemConstructorOptions =
    options.displays.length > 1
      ? {
          label: 'Open Wall-board On',
          submenu: options.displays.map((display, index) => ({
            label: displayLabel(display, index, options.primaryDisplayId),
            click: () => options.openWallboard(display.id),
          })),
        }
      : { label: 'Open Wall-board', accelerator: 'CmdOrCtrl+Shift+B', click: () => options.openWallboard(null) };
  return [open, { label: 'Close Wall-board', enabled: options.wallboardOpen, click: () => options.closeWallboard() }];
}

/**
 * The application menu. Reload and developer tools exist only in unpackaged builds: in the field a
 * supervisor has no use for them and they would open a path around the page's lock-down.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const devItems: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      role: 'appMenu',
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push(
    {
      label: 'File',
      submenu: [...wallboardItems(options), { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [...devItems, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about' }] },
  );
  return template;
}
