/**
 * The console's Content-Security-Policy: the same for the desktop window (app:// protocol and
 * session headers) and the headless host. No inline scripts or styles, nothing from elsewhere.
 * React's `style` props set CSSOM properties, which style-src does not govern.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
