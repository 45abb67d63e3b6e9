import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';
import { APP_HOST, APP_SCHEME } from './constants';

/** Content-Security-Policy for every page of the app: one policy, shared with the headless host. */
export { CONTENT_SECURITY_POLICY };

/** Beyond this a "link" is more likely an attack payload than a page a supervisor meant to open. */
const MAX_EXTERNAL_URL_LENGTH = 2048;

function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_EXTERNAL_URL_LENGTH * 4) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * True only for a URL (or origin) inside the app's own `app://floorwatch` origin. Compared by
 * protocol and host because WHATWG `URL.origin` is "null" for non-special schemes in Node.
 */
export function isAppUrl(value: unknown): boolean {
  const url = parseUrl(value);
  return url !== null && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/** Whether an IPC message's sending frame URL belongs to the app (see ipc.ts for the full check). */
export function isTrustedSender(frameUrl: unknown): boolean {
  return isAppUrl(frameUrl);
}

/**
 * Links the app may hand to the system browser: plain http(s) without embedded credentials.
 * Anything else (file:, javascript:, custom protocol handlers of other apps) could run code.
 */
export function isSafeExternalUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_EXTERNAL_URL_LENGTH) return false;
  const url = parseUrl(value);
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.hostname !== '';
}

export type OpenExternal = (url: string) => unknown;

function openIfSafe(url: unknown, openExternal: OpenExternal): void {
  if (!isSafeExternalUrl(url)) return;
  try {
    // shell.openExternal returns a promise; a failure to launch the browser is not our concern.
    Promise.resolve(openExternal(url)).catch(() => undefined);
  } catch {
    // ignore: see above
  }
}

export interface PreventableNavigation {
  url: string;
  preventDefault(): void;
}

/**
 * `will-navigate` / `will-redirect`: the window never leaves the app. An http(s) link goes to the
 * system browser instead. Returns whether the navigation was allowed (for tests and logs).
 */
export function guardNavigation(event: PreventableNavigation, openExternal: OpenExternal): boolean {
  if (isAppUrl(event.url)) return true;
  event.preventDefault();
  openIfSafe(event.url, openExternal);
  return false;
}

/** `setWindowOpenHandler`: no child windows ever; safe links open in the system browser. */
export function createWindowOpenHandler(openExternal: OpenExternal): (details: { url: string }) => { action: 'deny' } {
  return (details) => {
    openIfSafe(details.url, openExternal);
    return { action: 'deny' };
  };
}

/** Only desktop notifications (breach alerts), and only for the app's own pages. */
export function isPermissionAllowed(permission: unknown, requestingUrl: unknown): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl);
}

/** Response headers with our CSP replacing whatever policy (any header case) was there. */
export function withSecurityHeaders(headers: Record<string, string | string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

/** The parts of `WebContents` the hardening touches; real WebContents satisfies it. */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: PreventableNavigation) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableNavigation) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

const hardened = new WeakSet<object>();

/**
 * Applied to every WebContents: ours by the window factory, any other via `web-contents-created`.
 * Idempotent, so the two paths never register twice (a link would open twice in the browser).
 */
export function hardenWebContents(contents: HardenableContents, openExternal: OpenExternal): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.on('will-navigate', (event) => {
    guardNavigation(event, openExternal);
  });
  contents.on('will-redirect', (event) => {
    guardNavigation(event, openExternal);
  });
  // <webview> would embed a guest with its own preferences; the app never uses one.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
}

/** The parts of `Session` the hardening touches. */
export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
}

/** Permission handlers and the CSP header for every response the session sees. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
}
