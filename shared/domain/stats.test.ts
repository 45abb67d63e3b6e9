import { describe, expect, it } from 'vitest';
import * as stats from './stats';
import { benjaminiHochberg, binomialUpperTail, dispersion, incompleteBeta, logGamma } from './stats';

/** Direct sum of binomial probabilities: a different route to the same tail. */
function tailBySum(k: number, n: number, p: number): number {
  let s = 0;
  for (let i = k; i <= n; i++) {
    let lc = 0;
    for (let j = 1; j <= i; j++) lc += Math.log((n - i + j) / j);
    s += Math.exp(lc + i * Math.log(p) + (n - i) * Math.log(1 - p));
  }
  return s;
}

describe('stats', () => {
  it('logGamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('incomplete beta: symmetric and known values', () => {
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.2, 2, 3) + incompleteBeta(0.8, 3, 2)).toBeCloseTo(1, 12);
  });

  it('binomial upper tail equals the direct sum', () => {
    for (const [k, n, p] of [
      [1, 10, 0.1],
      [5, 10, 0.1],
      [19, 27, 0.04],
      [30, 200, 0.1],
      [3, 3, 0.5],
    ] as const) {
      expect(binomialUpperTail(k, n, p)).toBeCloseTo(tailBySum(k, n, p), 10);
    }
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    // Hand case: P(X ≥ 2 | n=2, p=0.5) = 0.25.
    expect(binomialUpperTail(2, 2, 0.5)).toBeCloseTo(0.25, 12);
  });

  it('Benjamini–Hochberg matches a hand-computed example', () => {
    // p sorted: 0.01, 0.02, 0.03, 0.5 → p·m/rank = 0.04, 0.04, 0.04, 0.5 → monotone from the top.
    expect(benjaminiHochberg([0.5, 0.01, 0.03, 0.02])).toEqual([0.5, 0.04, 0.04, 0.04]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('weighted Benjamini–Hochberg divides each p by its weight first', () => {
    // p/w: 0.5/0.5 = 1, 0.01/1.5 ≈ 0.00667, 0.03/1.5 = 0.02, 0.02/0.5 = 0.04 → sorted 0.00667,
    // 0.02, 0.04, 1 → ·m/rank = 0.02667, 0.04, 0.05333, 1.
    const q = benjaminiHochberg([0.5, 0.01, 0.03, 0.02], [0.5, 1.5, 1.5, 0.5]);
    expect(q.map((x) => Number(x.toFixed(5)))).toEqual([1, 0.02667, 0.04, 0.05333]);
    // Equal weights are the plain procedure.
    expect(benjaminiHochberg([0.5, 0.01, 0.03, 0.02], [1, 1, 1, 1])).toEqual([0.5, 0.04, 0.04, 0.04]);
  });

  it('dispersion does not count the variance of an estimated expectation as overdispersion', () => {
    // Residuals of 2.5 σ of a binomial alone (15² / 36 = 6.25), but within what an expectation
    // known to a Beta of concentration 20 allows for 400 contacts (variance × (1 + 399/21) = 20).
    const cells = Array.from({ length: 20 }, (_, i) => ({ observed: 40 + (i % 2 ? 15 : -15), expected: 40, total: 400 }));
    expect(dispersion(cells)).toBeGreaterThan(5);
    expect(dispersion(cells.map((c) => ({ ...c, concentration: 20 })))).toBe(1);
  });

  it('dispersion is 1 for binomial-like counts and grows with extra variance', () => {
    const plain = Array.from({ length: 20 }, (_, i) => ({ observed: 10 + (i % 3) - 1, expected: 10, total: 100 }));
    expect(dispersion(plain)).toBe(1);
    const wide = Array.from({ length: 20 }, (_, i) => ({ observed: i % 2 ? 22 : 0, expected: 10, total: 100 }));
    expect(dispersion(wide)).toBeGreaterThan(10);
  });
});

describe('beta-binomial tail', () => {
  it('sums to 1 from 0 and matches a hand case', () => {
    const { betaBinomialUpperTail } = stats;
    expect(betaBinomialUpperTail(0, 5, 2, 3)).toBe(1);
    // Beta-Binomial(1, a=1, b=1): P(X ≥ 1) = a / (a + b) = 0.5.
    expect(betaBinomialUpperTail(1, 1, 1, 1)).toBeCloseTo(0.5, 12);
    // Beta-Binomial(2, 1, 1) is uniform on {0,1,2}: P(X ≥ 2) = 1/3.
    expect(betaBinomialUpperTail(2, 2, 1, 1)).toBeCloseTo(1 / 3, 12);
  });
  it('is wider than the binomial with the same mean, and tends to it as the Beta concentrates', () => {
    const { betaBinomialUpperTail } = stats;
    const bin = binomialUpperTail(10, 100, 0.05);
    expect(betaBinomialUpperTail(10, 100, 5, 95)).toBeGreaterThan(bin);
    expect(betaBinomialUpperTail(10, 100, 50_000, 950_000)).toBeCloseTo(bin, 4);
  });
});
