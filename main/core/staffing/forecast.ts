/**
 * Hourly volume forecast: the same hour in past weeks, with a linear trend. For the hour to
 * forecast, take the counts at −1, −2, … −K weeks, fit y = a + b·x by least squares over
 * x = −1 … −K and read it at x = 0. With fewer than 3 weeks the trend is too noisy to fit and the
 * plain mean is used. Never negative.
 */
export function forecastFromWeeks(pastWeeks: readonly (number | null)[]): number | null {
  // pastWeeks[0] is one week ago, [1] two weeks ago, …; null = no data that week.
  const points = pastWeeks.flatMap((y, i) => (y === null ? [] : [{ x: -(i + 1), y }]));
  if (points.length === 0) return null;
  const meanY = points.reduce((s, p) => s + p.y, 0) / points.length;
  if (points.length < 3) return meanY;
  const meanX = points.reduce((s, p) => s + p.x, 0) / points.length;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - meanX) * (p.y - meanY);
    sxx += (p.x - meanX) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return Math.max(0, meanY - slope * meanX);
}

/** Mean absolute percentage error over pairs with a non-zero actual; null when there are none. */
export function mape(pairs: readonly { actual: number; forecast: number }[]): number | null {
  const usable = pairs.filter((p) => p.actual > 0);
  if (usable.length === 0) return null;
  return usable.reduce((s, p) => s + Math.abs(p.actual - p.forecast) / p.actual, 0) / usable.length;
}

export const HISTORY_WEEKS = 8;
