import { benjaminiHochberg, betaBinomialUpperTail, binomialUpperTail, dispersion, smoothedRate } from '../../../shared/domain/stats';

/**
 * Detection of DESIGN §6 on counted cells; no database here, so the statistics have plain tests.
 *
 * Expectation: a cell's rate is predicted from the cells around it, never from itself
 * (leave-one-out), on the odds scale: odds(expected) = odds(row elsewhere) × odds(column here,
 * other rows) / odds(other rows elsewhere). For unanswered contacts the row is the segment and the
 * column the hour (so a congested hour that hits every segment alike is not an anomaly); for
 * avoidance the row is the agent and the column the segment (so a segment that rings out more
 * with everybody, or an agent who rings out more with everybody, is not one either).
 * Test: one-sided binomial upper tail, on counts divided by an overdispersion factor estimated
 * from all the cells of the family, then Benjamini–Hochberg over every cell tested.
 */
export interface DetectOptions {
  minContacts: number;
  minRatio: number;
  fdr: number;
}

export interface CellCount {
  row: string;
  col: string;
  total: number;
  events: number;
}

export interface ScoredCell extends CellCount {
  expected: number;
  /** Beta concentration of the expected rate (large = well known). */
  concentration: number;
  baseRate: number;
  peerRate: number;
  pValue: number;
}

const odds = (p: number) => p / (1 - p);
/** Prior weight, in contacts, of "no row or column effect". */
const PRIOR = 10;
const PRIOR_EVENTS = 2;
/** p below which a cell is set aside before anything else is estimated (about 5 sigma). */
const EXTREME_P = 1e-7;
const prob = (o: number) => o / (1 + o);

const logitVar = (x: number, n: number) => 1 / (x + 0.5) + 1 / (n - x + 0.5);

/**
 * Between-margin variance τ² of the true log-odds effects of a table's rows (or columns), by
 * DerSimonian–Laird: the weighted spread of their log-odds around the table's, less what their
 * sampling variance alone explains. Infinity (no shrinkage) with fewer than three margins.
 */
function effectSpread(margins: ReadonlyMap<string, { n: number; x: number }>, N: number, X: number): number {
  const e = [...margins.values()].filter((m) => m.n > 0).map((m) => ({ d: Math.log(odds(smoothedRate(m.x, m.n)) / odds(smoothedRate(X, N))), w: 1 / logitVar(m.x, m.n) }));
  if (e.length < 3) return Infinity;
  const sw = e.reduce((s, m) => s + m.w, 0);
  const mean = e.reduce((s, m) => s + m.w * m.d, 0) / sw;
  const q = e.reduce((s, m) => s + m.w * (m.d - mean) ** 2, 0);
  const c = sw - e.reduce((s, m) => s + m.w * m.w, 0) / sw;
  return c > 0 ? Math.max(0, (q - (e.length - 1)) / c) : Infinity;
}

/** How a table's margins are read. */
export interface TableShape {
  /**
   * Shrink the columns' effects by how much they really vary (default). Off for one-off
   * date-hours: most of those are ordinary, so the spread is small, and an hour that went wrong for
   * every segment would be shrunk away and blamed on the segment with the most contacts in it.
   */
  shrinkColumns?: boolean;
}

/** One pass: expectations from the margins of the cells not excluded, p-values for all. */
function scorePass(cells: readonly CellCount[], excluded: ReadonlySet<number>, o: DetectOptions, shape: TableShape, plainBinomial = false) {
  const rowT = new Map<string, { n: number; x: number }>();
  const colT = new Map<string, { n: number; x: number }>();
  let N = 0;
  let X = 0;
  cells.forEach((c, i) => {
    if (excluded.has(i)) return;
    const r = rowT.get(c.row) ?? { n: 0, x: 0 };
    r.n += c.total;
    r.x += c.events;
    rowT.set(c.row, r);
    const k = colT.get(c.col) ?? { n: 0, x: 0 };
    k.n += c.total;
    k.x += c.events;
    colT.set(c.col, k);
    N += c.total;
    X += c.events;
  });
  const tauRow = effectSpread(rowT, N, X);
  const tauCol = shape.shrinkColumns === false ? Infinity : effectSpread(colT, N, X);
  const pre: (Omit<ScoredCell, 'pValue'> & { index: number })[] = [];
  cells.forEach((c, index) => {
    if (c.total <= 0) return;
    // Leave the cell itself out of its own expectation (it is already out when excluded).
    const self = excluded.has(index) ? { n: 0, x: 0 } : { n: c.total, x: c.events };
    const r = rowT.get(c.row) ?? { n: 0, x: 0 };
    const k = colT.get(c.col) ?? { n: 0, x: 0 };
    const rowN = r.n - self.n;
    const colN = k.n - self.n;
    const restN = N - r.n - k.n + self.n;
    // Without both a row elsewhere and peers in this column there is nothing to compare with.
    if (rowN <= 0 || colN <= 0 || restN <= 0) return;
    const restRate = smoothedRate(X - r.x - k.x + self.x, restN);
    // Row and column rates are shrunk towards the rest of the table with the weight of PRIOR
    // contacts: a column with few contacts and no events says little about the hour, and must not
    // look like a strong "better hour" next to a near-zero rest (that would inflate expectations).
    // The prior is worth PRIOR contacts, and at least PRIOR_EVENTS events at the rest's rate, so
    // a row with one event in two hundred is not read as a rate five times below everyone else's.
    const prior = Math.max(PRIOR, PRIOR_EVENTS / restRate);
    const baseRate = (r.x - self.x + prior * restRate) / (rowN + prior);
    const peerRate = (k.x - self.x + prior * restRate) / (colN + prior);
    // The row's and the column's effects (log-odds against the rest) are shrunk towards none by
    // how far such effects really spread in this table (empirical Bayes): a column measured on a
    // few peers that happen to have a quiet hour must not pull a cell's expectation down when
    // hours do not really differ, while a real congested hour, well measured, keeps its effect.
    const restX = X - r.x - k.x + self.x;
    const rowVar = logitVar(r.x - self.x + prior * restRate, rowN + prior);
    const colVar = logitVar(k.x - self.x + prior * restRate, colN + prior);
    const bRow = tauRow === Infinity ? 1 : tauRow / (tauRow + rowVar);
    const bCol = tauCol === Infinity ? 1 : tauCol / (tauCol + colVar);
    const logOdds = Math.log(odds(restRate)) + bRow * Math.log(odds(baseRate) / odds(restRate)) + bCol * Math.log(odds(peerRate) / odds(restRate));
    const rate = Math.min(0.999, prob(Math.exp(logOdds)));
    // How sure the expectation is: the variance of its log-odds is the sum of the variances of
    // the three estimated log-odds (delta method; a shrunk effect keeps its posterior share),
    // turned into a Beta with that spread.
    const v = bRow * rowVar + bCol * colVar + logitVar(restX, restN);
    const concentration = Math.max(1, 1 / (rate * (1 - rate) * v) - 1);
    pre.push({ ...c, index, expected: rate * c.total, baseRate, peerRate, concentration });
  });
  const clean = pre.filter((c) => !excluded.has(c.index) && c.expected >= 1 && c.total - c.expected >= 1);
  const phi = plainBinomial ? 1 : dispersion(clean.map((c) => ({ observed: c.events, expected: c.expected, total: c.total, concentration: c.concentration })));
  const scored = pre
    .filter((c) => c.total >= o.minContacts)
    .map((c) => {
      const rate = c.expected / c.total;
      const pValue = plainBinomial
        ? binomialUpperTail(c.events, c.total, rate)
        : betaBinomialUpperTail(c.events / phi, c.total / phi, rate * c.concentration, (1 - rate) * c.concentration);
      return { ...c, pValue };
    });
  return { scored, dispersion: phi };
}

/**
 * Expected rate and p-value of every cell of one table (rows × columns), with the dispersion used.
 * Cells that stand out are taken out of the margins and everything is scored again (a trimmed
 * fit, at most a few rounds): otherwise one strong anomaly — an agent letting most calls of a
 * segment ring out — would raise the "rest of the table" and make everybody else look bad.
 */
export function scoreCells(cells: readonly CellCount[], o: DetectOptions, shape: TableShape = {}): { scored: ScoredCell[]; dispersion: number } {
  // First the extreme outliers, judged as plain binomials: left in, they would also inflate the
  // dispersion estimate and hide themselves.
  const first = scorePass(cells, new Set(), { ...o, minContacts: 1 }, shape, true);
  const extreme = new Set(first.scored.filter((c) => c.pValue < EXTREME_P && c.events >= o.minRatio * c.expected).map((c) => c.index));
  let excluded = extreme;
  let pass = scorePass(cells, excluded, o, shape);
  for (let round = 0; round < 4; round++) {
    const q = benjaminiHochberg(pass.scored.map((c) => c.pValue));
    const next = new Set([...extreme, ...pass.scored.filter((c, i) => q[i]! <= o.fdr && c.events >= o.minRatio * c.expected).map((c) => c.index)]);
    if (next.size === excluded.size && [...next].every((i) => excluded.has(i))) break;
    excluded = next;
    pass = scorePass(cells, excluded, o, shape);
  }
  return { scored: pass.scored.map(({ index: _index, ...c }) => c), dispersion: pass.dispersion };
}

/**
 * Benjamini–Hochberg over every cell of every table of one kind (the family is all cells tested),
 * then the support and effect-size guards. Each table carries an equal share of the family's
 * weight (weighted BH): a table of 50 recurring hour cells is not drowned by a table of 1,500
 * date-hours, and the false-discovery rate of the whole family stays at `fdr`. `weight` is the
 * cell's: it is a discovery when p / weight ≤ fdr · R / m.
 */
export function decide<T extends ScoredCell>(tables: readonly (readonly T[])[], o: DetectOptions): (T & { qValue: number; weight: number; flagged: boolean })[][] {
  const all = tables.flat();
  const used = tables.filter((t) => t.length > 0).length;
  const weightOf = tables.map((t) => (t.length ? all.length / (used * t.length) : 1));
  const weights = tables.flatMap((t, k) => t.map(() => weightOf[k]!));
  const q = benjaminiHochberg(
    all.map((c) => c.pValue),
    weights,
  );
  let i = 0;
  return tables.map((t, k) =>
    t.map((c) => {
      const qValue = q[i++]!;
      // A flag needs a discovery, a few events and a real effect: three separate guards.
      return { ...c, qValue, weight: weightOf[k]!, flagged: qValue <= o.fdr && c.events >= 3 && c.events >= o.minRatio * c.expected };
    }),
  );
}

/** p-value of a merged group of cells (e.g. adjacent hours), on the same dispersion. */
export function pooledPValue(events: number, total: number, expected: number, phi: number, concentration = Infinity): number {
  const rate = Math.min(0.999, expected / total);
  if (!Number.isFinite(concentration)) return binomialUpperTail(events / phi, total / phi, rate);
  return betaBinomialUpperTail(events / phi, total / phi, rate * concentration, (1 - rate) * concentration);
}
