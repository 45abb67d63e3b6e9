/**
 * Pure statistics for anomaly detection: binomial tails (through the regularised incomplete beta
 * function, so counts may be fractional after an overdispersion adjustment) and the
 * Benjamini–Hochberg step-up procedure.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; ~15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const TINY = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-14) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b), a, b > 0, 0 ≤ x ≤ 1. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  // The continued fraction converges fast only on one side of the mean; use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p): the one-sided upper tail. Real-valued k and n are allowed
 * (k ≤ n), which is how an overdispersed count is tested on its effective sample size.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return Math.min(1, Math.max(0, incompleteBeta(p, k, n - k + 1)));
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in input order. A cell is a discovery at
 * false-discovery rate α when its q ≤ α. With `weights` (positive, averaging 1) it is the
 * weighted procedure of Genovese, Roeder & Wasserman (2006): each p is divided by its weight
 * first, which keeps the false-discovery rate at α while giving more power to the hypotheses
 * weighted up.
 */
export function benjaminiHochberg(pValues: readonly number[], weights?: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [weights ? Math.min(1, p / weights[i]!) : p, i] as const).sort((a, b) => a[0] - b[0]);
  const q = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const [p, i] = order[r]!;
    running = Math.min(running, (p * m) / (r + 1));
    q[i] = running;
  }
  return q;
}

/**
 * Overdispersion factor φ ≥ 1 of counts against their expectations: the median squared Pearson
 * residual over the median of χ²(1) (0.4549). The median keeps a few real anomalies from
 * inflating it; φ = 1 when the counts are as binomial as they should be. An expectation that was
 * itself estimated (`concentration`, the Beta concentration of its rate) adds its own variance,
 * n·p·(1−p)·(n−1)/(c+1) (beta-binomial): without it that estimation noise would be read as
 * overdispersion and counted a second time by a test that already allows for it.
 */
export function dispersion(cells: readonly { observed: number; expected: number; total: number; concentration?: number }[]): number {
  const r2: number[] = [];
  for (const c of cells) {
    const p = c.expected / c.total;
    const spread = c.concentration === undefined || !Number.isFinite(c.concentration) ? 1 : 1 + (c.total - 1) / (c.concentration + 1);
    const v = c.total * p * (1 - p) * spread;
    if (c.total > 0 && v > 0) r2.push((c.observed - c.expected) ** 2 / v);
  }
  if (r2.length < 8) return 1;
  r2.sort((a, b) => a - b);
  const mid = r2.length >> 1;
  const median = r2.length % 2 ? r2[mid]! : (r2[mid - 1]! + r2[mid]!) / 2;
  return Math.max(1, median / 0.4549);
}

/** Rate with a half-count added to both outcomes, so an empty or perfect history is not taken as certainty. */
export const smoothedRate = (events: number, total: number): number => (events + 0.5) / (total + 1);

const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);

/**
 * P(X ≥ k) for X ~ Beta-Binomial(n, a, b): a binomial whose rate is itself uncertain, Beta(a, b).
 * This is the honest tail when the expected rate was estimated from limited data. Real k and n
 * are allowed (summed in unit steps from k), as for `binomialUpperTail`.
 */
export function betaBinomialUpperTail(k: number, n: number, a: number, b: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  // With a very concentrated Beta the binomial is the same and much cheaper.
  if (a + b > 1e7) return binomialUpperTail(k, n, a / (a + b));
  const base = logGamma(n + 1) - logBeta(a, b);
  let sum = 0;
  let peak = 0;
  for (let j = k; j <= n + 1e-9; j++) {
    const term = Math.exp(base - logGamma(j + 1) - logGamma(n - j + 1) + logBeta(j + a, n - j + b));
    sum += term;
    peak = Math.max(peak, term);
    if (term < peak * 1e-12 && j > k + 2) break;
  }
  return Math.min(1, Math.max(0, sum));
}
