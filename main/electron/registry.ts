import type { Access } from '../../shared/contract/api';

/** What the registry needs of a window's WebContents. */
export interface RegisteredContents {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface RegisteredWindow {
  readonly webContents: RegisteredContents;
  once(event: 'closed', listener: () => void): unknown;
}

/**
 * The windows this process created, with the access each one gets over IPC. Only their
 * WebContents may call core; the wall-board is a display and gets `read` only.
 */
export interface WindowRegistry {
  add(window: RegisteredWindow, access: Access): void;
  accessOf(webContentsId: number): Access | null;
  /** Live WebContents of every registered window (destroyed ones are skipped). */
  contents(): RegisteredContents[];
}

export function createWindowRegistry(): WindowRegistry {
  const entries = new Map<number, { contents: RegisteredContents; access: Access }>();
  return {
    add(window, access) {
      // The id is read now: after 'closed' the WebContents is destroyed and must not be touched.
      const contents = window.webContents;
      const id = contents.id;
      entries.set(id, { contents, access });
      window.once('closed', () => entries.delete(id));
    },
    accessOf(webContentsId) {
      return entries.get(webContentsId)?.access ?? null;
    },
    contents() {
      return [...entries.values()].map((e) => e.contents).filter((c) => !c.isDestroyed());
    },
  };
}
