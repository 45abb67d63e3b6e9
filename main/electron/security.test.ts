import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  guardNavigation,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isPermissionAllowed,
  isSafeExternalUrl,
  isTrustedSender,
  withSecurityHeaders,
  type HardenableContents,
  type HardenableSession,
} from './security';
import { navigation } from './testing/fake-electron';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('isTrustedSender / isAppUrl', () => {
  it.each(['app://floorwatch/', 'app://floorwatch/index.html', 'app://floorwatch/#/wallboard', 'app://floorwatch'])('trusts %s', (url) => {
    expect(isTrustedSender(url)).toBe(true);
  });

  it.each([
    'app://floorwatch.evil/',
    'app://evil/',
    'app://user@floorwatch/',
    'app://floorwatch:8080/',
    'https://floorwatch/',
    'file:///work/build/renderer/index.html',
    'http://127.0.0.1:4780/',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    '',
    'not a url',
  ])('does not trust %s', (url) => {
    expect(isTrustedSender(url)).toBe(false);
  });

  it.each([null, undefined, 42, {}, ['app://floorwatch/'], { toString: () => 'app://floorwatch/' }])('does not trust non-strings (%o)', (value) => {
    expect(isAppUrl(value)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://example.com/', 'http://intranet.local/wiki?page=1'])('accepts %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });
  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'https://user:pass@example.com/',
    'app://floorwatch/',
    `https://example.com/${'a'.repeat(3000)}`,
    42,
    null,
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('navigation guard', () => {
  it('allows only the app origin and hands http(s) to the browser', () => {
    const open = vi.fn();
    const inside = navigation('app://floorwatch/#/live');
    expect(guardNavigation(inside, open)).toBe(true);
    expect(inside.prevented()).toBe(false);

    const outside = navigation('https://example.com/');
    expect(guardNavigation(outside, open)).toBe(false);
    expect(outside.prevented()).toBe(true);
    expect(open).toHaveBeenCalledWith('https://example.com/');

    const sneaky = navigation('file:///home/user/.ssh/id_rsa');
    expect(guardNavigation(sneaky, open)).toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('survives an external opener that throws or rejects', () => {
    expect(guardNavigation(navigation('https://a.example/'), () => Promise.reject(new Error('no browser')))).toBe(false);
    expect(
      guardNavigation(navigation('https://a.example/'), () => {
        throw new Error('no browser');
      }),
    ).toBe(false);
  });

  it('hardens a WebContents once even when asked twice', () => {
    const on = vi.fn();
    const contents: HardenableContents = { on, setWindowOpenHandler: vi.fn() };
    hardenWebContents(contents, vi.fn());
    hardenWebContents(contents, vi.fn());
    expect(on.mock.calls.filter(([name]) => name === 'will-navigate')).toHaveLength(1);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });
});

describe('permissions', () => {
  it('grants notifications to the app only, and nothing else to anyone', () => {
    expect(isPermissionAllowed('notifications', 'app://floorwatch/')).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://example.com/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'display-capture']) {
      expect(isPermissionAllowed(permission, 'app://floorwatch/')).toBe(false);
    }
  });
});

describe('content security policy', () => {
  it('is strict: self-only scripts without inline or eval, nothing framed, posted or based elsewhere', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|\*/);
  });

  it('replaces any policy a response brought, whatever its header case', () => {
    const headers = withSecurityHeaders({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'], 'CONTENT-SECURITY-POLICY-REPORT-ONLY': 'x' });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(Object.keys(headers).filter((k) => k.toLowerCase().startsWith('content-security-policy'))).toEqual(['Content-Security-Policy']);
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
  });

  it('is installed on the session with the permission handlers', () => {
    let requestHandler: Parameters<HardenableSession['setPermissionRequestHandler']>[0] | null = null;
    let checkHandler: Parameters<HardenableSession['setPermissionCheckHandler']>[0] | null = null;
    let headersListener: Parameters<HardenableSession['webRequest']['onHeadersReceived']>[0] | null = null;
    hardenSession({
      setPermissionRequestHandler: (h) => void (requestHandler = h),
      setPermissionCheckHandler: (h) => void (checkHandler = h),
      webRequest: { onHeadersReceived: (l) => void (headersListener = l) },
    });
    expect(requestHandler).not.toBeNull();
    expect(checkHandler).not.toBeNull();
    expect(headersListener).not.toBeNull();

    const granted = vi.fn();
    requestHandler!(null, 'media', granted, { requestingUrl: 'app://floorwatch/' });
    requestHandler!(null, 'notifications', granted, { requestingUrl: 'app://floorwatch/' });
    requestHandler!(null, 'notifications', granted, { requestingUrl: 'https://evil.example/' });
    expect(granted.mock.calls).toEqual([[false], [true], [false]]);
    expect(checkHandler!(null, 'notifications', 'app://floorwatch')).toBe(true);
    expect(checkHandler!(null, 'geolocation', 'app://floorwatch')).toBe(false);

    const respond = vi.fn();
    headersListener!({ responseHeaders: { 'Content-Type': ['text/html'] } }, respond);
    expect(respond).toHaveBeenCalledWith({ responseHeaders: expect.objectContaining({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }) });
  });
});
