const STORAGE_KEY = 'floorwatch.accessToken';

/**
 * A wall-board opened from a link like `http://host:4780/?token=T#/wallboard` must keep working
 * after the hash changes or the page reloads, so the token moves from the URL into the tab's
 * session storage (never localStorage: it should not outlive the tab).
 */
export function resolveAccessToken(search: string, storage: Pick<Storage, 'getItem' | 'setItem'> | null): string | null {
  const fromUrl = new URLSearchParams(search).get('token');
  if (fromUrl) {
    try {
      storage?.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled (privacy mode); the URL still carries the token for this load.
    }
    return fromUrl;
  }
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
