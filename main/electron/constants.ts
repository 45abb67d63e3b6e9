/**
 * Names the Electron shell uses in more than one place. The renderer is served from a privileged
 * custom scheme rather than file:// so it gets a real origin (CSP 'self', storage) and cannot read
 * arbitrary files from disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'floorwatch';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/`;
export const WALLBOARD_URL = `${APP_URL}#/wallboard`;

/** The only two IPC channels: calls go up one, core events come down the other. */
export const IPC_INVOKE = 'floorwatch:invoke';
export const IPC_EVENT = 'floorwatch:event';

/** The global the preload exposes in the page; its type is `FloorwatchBridge` in shared/contract/bridge.ts. */
export const BRIDGE_GLOBAL = 'floorwatch';

