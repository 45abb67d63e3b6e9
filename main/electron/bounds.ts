export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

/**
 * How much of a restored window must lie on some display for it to count as visible: enough to
 * see it and grab its title bar. A window saved on a monitor that is gone would otherwise open
 * off-screen with no way to reach it.
 */
export const MIN_VISIBLE_WIDTH = 120;
export const MIN_VISIBLE_HEIGHT = 60;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

export function isVisibleOnDisplays(bounds: Rect, displays: readonly DisplayLike[]): boolean {
  const needWidth = Math.min(MIN_VISIBLE_WIDTH, bounds.width);
  const needHeight = Math.min(MIN_VISIBLE_HEIGHT, bounds.height);
  return displays.some((d) => {
    const o = overlap(bounds, d.workArea);
    return o.width >= needWidth && o.height >= needHeight;
  });
}

/** The remembered display if it is connected, else the primary one. */
export function pickDisplay<D extends DisplayLike>(displays: readonly D[], rememberedId: number | null, primary: D): D {
  if (rememberedId === null) return primary;
  return displays.find((d) => d.id === rememberedId) ?? primary;
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
