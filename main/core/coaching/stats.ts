/**
 * The tests behind "did it work?". Normal approximations, fine at the sample sizes a contact
 * center produces; below a few contacts per side nothing is called significant.
 */

/** Standard normal CDF via erfc (Numerical Recipes erfcc, |error| < 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const y =
    t *
    Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? 1 - y / 2 : y / 2;
}

export const twoSidedP = (z: number): number => 2 * (1 - normalCdf(Math.abs(z)));

export interface TestResult {
  statistic: number | null;
  pValue: number | null;
}

/** Two-proportion z-test with the pooled proportion: H0 p1 = p2. */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): TestResult {
  if (n1 === 0 || n2 === 0) return { statistic: null, pValue: null };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { statistic: 0, pValue: 1 };
  const z = (x2 / n2 - x1 / n1) / se;
  return { statistic: z, pValue: twoSidedP(z) };
}

/** Welch's test on two means (normal reference: sample sizes here are contacts, usually many). */
export function welch(m1: number, v1: number, n1: number, m2: number, v2: number, n2: number): TestResult {
  if (n1 < 2 || n2 < 2) return { statistic: null, pValue: null };
  const se = Math.sqrt(v1 / n1 + v2 / n2);
  if (se === 0) return { statistic: 0, pValue: 1 };
  const t = (m2 - m1) / se;
  return { statistic: t, pValue: twoSidedP(t) };
}

/** Two Poisson counts over equal exposure: conditional on the total, c2 ~ Bin(c1 + c2, ½). */
export function poissonRates(c1: number, c2: number): TestResult {
  if (c1 + c2 === 0) return { statistic: null, pValue: null };
  const z = (c2 - c1) / Math.sqrt(c1 + c2);
  return { statistic: z, pValue: twoSidedP(z) };
}
