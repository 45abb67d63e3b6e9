import net from 'node:net';

export { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (a === '::1') return true;
  return net.isIPv4(a) && a.startsWith('127.');
}

/** True when binding `host` exposes the server beyond this machine. */
export function isPublicBind(host: string): boolean {
  if (host === 'localhost') return false;
  return !isLoopbackAddress(host);
}

/**
 * Host header check against DNS rebinding: a loopback-bound server answers only requests that
 * name it as localhost / a loopback address.
 */
export function isAllowedHostHeader(hostHeader: string | undefined, publicBind: boolean): boolean {
  if (publicBind) return true;
  if (!hostHeader) return false;
  let name = hostHeader;
  if (name.startsWith('[')) name = name.slice(1, name.indexOf(']'));
  else if (name.includes(':')) name = name.slice(0, name.lastIndexOf(':'));
  return name === 'localhost' || isLoopbackAddress(name);
}

/** Constant-time token comparison. */
export function tokenMatches(given: string | null | undefined, expected: string | null | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function bearerToken(authorization: string | undefined, url: URL): string | null {
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim();
  return url.searchParams.get('token');
}
